#include <stdio.h>
static inline int sq(int x) { return x * x; }
static __inline__ int cube(int x) { return x * sq(x); }
static inline int never_used(int x) { return undefined_symbol_if_emitted(x); }
int main(void)
{
	const int c = 5;
	volatile int v = 6;
	register int r = 7;
	const char *const s = "const";
	int *__restrict rp = (int *)&v;
	__volatile__ int vv = 1;
	printf("%d %d %d %s %d %d %d\n", c, v, r, s, *rp, cube(3), vv);
	return 0;
}
