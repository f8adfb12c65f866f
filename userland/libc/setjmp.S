/*
 * setjmp.S — non-local jumps. setjmp saves what the ABI says a function must preserve (rbx,
 * rbp, r12-r15), the stack pointer as the caller will see it after the return, and the return
 * address; longjmp puts them back and returns again from that setjmp, with a value that is
 * never 0. The signal mask is not saved (as _setjmp; sigsetjmp ignores its flag).
 */
	.text

	.globl setjmp
	.type setjmp, @function
	.globl _setjmp
	.type _setjmp, @function
	.globl sigsetjmp
	.type sigsetjmp, @function
	.globl __sigsetjmp
	.type __sigsetjmp, @function
setjmp:
_setjmp:
sigsetjmp:
__sigsetjmp:
	movq %rbx, 0(%rdi)
	movq %rbp, 8(%rdi)
	movq %r12, 16(%rdi)
	movq %r13, 24(%rdi)
	movq %r14, 32(%rdi)
	movq %r15, 40(%rdi)
	leaq 8(%rsp), %rdx
	movq %rdx, 48(%rdi)
	movq (%rsp), %rdx
	movq %rdx, 56(%rdi)
	movl $0, 64(%rdi)
	xorl %eax, %eax
	ret
	.size setjmp, .-setjmp

	.globl longjmp
	.type longjmp, @function
	.globl _longjmp
	.type _longjmp, @function
	.globl siglongjmp
	.type siglongjmp, @function
longjmp:
_longjmp:
siglongjmp:
	movl %esi, %eax
	testl %eax, %eax
	jne 1f
	movl $1, %eax
1:
	movq 0(%rdi), %rbx
	movq 8(%rdi), %rbp
	movq 16(%rdi), %r12
	movq 24(%rdi), %r13
	movq 32(%rdi), %r14
	movq 40(%rdi), %r15
	movq 48(%rdi), %rsp
	jmp *56(%rdi)
	.size longjmp, .-longjmp

	.section .note.GNU-stack,"",@progbits
