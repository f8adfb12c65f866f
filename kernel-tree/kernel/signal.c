/*
 *  linux/kernel/signal.c
 *
 *  Copyright (C) 1991, 1992  Linus Torvalds
 *
 *  1997-11-02  Modified for POSIX.1b signals by Richard Henderson
 *
 * The workbench's signals: a pending bitmask per task and the default
 * actions (terminate, or ignore for SIGCHLD, SIGCONT and SIGWINCH).
 * Handlers installed with rt_sigaction are not supported yet.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/wait.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include <asm/ptrace.h>

static int sig_ignored(int sig)
{
	return sig == SIGCHLD || sig == SIGCONT || sig == SIGWINCH;
}

int signal_pending(struct task_struct *p)
{
	return p->signal != 0;
}

int send_sig(int sig, struct task_struct *p, int priv)
{
	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (sig_ignored(sig) || p->exit_state)
		return 0;
	p->signal |= sigmask(sig);
	/* signal_wake_up: an interruptible sleeper returns with -EINTR */
	if (p->state == TASK_INTERRUPTIBLE)
		wake_up_process(p);
	return 0;
}

/*
 * Force a signal that the process can't ignore: if necessary
 * we unblock the signal and change any SIG_IGN to SIG_DFL.
 */
void force_sig(int sig, struct task_struct *p)
{
	p->signal |= sigmask(sig);
}

/*
 * Deliver the lowest pending signal: every one that reaches here has the
 * default action "terminate" (the wait status is the signal number).
 */
void do_signal(struct pt_regs *regs)
{
	int sig;

	for (sig = 1; sig <= _NSIG; sig++) {
		if (current->signal & sigmask(sig)) {
			current->signal &= ~sigmask(sig);
			do_exit(sig);
		}
	}
}

SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	int i, found = 0, ret = 0;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	for (i = 1; i < NR_TASKS; i++) {
		struct task_struct *p = task[i];

		if (!p || p->exit_state)
			continue;
		if (pid > 0 && p->pid != pid)
			continue;
		if (pid == -1 && (p->pid == 1 || p == current))
			continue;
		found = 1;
		if (sig)
			ret = send_sig(sig, p, 0);
	}
	return found ? ret : -ESRCH;
}

/*
 * pause: sleep until a signal arrives (here every signal that is delivered
 * terminates, so only an ignored one would return -EINTR).
 */
SYSCALL_DEFINE0(pause)
{
	while (!signal_pending(current)) {
		current->state = TASK_INTERRUPTIBLE;
		schedule();
	}
	current->state = TASK_RUNNING;
	return -EINTR;
}
