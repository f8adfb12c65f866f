#include <stdio.h>
static int inc(int x) { return x + 1; }
static int dbl(int x) { return x * 2; }
static int apply(int (*f)(int), int v) { return f(v); }
static int (*pick(int which))(int) { return which ? dbl : inc; }
struct ops { int (*fn)(int); const char *name; };
int main(void)
{
	int (*table[])(int) = { inc, dbl, inc };
	struct ops o[2] = { { inc, "inc" }, { dbl, "dbl" } };
	int v = 1;
	for (int i = 0; i < 3; i++)
		v = table[i](v);
	printf("%d %d %d\n", v, apply(dbl, 21), pick(1)(pick(0)(4)));
	for (int i = 0; i < 2; i++)
		printf("%s=%d ", o[i].name, o[i].fn(10));
	printf("\n%d\n", (*inc)(5));
	return 0;
}
