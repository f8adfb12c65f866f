/* A tiny freestanding runtime for the user-mode test programs: built by host gcc with
 * -nostdlib (glibc's static libc uses SSE/AVX), run natively and under `kwb run --user-mode`. */
typedef unsigned long size_t;
typedef long ssize_t;

static long sys6(long n, long a, long b, long c, long d, long e, long f)
{
	long r;
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9) : "rcx", "r11", "memory");
	return r;
}
#define sys0(n) sys6(n, 0, 0, 0, 0, 0, 0)
#define sys1(n, a) sys6(n, (long)(a), 0, 0, 0, 0, 0)
#define sys2(n, a, b) sys6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define sys3(n, a, b, c) sys6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)

static size_t slen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }
static void puts_(const char *s) { sys3(1, 1, s, slen(s)); }
static void putd(long v)
{
	char b[24];
	int i = 23;
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;
	b[i] = 0;
	do b[--i] = '0' + u % 10; while (u /= 10);
	if (v < 0) b[--i] = '-';
	puts_(b + i);
}
static void putu(unsigned long u)
{
	char b[24];
	int i = 23;
	b[i] = 0;
	do b[--i] = '0' + u % 10; while (u /= 10);
	puts_(b + i);
}
static void putx(unsigned long u)
{
	char b[20];
	int i = 19;
	b[i] = 0;
	do b[--i] = "0123456789abcdef"[u & 15]; while (u >>= 4);
	puts_(b + i);
}
static void nl(void) { puts_("\n"); }

int main(int argc, char **argv, char **envp);
long start_rsp_mod16;
__attribute__((used)) static void cstart(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	sys1(231, main(argc, argv, envp));
}
__asm__(".globl _start\n_start:\n mov %rsp, %rax\n and $15, %rax\n mov %rax, start_rsp_mod16(%rip)\n"
	" mov %rsp, %rdi\n and $-16, %rsp\n call cstart\n hlt\n");
