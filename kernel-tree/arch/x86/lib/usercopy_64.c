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

unsigned long _copy_to_user(void __user *to, const void *from, unsigned n)
{
	if (!access_ok(VERIFY_WRITE, to, n))
		return n;
	memcpy((void __force *)to, from, n);
	return 0;
}

unsigned long _copy_from_user(void *to, const void __user *from, unsigned n)
{
	if (!access_ok(VERIFY_READ, from, n)) {
		memset(to, 0, n);
		return n;
	}
	memcpy(to, (const void __force *)from, n);
	return 0;
}
