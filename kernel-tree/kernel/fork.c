/*
 *  linux/kernel/fork.c
 *
 *  Copyright (C) 1991, 1992  Linus Torvalds
 */

/*
 *  'fork.c' contains the help-routines for the 'fork' system call
 * (see also entry.S and others).
 * Fork is rather simple, once you get the hang of it, but the memory
 * management can be a bitch. See 'mm/memory.c': 'copy_page_range()'
 *
 * The workbench keeps its tasks in a table as Linux 1.x did; the address
 * space and the new task's first register context are native services
 * (copy_mm, copy_thread; docs/simplifications.md).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/signal.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include <linux/err.h>
#include <asm/ptrace.h>

#define CLONE_VM	0x00000100	/* set if VM shared between processes */
#define CLONE_FS	0x00000200	/* set if fs info shared between processes */
#define CLONE_VFORK	0x00004000	/* set if the parent wants the child to wake it up on mm_release */
#define CSIGNAL		0x000000ff	/* signal mask to be sent at exit */

struct task_struct *task[NR_TASKS] = { &init_task, };

static int last_pid;

extern int copy_thread(unsigned long clone_flags, unsigned long sp,
		       unsigned long arg, struct task_struct *p,
		       unsigned long stack_top, int pid);

/* The next free pid, as alloc_pid() hands them out: increasing, skipping those in use. */
static int alloc_pid(void)
{
	int i, pid;

	for (;;) {
		pid = ++last_pid;
		if (last_pid >= 32768)
			last_pid = 1, pid = 1;
		for (i = 0; i < NR_TASKS; i++)
			if (task[i] && task[i]->pid == pid)
				break;
		if (i == NR_TASKS)
			return pid;
	}
}

/*
 * This creates a new process as a copy of the old one,
 * but does not actually start it yet.
 */
static struct task_struct *copy_process(unsigned long clone_flags,
					unsigned long stack_start,
					unsigned long stack_size)
{
	struct task_struct *p;
	int slot;

	for (slot = 1; slot < NR_TASKS; slot++)
		if (!task[slot])
			break;
	if (slot == NR_TASKS)
		return ERR_PTR(-EAGAIN);

	p = kmalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return ERR_PTR(-ENOMEM);
	*p = *current;
	p->stack = kmalloc(THREAD_SIZE, GFP_KERNEL);
	if (!p->stack) {
		kfree(p);
		return ERR_PTR(-ENOMEM);
	}
	p->state = TASK_UNINTERRUPTIBLE;
	p->pid = alloc_pid();
	p->tgid = p->pid;
	p->real_parent = current;
	p->parent = current;
	p->exit_state = 0;
	p->exit_code = 0;
	p->exit_signal = clone_flags & CSIGNAL;
	p->signal = 0;
	p->timeout = 0;
	p->alarm = 0;

	if (copy_mm(clone_flags, p) < 0 ||
	    copy_thread(clone_flags, stack_start, stack_size, p, task_stack_top(p), p->pid) < 0) {
		kfree(p->stack);
		kfree(p);
		return ERR_PTR(-ENOMEM);
	}
	task[slot] = p;
	return p;
}

/*
 *  Ok, this is the main fork-routine.
 *
 * It copies the process, and if successful kick-starts
 * it and waits for it to finish using the VM if required.
 */
long _do_fork(unsigned long clone_flags,
	      unsigned long stack_start,
	      unsigned long stack_size,
	      int __user *parent_tidptr,
	      int __user *child_tidptr,
	      unsigned long tls)
{
	struct task_struct *p;
	long nr;

	p = copy_process(clone_flags, stack_start, stack_size);
	if (IS_ERR(p))
		return PTR_ERR(p);
	nr = p->pid;
	wake_up_process(p);
	return nr;
}

/*
 * Create a kernel thread.
 */
long kernel_thread(int (*fn)(void *), void *arg, unsigned long flags)
{
	return _do_fork(flags|CLONE_VM, (unsigned long)fn,
		(unsigned long)arg, NULL, NULL, 0);
}

SYSCALL_DEFINE0(fork)
{
	return _do_fork(SIGCHLD, 0, 0, NULL, NULL, 0);
}

/*
 * The workbench's vfork copies the address space as fork does (the parent
 * does not wait for the child's exec); the libc's vfork is clone(CLONE_VFORK).
 */
SYSCALL_DEFINE0(vfork)
{
	return _do_fork(CLONE_VFORK | SIGCHLD, 0, 0, NULL, NULL, 0);
}

SYSCALL_DEFINE5(clone, unsigned long, clone_flags, unsigned long, newsp,
		 int __user *, parent_tidptr,
		 int __user *, child_tidptr,
		 unsigned long, tls)
{
	if (clone_flags & CLONE_VM & ~CLONE_VFORK)
		return -EINVAL;	/* threads are not supported */
	return _do_fork(clone_flags & ~CLONE_VM, 0, 0, parent_tidptr, child_tidptr, tls);
}
