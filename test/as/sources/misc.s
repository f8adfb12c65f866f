# Less common forms: movzx/movsx spellings, prefixed ret/nop, loop and jrcxz (rel8 only), enter, cmpxchg8b/16b, absolute targets.
	movzx %al, %eax
	movsx %al, %rax
	movsxd %eax, %rax
	movzb %al, %eax
	movzbw %al, %ax
	movsx %ax, %eax
	movzx (%rax), %eax
	movzwl (%rax), %eax
	rep ret
	repz ret
	lock; incl (%rax)
	rep nop
1:	loop 1b
	loope 1b
	loopne 1b
	jrcxz 1b
	jecxz 1b
	jrcxz ext
	enter $16, $0
	cmpxchg16b (%rdi)
	cmpxchg8b (%rdi)
	lock cmpxchg16b (%rdi)
	call 0x1000
	jmp 0x10
	je 0x20
	movl 0x10, %eax
	lea 0x10(%rip), %rax
/ this is a comment?
	nop
	movl $4/2, %eax
	.long 8/4
