/* printf.c — the printf family: each picks a destination for the one formatter in format.c. */
#include <stdio.h>
#include <stdarg.h>
#include <string.h>
#include <stdlib.h>
#include "internal.h"

/* A destination in memory that keeps counting after it is full (snprintf's return value). */
struct membuf {
	char *buf;
	size_t size;
	size_t pos;
};

static void to_memory(void *ctx, const char *s, size_t n)
{
	struct membuf *m = ctx;
	size_t i;

	for (i = 0; i < n; i++, m->pos++)
		if (m->size && m->pos < m->size - 1)
			m->buf[m->pos] = s[i];
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct membuf m;
	int n;

	m.buf = buf;
	m.size = size;
	m.pos = 0;
	n = __kwb_format(to_memory, &m, fmt, ap);
	if (size)
		buf[m.pos < size - 1 ? m.pos : size - 1] = 0;
	return n;
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
	return vsnprintf(buf, (size_t)-1 / 2, fmt, ap);
}

/*
 * A destination for a stream: the text is collected in a local buffer and handed to the stream
 * in one piece (or a few, for long output). For an unbuffered stream (stderr) that makes one
 * write(2) per call, as glibc does, so a message is never split between system calls; for a
 * buffered one it is just cheaper than handing over every directive separately.
 */
struct streambuf {
	FILE *f;
	char tmp[1024];
	size_t used;
	int failed;
};

static void to_stream(void *ctx, const char *s, size_t n)
{
	struct streambuf *sb = ctx;
	size_t k;

	while (n > 0) {
		if (sb->used == sizeof sb->tmp) {
			if (__stdio_put(sb->f, sb->tmp, sb->used) < 0)
				sb->failed = 1;
			sb->used = 0;
		}
		k = sizeof sb->tmp - sb->used < n ? sizeof sb->tmp - sb->used : n;
		memcpy(sb->tmp + sb->used, s, k);
		sb->used += k;
		s += k;
		n -= k;
	}
}

static int stream_format(FILE *f, const char *fmt, va_list ap)
{
	struct streambuf sb;
	int n;

	sb.f = f;
	sb.used = 0;
	sb.failed = 0;
	n = __kwb_format(to_stream, &sb, fmt, ap);
	if (sb.used && __stdio_put(f, sb.tmp, sb.used) < 0)
		sb.failed = 1;
	return sb.failed ? -1 : n;
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	return stream_format(f, fmt, ap);
}

int vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
	struct __kwb_file f;

	f.fd = fd;
	f.mode = _IONBF;
	f.flags = KWB_F_WRITE | KWB_F_STATIC;
	f.ungot = -1;
	f.buf = 0;
	f.size = f.wpos = f.rpos = f.rend = 0;
	f.next = 0;
	return stream_format(&f, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* The string is measured first, then written into memory of exactly that size. */
int vasprintf(char **strp, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(0, 0, fmt, again);
	va_end(again);
	*strp = 0;
	if (n < 0)
		return -1;
	*strp = malloc((size_t)n + 1);
	if (!*strp)
		return -1;
	return vsnprintf(*strp, (size_t)n + 1, fmt, ap);
}

int asprintf(char **strp, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(strp, fmt, ap);
	va_end(ap);
	return n;
}
