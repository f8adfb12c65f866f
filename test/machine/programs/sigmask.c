/* Blocking a signal with sigprocmask holds it pending; unblocking delivers it. */
#define _GNU_SOURCE
#include <stdio.h>
#include <signal.h>
#include <unistd.h>
#include <sys/syscall.h>

static volatile int got;

static void on_usr1(int sig)
{
	got++;
}

int main(void)
{
	sigset_t set, old;
	unsigned long pending = 0;

	signal(SIGUSR1, on_usr1);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	printf("block: %d\n", sigprocmask(SIG_BLOCK, &set, &old));
	kill(getpid(), SIGUSR1);
	syscall(SYS_rt_sigpending, &pending, 8);
	printf("while blocked: handled %d, pending %d\n", got, (int)(pending >> (SIGUSR1 - 1) & 1));
	sigprocmask(SIG_SETMASK, &old, 0);
	printf("after unblocking: handled %d\n", got);
	return 0;
}
