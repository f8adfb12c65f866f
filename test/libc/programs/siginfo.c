/* SA_SIGINFO handlers see siginfo_t as glibc lays it out: si_signo, si_code, and si_addr for a
 * fault, si_pid for a kill. */
#include <signal.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static sigjmp_buf back;
static volatile void *fault_addr;
static volatile int fault_code, seen_signo, seen_pid_ok;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	seen_signo = si->si_signo;
	fault_code = si->si_code;
	fault_addr = si->si_addr;
	siglongjmp(back, 1);
}

static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	seen_pid_ok = si->si_pid == getpid();
}

int main(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, 0);
	if (sigsetjmp(back, 1) == 0)
		*(volatile int *)0x1230 = 1;
	printf("signo %d code %d (maperr %d) addr %p\n", seen_signo, fault_code, SEGV_MAPERR, (void *)fault_addr);

	sa.sa_sigaction = on_usr1;
	sigaction(SIGUSR1, &sa, 0);
	kill(getpid(), SIGUSR1);
	printf("si_pid is the sender: %d\n", seen_pid_ok);
	printf("sizeof(siginfo_t) %d\n", (int)sizeof(siginfo_t));
	return 0;
}
