/* GNU asm immediate operands: "i" and "n" take any integer constant expression, and "i" also a
 * link-time constant address (&sym, arr + 1, a function), as in arch/x86/kernel/asm-offsets. */
#include <stdio.h>
#include <stddef.h>

struct rec { char tag; long value; int more[3]; };
enum { BASE = 10, NEXT = BASE * 3 + 2 };
static long table[6];
long counter = 41;
int numbers[4] = { 5, 6, 7, 8 };

#define IMM(x) ({ long r_; asm("movq %1, %0" : "=r"(r_) : "i"(x)); r_; })
#define NIMM(x) ({ long r_; asm("movq %1, %0" : "=r"(r_) : "n"(x)); r_; })
#define DEFINE(sym, val) asm volatile("\n.ascii \"->" #sym " %0 " #val "\"" : : "i" (val))

static void emit_offsets(void)
{
	/* never called: only assembled, as asm-offsets does with -S */
	DEFINE(rec_value, offsetof(struct rec, value));
	DEFINE(table_max, sizeof(table) - 1);
}

int main(void)
{
	long *p;
	int *q;
	void (*fn)(void);
	printf("%ld\n", IMM(3 + 4));
	printf("%ld\n", IMM(sizeof(table) - 1));
	printf("%ld\n", NIMM(offsetof(struct rec, more)));
	printf("%ld\n", NIMM(offsetof(struct rec, more[2])));
	printf("%ld\n", IMM(NEXT - BASE));
	printf("%ld\n", IMM((char)300));
	printf("%ld\n", IMM(-5 * 3));
	printf("%ld\n", IMM((int)sizeof(struct rec) << 2));
	printf("%ld\n", IMM(BASE > 5 ? 100 : 200));
	printf("%ld\n", NIMM(~0));
	asm("movq %1, %0" : "=r"(p) : "i"(&counter));
	printf("%ld\n", *p);
	asm("movq %1, %0" : "=r"(q) : "i"(&numbers[2]));
	printf("%d\n", *q);
	asm("movq %1, %0" : "=r"(q) : "i"(numbers + 1));
	printf("%d\n", *q);
	asm("leaq %c1, %0" : "=r"(q) : "i"(numbers + 3));
	printf("%d\n", *q);
	asm("movq %1, %0" : "=r"(fn) : "i"(emit_offsets));
	printf("%d\n", fn == emit_offsets);
	return (int)IMM(sizeof(long) * 2 + 1);
}
