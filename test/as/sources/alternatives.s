# Kernel idioms: ALTERNATIVE-style macros with .skip sized by label differences across relaxable jumps, exception tables.
	.text
	.macro ALT old, new
140:	\old
141:
	.skip -(((144f-143f)-(141b-140b)) > 0) * ((144f-143f)-(141b-140b)),0x90
142:
	.pushsection .altinstructions,"a"
	.long 140b - .
	.long 143f - .
	.byte 142b - 140b
	.byte 144f - 143f
	.popsection
	.pushsection .altinstr_replacement, "ax"
143:	\new
144:
	.popsection
	.endm
f:	ALT "nop", "movl $1, %eax"
	ALT "jmp f", "xorl %eax, %eax"
	ALT "call ext", "jmp f"
1:	jmp 2f
	.skip (2f - 1b) & 0
2:	ret
3:
	.pushsection "__ex_table","a"
	.balign 4
	.long (1b) - .
	.long (2b) - .
	.popsection
