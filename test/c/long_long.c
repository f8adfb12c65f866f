#include <stdio.h>
int main(void)
{
	long long a = 1LL << 62;
	unsigned long long b = 18446744073709551615ULL;
	long long c = -9223372036854775807LL - 1;
	printf("%lld %llu %lld\n", a, b, c);
	printf("%lld %lld\n", a / 3, a % 1000007);
	printf("%llu\n", b / 10);
	printf("%d\n", (int)sizeof(long long));
	printf("%lld\n", (long long)0x123456789abcdefLL * 16);
	return 0;
}
