/*
 *  linux/kernel/sys.c
 *
 *  Copyright (C) 1991, 1992  Linus Torvalds
 */

#include <linux/kernel.h>
#include <linux/utsname.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/string.h>

/**
 * sys_getpid - return the thread group id of the current process
 *
 * Note, despite the name, this returns the tgid not the pid.  The tgid and
 * the pid are identical unless CLONE_THREAD was specified on clone() in
 * which case the tgid is the same in all threads of the same group.
 *
 * This is SMP safe as current->tgid does not change.
 */
SYSCALL_DEFINE0(getpid)
{
	return task_tgid_nr(current);
}

/* Thread ID - the internal kernel "pid" */
SYSCALL_DEFINE0(gettid)
{
	return task_pid_nr(current);
}

/*
 * Accessing ->real_parent is not SMP-safe, it could
 * change from under us. However, we can use a stale
 * value of ->real_parent under rcu_read_lock(), see
 * release_task()->call_rcu(delayed_put_task_struct).
 */
SYSCALL_DEFINE0(getppid)
{
	return task_tgid_nr(current->real_parent);
}

SYSCALL_DEFINE0(getuid)
{
	/* Only we change this so SMP safe */
	return current->uid;
}

SYSCALL_DEFINE0(geteuid)
{
	/* Only we change this so SMP safe */
	return current->euid;
}

SYSCALL_DEFINE0(getgid)
{
	/* Only we change this so SMP safe */
	return current->gid;
}

SYSCALL_DEFINE0(getegid)
{
	/* Only we change this so SMP safe */
	return current->egid;
}

SYSCALL_DEFINE1(newuname, struct new_utsname __user *, name)
{
	int errno = 0;

	if (copy_to_user(name, utsname(), sizeof *name))
		errno = -EFAULT;
	return errno;
}

/*
 * Old cruft
 */
SYSCALL_DEFINE1(uname, struct old_utsname __user *, name)
{
	int error = 0;

	if (!name)
		return -EFAULT;
	if (copy_to_user(name, utsname(), sizeof(*name)))
		error = -EFAULT;
	return error;
}

SYSCALL_DEFINE1(olduname, struct oldold_utsname __user *, name)
{
	struct oldold_utsname tmp;
	struct new_utsname *u = utsname();

	if (!name)
		return -EFAULT;
	memset(&tmp, 0, sizeof(tmp));
	memcpy(&tmp.sysname, &u->sysname, __OLD_UTS_LEN);
	memcpy(&tmp.nodename, &u->nodename, __OLD_UTS_LEN);
	memcpy(&tmp.release, &u->release, __OLD_UTS_LEN);
	memcpy(&tmp.version, &u->version, __OLD_UTS_LEN);
	memcpy(&tmp.machine, &u->machine, __OLD_UTS_LEN);
	if (copy_to_user(name, &tmp, sizeof(tmp)))
		return -EFAULT;
	return 0;
}
