#include <stdio.h>
int main(void)
{
	int a = 17, b = 5, c = -17;
	printf("%d %d %d %d %d\n", a + b, a - b, a * b, a / b, a % b);
	printf("%d %d %d %d\n", c / b, c % b, -c / -b, c % -b);
	printf("%d %d %d\n", a << 3, c >> 2, a & b | 8 ^ 3);
	printf("%d ", (a += 3));
	printf("%d ", (a -= 1));
	printf("%d ", (a *= 2));
	printf("%d ", (a /= 3));
	printf("%d ", (a %= 5));
	printf("%d ", (a <<= 4));
	printf("%d ", (a >>= 1));
	printf("%d ", (a |= 3));
	printf("%d ", (a &= 6));
	printf("%d\n", (a ^= 15));
	printf("%d\n", 1 + 2 * 3 - 4 / 2 % 3);
	return 0;
}
