#include <stdio.h>
int main(void)
{
	unsigned char a = 200, b = 100;
	signed char sc = -1;
	unsigned short us = 65535;
	short s = -2;
	printf("%d %d\n", a + b, (unsigned char)(a + b));
	printf("%d %d\n", sc < 1u, us * us > 0);
	printf("%d %d\n", ~a, -us);
	printf("%ld %lu\n", s * 100000L, (unsigned long)sc);
	printf("%d\n", a << 24 < 0);
	printf("%u\n", (unsigned)(us << 16));
	printf("%d\n", (a - b) > 0 && (b - a) < 0);
	return 0;
}
