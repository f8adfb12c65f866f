# Directives, symbols, expressions and relocations as hand-written kernel assembly uses them.
	.file	"directives.s"
	.set	NR_syscalls, 327
	.equ	PAGE_SHIFT, 12
	PAGE_SIZE = 1 << PAGE_SHIFT
	.set	MASK, ~(PAGE_SIZE - 1)

	.macro	SAVE reg1, reg2=%rbx
	pushq	\reg1
	pushq	\reg2
	.endm
	.macro	RESTORE regs:vararg
	.irp	r, \regs
	popq	%\r
	.endr
	.endm

	.section .init.text,"ax",@progbits
	.globl	startup_64
	.type	startup_64, @function
startup_64:
	movq	$(stack_top - 8), %rsp
	movq	$PAGE_SIZE, %rax
	andq	$MASK, %rax
	movl	$NR_syscalls, %ecx
	cmpq	$(NR_syscalls - 1), %rax
	ja	1f
	SAVE	%rax
	SAVE	%rcx, %rdx
	RESTORE	rdx, rcx, rbx, rax
	leaq	sys_call_table(%rip), %rdx
	call	*(%rdx,%rax,8)
	movq	%gs:0x10, %rax
	movq	%rax, %gs:cpu_var
1:	hlt
	jmp	1b
	.size	startup_64, .-startup_64

	.text
	.p2align 4
	.globl	entry_SYSCALL_64
	.type	entry_SYSCALL_64, @function
entry_SYSCALL_64:
	swapgs
	movq	%rsp, %gs:rsp_scratch(%rip)
	pushq	$0x2b
	cmpq	$NR_syscalls, %rax
	jae	2f
	call	*sys_call_table(, %rax, 8)
2:	sysretq
	.rept	3
	nop
	.endr
	.p2align 3, 0x90
	jmp	entry_SYSCALL_64
	call	do_syscall_64
	jmp	do_syscall_64
	.size	entry_SYSCALL_64, .-entry_SYSCALL_64

	.pushsection .rodata, "a"
	.align 8
	.globl	sys_call_table
sys_call_table:
	.quad	sys_read, sys_write
	.quad	sys_ni_syscall + 8
	.popsection
	.previous
	ret

	.data
	.align	16
	.type	gdt_desc, @object
	.size	gdt_desc, 10
gdt_desc:
	.word	gdt_end - gdt - 1
	.quad	gdt
gdt:	.quad	0x0000000000000000, 0x00af9a000000ffff
	.long	gdt_end - gdt, . - gdt
gdt_end:
	.byte	1, 2, 'a, 0xff, -1
	.short	0x1234, -2
	.value	7
	.int	-1
	.long	entry_SYSCALL_64 - .
	.long	undefined_sym - .
	.ascii	"ab\tc\n\"q\"\\"
	.asciz	"x", "yz"
	.string	"\101\x42"
	.zero	3
	.skip	2, 0xaa
	.space	1
	.fill	2, 4, 0x11223344
	.fill	3, 1
	.uleb128 0, 127, 128, 624485, 0xffffffffffffffff
	.sleb128 0, -1, 63, 64, -64, -65, -123456
	.balign	8, 0xcc
	.p2align 5,,7
	.byte	9
	.org	gdt_desc + 0x80, 0x5a
	.weak	weak_fn
	.hidden	hidden_fn
	.globl	hidden_fn
hidden_fn:
	.quad	weak_fn, hidden_fn, startup_64 + 16

	.bss
	.align	4096
	.globl	stack_bottom
stack_bottom:
	.skip	8192
stack_top:
	.comm	common_buf, 64, 32
	.local	local_buf
	.comm	local_buf, 100, 16
	.lcomm	lcomm_buf, 12

	.section .data..percpu, "aw", @progbits
cpu_var:	.quad 0
rsp_scratch:	.quad 0

	.section .rodata.str1.1,"aMS",@progbits,1
.LC0:	.string "hello"
.LC1:	.string "world"
	.text
	leaq	.LC0(%rip), %rdi
	leaq	.LC1+2(%rip), %rsi
	movq	$.LC1, %rax
	.ident	"kwb test"
	.section .note.GNU-stack,"",@progbits
