/*
 * syscall.S — the only place libc enters the kernel. The x86-64 convention: number in rax,
 * arguments in rdi rsi rdx r10 r8 r9; the kernel clobbers rcx and r11 and returns in rax.
 */
	.text

/* long __syscall6(long nr, long a1, ..., long a6): the raw result, -errno on failure. */
	.globl __syscall6
	.type __syscall6, @function
__syscall6:
	movq %rdi, %rax
	movq %rsi, %rdi
	movq %rdx, %rsi
	movq %rcx, %rdx
	movq %r8, %r10
	movq %r9, %r8
	movq 8(%rsp), %r9
	syscall
	ret
	.size __syscall6, .-__syscall6

/* long syscall(long nr, ...): syscall(2), with errno set and -1 returned on failure. */
	.globl syscall
	.type syscall, @function
syscall:
	movq %rdi, %rax
	movq %rsi, %rdi
	movq %rdx, %rsi
	movq %rcx, %rdx
	movq %r8, %r10
	movq %r9, %r8
	movq 8(%rsp), %r9
	syscall
	movq %rax, %rdi
	jmp __syscall_ret
	.size syscall, .-syscall

	.section .note.GNU-stack,"",@progbits
