#include <stdio.h>
struct small { int a; };
struct two { long a, b; };
struct odd { char c[12]; };
struct big { long v[5]; };
static struct small mk_small(int a) { struct small s = { a }; return s; }
static struct two mk_two(long a, long b) { struct two t; t.a = a; t.b = b; return t; }
static struct odd mk_odd(char c) { struct odd o; for (int i = 0; i < 12; i++) o.c[i] = c + i; return o; }
static struct big mk_big(long x) { struct big b; for (int i = 0; i < 5; i++) b.v[i] = x * i; return b; }
static long sum_two(struct two t) { return t.a + t.b; }
static long sum_big(struct big b) { return b.v[0] + b.v[1] + b.v[2] + b.v[3] + b.v[4]; }
static int sum_odd(struct odd o) { int s = 0; for (int i = 0; i < 12; i++) s += o.c[i]; return s; }
static long many(long a, long b, long c, long d, long e, struct two t, struct big g, long f) { return a + b + c + d + e + t.a * 100 + t.b * 1000 + g.v[4] + f; }
int main(void)
{
	struct big b = mk_big(3);
	printf("%d %ld %ld\n", mk_small(5).a, mk_two(1, 2).b, sum_two(mk_two(10, 20)));
	printf("%d %ld %ld\n", mk_odd('a').c[11], b.v[4], sum_big(b));
	printf("%d\n", sum_odd(mk_odd(1)));
	printf("%ld\n", many(1, 2, 3, 4, 5, mk_two(6, 7), b, 8));
	return 0;
}
