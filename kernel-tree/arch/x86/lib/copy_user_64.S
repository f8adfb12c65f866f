/*
 * Copyright 2008 Vitaly Mayatskikh <vmayatsk@redhat.com>
 * Copyright 2002 Andi Kleen, SuSE Labs.
 * Subject to the GNU Public License v2.
 *
 * Functions to copy from and to user space.
 *
 * A fault on a user address inside these functions is not fatal: the page
 * fault handler finds the faulting instruction in the exception table and
 * continues at its fixup, which returns what was not copied.  4.4 collects
 * the table from every object into __ex_table through the linker script;
 * this tree has no linker script, so the table of the only user-access
 * instructions lives here, between __start___ex_table and __stop___ex_table.
 */
#include <linux/linkage.h>
#include <uapi/asm-generic/errno-base.h>

	.text
/*
 * copy_user_generic_string - memory copy with exception handling.
 * Input:
 * rdi destination
 * rsi source
 * rdx count
 *
 * Output:
 * eax uncopied bytes or 0 if successful.
 */
ENTRY(copy_user_generic_string)
	movl	%edx, %ecx
1:	rep
	movsb
	xorl	%eax, %eax
	ret
2:	movl	%ecx, %eax			/* the bytes left */
	ret
ENDPROC(copy_user_generic_string)

/*
 * long strncpy_from_user_asm(char *dst, const char __user *src, long count):
 * copies up to count bytes, stopping after a NUL; returns the length of the
 * string (without the NUL), count if no NUL was found, or -EFAULT.
 */
ENTRY(strncpy_from_user_asm)
	xorl	%eax, %eax
	testq	%rdx, %rdx
	jz	4f
3:	movb	(%rsi,%rax), %cl
	movb	%cl, (%rdi,%rax)
	testb	%cl, %cl
	jz	4f
	incq	%rax
	cmpq	%rdx, %rax
	jb	3b
4:	ret
5:	movq	$-EFAULT, %rax
	ret
ENDPROC(strncpy_from_user_asm)

/* int __get_user_8(unsigned long *dst, const unsigned long __user *src): 0 or -EFAULT */
ENTRY(__get_user_8)
6:	movq	(%rsi), %rax
	movq	%rax, (%rdi)
	xorl	%eax, %eax
	ret
7:	movq	$-EFAULT, %rax
	ret
ENDPROC(__get_user_8)

/* int __put_user_4(int __user *dst, int value): 0 or -EFAULT */
ENTRY(__put_user_4)
8:	movl	%esi, (%rdi)
	xorl	%eax, %eax
	ret
9:	movq	$-EFAULT, %rax
	ret
ENDPROC(__put_user_4)

	.section .rodata
	.balign 8
	.globl	__start___ex_table
__start___ex_table:
	.quad	1b, 2b
	.quad	3b, 5b
	.quad	6b, 7b
	.quad	8b, 9b
	.globl	__stop___ex_table
__stop___ex_table:
