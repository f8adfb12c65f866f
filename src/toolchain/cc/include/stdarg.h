/*
 * stdarg.h -- the compiler's own variable-argument header, in kwb cc's
 * include directory (gcc: `gcc -print-file-name=include`). kbuild reaches
 * it through `-nostdinc -isystem <this directory>`, so kernel code gets the
 * compiler's stdarg.h and nothing from the C library (<stdio.h> is not
 * found, as with a real kernel build).
 */
#ifndef _STDARG_H
#define _STDARG_H

typedef __builtin_va_list __gnuc_va_list;
typedef __gnuc_va_list va_list;

#define va_start(v, l)	__builtin_va_start(v, l)
#define va_end(v)	__builtin_va_end(v)
#define va_arg(v, l)	__builtin_va_arg(v, l)
#define va_copy(d, s)	__builtin_va_copy(d, s)

#endif /* _STDARG_H */
