#include "rt.h"
/* The process environment as Linux builds it: stack layout, auxv, brk, uname, errors, isatty. */
struct utsname { char f[6][65]; };
static int streq(const char *a, const char *b) { while (*a && *a == *b) a++, b++; return *a == *b; }
int main(int argc, char **argv, char **envp)
{
	puts_("rsp%16 at _start: "); putd(start_rsp_mod16); nl();
	puts_("argc "); putd(argc); nl();
	for (int i = 0; i < argc; i++) { puts_("argv: "); puts_(i ? argv[i] : "(prog)"); nl(); }
	putd(argv[argc] == 0); nl();
	char **e = envp; int n = 0; while (*e++) n++;
	unsigned long *aux = (unsigned long *)e;
	int seen = 0; unsigned long pagesz = 0, phent = 0, random = 0, execfn = 0, entry = 0, phnum = 0;
	for (; aux[0]; aux += 2) {
		if (aux[0] == 6) pagesz = aux[1], seen |= 1;
		if (aux[0] == 4) phent = aux[1], seen |= 2;
		if (aux[0] == 25) random = aux[1], seen |= 4;
		if (aux[0] == 31) execfn = aux[1], seen |= 8;
		if (aux[0] == 9) entry = aux[1], seen |= 16;
		if (aux[0] == 5) phnum = aux[1], seen |= 32;
		if (aux[0] == 3) seen |= 64;
	}
	extern void _start(void);
	puts_("auxv "); putx(seen); puts_(" "); putd(pagesz); puts_(" "); putd(phent); puts_(" "); putd(entry == (unsigned long)_start); puts_(" "); putd(phnum > 0); nl();
	puts_("execfn matches argv[0]: "); putd(streq((char *)execfn, argv[0])); nl();
	puts_("random readable: "); putd(random != 0 && ((unsigned char *)random)[15] + 1 > 0); nl();
	unsigned long b0 = sys1(12, 0);
	unsigned long b1 = sys1(12, b0 + 10000);
	char *p = (char *)b0; p[0] = 1; p[9999] = 2;
	puts_("brk grows: "); putd(b1 == b0 + 10000); puts_(" "); putd(p[9999]); nl();
	puts_("brk below start refused: "); putd(sys1(12, 4096) == b1); nl();
	puts_("brk shrinks: "); putd(sys1(12, b0 + 100) == b0 + 100); nl();
	struct utsname u;
	puts_("uname: "); putd(sys1(63, &u)); puts_(" "); puts_(u.f[0]); puts_(" "); puts_(u.f[4]); nl();
	puts_("uname(NULL): "); putd(sys1(63, 0)); nl();
	puts_("write bad pointer: "); putd(sys3(1, 1, 8, 4)); nl();
	puts_("write kernel pointer: "); putd(sys3(1, 1, 0xffffffff81000000UL, 4)); nl();
	puts_("write bad fd: "); putd(sys3(1, 99, "x", 1)); nl();
	puts_("syscall 100000: "); putd(sys0(100000)); nl();
	puts_("getpid > 0: "); putd(sys0(39) > 0); puts_(" getppid > 0: "); putd(sys0(110) > 0); nl();
	puts_("uid matches euid: "); putd(sys0(102) == sys0(107)); nl();
	char termios[60];
	puts_("stdin tty ioctl: "); putd(sys3(16, 0, 0x5401, termios)); nl();
	puts_("kill(self, 0): "); putd(sys2(62, sys0(39), 0)); nl();
	struct { long s, ns; } ts = { 0, 1000000 };
	puts_("nanosleep: "); putd(sys2(35, &ts, 0)); nl();
	puts_("rt_sigprocmask: "); unsigned long set = 0, old = 1; putd(sys6(14, 0, (long)&set, (long)&old, 8, 0, 0)); puts_(" "); putd(old); nl();
	return 42;
}
