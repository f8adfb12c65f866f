#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "shared.h"

struct s4 g_s4(int a) { struct s4 r = { a }; return r; }
struct s8 g_s8(int a, int b) { struct s8 r = { a, b }; return r; }
struct s12 g_s12(int a) { struct s12 r = { a, a + 1, a + 2 }; return r; }
struct s16 g_s16(long a) { struct s16 r = { a, -a }; return r; }
struct s3 g_s3(char c) { struct s3 r = { { c, c + 1, c + 2 } }; return r; }
struct s24 g_s24(long a) { struct s24 r = { a, a * 2, a * 3 }; return r; }
struct s40 g_s40(const char *name, long v) { struct s40 r; memset(&r, 0, sizeof r); strncpy(r.name, name, 31); r.v = v; return r; }
long g_take(struct s4 a, struct s8 b, struct s12 c, struct s16 d, struct s3 e, struct s24 f, struct s40 g)
{
	return a.a + b.a * 10 + b.b * 100 + c.c * 1000 + d.b * 10000 + e.c[2] + f.c * 100000 + g.v + g.name[0];
}
long g_many(long a, long b, long c, long d, long e, struct s16 f, long g, struct s24 h, char i, short j)
{
	return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f.a + 7 * f.b + 8 * g + 9 * h.a + 10 * h.c + 11 * i + 12 * j;
}
long g_vsum(int n, ...)
{
	va_list ap;
	long s = 0;
	va_start(ap, n);
	while (n--)
		s += va_arg(ap, long);
	va_end(ap);
	return s;
}
/* Built with -O2: the upper bits of narrow return values are whatever the instructions left. */
signed char g_char(int v) { return (signed char)(v * 3); }
unsigned short g_ushort(int v) { return (unsigned short)(v * 7); }
_Bool g_bool(int v) { return v > 10; }
long g_callback(long (*cb)(struct s12, struct s24, long), long x)
{
	struct s12 a = { 1, 2, 3 };
	struct s24 b = { 4, 5, 6 };
	struct s12 k = k_s12(7, 8, 9);
	struct s24 k2 = k_s24(x);
	struct s3 t = { { 'x', 'y', 'z' } };
	struct s16 u = { 11, 12 };
	struct s40 w;
	memset(&w, 0, sizeof w);
	strcpy(w.name, "from gcc");
	w.v = 13;
	return cb(a, b, x) + k.a + k.b + k.c + k2.c + k_vsum(4, 1L, 2L, 3L, 4L) + k_take(t, u, w, 14);
}
long g_vformat(char *buf, unsigned long size, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
