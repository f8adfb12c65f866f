/* strtol and friends: bases, prefixes, signs, space, overflow, endptr and errno. */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>

static const char *inputs[] = { "0", "42", "-42", "+42", "   \t\n 17xyz", "0x1f", "0X1F", "0x", "0xg", "-0x10", "010", "08", "0b101",
	"z", "Zz", "", "   ", "-", "+", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
	"-9223372036854775809", "18446744073709551615", "18446744073709551616", "-18446744073709551615",
	"99999999999999999999999", "-1", "  -  1", "1e5", "0777", "0x7fffffffffffffff", "0xffffffffffffffffff",
	"2147483647", "2147483648", "-2147483649", "4294967296", "07", "0", "0x0" };
static const int bases[] = { 0, 2, 8, 10, 16, 36, 1, 37, -1 };

int main(void)
{
	unsigned i, j;
	char *end;
	long l;
	unsigned long ul;
	long long ll;
	unsigned long long ull;

	for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
		for (j = 0; j < sizeof bases / sizeof bases[0]; j++) {
			errno = 0;
			l = strtol(inputs[i], &end, bases[j]);
			printf("strtol(\"%s\",%d) = %ld end+%d errno %d\n", inputs[i], bases[j], l, (int)(end - inputs[i]), errno);
			errno = 0;
			ul = strtoul(inputs[i], &end, bases[j]);
			printf("strtoul(\"%s\",%d) = %lu end+%d errno %d\n", inputs[i], bases[j], ul, (int)(end - inputs[i]), errno);
			errno = 0;
			ll = strtoll(inputs[i], &end, bases[j]);
			ull = strtoull(inputs[i], 0, bases[j]);
			printf("strtoll = %lld strtoull = %llu end+%d errno %d\n", ll, ull, (int)(end - inputs[i]), errno);
		}
	for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
		printf("atoi(\"%s\") = %d atol = %ld atoll = %lld\n", inputs[i], atoi(inputs[i]), atol(inputs[i]), atoll(inputs[i]));
	printf("%d %ld %lld\n", abs(-5), labs(-6L), llabs(-7LL));
	{
		div_t d = div(-7, 2);
		ldiv_t e = ldiv(7L, -2L);
		printf("%d %d %ld %ld\n", d.quot, d.rem, e.quot, e.rem);
	}
	return 0;
}
