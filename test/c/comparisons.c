#include <stdio.h>
int main(void)
{
	int a = -1;
	unsigned b = 1;
	long c = -1;
	printf("%d %d %d %d %d %d\n", 1 < 2, 2 < 1, 2 <= 2, 3 >= 4, 5 == 5, 5 != 5);
	printf("%d %d\n", a < b, c < b);
	printf("%d %d\n", (unsigned char)200 > (signed char)-1, (short)-1 < (unsigned short)1);
	printf("%d\n", -1L < 1UL);
	printf("%d %d\n", !0, !!7);
	return 0;
}
