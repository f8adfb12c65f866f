/* Copyright 2002 Andi Kleen */

#include <linux/linkage.h>

/*
 * memcpy - Copy a memory block.
 *
 * Input:
 *  rdi destination
 *  rsi source
 *  rdx count
 *
 * Output:
 * rax original destination
 *
 * 4.4 picks among unrolled, "rep movsq" and "rep movsb" variants with
 * alternatives patched at boot; the "rep movsb" one (X86_FEATURE_ERMS) is
 * the one here.
 */
	.text
ENTRY(memcpy)
	movq	%rdi, %rax
	movq	%rdx, %rcx
	rep
	movsb
	ret
ENDPROC(memcpy)

/*
 * ISO C memset - set a memory block to a byte value.
 *
 * rdi   destination
 * rsi   value (char)
 * rdx   count (bytes)
 *
 * rax   original destination
 */
ENTRY(memset)
	movq	%rdi, %r9
	movl	%esi, %eax
	movq	%rdx, %rcx
	rep
	stosb
	movq	%r9, %rax
	ret
ENDPROC(memset)
