/*
 * signal.c — signal handlers and masks over rt_sigaction and rt_sigprocmask. The kernel's
 * sigaction is not glibc's: handler, flags, restorer, then a 64-bit mask; and the kernel insists
 * on a restorer (SA_RESTORER), the code a handler returns to, which calls rt_sigreturn.
 */
#include <signal.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "internal.h"

#define SA_RESTORER 0x04000000
#define NSIG_BYTES 8

struct kernel_sigaction {
	void *handler;
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask;
};

void __restore_rt(void);

int sigaction(int sig, const struct sigaction *act, struct sigaction *oldact)
{
	struct kernel_sigaction k, old;
	long r;

	if (act) {
		k.handler = (void *)act->sa_handler;
		k.flags = (unsigned long)(unsigned int)act->sa_flags | SA_RESTORER;
		k.restorer = __restore_rt;
		k.mask = act->sa_mask.__val[0];
	}
	r = __syscall_ret(__syscall4(SYS_rt_sigaction, sig, act ? &k : 0, oldact ? &old : 0, NSIG_BYTES));
	if (r == 0 && oldact) {
		memset(oldact, 0, sizeof *oldact);
		oldact->sa_handler = (sighandler_t)old.handler;
		oldact->sa_flags = (int)old.flags;
		oldact->sa_restorer = old.restorer;
		oldact->sa_mask.__val[0] = old.mask;
	}
	return (int)r;
}

/* glibc's signal(): BSD semantics — the handler stays installed and slow calls restart. */
sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act, old;

	memset(&act, 0, sizeof act);
	act.sa_handler = handler;
	act.sa_flags = SA_RESTART;
	sigaddset(&act.sa_mask, sig);
	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *oldset)
{
	unsigned long k, old = 0;
	long r;

	if (set)
		k = set->__val[0];
	r = __syscall_ret(__syscall4(SYS_rt_sigprocmask, how, set ? &k : 0, oldset ? &old : 0, NSIG_BYTES));
	if (r == 0 && oldset) {
		memset(oldset, 0, sizeof *oldset);
		oldset->__val[0] = old;
	}
	return (int)r;
}

static int bad_signal(int sig)
{
	if (sig < 1 || sig > 64) {
		errno = EINVAL;
		return 1;
	}
	return 0;
}

int sigemptyset(sigset_t *set)
{
	memset(set, 0, sizeof *set);
	return 0;
}

int sigfillset(sigset_t *set)
{
	memset(set, 0xff, sizeof *set);
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	set->__val[(sig - 1) / 64] |= 1UL << ((sig - 1) % 64);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	set->__val[(sig - 1) / 64] &= ~(1UL << ((sig - 1) % 64));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	return (set->__val[(sig - 1) / 64] >> ((sig - 1) % 64)) & 1;
}

unsigned int alarm(unsigned int seconds)
{
	return (unsigned int)__syscall1(SYS_alarm, seconds);
}
