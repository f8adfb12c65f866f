# Branch relaxation and relocation choices: locals, globals, weak, hidden, aliases, GOT, 32-bit addressing.
	.text
f:	call later
	jmp later
	call hid
	jmp hid
	jmp wdef
	movq foo@GOTPCREL(%rip), %rax
	movl foo@GOTPCREL(%rip), %eax
	call *foo@GOTPCREL(%rip)
	movl sym(%eax), %ebx
	leal sym(,%ecx,4), %eax
	movq %gs:sym, %rax
	movq %gs:sym(%rip), %rax
	lretq
	lretl
	lretw
	.set alias, f
	call alias
	jmp alias
	.set galias, f
	.globl galias
	call galias
	jmp galias
	.globl later
	.hidden hid
	.globl hid
	.weak wdef
wdef:	ret
later:	ret
hid:	ret
	.data
sym:	.long 0
	.long later - f
	.long f@PLT
