/*
 * scanf.c — sscanf, fscanf, scanf and their v- forms, for the integer, character, string and
 * scanset conversions (d i u o x X p c s [ n %), with widths, * (no assignment) and the length
 * modifiers hh h l ll q L z Z t j. As glibc does, a number's characters are collected first
 * (sign, 0x prefix, digits, within the width) and then converted with strtol/strtoul, so
 * overflow and signs come out the same. There is no floating point: %f %e %g %a stop the scan
 * like a matching failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include "internal.h"

/* Where characters come from: a string or a stream, with one character of look-back. */
struct input {
	const char *s; /* for strings */
	FILE *f;       /* for streams */
	long count;    /* characters consumed, for %n */
	int eof;
};

static int next(struct input *in)
{
	int c;

	if (in->f) {
		c = fgetc(in->f);
	} else {
		c = *in->s ? (unsigned char)*in->s : EOF;
		if (c != EOF)
			in->s++;
	}
	if (c == EOF)
		in->eof = 1;
	else
		in->count++;
	return c;
}

static void back(struct input *in, int c)
{
	if (c == EOF)
		return;
	in->count--;
	if (in->f)
		ungetc(c, in->f);
	else
		in->s--;
}

static int space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int digit_in(int c, int base)
{
	if (c >= '0' && c <= '9')
		return c - '0' < base;
	if (base == 16)
		return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	return 0;
}

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG };

/* Stores an integer through the pointer the length modifier names. */
static void store(va_list ap, enum length len, unsigned long v)
{
	switch (len) {
	case LEN_CHAR: *va_arg(ap, unsigned char *) = (unsigned char)v; break;
	case LEN_SHORT: *va_arg(ap, unsigned short *) = (unsigned short)v; break;
	case LEN_INT: *va_arg(ap, unsigned int *) = (unsigned int)v; break;
	default: *va_arg(ap, unsigned long *) = v; break;
	}
}

/*
 * Reads a number's text (at most width characters) into buf: sign, then for base 16 (or 0) an
 * optional 0x, then digits. Returns the base to convert with, or 0 when there were no digits.
 */
static int read_number(struct input *in, char *buf, int width, int base)
{
	int n = 0, c, digits = 0;

	c = next(in);
	if ((c == '+' || c == '-') && n < width) {
		buf[n++] = (char)c;
		c = next(in);
	}
	if (c == '0' && n < width && (base == 0 || base == 16)) {
		buf[n++] = (char)c;
		digits = 1;
		c = next(in);
		if ((c == 'x' || c == 'X') && n < width) {
			/* glibc takes "0x" with no hex digit after it as the number 0, x consumed. */
			buf[n++] = (char)c;
			base = 16;
			c = next(in);
		} else if (base == 0) {
			base = 8;
		}
	}
	if (base == 0)
		base = 10;
	while (c != EOF && n < width && n < 62 && digit_in(c, base)) {
		buf[n++] = (char)c;
		digits = 1;
		c = next(in);
	}
	back(in, c);
	buf[n] = 0;
	return digits ? base : 0;
}

/* A %[...] set: fills member[256]; returns the format position after the closing ']'. */
static const char *scanset(const char *fmt, char *member)
{
	int invert = 0, i, lo;

	if (*fmt == '^') {
		invert = 1;
		fmt++;
	}
	memset(member, 0, 256);
	if (*fmt == ']') {
		member[']'] = 1;
		fmt++;
	}
	while (*fmt && *fmt != ']') {
		if (fmt[1] == '-' && fmt[2] && fmt[2] != ']' && (unsigned char)fmt[2] >= (unsigned char)fmt[0]) {
			for (lo = (unsigned char)fmt[0]; lo <= (unsigned char)fmt[2]; lo++)
				member[lo] = 1;
			fmt += 3;
		} else {
			member[(unsigned char)*fmt++] = 1;
		}
	}
	if (*fmt == ']')
		fmt++;
	if (invert)
		for (i = 0; i < 256; i++)
			member[i] = !member[i];
	return fmt;
}

