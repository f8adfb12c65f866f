/* Preprocessing assembly (gcc -x assembler-with-cpp). */
#include "asm-defs.h"
# a gas comment line: it's not a directive, and quotes don't matter
#define ENTRY(name) .globl name; .type name, @function; name:
#define END(name) .size name, .-name
#define SYSCALL_NR 326
#define REG(r) %r
#ifdef __ASSEMBLER__
	.text
ENTRY(do_nsys)
	movq $SYSCALL_NR, %rax	# the number in rax
	movl $'a, %edi
	movq $(SYSCALL_NR + 1), REG(r)ax
	syscall
	ret
END(do_nsys)
#endif
#define PASTE(a, b) a ## b
	PASTE(mov, q) $1, %rbx
	PASTE(%, rax)
#define STR(x) #x
	.ascii STR(hi there)
# 42 "renamed.S"
	nop
