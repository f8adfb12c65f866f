#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <asm/current.h>
#include <asm/page_types.h>

/*
 * Task state bitmask. NOTE! These bits are also
 * encoded in fs/proc/array.c: get_task_state().
 */
#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1
#define TASK_UNINTERRUPTIBLE	2

/* Task command name length */
#define TASK_COMM_LEN 16

struct nsproxy;

/*
 * The workbench's task_struct carries the fields its kernel code uses; the
 * real one has some three hundred more.  Fields keep their 4.4 names and
 * order relative to each other.
 */
struct task_struct {
	volatile long state;	/* -1 unrunnable, 0 runnable, >0 stopped */
	void *stack;
	unsigned int flags;	/* per process flags, defined below */

	int exit_state;
	int exit_code, exit_signal;

	pid_t pid;
	pid_t tgid;

	/*
	 * pointers to (original) parent process, youngest child, younger sibling,
	 * older sibling, respectively.  (p->father can be replaced with
	 * p->real_parent->pid)
	 */
	struct task_struct *real_parent; /* real parent process */
	struct task_struct *parent; /* recipient of SIGCHLD, wait4() reports */

	uid_t uid, euid;
	gid_t gid, egid;

	char comm[TASK_COMM_LEN]; /* executable name excluding path
				     - access with [gs]et_task_comm (which lock
				       it with task_lock())
				     - initialized normally by setup_new_exec */
	/* namespaces */
	struct nsproxy *nsproxy;

	/*
	 * Signals pending delivery, one bit per signal (bit sig-1), as in
	 * Linux 1.x; 4.4 queues them in struct sigpending.
	 */
	unsigned long signal;
	/* signals blocked from delivery (rt_sigprocmask), same layout */
	unsigned long blocked;
	/* nanosleep: the sched_clock() time to wake at (0: none) */
	u64 timeout;
	/* alarm(2): the sched_clock() time SIGALRM is due (0: none) */
	u64 alarm;
	/* signal handlers (4.4 keeps them in current->sighand->action[]) */
	struct k_sigaction {
		unsigned long handler;	/* SIG_DFL 0, SIG_IGN 1, or a function */
		unsigned long flags;
		unsigned long restorer;
		unsigned long mask;
	} action[64];
};

union thread_union {
	unsigned long stack[THREAD_SIZE/sizeof(long)];
};

extern union thread_union init_thread_union;

/* The top of a task's kernel stack, where its pt_regs are. */
#define task_stack_top(tsk)	((unsigned long)(tsk)->stack + THREAD_SIZE)

#define NR_TASKS	64
extern struct task_struct *task[NR_TASKS];	/* kernel/fork.c */

asmlinkage void schedule(void);
extern int wake_up_process(struct task_struct *tsk);
extern void set_task_comm(struct task_struct *tsk, const char *from);
extern long _do_fork(unsigned long clone_flags, unsigned long stack_start,
		     unsigned long stack_size, int __user *parent_tidptr,
		     int __user *child_tidptr, unsigned long tls);
extern long kernel_thread(int (*fn)(void *), void *arg, unsigned long flags);
extern void do_exit(long code);
extern int need_resched;
extern struct task_struct init_task;

static inline pid_t task_pid_nr(struct task_struct *tsk)
{
	return tsk->pid;
}

static inline pid_t task_tgid_nr(struct task_struct *tsk)
{
	return tsk->tgid;
}

/*
 * Do not use outside of architecture code which knows its limitations.
 *
 * get_task_comm() - acquires task_lock() and copies comm into a buffer.
 */
extern char *get_task_comm(char *to, struct task_struct *tsk);

extern unsigned long long sched_clock(void);

/*
 * See the comment in kernel/sched/clock.c: on a machine with a stable clock
 * local_clock() is sched_clock().
 */
static inline u64 local_clock(void)
{
	return sched_clock();
}

#endif