static int scan(struct input *in, const char *fmt, va_list ap)
{
	int assigned = 0, conversions = 0, width, suppress, c, base, n;
	enum length len;
	char buf[64], member[256], *out;
	char conv;
	unsigned long v;

	while (*fmt) {
		if (space((unsigned char)*fmt)) {
			while (space((unsigned char)*fmt))
				fmt++;
			do
				c = next(in);
			while (space(c));
			back(in, c);
			continue;
		}
		if (*fmt != '%' || fmt[1] == '%') {
			if (*fmt == '%') {
				fmt++;
				do
					c = next(in);
				while (space(c));
			} else {
				c = next(in);
			}
			if (c != (unsigned char)*fmt) {
				back(in, c);
				goto stop;
			}
			fmt++;
			continue;
		}
		fmt++;
		suppress = 0;
		if (*fmt == '*') {
			suppress = 1;
			fmt++;
		}
		width = 0;
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		len = LEN_INT;
		if (*fmt == 'h') {
			len = fmt[1] == 'h' ? LEN_CHAR : LEN_SHORT;
			fmt += fmt[1] == 'h' ? 2 : 1;
		} else if (*fmt == 'l' || *fmt == 'q' || *fmt == 'L' || *fmt == 'z' || *fmt == 'Z' || *fmt == 't' || *fmt == 'j') {
			len = LEN_LONG;
			fmt += fmt[0] == 'l' && fmt[1] == 'l' ? 2 : 1;
		}
		conv = *fmt;
		if (!conv)
			goto stop;
		fmt++;

		if (conv == 'n') {
			if (!suppress)
				store(ap, len, (unsigned long)in->count);
			continue;
		}
		/* Every conversion but %c and %[ skips white space first. */
		if (conv != 'c' && conv != '[') {
			do
				c = next(in);
			while (space(c));
			back(in, c);
		}
		c = next(in);
		if (c == EOF)
			goto stop;
		back(in, c);

		switch (conv) {
		case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p':
			base = conv == 'd' || conv == 'u' ? 10 : conv == 'o' ? 8 : conv == 'i' ? 0 : 16;
			base = read_number(in, buf, width ? width : 63, base);
			if (!base)
				goto stop;
			if (!suppress) {
				if (conv == 'd' || conv == 'i')
					v = (unsigned long)strtol(buf, 0, base);
				else
					v = strtoul(buf, 0, base);
				if (conv == 'p')
					*va_arg(ap, void **) = (void *)v;
				else
					store(ap, len, v);
				assigned++;
			}
			break;
		case 'c':
			if (!width)
				width = 1;
			out = suppress ? 0 : va_arg(ap, char *);
			for (n = 0; n < width; n++) {
				c = next(in);
				if (c == EOF)
					break;
				if (out)
					out[n] = (char)c;
			}
			if (n == 0)
				goto stop;
			if (out)
				assigned++;
			break;
		case 's':
		case '[':
			if (conv == '[') {
				fmt = scanset(fmt, member);
			} else {
				for (n = 0; n < 256; n++)
					member[n] = !space(n);
				member[0] = 1;
			}
			out = suppress ? 0 : va_arg(ap, char *);
			for (n = 0; !width || n < width; n++) {
				c = next(in);
				if (c == EOF || !member[c]) {
					back(in, c);
					break;
				}
				if (out)
					out[n] = (char)c;
			}
			if (n == 0)
				goto stop;
			if (out) {
				out[n] = 0;
				assigned++;
			}
			break;
		default:
			/* %f and friends, or an unknown conversion: nothing here can read it. */
			goto stop;
		}
		conversions++;
	}
stop:
	/* EOF when the input ran out before anything was converted. */
	if (conversions == 0 && assigned == 0 && in->eof)
		return EOF;
	return assigned;
}

int vsscanf(const char *str, const char *fmt, va_list ap)
{
	struct input in;

	in.s = str;
	in.f = 0;
	in.count = 0;
	in.eof = 0;
	return scan(&in, fmt, ap);
}

int vfscanf(FILE *f, const char *fmt, va_list ap)
{
	struct input in;

	in.s = 0;
	in.f = f;
	in.count = 0;
	in.eof = 0;
	return scan(&in, fmt, ap);
}

int vscanf(const char *fmt, va_list ap)
{
	return vfscanf(stdin, fmt, ap);
}

int sscanf(const char *str, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsscanf(str, fmt, ap);
	va_end(ap);
	return n;
}

int fscanf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfscanf(f, fmt, ap);
	va_end(ap);
	return n;
}

int scanf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfscanf(stdin, fmt, ap);
	va_end(ap);
	return n;
}
