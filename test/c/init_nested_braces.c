#include <stdio.h>
struct p { int x, y; };
struct line { struct p a, b; };
struct line lines[] = { { { 1, 2 }, { 3, 4 } }, { 5, 6, 7, 8 }, { { 9 } } };
int m[2][3] = { 1, 2, 3, 4, 5 };
int main(void)
{
	struct line l = { 1, 2, { 3 } };
	int lm[2][2] = { { 1 }, { 2, 3 } };
	printf("%d %d %d %d\n", (int)(sizeof lines / sizeof lines[0]), lines[1].b.x, lines[2].a.x, lines[2].b.y);
	printf("%d %d %d\n", m[1][1], m[1][2], m[0][2]);
	printf("%d %d %d %d\n", l.b.x, l.b.y, lm[0][1], lm[1][1]);
	return 0;
}
