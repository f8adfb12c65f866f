# Symbol choice for relocations: section symbols, mergeable sections, forward references.
	.text
	.globl g
f0:	ret
g:	call f0
	call f1
	call g
	jmp g
	jmp f1
	jmp f0
	jmp ext
	je g
	je ext
	leaq .LC0(%rip), %rax
	leaq .LC1(%rip), %rax
	movq $g, %rax
	movl $f0, %eax
	movq ms+4, %rax
	call .Lx
f1:	ret
.Lx: ret
	.section .rodata
.LC0: .string "hi"
	.section .rodata.str1.1,"aMS",@progbits,1
.LC1: .string "yo"
ms: .string "x"
	.data
	.quad f0, g, ext, .LC1, .LC1+1, .LC0+1
	.weak w
	call w
# Pc-relative references within and across sections.
	.section .text.b,"ax",@progbits
	.globl g2
g2:	ret
	leaq g2(%rip), %rax
	leaq h2(%rip), %rax
	call .Ld2
	call dd2
	jmp dd2
	jmp h2
	.long g2 - .
	.long dd2 - .
	.quad h2 - .
	.long h2 - g2
h2:	ret
	.data
.Ld2:	.long 1
dd2:	.long 2
	.long h2 - .
	.long g2 - .
	.byte h2 - g2
	.weak wk2
wk2:	.long 0
	.section .text.b,"ax",@progbits
	call wk2
	jmp wk2
	leaq wk2(%rip), %rax
