/*
 *  linux/kernel/exit.c
 *
 *  Copyright (C) 1991, 1992  Linus Torvalds
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/signal.h>
#include <linux/wait.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

/**
 *	panic - halt the system
 *	@fmt: The text string to print
 *
 *	Display a message, then stop the CPU (kernel/panic.c; 4.4 also
 *	dumps the stack and may reboot after panic_timeout).
 */
void panic(const char *fmt, unsigned long arg)
{
	static char buf[1024];

	local_irq_disable();
	snprintf(buf, sizeof(buf), fmt, arg);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s\n", buf);
	for (;;)
		native_halt();
}

#define EXIT_ZOMBIE	16
#define EXIT_DEAD	32

#define WNOHANG		0x00000001
#define __WALL		0x40000000

/* Parents sleep here in wait4() until a child changes state. */
DECLARE_WAIT_QUEUE_HEAD(wait_chldexit);

/* Tells the host which process exited how (drivers/connector/cn_proc.c, native). */
extern void proc_exit_connector(struct task_struct *tsk, int pid, long exit_code);
extern int put_user_int(int __user *uaddr, int value);

/* Give the children of a dying task to init (4.4's forget_original_parent). */
static void forget_original_parent(struct task_struct *father)
{
	int i;

	for (i = 0; i < NR_TASKS; i++) {
		struct task_struct *p = task[i];

		if (p && p->real_parent == father) {
			p->real_parent = task[1] ? task[1] : &init_task;
			p->parent = p->real_parent;
		}
	}
}

void do_exit(long code)
{
	struct task_struct *tsk = current;

	if (tsk->pid == 1)
		panic("Attempted to kill init! exitcode=0x%08lx", code);
	exit_mm(tsk);
	tsk->exit_code = code;
	forget_original_parent(tsk);
	proc_exit_connector(tsk, tsk->pid, code);
	tsk->exit_state = EXIT_ZOMBIE;
	tsk->state = TASK_UNINTERRUPTIBLE;
	if (tsk->exit_signal == SIGCHLD)
		send_sig(SIGCHLD, tsk->real_parent, 1);
	wake_up_interruptible(&wait_chldexit);
	schedule();
	/* not reached: a zombie is never scheduled again */
	for (;;)
		;
}

SYSCALL_DEFINE1(exit, int, error_code)
{
	do_exit((error_code & 0xff) << 8);
	return 0;
}

/*
 * this kills every thread in the thread group. Note that any externally
 * wait4()-ing process will get the correct exit code - even if this
 * thread is not the thread group leader.
 */
SYSCALL_DEFINE1(exit_group, int, error_code)
{
	do_exit((error_code & 0xff) << 8);
	return 0;
}

/* Release a reaped zombie: its slot, stack and task_struct. */
static void release_task(struct task_struct *p)
{
	int i;

	for (i = 0; i < NR_TASKS; i++)
		if (task[i] == p)
			task[i] = NULL;
	kfree(p->stack);
	kfree(p);
}

static int eligible_child(pid_t pid, struct task_struct *p)
{
	if (p->real_parent != current)
		return 0;
	return pid == -1 || pid == p->pid;
}

static long do_wait(pid_t upid, int __user *stat_addr, int options)
{
	for (;;) {
		int i, found = 0;

		for (i = 1; i < NR_TASKS; i++) {
			struct task_struct *p = task[i];

			if (!p || !eligible_child(upid, p))
				continue;
			found = 1;
			if (p->exit_state == EXIT_ZOMBIE) {
				pid_t pid = p->pid;
				int status = p->exit_code;

				if (stat_addr && put_user_int(stat_addr, status))
					return -EFAULT;
				release_task(p);
				return pid;
			}
		}
		if (!found)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		/* Sleep until a child exits (do_exit wakes the queue), then look again. */
		prepare_to_wait(&wait_chldexit, TASK_INTERRUPTIBLE);
		if (signal_pending(current)) {
			finish_wait(&wait_chldexit);
			return -EINTR;
		}
		schedule();
		finish_wait(&wait_chldexit);
	}
}

SYSCALL_DEFINE4(wait4, pid_t, upid, int __user *, stat_addr,
		int, options, struct rusage __user *, ru)
{
	if (options & ~(WNOHANG|__WALL|0x2|0x8))
		return -EINVAL;
	if (upid == 0 || upid < -1)
		upid = -1;	/* no process groups: any child */
	return do_wait(upid, stat_addr, options);
}
