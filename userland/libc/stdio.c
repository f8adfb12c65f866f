/*
 * stdio.c — streams over file descriptors with glibc's buffering: stdout is line-buffered on a
 * terminal and fully buffered (4096 bytes) otherwise, stderr is unbuffered, and nothing is
 * flushed behind the program's back except at exit, when a buffer fills, and (for stdout on a
 * terminal) before reading a terminal. Mixing printf with write(2) therefore orders the bytes
 * exactly as it does with glibc.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include "internal.h"

#define STREAM_BUF 4096

static char stdin_buf[STREAM_BUF];
static char stdout_buf[STREAM_BUF];

/* Listed newest first, as glibc's list of streams is: exit flushes in this order. */
static struct __kwb_file stdin_file = { 0, -1, KWB_F_READ | KWB_F_STATIC, -1, stdin_buf, STREAM_BUF, 0, 0, 0, 0 };
static struct __kwb_file stdout_file = { 1, -1, KWB_F_WRITE | KWB_F_STATIC, -1, stdout_buf, STREAM_BUF, 0, 0, 0, &stdin_file };
static struct __kwb_file stderr_file = { 2, _IONBF, KWB_F_WRITE | KWB_F_STATIC, -1, 0, 0, 0, 0, 0, &stdout_file };

FILE *stdin = &stdin_file;
FILE *stdout = &stdout_file;
FILE *stderr = &stderr_file;

static FILE *all_files = &stderr_file;

/* glibc decides at the first use: line buffering for a terminal, full buffering otherwise. */
static void decide_mode(FILE *f)
{
	int saved = errno;

	if (f->mode < 0) {
		f->mode = isatty(f->fd) ? _IOLBF : _IOFBF;
		/* glibc only asks character devices, so a pipe or file leaves errno untouched. */
		errno = saved;
	}
}

