/*
 * stddef.h -- the compiler's own, as gcc ships one in its include directory:
 * the types and macros C requires even of a freestanding implementation.
 * A user program finds kwb's libc headers first (userland/include); this
 * one serves code built with -nostdinc -isystem <this directory>.
 */
#ifndef _STDDEF_H
#define _STDDEF_H

typedef long int ptrdiff_t;
typedef unsigned long int size_t;
typedef int wchar_t;

#undef NULL
#define NULL ((void *)0)

#define offsetof(TYPE, MEMBER) __builtin_offsetof(TYPE, MEMBER)

#endif /* _STDDEF_H */
