# Section groups: COMDAT and plain groups, members with relocations, an otherwise undefined signature.
	.text
	call foo
	.section .text.foo,"axG",@progbits,foo,comdat
	.globl foo
	.type foo,@function
foo:	call bar
	ret
	.section .data.foo,"awG",@progbits,foo,comdat
d:	.quad d
	.section .text.grp2,"axG",@progbits,sig2
	nop
	.text
	ret
