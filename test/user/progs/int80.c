#include "rt.h"
/* int $0x80 from a 64-bit program: the i386 table, 32-bit registers, truncated pointers. */
static long int80(long nr, long a, long b, long c)
{
	long r;
	__asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return r;
}
static char name[6 * 65];
static char old[5 * 9];
static char olduts[5 * 65];
int main(int argc, char **argv, char **envp)
{
	char on_stack[6 * 65];
	puts_("uname: "); putd(int80(122, (long)name, 0, 0)); puts_(" "); puts_(name); puts_(" "); puts_(name + 4 * 65); nl();
	puts_("oldolduname: "); putd(int80(59, (long)old, 0, 0)); puts_(" "); puts_(old); puts_(" "); putd(old[8]); puts_(" "); puts_(old + 4 * 9); nl();
	puts_("olduname: "); putd(int80(109, (long)olduts, 0, 0)); puts_(" "); puts_(olduts + 4 * 65); nl();
	puts_("stack buffer: "); putd(int80(122, (long)on_stack, 0, 0)); nl();
	static const char msg[] = "via int80 write\n";
	puts_("write: "); long w = int80(4, 1, (long)msg, sizeof msg - 1); putd(w); nl();
	puts_("getpid: "); putd(int80(20, 0, 0, 0) == sys0(39)); nl();
	puts_("brk: "); putd(int80(45, 0, 0, 0) == sys1(12, 0)); nl();
	puts_("unknown: "); putd(int80(9999, 0, 0, 0)); nl();
	int80(1, 5, 0, 0);
	return 1;
}
