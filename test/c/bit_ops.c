#include <stdio.h>
static int popcount(unsigned long v) { int n = 0; while (v) { v &= v - 1; n++; } return n; }
static unsigned rotl(unsigned v, int s) { return (v << s) | (v >> (32 - s)); }
int main(void)
{
	unsigned long flags = 0;
	flags |= 1UL << 63;
	flags |= 1UL << 5;
	printf("%d %lx %d\n", popcount(flags), flags & ~(1UL << 5), !!(flags & (1UL << 63)));
	printf("%x %x\n", rotl(0x80000001u, 1), rotl(0x12345678u, 8));
	printf("%ld %ld\n", -16L >> 2, (long)((unsigned long)-16L >> 60));
	printf("%d\n", (0xf0 ^ 0xff) | (0x3 & 0x6));
	return 0;
}
