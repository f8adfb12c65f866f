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
	/* Success (the common case) returns at once, as glibc's syscall.S does: only a result in
	 * [-4095, -1] is an error, and __syscall_ret turns it into errno and -1. */
	cmpq $-4095, %rax
	jae 1f
	ret
1:	movq %rax, %rdi
	jmp __syscall_ret
	.size syscall, .-syscall

/*
 * void __restore_rt(void): where a signal handler returns to. The kernel put the interrupted
 * state on the stack; rt_sigreturn puts it back. (sigaction passes this as sa_restorer.)
 */
	.globl __restore_rt
	.type __restore_rt, @function
__restore_rt:
	movq $15, %rax
	syscall
	hlt
	.size __restore_rt, .-__restore_rt

	.section .note.GNU-stack,"",@progbits
