#ifndef _ASM_X86_STRING_H
#define _ASM_X86_STRING_H

/*
 * The string functions x86-64 provides in assembly (arch/x86/lib/memcpy_64.S,
 * memset_64.S); lib/string.c leaves these out.
 */
#define __HAVE_ARCH_MEMCPY 1
#define __HAVE_ARCH_MEMSET 1

#endif /* _ASM_X86_STRING_H */
