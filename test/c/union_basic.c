#include <stdio.h>
union value { long l; int i[2]; unsigned char b[8]; };
int main(void)
{
	union value v;
	v.l = 0x0102030405060708L;
	printf("%d %d %x %x\n", v.b[0], v.b[7], v.i[0], v.i[1]);
	printf("%d\n", (int)sizeof v);
	{
		union value w = { .i = { 1, 2 } };
		printf("%lx\n", w.l);
	}
	return 0;
}
