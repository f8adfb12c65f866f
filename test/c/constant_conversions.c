#include <stdio.h>
int main(void)
{
	long a = (long)(unsigned)-1;
	unsigned long b = (unsigned)-2;
	long c;
	unsigned char d;
	short e;
	c = (unsigned short)-1;
	d = 511;
	e = (short)40000;
	a += (unsigned)-1;
	b -= (unsigned char)-1;
	printf("%ld %lu %ld %d %d\n", a, b, c, d, e);
	printf("%d %ld\n", (int)(a == 8589934590L), (long)(b + (unsigned)-1));
	return 0;
}
