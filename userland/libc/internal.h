/* internal.h — what libc's own files share and programs never see. */
#ifndef _KWB_LIBC_INTERNAL_H
#define _KWB_LIBC_INTERNAL_H

#include <stddef.h>
#include <sys/types.h>

/* The raw system call (syscall.S): returns the kernel's value, -4095..-1 meaning -errno. */
long __syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
#define __syscall0(nr) __syscall6((nr), 0, 0, 0, 0, 0, 0)
#define __syscall1(nr, a) __syscall6((nr), (long)(a), 0, 0, 0, 0, 0)
#define __syscall2(nr, a, b) __syscall6((nr), (long)(a), (long)(b), 0, 0, 0, 0)
#define __syscall3(nr, a, b, c) __syscall6((nr), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define __syscall4(nr, a, b, c, d) __syscall6((nr), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

/* Turns a raw result into the C convention: -1 with errno set, or the value. */
long __syscall_ret(long raw);

/*
 * A stream. Output collects in buf[0..wpos) until a flush; input is read into buf and consumed
 * from rpos to rend. One buffer serves one direction at a time, as stdin/stdout/stderr need.
 */
struct __kwb_file {
	int fd;
	int mode;      /* _IOFBF, _IOLBF, _IONBF; -1 until the first use decides (glibc asks isatty then) */
	int flags;     /* KWB_F_* below */
	int ungot;     /* a character pushed back by ungetc, or -1 */
	char *buf;
	size_t size;
	size_t wpos;
	size_t rpos;
	size_t rend;
	struct __kwb_file *next; /* every open stream, for the flush at exit */
};

#define KWB_F_EOF 1
#define KWB_F_ERR 2
#define KWB_F_READ 4      /* opened for reading */
#define KWB_F_WRITE 8     /* opened for writing */
#define KWB_F_OWNBUF 16   /* buf came from malloc and is freed by fclose */
#define KWB_F_STATIC 32   /* one of stdin/stdout/stderr: never freed */

/* Flushes every stream (exit calls it). */
void __stdio_flush_all(void);
/* Flushes line-buffered output streams; glibc does this before reading from a terminal. */
void __stdio_flush_linebuffered(void);
/* Writes n bytes to a stream through its buffer; returns 0, or -1 on a write error. */
int __stdio_put(struct __kwb_file *f, const char *s, size_t n);

/* The formatter behind every printf: calls emit(ctx, bytes, n) for each piece; returns the count. */
typedef void (*__kwb_emit_fn)(void *ctx, const char *s, size_t n);
int __kwb_format(__kwb_emit_fn emit, void *ctx, const char *fmt, __builtin_va_list ap);

extern char *__kwb_progname;

#endif
