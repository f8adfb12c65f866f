#include <stdio.h>
static long widen_c(signed char c) { return c; }
static unsigned long widen_uc(unsigned char c) { return c; }
static long widen_s(short s) { return s; }
static long widen_i(int i) { return i; }
static unsigned long widen_u(unsigned u) { return u; }
int main(void)
{
	char buf[4] = { (char)0x80, (char)0xff, 0x7f, 0 };
	printf("%ld %lu %ld %ld %lu\n", widen_c(-3), widen_uc(250), widen_s(-300), widen_i(-5), widen_u(4000000000u));
	printf("%d %d %d\n", buf[0], buf[1], buf[2]);
	printf("%d %d\n", (unsigned char)buf[0], (unsigned char)buf[1]);
	printf("%ld\n", (long)buf[1] * 2);
	{
		int x = -1;
		unsigned long y = x;
		long z = (unsigned)x;
		printf("%lu %ld\n", y, z);
	}
	return 0;
}
