#include <stdio.h>
int main(void)
{
	unsigned int u = 0xffffffffu;
	unsigned long ul = 0xffffffffffffffffUL;
	unsigned short us = 65535;
	unsigned char uc = 255;
	printf("%u %u %u\n", u + 1, u * u, u / 7);
	printf("%lu %lu %lu\n", ul + 2, ul / 3, ul % 1000);
	us++;
	uc += 2;
	printf("%d %d\n", us, uc);
	printf("%u %u\n", u >> 31, (u << 4) >> 4);
	printf("%lu\n", ul >> 1);
	printf("%d %d\n", 3u > -1, (unsigned char)-1 > 0);
	printf("%u\n", (unsigned)-5 % 7);
	return 0;
}
