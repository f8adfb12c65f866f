#include <stdio.h>
struct cfg { int a; const char *name; int arr[4]; struct { int x, y; } pos; };
struct cfg g = { .name = "global", .pos.y = 3, .arr[2] = 9, .a = 1 };
int sparse[10] = { [3] = 3, [7] = 7, 8, [1 ... 2] = 5 };
int main(void)
{
	struct cfg l = { .pos = { .x = 4 }, .arr = { [3] = 1, [0] = 2 } };
	printf("%d %s %d %d %d\n", g.a, g.name, g.arr[2], g.pos.y, g.pos.x);
	for (int i = 0; i < 10; i++)
		printf("%d ", sparse[i]);
	printf("\n%d %d %d %d %p\n", l.pos.x, l.arr[0], l.arr[3], l.a, (void *)l.name);
	return 0;
}
