#include <stdio.h>
struct reg {
	int kind;
	union {
		struct { unsigned short lo, hi; };
		unsigned int full;
	};
	struct { int x; int y; };
};
int main(void)
{
	struct reg r = { .kind = 1, .full = 0x00020001, .y = 9 };
	printf("%d %d %d %u %d %d\n", r.kind, r.lo, r.hi, r.full, r.x, r.y);
	r.hi = 7;
	printf("%x\n", r.full);
	printf("%d\n", (int)sizeof r);
	return 0;
}
