/*
 *  linux/fs/read_write.c
 *
 *  Copyright (C) 1991, 1992  Linus Torvalds
 *
 * File descriptors 0, 1 and 2 of every process are the console
 * (/dev/console); others are files of the initramfs, read through the
 * machine's native file system (docs/simplifications.md).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <linux/console.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

extern ssize_t vfs_read(unsigned int fd, char __user *buf, size_t count);

SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)
{
	if (!access_ok(VERIFY_WRITE, buf, count))
		return -EFAULT;
	if (fd == 0)
		return tty_read(buf, count);
	return vfs_read(fd, buf, count);
}

SYSCALL_DEFINE3(write, unsigned int, fd, const char __user *, buf,
		size_t, count)
{
	if (fd == 1 || fd == 2)
		return tty_write(buf, count);
	if (fd == 0)
		return -EBADF;
	return -EBADF;
}

/* TCGETS on the console: 4.4's serial tty answers; here the console is not a terminal. */
SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	if (fd <= 2)
		return -ENOTTY;
	return -ENOTTY;
}
