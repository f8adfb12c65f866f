#include <stdio.h>
struct pair { char c; int i; };
struct mixed { char a; long b; short c; char d[3]; };
struct empty_tail { int n; char data[]; };
int main(void)
{
	struct pair p = { 'x', 42 };
	struct pair q;
	struct mixed m = { 1, 2, 3, { 4, 5, 6 } };
	q = p;
	q.i++;
	printf("%c %d %d\n", q.c, q.i, p.i);
	printf("%d %d %d\n", (int)sizeof(struct pair), (int)sizeof(struct mixed), (int)sizeof(struct empty_tail));
	printf("%ld %d %d\n", m.b, m.c, m.d[2]);
	{
		struct pair *pp = &p;
		pp->i = 7;
		(*pp).c = 'y';
		printf("%c %d\n", p.c, p.i);
	}
	return 0;
}
