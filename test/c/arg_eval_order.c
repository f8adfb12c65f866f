/* gcc -O0 on x86-64 evaluates call arguments right to left; students compare against it. */
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>

static int counter;
static int trace(const char *name, int v)
{
	printf("eval %s\n", name);
	counter += v;
	return v;
}
static int bump(void) { return ++counter; }
static int sum3(int a, int b, int c) { return a * 100 + b * 10 + c; }
static long sum8(long a, long b, long c, long d, long e, long f, long g, long h)
{
	return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h;
}
struct big { long x, y, z; };
static struct big mk(const char *name, long v)
{
	struct big b = { v, v + 1, v + 2 };
	printf("make %s\n", name);
	return b;
}
static long take_big(struct big b, int k, struct big c) { return b.x + b.z + k * 1000 + c.y; }
static int fail_errno(void) { errno = 42; return -1; }
static int (*pick(const char *why))(int, int, int)
{
	printf("pick %s\n", why);
	return sum3;
}

static int twice(int a, int b, int c) { return (a + b + c) * 2; }
static int (*gfp)(int, int, int) = sum3;
static int switch_fp(void) { gfp = twice; return 1; }
static int set_through(int *p, int v) { *p = v; return v; }
struct pair { int a, b; };
static struct pair mkpair(int a) { struct pair p = { a, a * 2 }; printf("pair %d\n", a); return p; }
static int take_pair(struct pair p, int k, struct pair q) { return p.a + p.b * 10 + k * 100 + q.b * 1000; }
static long widen(long a, long b) { return a * 1000 + b; }

int main(void)
{
	int i = 5;
	int x = 1;
	printf("%d %d %d\n", trace("a", 1), trace("b", 2), trace("c", 3));
	printf("%d %d\n", bump(), counter);
	printf("%d %d\n", counter, bump());
	printf("%d %d %d\n", i++, i++, i);
	printf("%d %d\n", x, x += 10);
	printf("%d %d\n", fail_errno(), errno);
	printf("%d\n", sum3(trace("p", 1), sum3(trace("q", 2), trace("r", 3), bump()), counter));
	printf("%ld\n", sum8(trace("1", 1), trace("2", 2), trace("3", 3), trace("4", 4),
			       trace("5", 5), trace("6", 6), trace("7", 7), trace("8", 8)));
	printf("%ld\n", take_big(mk("first", 1), trace("k", 3), mk("second", 10)));
	printf("%d\n", pick("callee")(trace("x", 1), bump(), counter));
	{
		int n = 0;
		int arr[4] = { 10, 20, 30, 40 };
		printf("%d %d %d\n", arr[n++], arr[n++], n);
		printf("%d %d\n", n, arr[--n]);
	}
	printf("%d\n", gfp(switch_fp(), 2, 3));
	{
		int y = 3;
		int z = 4;
		short sh = 7;
		int *py = &y;
		printf("%d %d\n", set_through(&y, 9), y);
		printf("%d %d\n", set_through(py, 11), *py);
		printf("%d %d\n", z++, z);
		printf("%ld\n", widen(z++, z));
		printf("%ld\n", widen(sh++, sh));
		printf("%d\n", take_pair(mkpair(1), trace("m", 2), mkpair(3)));
	}
	return counter % 256;
}
