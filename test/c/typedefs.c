#include <stdio.h>
typedef unsigned long u64;
typedef int (*binop)(int, int);
typedef struct { int x, y; } point;
typedef point points[3];
typedef char name_t[8];
static int add(int a, int b) { return a + b; }
int main(void)
{
	u64 big = ~0UL;
	binop op = add;
	points ps = { { 1, 2 }, { 3, 4 }, { 5, 6 } };
	name_t n = "kwb";
	printf("%lu %d %d %s %d\n", big, op(2, 3), ps[2].y, n, (int)sizeof(points));
	{
		typedef int u64;
		u64 shadow = -1;
		printf("%d\n", shadow);
	}
	return 0;
}
