#ifndef _ASM_X86_UACCESS_H
#define _ASM_X86_UACCESS_H
/*
 * User space memory access functions
 */
#include <linux/compiler.h>
#include <linux/types.h>
#include <asm/page_types.h>

#define VERIFY_READ 0
#define VERIFY_WRITE 1

/*
 * The fs value determines whether argument validity checking should be
 * performed or not.  If get_fs() == USER_DS, checking is performed, with
 * get_fs() == KERNEL_DS, checking is bypassed.
 *
 * For historical reasons, these macros are grossly misnamed.
 */

/* User space ends below the kernel's half of the address space. */
#define TASK_SIZE_MAX	((_AC(1,UL) << 47) - PAGE_SIZE)

/*
 * Test whether a block of memory is a valid user space address.
 * Returns 0 if the range is valid, nonzero otherwise.
 */
static inline int __range_not_ok(const void __user *addr, unsigned long size,
				 unsigned long limit)
{
	unsigned long start = (unsigned long)addr;

	if (size > limit)
		return 1;
	return start > limit - size;
}

/**
 * access_ok: - Checks if a user space pointer is valid
 * @type: Type of access: %VERIFY_READ or %VERIFY_WRITE.
 * @addr: User space pointer to start of block to check
 * @size: Size of block to check
 *
 * Returns true (nonzero) if the memory block may be valid, false (zero)
 * if it is definitely invalid.
 */
#define access_ok(type, addr, size) \
	(!__range_not_ok(addr, size, TASK_SIZE_MAX))

/*
 * Copy between kernel and user memory; return the number of bytes that
 * could NOT be copied (0 on success).  4.4 does this with copy_user_generic
 * and the exception table; arch/x86/lib/usercopy_64.c has this tree's
 * version.
 */
unsigned long _copy_to_user(void __user *to, const void *from, unsigned n);
unsigned long _copy_from_user(void *to, const void __user *from, unsigned n);

static inline unsigned long __must_check
copy_to_user(void __user *to, const void *from, unsigned long n)
{
	return _copy_to_user(to, from, n);
}

static inline unsigned long __must_check
copy_from_user(void *to, const void __user *from, unsigned long n)
{
	return _copy_from_user(to, from, n);
}

#endif /* _ASM_X86_UACCESS_H */
