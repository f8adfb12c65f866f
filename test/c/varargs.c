#include <stdio.h>
#include <stdarg.h>
struct pt { long x, y; };
static long sum(int n, ...)
{
	va_list ap;
	long s = 0;
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		s += va_arg(ap, long);
	va_end(ap);
	return s;
}
static int mixed(const char *fmt, ...)
{
	va_list ap, copy;
	int total = 0;
	va_start(ap, fmt);
	va_copy(copy, ap);
	for (const char *p = fmt; *p; p++) {
		if (*p == 'i')
			total += va_arg(ap, int);
		else if (*p == 'c')
			total += (char)va_arg(ap, int);
		else if (*p == 's')
			total += (int)sizeof(va_arg(ap, char *)) + va_arg(copy, int) * 0;
		else if (*p == 'p') {
			struct pt q = va_arg(ap, struct pt);
			total += (int)(q.x * 10 + q.y);
		}
	}
	va_end(copy);
	va_end(ap);
	return total;
}
static void vprint(const char *fmt, va_list ap) { vprintf(fmt, ap); }
static void print(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
}
int main(void)
{
	struct pt p = { 4, 2 };
	printf("%ld\n", sum(10, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L));
	printf("%d\n", mixed("iicpi", 1, 2, 'A', p, 100));
	print("%s %d %ld %c %s %d %d %d\n", "many", 1, 2L, 'x', "args", 6, 7, 8);
	return 0;
}
