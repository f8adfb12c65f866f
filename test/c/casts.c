#include <stdio.h>
int main(void)
{
	long l = 0x123456789L;
	int i = (int)l;
	short s = (short)l;
	char c = (char)l;
	unsigned char uc = (unsigned char)-2;
	void *v = (void *)l;
	printf("%d %d %d %d\n", i, s, c, uc);
	printf("%lx\n", (long)v);
	printf("%d %d\n", (int)(_Bool)0 == 0, (_Bool)256);
	printf("%ld %lu\n", (long)-1, (unsigned long)(int)-1);
	printf("%d\n", (int)(unsigned short)(short)-1);
	return 0;
}
