#include <stdio.h>
#include <stdarg.h>
static long vsum(int n, va_list ap)
{
	long s = 0;
	while (n--)
		s += va_arg(ap, int);
	return s;
}
static long sum(int n, ...)
{
	va_list ap;
	long r;
	va_start(ap, n);
	r = vsum(n, ap);
	va_end(ap);
	return r;
}
static const char *pick(int which, ...)
{
	va_list ap;
	const char *s = 0;
	va_start(ap, which);
	for (int i = 0; i <= which; i++)
		s = va_arg(ap, const char *);
	va_end(ap);
	return s;
}
static long seven(long a, long b, long c, long d, long e, long f, long g, ...)
{
	va_list ap;
	long extra;
	va_start(ap, g);
	extra = va_arg(ap, long);
	va_end(ap);
	return a + b + c + d + e + f + g + extra * 100;
}
int main(void)
{
	printf("%ld %s %ld\n", sum(7, 1, 2, 3, 4, 5, 6, 7), pick(2, "a", "b", "c", "d"), seven(1, 2, 3, 4, 5, 6, 7, 8L));
	return 0;
}
