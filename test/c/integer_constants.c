#include <stdio.h>
int main(void)
{
	printf("%d %d %d\n", (int)sizeof(2147483647), (int)sizeof(2147483648), (int)sizeof(0x7fffffff));
	printf("%d %d %d\n", (int)sizeof(0x80000000), (int)sizeof(0xffffffffffffffff), (int)sizeof(10u));
	printf("%d %d\n", 0x80000000 > 0, -1 < 0x80000000);
	printf("%d %d %d %d\n", 0777, 0x1F, 0b1011, 'A');
	printf("%lu %ld\n", 0xffffffffffffffffUL, -9223372036854775807L - 1);
	printf("%u\n", 4294967295u);
	printf("%d\n", -2147483648 < 0);
	return 0;
}
