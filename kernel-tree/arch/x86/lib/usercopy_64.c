/*
 * User address space access functions.
 *
 * Copyright 1997 Andi Kleen <ak@muc.de>
 * Copyright 1997 Linus Torvalds
 * Copyright 2002 Andi Kleen <ak@suse.de>
 *
 * 4.4 copies with copy_user_generic (string instructions) and recovers
 * from faults through the exception table.  The workbench's machine maps
 * the user program's memory while it runs a system call, so a checked
 * byte copy suffices; an address outside user space copies nothing.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/errno.h>

/* arch/x86/lib/copy_user_64.S: the instructions the exception table covers */
extern unsigned long copy_user_generic_string(void *to, const void *from, unsigned len);
extern long strncpy_from_user_asm(char *dst, const char __user *src, long count);
extern int __get_user_8(unsigned long *dst, const unsigned long __user *src);
extern int __put_user_4(int __user *dst, int value);

unsigned long _copy_to_user(void __user *to, const void *from, unsigned n)
{
	if (!access_ok(VERIFY_WRITE, to, n))
		return n;
	return copy_user_generic_string((void __force *)to, from, n);
}

unsigned long _copy_from_user(void *to, const void __user *from, unsigned n)
{
	if (!access_ok(VERIFY_READ, from, n)) {
		memset(to, 0, n);
		return n;
	}
	return copy_user_generic_string(to, (const void __force *)from, n);
}

/*
 * Copy a NUL-terminated string from user space: its length (without the
 * NUL), count if it did not fit, or -EFAULT (4.4: lib/strncpy_from_user.c).
 */
long strncpy_from_user(char *dst, const char __user *src, long count)
{
	if (!access_ok(VERIFY_READ, src, 1))
		return -EFAULT;
	return strncpy_from_user_asm(dst, src, count);
}

/* get_user/put_user for the sizes this tree needs. */
int get_user_ulong(unsigned long *dst, const unsigned long __user *src)
{
	if (!access_ok(VERIFY_READ, src, sizeof(*src)))
		return -EFAULT;
	return __get_user_8(dst, src);
}

int put_user_int(int __user *dst, int value)
{
	if (!access_ok(VERIFY_WRITE, dst, sizeof(*dst)))
		return -EFAULT;
	return __put_user_4(dst, value);
}
