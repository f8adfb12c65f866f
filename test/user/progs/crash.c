#include "rt.h"
/* Dies the way argv[1] says: segv, ud2, div0, int3, abort, exit code, or stack growth then exit. */
static int deep(int n) { volatile char pad[4000]; pad[0] = (char)n; return n ? deep(n - 1) + pad[0] : 0; }
int main(int argc, char **argv, char **envp)
{
	char c = argc > 1 ? argv[1][0] : 'x';
	volatile int zero = 0;
	puts_("before\n");
	switch (c) {
	case 's': *(volatile int *)16 = 1; break;
	case 'u': __asm__ volatile("ud2"); break;
	case 'd': putd(10 / zero); break;
	case 'b': __asm__ volatile("int3"); break;
	case 'a': sys2(62, sys0(39), 6); break;
	case 'g': putd(deep(1000)); nl(); return 3;
	case 'k': __asm__ volatile("mov %%rax, %%cr3" ::: "memory"); break;
	}
	puts_("after\n");
	return 9;
}