static int write_all(FILE *f, const char *s, size_t n)
{
	long w;

	while (n > 0) {
		w = write(f->fd, s, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			f->flags |= KWB_F_ERR;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Pushes out buffered output; unread input is given back to the file where it can be. */
static int flush(FILE *f)
{
	size_t n = f->wpos;

	if (n) {
		f->wpos = 0;
		return write_all(f, f->buf, n);
	}
	if (f->rend > f->rpos && (f->flags & KWB_F_WRITE))
		lseek(f->fd, -(long)(f->rend - f->rpos), SEEK_CUR);
	f->rpos = f->rend = 0;
	return 0;
}

int __stdio_put(FILE *f, const char *s, size_t n)
{
	size_t room, k, line;

	if (!(f->flags & KWB_F_WRITE)) {
		f->flags |= KWB_F_ERR;
		errno = EBADF;
		return -1;
	}
	if (f->mode < 0)
		decide_mode(f);
	if (f->rend)
		flush(f);
	if (f->mode == _IONBF || !f->buf)
		return write_all(f, s, n);
	/* Line buffering writes through the last newline and keeps what follows it. */
	line = 0;
	if (f->mode == _IOLBF)
		for (k = n; k > 0; k--)
			if (s[k - 1] == '\n') {
				line = k;
				break;
			}
	while (n > 0) {
		room = f->size - f->wpos;
		k = n < room ? n : room;
		memcpy(f->buf + f->wpos, s, k);
		f->wpos += k;
		s += k;
		n -= k;
		if (line > 0 && line <= k) {
			if (flush(f) < 0)
				return -1;
			line = 0;
		} else if (line > 0) {
			line -= k;
		}
		if (f->wpos == f->size && flush(f) < 0)
			return -1;
	}
	return 0;
}

int fflush(FILE *f)
{
	if (!f) {
		__stdio_flush_all();
		return 0;
	}
	return flush(f) < 0 ? EOF : 0;
}

void __stdio_flush_all(void)
{
	FILE *f;

	for (f = all_files; f; f = f->next)
		if (f->wpos)
			flush(f);
}

void __stdio_flush_linebuffered(void)
{
	if (stdout->mode == _IOLBF && stdout->wpos)
		flush(stdout);
}

int fputc(int c, FILE *f)
{
	char ch = (char)c;

	return __stdio_put(f, &ch, 1) < 0 ? EOF : (unsigned char)ch;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *s, FILE *f)
{
	return __stdio_put(f, s, strlen(s)) < 0 ? EOF : 1;
}

/* glibc writes the string and the newline as one piece, and returns a non-negative count. */
int puts(const char *s)
{
	size_t n = strlen(s);

	if (__stdio_put(stdout, s, n) < 0 || __stdio_put(stdout, "\n", 1) < 0)
		return EOF;
	return n + 1 > 2147483647 ? 2147483647 : (int)(n + 1);
}

size_t fwrite(const void *ptr, size_t size, size_t nmemb, FILE *f)
{
	size_t total = size * nmemb;

	if (total == 0)
		return 0;
	return __stdio_put(f, ptr, total) < 0 ? 0 : nmemb;
}

/* Refills the input buffer; reading a terminal first flushes stdout, as glibc does. */
static int refill(FILE *f)
{
	long r;

	if (!(f->flags & KWB_F_READ)) {
		f->flags |= KWB_F_ERR;
		errno = EBADF;
		return -1;
	}
	decide_mode(f);
	if (f->wpos)
		flush(f);
	if (f->mode != _IOFBF)
		__stdio_flush_linebuffered();
	if (!f->buf) {
		f->buf = malloc(STREAM_BUF);
		if (!f->buf) {
			f->flags |= KWB_F_ERR;
			return -1;
		}
		f->size = STREAM_BUF;
		f->flags |= KWB_F_OWNBUF;
	}
	do
		r = read(f->fd, f->buf, f->size);
	while (r < 0 && errno == EINTR);
	if (r <= 0) {
		f->flags |= r == 0 ? KWB_F_EOF : KWB_F_ERR;
		f->rpos = f->rend = 0;
		return -1;
	}
	f->rpos = 0;
	f->rend = (size_t)r;
	return 0;
}

int fgetc(FILE *f)
{
	int c;

	if (f->ungot >= 0) {
		c = f->ungot;
		f->ungot = -1;
		return c;
	}
	if (f->rpos == f->rend && refill(f) < 0)
		return EOF;
	return (unsigned char)f->buf[f->rpos++];
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

int ungetc(int c, FILE *f)
{
	if (c == EOF || f->ungot >= 0)
		return EOF;
	f->ungot = (unsigned char)c;
	f->flags &= ~KWB_F_EOF;
	return (unsigned char)c;
}

char *fgets(char *s, int size, FILE *f)
{
	int i = 0, c;

	if (size <= 0)
		return NULL;
	while (i < size - 1) {
		c = fgetc(f);
		if (c == EOF)
			break;
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0)
		return NULL;
	s[i] = 0;
	return s;
}

size_t fread(void *ptr, size_t size, size_t nmemb, FILE *f)
{
	size_t total = size * nmemb, got = 0;
	unsigned char *p = ptr;
	int c;

	if (total == 0)
		return 0;
	while (got < total) {
		c = fgetc(f);
		if (c == EOF)
			break;
		p[got++] = (unsigned char)c;
	}
	return got / size;
}

int feof(FILE *f)
{
	return (f->flags & KWB_F_EOF) != 0;
}

int ferror(FILE *f)
{
	return (f->flags & KWB_F_ERR) != 0;
}

void clearerr(FILE *f)
{
	f->flags &= ~(KWB_F_EOF | KWB_F_ERR);
}

int fileno(FILE *f)
{
	return f->fd;
}

int setvbuf(FILE *f, char *buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF)
		return -1;
	f->mode = mode;
	if (buf && size > 0) {
		if (f->flags & KWB_F_OWNBUF)
			free(f->buf);
		f->flags &= ~KWB_F_OWNBUF;
		f->buf = buf;
		f->size = size;
	}
	return 0;
}

void setbuf(FILE *f, char *buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

static FILE *new_stream(int fd, int flags)
{
	FILE *f = malloc(sizeof *f);

	if (!f) {
		errno = ENOMEM;
		return NULL;
	}
	memset(f, 0, sizeof *f);
	f->fd = fd;
	f->mode = -1;
	f->flags = flags;
	f->ungot = -1;
	f->buf = malloc(STREAM_BUF);
	if (f->buf) {
		f->size = STREAM_BUF;
		f->flags |= KWB_F_OWNBUF;
	}
	f->next = all_files;
	all_files = f;
	return f;
}

/* "r" "w" "a", each with an optional "+"; "b" means nothing on Linux, "e" and "x" as glibc. */
static int parse_mode(const char *mode, int *oflags, int *sflags)
{
	const char *m;

	switch (*mode) {
	case 'r': *oflags = O_RDONLY; *sflags = KWB_F_READ; break;
	case 'w': *oflags = O_WRONLY | O_CREAT | O_TRUNC; *sflags = KWB_F_WRITE; break;
	case 'a': *oflags = O_WRONLY | O_CREAT | O_APPEND; *sflags = KWB_F_WRITE; break;
	default: errno = EINVAL; return -1;
	}
	for (m = mode + 1; *m; m++) {
		if (*m == '+') {
			*oflags = (*oflags & ~O_ACCMODE) | O_RDWR;
			*sflags = KWB_F_READ | KWB_F_WRITE;
		} else if (*m == 'e') {
			*oflags |= O_CLOEXEC;
		} else if (*m == 'x') {
			*oflags |= O_EXCL;
		}
	}
	return 0;
}

FILE *fopen(const char *path, const char *mode)
{
	int oflags, sflags, fd;
	FILE *f;

	if (parse_mode(mode, &oflags, &sflags) < 0)
		return NULL;
	fd = open(path, oflags, 0666);
	if (fd < 0)
		return NULL;
	f = new_stream(fd, sflags);
	if (!f)
		close(fd);
	return f;
}

FILE *fdopen(int fd, const char *mode)
{
	int oflags, sflags;

	if (parse_mode(mode, &oflags, &sflags) < 0)
		return NULL;
	return new_stream(fd, sflags);
}

int fclose(FILE *f)
{
	FILE **pp;
	int r = flush(f);

	if (close(f->fd) < 0)
		r = -1;
	if (f->flags & KWB_F_STATIC)
		return r < 0 ? EOF : 0;
	for (pp = &all_files; *pp; pp = &(*pp)->next)
		if (*pp == f) {
			*pp = f->next;
			break;
		}
	if (f->flags & KWB_F_OWNBUF)
		free(f->buf);
	free(f);
	return r < 0 ? EOF : 0;
}

void perror(const char *s)
{
	const char *msg = strerror(errno);

	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}

/* Where the stream is, counting what sits in its buffers. */
long ftell(FILE *f)
{
	long pos = lseek(f->fd, 0, SEEK_CUR);

	if (pos < 0)
		return -1;
	if (f->wpos)
		return pos + (long)f->wpos;
	return pos - (long)(f->rend - f->rpos) - (f->ungot >= 0);
}

int fseek(FILE *f, long offset, int whence)
{
	if (f->wpos && flush(f) < 0)
		return -1;
	if (whence == SEEK_CUR)
		offset -= (long)(f->rend - f->rpos) + (f->ungot >= 0);
	f->rpos = f->rend = 0;
	f->ungot = -1;
	if (lseek(f->fd, offset, whence) < 0)
		return -1;
	f->flags &= ~KWB_F_EOF;
	return 0;
}

void rewind(FILE *f)
{
	fseek(f, 0, SEEK_SET);
	f->flags &= ~KWB_F_ERR;
}

/* Reads through the next delimiter into a malloc'd buffer that grows as needed. */
ssize_t getdelim(char **lineptr, size_t *n, int delim, FILE *f)
{
	size_t len = 0, want;
	char *p;
	int c;

	if (!lineptr || !n) {
		errno = EINVAL;
		return -1;
	}
	for (;;) {
		c = fgetc(f);
		if (c == EOF)
			break;
		if (!*lineptr || len + 2 > *n) {
			want = *n < 120 ? 120 : *n * 2;
			p = realloc(*lineptr, want);
			if (!p) {
				f->flags |= KWB_F_ERR;
				return -1;
			}
			*lineptr = p;
			*n = want;
		}
		(*lineptr)[len++] = (char)c;
		if (c == delim)
			break;
	}
	/* As glibc: nothing read leaves the buffer as it was (allocated, if it was not). */
	if (len == 0) {
		if (!*lineptr) {
			*lineptr = malloc(120);
			if (*lineptr) {
				*n = 120;
				**lineptr = 0;
			}
		}
		return -1;
	}
	(*lineptr)[len] = 0;
	return (ssize_t)len;
}

ssize_t getline(char **lineptr, size_t *n, FILE *f)
{
	return getdelim(lineptr, n, '\n', f);
}
