/*
 *  linux/fs/exec.c
 *
 *  Copyright (C) 1991, 1992  Linus Torvalds
 */

/*
 * #!-checking implemented by tytso.
 *
 * Demand-loading implemented 01.12.91 - no need to read anything but
 * the header into memory. The inode of the executable is put into
 * "current->executable", and page faults do the actual loading. Clean.
 *
 * The workbench reads the executable from the initramfs and builds the new
 * address space natively (do_execve, docs/simplifications.md); the system
 * call, the name and the task's comm are here.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/binfmts.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

#define PATH_MAX	4096

extern long strncpy_from_user(char *dst, const char __user *src, long count);

void set_task_comm(struct task_struct *tsk, const char *buf)
{
	strlcpy(tsk->comm, buf, sizeof(tsk->comm));
}

/* The last path component names the task (4.4's __set_task_comm(kbasename(filename))). */
static const char *kbasename(const char *path)
{
	const char *tail = path;

	while (*path)
		if (*path++ == '/')
			tail = path;
	return tail;
}

static char exec_name[PATH_MAX];

/* The new program starts with default handlers; ignored signals stay ignored (flush_signal_handlers). */
static void flush_signal_handlers(struct task_struct *t)
{
	int i;

	for (i = 0; i < 64; i++) {
		if (t->action[i].handler != 1)
			t->action[i].handler = 0;
		t->action[i].flags = 0;
		t->action[i].restorer = 0;
		t->action[i].mask = 0;
	}
}

SYSCALL_DEFINE3(execve,
		const char __user *, filename,
		const char __user *const __user *, argv,
		const char __user *const __user *, envp)
{
	long len = strncpy_from_user(exec_name, filename, PATH_MAX);
	int ret;

	if (len < 0)
		return len;
	if (len == PATH_MAX)
		return -ENAMETOOLONG;
	ret = do_execve(exec_name, argv, envp);
	if (ret == 0) {
		set_task_comm(current, kbasename(exec_name));
		flush_signal_handlers(current);
	}
	return ret;
}

/* kernel_init's exec of /init: the names are kernel strings. */
int kernel_execve(const char *filename, const char *const argv[], const char *const envp[])
{
	int ret = do_execve(filename, (const char __user *const __user *)argv,
			    (const char __user *const __user *)envp);

	if (ret == 0)
		set_task_comm(current, kbasename(filename));
	return ret;
}
