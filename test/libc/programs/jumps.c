/* setjmp/longjmp through several frames, with values 0 and others; strsignal and psignal. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <setjmp.h>

static jmp_buf env;
static int depth;

static void dive(int n, int val)
{
	char pad[100];

	memset(pad, n, sizeof pad);
	depth = n;
	if (n == 0)
		longjmp(env, val);
	dive(n - 1, val);
	printf("not reached %d\n", pad[0]);
}

int main(void)
{
	volatile int round = 0;
	int r, i;

	r = setjmp(env);
	printf("setjmp returned %d (round %d, depth %d)\n", r, round, depth);
	round++;
	if (round == 1)
		dive(5, 42);
	else if (round == 2)
		dive(3, 0);
	else if (round == 3)
		longjmp(env, -7);
	printf("done after %d rounds\n", round);
	printf("jmp_buf %d\n", (int)sizeof(jmp_buf));
	for (i = 0; i <= 66; i++)
		printf("%d %s\n", i, strsignal(i));
	psignal(SIGSEGV, "psignal");
	psignal(SIGTERM, 0);
	return 0;
}
