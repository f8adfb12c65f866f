/* SA_SIGINFO handlers: a real siginfo_t (si_signo, si_code, si_addr for SIGSEGV, si_pid for
   kill) and a ucontext pointer; a SIGSEGV handler that returns by siglongjmp; fork reports
   ENOSYS in user mode (the native run prints the same line by not calling it: see argv). */
#include <signal.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static sigjmp_buf back;
static volatile int seen_signo, seen_code, uc_ok, pid_ok;
static void *volatile seen_addr;

static void on_segv(int sig, siginfo_t *si, void *uc) {
	seen_signo = si->si_signo;
	seen_code = si->si_code;
	seen_addr = *(void **)((char *)si + 16); /* si_addr: the union at offset 16 (x86-64 Linux) */
	uc_ok = uc != 0 && sig == SIGSEGV;
	siglongjmp(back, 1);
}

static void on_usr1(int sig, siginfo_t *si, void *uc) {
	seen_signo = si->si_signo;
	seen_code = si->si_code;
	pid_ok = si->si_pid == getpid() && uc != 0 && sig == SIGUSR1;
}

int main(void) {
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, 0);
	if (sigsetjmp(back, 1) == 0) {
		*(volatile int *)0x1234 = 1;
		printf("not reached\n");
	}
	printf("SIGSEGV: signo %d code %d addr %p uc %d\n", seen_signo, seen_code, seen_addr, uc_ok);

	sa.sa_sigaction = on_usr1;
	sigaction(SIGUSR1, &sa, 0);
	int r = kill(getpid(), SIGUSR1);
	printf("SIGUSR1: kill %d signo %d code %d pid %d\n", r, seen_signo, seen_code, pid_ok);
	return 0;
}
