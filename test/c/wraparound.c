#include <stdio.h>
int main(void)
{
	signed char sc = 127;
	short s = 32767;
	int i = 2147483647;
	long l = 9223372036854775807L;
	unsigned long ul = 0;
	sc++;
	s++;
	printf("%d %d\n", sc, s);
	printf("%d\n", (int)((unsigned)i + 1u));
	printf("%ld\n", (long)((unsigned long)l + 1));
	ul--;
	printf("%lu\n", ul);
	printf("%d %d\n", (signed char)200, (short)70000);
	printf("%u %lu\n", (unsigned)(unsigned char)-1, (unsigned long)(unsigned short)-1);
	printf("%ld %ld\n", (long)(int)0x80000000u, (long)(unsigned)0x80000000u);
	printf("%d\n", (int)(char)(0x1234 + 0x70));
	return 0;
}
