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
#include <linux/uaccess.h>

static int sig_ignored(int sig)
{
	return sig == SIGCHLD || sig == SIGCONT || sig == SIGWINCH;
}

/* A signal waiting that may be delivered now (not blocked). */
int signal_pending(struct task_struct *p)
{
	return (p->signal & ~p->blocked) != 0;
}

/* Would the signal be discarded (ignored by its action)? */
static int sig_discarded(struct task_struct *p, int sig)
{
	unsigned long handler = p->action[sig - 1].handler;

	return handler == 1 || (handler == 0 && sig_ignored(sig));
}

int send_sig(int sig, struct task_struct *p, int priv)
{
	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (sig_discarded(p, sig) || p->exit_state)
		return 0;
	p->signal |= sigmask(sig);
	/* signal_wake_up: an interruptible sleeper returns with -EINTR */
	if (p->state == TASK_INTERRUPTIBLE && !(p->blocked & sigmask(sig)))
		wake_up_process(p);
	return 0;
}

/*
 * Force a signal that the process can't ignore: if necessary
 * we unblock the signal and change any SIG_IGN to SIG_DFL.
 */
static int setup_rt_frame(int sig, struct k_sigaction *ka, struct pt_regs *regs);

void force_sig(int sig, struct task_struct *p)
{
	if (p->action[sig - 1].handler == 1)
		p->action[sig - 1].handler = 0;
	p->blocked &= ~sigmask(sig);
	p->signal |= sigmask(sig);
}

/*
 * Deliver the lowest pending signal: to its handler, or by the default
 * action "terminate" (the wait status is the signal number).
 */
void do_signal(struct pt_regs *regs)
{
	int sig;

	for (sig = 1; sig <= _NSIG; sig++) {
		struct k_sigaction *ka = &current->action[sig - 1];

		if (!(current->signal & ~current->blocked & sigmask(sig)))
			continue;
		current->signal &= ~sigmask(sig);
		if (ka->handler == 1 || (ka->handler == 0 && sig_ignored(sig)))
			continue;
		if (ka->handler == 0 || setup_rt_frame(sig, ka, regs))
			do_exit(ka->handler == 0 ? sig : SIGSEGV);
		return;
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

#define SIG_DFL		0UL
#define SIG_IGN		1UL
#define SA_RESTORER	0x04000000UL
#define SA_RESETHAND	0x80000000UL

SYSCALL_DEFINE4(rt_sigaction, int, sig,
		const struct k_sigaction __user *, act,
		struct k_sigaction __user *, oact,
		size_t, sigsetsize)
{
	struct k_sigaction new_ka, old_ka;

	if (sigsetsize != 8)
		return -EINVAL;
	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	old_ka = current->action[sig - 1];
	if (act && copy_from_user(&new_ka, act, sizeof(new_ka)))
		return -EFAULT;
	if (oact && copy_to_user(oact, &old_ka, sizeof(old_ka)))
		return -EFAULT;
	if (act) {
		current->action[sig - 1] = new_ka;
		/* a signal now ignored is discarded */
		if (new_ka.handler == SIG_IGN || (new_ka.handler == SIG_DFL && sig_ignored(sig)))
			current->signal &= ~sigmask(sig);
	}
	return 0;
}

/*
 * The frame a handler runs on (4.4's struct rt_frame holds a ucontext and
 * siginfo; this one the return address and the interrupted registers).
 */
struct rt_frame {
	unsigned long pretcode;		/* the restorer: "mov $15, %eax; syscall" */
	struct pt_regs regs;
	unsigned long blocked;		/* the mask to restore */
};

#define SA_NODEFER	0x40000000UL

/* Run the handler on the user stack below the red zone; sigreturn comes back here. */
static int setup_rt_frame(int sig, struct k_sigaction *ka, struct pt_regs *regs)
{
	unsigned long sp = ((regs->sp - 128 - sizeof(struct rt_frame)) & ~15UL) - 8;
	struct rt_frame __user *frame = (struct rt_frame __user *)sp;

	if (!(ka->flags & SA_RESTORER))
		return -EFAULT;
	if (copy_to_user(&frame->pretcode, &ka->restorer, sizeof(unsigned long)) ||
	    copy_to_user(&frame->regs, regs, sizeof(struct pt_regs)) ||
	    copy_to_user(&frame->blocked, &current->blocked, sizeof(unsigned long)))
		return -EFAULT;
	/* the handler runs with its sa_mask, and its own signal, blocked */
	current->blocked |= ka->mask;
	if (!(ka->flags & SA_NODEFER))
		current->blocked |= sigmask(sig);
	current->blocked &= ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
	regs->ip = ka->handler;
	regs->di = sig;
	regs->si = 0;
	regs->dx = 0;
	regs->ax = 0;
	regs->sp = sp;
	regs->flags &= ~(0x100UL | 0x400UL);	/* TF, DF */
	if (ka->flags & SA_RESETHAND)
		ka->handler = SIG_DFL;
	return 0;
}

SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct rt_frame __user *frame = (struct rt_frame __user *)(regs->sp - 8);
	struct pt_regs saved;
	unsigned long blocked;

	if (copy_from_user(&saved, &frame->regs, sizeof(saved)) ||
	    copy_from_user(&blocked, &frame->blocked, sizeof(blocked))) {
		force_sig(SIGSEGV, current);
		return 0;
	}
	current->blocked = blocked & ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
	saved.cs = __USER_CS;
	saved.ss = __USER_DS;
	saved.flags = (saved.flags & 0xcd5UL) | 0x202UL;	/* user-changeable flags, IF on */
	*regs = saved;
	return regs->ax;
}

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

SYSCALL_DEFINE4(rt_sigprocmask, int, how, unsigned long __user *, nset,
		unsigned long __user *, oset, size_t, sigsetsize)
{
	unsigned long old = current->blocked, new;

	if (sigsetsize != 8)
		return -EINVAL;
	if (nset) {
		if (copy_from_user(&new, nset, sizeof(new)))
			return -EFAULT;
		new &= ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
		switch (how) {
		case SIG_BLOCK:
			current->blocked |= new;
			break;
		case SIG_UNBLOCK:
			current->blocked &= ~new;
			break;
		case SIG_SETMASK:
			current->blocked = new;
			break;
		default:
			return -EINVAL;
		}
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(rt_sigpending, unsigned long __user *, uset, size_t, sigsetsize)
{
	unsigned long pending = current->signal & current->blocked;

	if (sigsetsize != 8)
		return -EINVAL;
	if (copy_to_user(uset, &pending, sizeof(pending)))
		return -EFAULT;
	return 0;
}
