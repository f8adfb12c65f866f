#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "shared.h"

struct s12 k_s12(int a, int b, int c) { struct s12 r = { a, b, c }; return r; }
struct s24 k_s24(long a) { struct s24 r = { a, a + 1, a + 2 }; return r; }
long k_vsum(int n, ...)
{
	va_list ap;
	long s = 0;
	va_start(ap, n);
	while (n--)
		s += va_arg(ap, long) * 10;
	va_end(ap);
	return s;
}
long k_take(struct s3 a, struct s16 b, struct s40 c, long d)
{
	printf("k_take: %c%c%c %ld %ld %s %ld %ld\n", a.c[0], a.c[1], a.c[2], b.a, b.b, c.name, c.v, d);
	return a.c[2] + b.b + c.v + d;
}
static long cb(struct s12 a, struct s24 b, long x) { return a.a + a.c * 10 + b.c * 100 + x * 1000; }
static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

int main(void)
{
	struct s4 a = g_s4(1);
	struct s8 b = g_s8(2, 3);
	struct s12 c = g_s12(4);
	struct s16 d = g_s16(5);
	struct s3 e = g_s3('a');
	struct s24 f = g_s24(6);
	struct s40 g = g_s40("forty", 7);
	char buf[64];
	int arr[6] = { 5, 3, 9, 1, 7, 2 };
	printf("%d %d %d %d %ld %ld %c%c%c %ld %ld %s %ld\n", a.a, b.a, b.b, c.c, d.a, d.b, e.c[0], e.c[1], e.c[2], f.a, f.c, g.name, g.v);
	printf("%ld\n", g_take(a, b, c, d, e, f, g));
	printf("%ld\n", g_many(1, 2, 3, 4, 5, d, 6, f, 'z', -2));
	printf("%ld %ld\n", g_vsum(8, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), g_vsum(0));
	printf("%d %d %d %d\n", g_char(50), g_ushort(10000), g_bool(11), g_bool(3) + 5);
	printf("%ld\n", g_callback(cb, 9));
	printf("%ld [%s]\n", g_vformat(buf, sizeof buf, "%s-%d-%ld-%c-%x", "fmt", -3, 1L << 40, 'q', 255), buf);
	qsort(arr, 6, sizeof arr[0], cmp);
	for (int i = 0; i < 6; i++)
		printf("%d ", arr[i]);
	printf("\n");
	return 0;
}
