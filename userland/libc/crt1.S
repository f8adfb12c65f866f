/*
 * crt1.S — the process entry point. The kernel starts us with rsp pointing at argc, followed by
 * argv[], a NULL, envp[], a NULL and the auxiliary vector. We hand that pointer to C with the stack
 * 16-byte aligned as the ABI requires at a call, and never come back.
 */
	.text
	.globl _start
	.type _start, @function
_start:
	xorl %ebp, %ebp
	movq %rsp, %rdi
	andq $-16, %rsp
	call __libc_start_main
	hlt
	.size _start, .-_start

	.section .note.GNU-stack,"",@progbits
