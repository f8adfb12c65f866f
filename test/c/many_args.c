#include <stdio.h>
static long f8(long a, long b, long c, long d, long e, long f, long g, long h) { return a - b + c - d + e - f + g * h; }
static int f10(char a, short b, int c, long d, unsigned char e, unsigned short f, unsigned g, unsigned long h, int i, char j)
{
	return a + b + c + (int)d + e + f + (int)g + (int)h + i + j;
}
int main(void)
{
	printf("%ld\n", f8(1, 2, 3, 4, 5, 6, 7, 8));
	printf("%d\n", f10(-1, -2, -3, -4, 250, 65000, 7, 8, 9, -10));
	printf("%d %d %d %d %d %d %d %d %d\n", 1, 2, 3, 4, 5, 6, 7, 8, 9);
	return 0;
}
