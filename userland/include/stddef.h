/* stddef.h — the LP64 basic types of x86-64 Linux. */
#ifndef _STDDEF_H
#define _STDDEF_H

#ifndef __kwb_size_t_defined
#define __kwb_size_t_defined
typedef unsigned long size_t;
#endif
typedef long ptrdiff_t;
typedef int wchar_t;
typedef long max_align_t;

#ifndef NULL
#define NULL ((void *)0)
#endif

/* The classic spelling: the address of the member in a structure placed at 0. */
#define offsetof(type, member) ((size_t)&((type *)0)->member)

#endif
