#ifndef __LINUX_KBUILD_H
#define __LINUX_KBUILD_H

/*
 * Used by asm-offsets.c files: each DEFINE() leaves a line
 *	->SYMBOL $VALUE EXPRESSION
 * in the compiler's assembly output, which Kbuild turns into
 *	#define SYMBOL VALUE /* EXPRESSION * /
 * in include/generated/asm-offsets.h.
 */
#define DEFINE(sym, val) \
        asm volatile("\n->" #sym " %0 " #val : : "i" (val))

#define BLANK() asm volatile("\n->" : : )

#define OFFSET(sym, str, mem) \
	DEFINE(sym, offsetof(struct str, mem))

#define COMMENT(x) \
	asm volatile("\n->#" x)

#endif
