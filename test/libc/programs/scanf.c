/* sscanf over many formats and inputs (counts and stored values), and scanf from stdin. */
#include <stdio.h>
#include <string.h>

static void ints(const char *fmt, const char *in)
{
	int a = -7, b = -7, c = -7, r;

	r = sscanf(in, fmt, &a, &b, &c);
	printf("sscanf(\"%s\", \"%s\") = %d: %d %d %d\n", in, fmt, r, a, b, c);
}

int main(void)
{
	long l = 0;
	unsigned long ul = 0;
	long long ll = 0;
	unsigned u = 0;
	short h = 0;
	signed char hh = 0;
	char s1[32], s2[32], ch[4];
	void *p = 0;
	int a = 0, b = 0, n = 0, m = 0, r;

	ints("%d %d %d", "1 2 3");
	ints("%d %d %d", "  -4\t+5\n6");
	ints("%d,%d,%d", "7,8,9");
	ints("%d,%d,%d", "7, 8 ,9");
	ints("%d %d %d", "10 x 12");
	ints("%d %d %d", "");
	ints("%d %d %d", "   ");
	ints("%d %d %d", "13");
	ints("%i %i %i", "0x1f 017 -0X10");
	ints("%x %X %o", "ff FF 777");
	ints("%x %x %x", "0x 0xg 12");
	ints("%2d%2d%d", "123456");
	ints("%*d %d %d", "1 2 3");
	ints("%d%%%d", "5%6");
	ints("%d %% %d", "5 % 6");
	ints("a%db%dc%d", "a1b2c3");
	ints("a%db%dc%d", "a1x2c3");
	ints("%u %d %d", "-1 2147483648 -2147483649");
	ints("%d %d %d", "99999999999999999999 1 2");
	ints("%d %d %d", "- 1 2");
	ints("%d %d %d", "+-1 2 3");
	ints("%3i %i %i", "0x12 3 4");
	r = sscanf("9223372036854775807 18446744073709551615 -9223372036854775808", "%ld %lu %lld", &l, &ul, &ll);
	printf("%d %ld %lu %lld\n", r, l, ul, ll);
	r = sscanf("70000 300 4294967295", "%hd %hhd %u", &h, &hh, &u);
	printf("%d %d %d %u\n", r, h, hh, u);
	r = sscanf("hello world  again", "%s %5s", s1, s2);
	printf("%d [%s] [%s]\n", r, s1, s2);
	r = sscanf("ab c", "%c%c%c%c", &ch[0], &ch[1], &ch[2], &ch[3]);
	printf("%d %c%c%c%c\n", r, ch[0], ch[1], ch[2], ch[3]);
	r = sscanf("xyz", "%2c", ch);
	printf("%d %c%c\n", r, ch[0], ch[1]);
	r = sscanf("key=value;rest", "%[^=]=%[a-z];%n", s1, s2, &n);
	printf("%d [%s] [%s] %d\n", r, s1, s2, n);
	r = sscanf("]]]abc", "%[]]%s", s1, s2);
	printf("%d [%s] [%s]\n", r, s1, s2);
	r = sscanf("abc123", "%[0-9]", s1);
	printf("%d\n", r);
	r = sscanf("  12  34", "%d%n %n%d", &a, &n, &m, &b);
	printf("%d %d %d %d %d\n", r, a, n, m, b);
	r = sscanf("0x400000", "%p", &p);
	printf("%d %p\n", r, p);
	r = sscanf("1.5 2", "%d.%d", &a, &b);
	printf("%d %d %d\n", r, a, b);
	r = sscanf("", "%n", &n);
	printf("%d %d\n", r, n);
	r = sscanf("abc", "abd");
	printf("%d\n", r);
	r = sscanf("", "abc");
	printf("%d\n", r);
	while ((r = scanf("%d", &a)) == 1)
		printf("read %d\n", a);
	printf("scanf stopped with %d\n", r);
	r = scanf("%31s", s1);
	printf("then %d [%s]\n", r, s1);
	r = scanf("%d", &a);
	printf("at end %d\n", r);
	return 0;
}
