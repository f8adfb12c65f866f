/* assert.h — glibc's message: "prog: file:line: func: Assertion `expr' failed." then abort(). */
#ifdef NDEBUG
#undef assert
#define assert(expr) ((void)0)
#else
#ifndef _ASSERT_H
#define _ASSERT_H
void __assert_fail(const char *assertion, const char *file, unsigned int line, const char *function);
#endif
#undef assert
#define assert(expr) ((expr) ? (void)0 : __assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif
