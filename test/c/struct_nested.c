#include <stdio.h>
struct inner { int a, b; };
struct outer {
	struct inner in;
	struct { int x, y; } anon_typed;
	struct inner arr[2];
	union { int i; char c[4]; } u;
};
int main(void)
{
	struct outer o = { { 1, 2 }, { 3, 4 }, { { 5, 6 }, { 7, 8 } }, { 0x41424344 } };
	printf("%d %d %d %d %d\n", o.in.b, o.anon_typed.x, o.arr[1].a, o.arr[0].b, o.u.c[0]);
	o.arr[1] = o.in;
	printf("%d %d\n", o.arr[1].a, o.arr[1].b);
	printf("%d\n", (int)sizeof o);
	return 0;
}
