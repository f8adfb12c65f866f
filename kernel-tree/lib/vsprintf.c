/*
 *  linux/lib/vsprintf.c
 *
 *  Copyright (C) 1991, 1992  Linus Torvalds
 */

/* vsprintf.c -- Lars Wirzenius & Linus Torvalds. */
/*
 * Wirzenius wrote this portably, Torvalds fucked it up :-)
 *
 * The workbench's version handles the conversions the tree uses:
 * %d %i %u %x %X %o %c %s %p %% with the flags '-', '0', '+', ' ', '#',
 * a field width and precision (numbers or '*'), and the length modifiers
 * h, hh, l, ll, z and t.  4.4's %p extensions (%pS, %pI4, ...) are not here.
 */

#include <stdarg.h>
#include <linux/types.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/kernel.h>

const char hex_asc[] = "0123456789abcdef";
static const char hex_asc_upper[] = "0123456789ABCDEF";

#define SIGN	1		/* unsigned/signed, must be 1 */
#define LEFT	2		/* left justified */
#define PLUS	4		/* show plus */
#define SPACE	8		/* space if plus */
#define ZEROPAD	16		/* pad with zero, must be 16 == '0' - ' ' */
#define SMALL	32		/* use lowercase in hex (must be 32 == 0x20) */
#define SPECIAL	64		/* prefix hex with "0x", octal with "0" */

struct printf_spec {
	int	flags;		/* flags to number() */
	int	field_width;	/* width of output field */
	int	precision;	/* # of digits/chars */
	int	base;
};

/* Stores one character if it fits; always advances, so the caller can count. */
static char *put(char *buf, char *end, char c)
{
	if (buf < end)
		*buf = c;
	return buf + 1;
}

static char *number(char *buf, char *end, unsigned long long num,
		    struct printf_spec spec)
{
	char tmp[24];
	const char *digits = (spec.flags & SMALL) ? hex_asc : hex_asc_upper;
	char sign = 0;
	int i = 0;
	int prefix = 0;
	int width = spec.field_width;
	int precision = spec.precision;

	if (spec.flags & SIGN) {
		if ((long long)num < 0) {
			sign = '-';
			num = -(long long)num;
		} else if (spec.flags & PLUS) {
			sign = '+';
		} else if (spec.flags & SPACE) {
			sign = ' ';
		}
	}
	if (sign)
		width--;
	if (spec.flags & SPECIAL) {
		if (spec.base == 16)
			prefix = 2;
		else if (spec.base == 8 && num != 0)
			prefix = 1;
		width -= prefix;
	}

	/* generate the digits, least significant first */
	if (num == 0)
		tmp[i++] = '0';
	while (num != 0) {
		tmp[i++] = digits[num % spec.base];
		num /= spec.base;
	}
	if (i > precision)
		precision = i;
	width -= precision;

	if (!(spec.flags & (ZEROPAD | LEFT)))
		while (width-- > 0)
			buf = put(buf, end, ' ');
	if (sign)
		buf = put(buf, end, sign);
	if (prefix) {
		buf = put(buf, end, '0');
		if (spec.base == 16)
			buf = put(buf, end, (spec.flags & SMALL) ? 'x' : 'X');
	}
	if (!(spec.flags & LEFT))
		while (width-- > 0)
			buf = put(buf, end, (spec.flags & ZEROPAD) ? '0' : ' ');
	while (i < precision--)
		buf = put(buf, end, '0');
	while (i-- > 0)
		buf = put(buf, end, tmp[i]);
	while (width-- > 0)
		buf = put(buf, end, ' ');
	return buf;
}

static char *string(char *buf, char *end, const char *s,
		    struct printf_spec spec)
{
	int len, i;

	if (s == NULL)
		s = "(null)";
	len = strnlen(s, spec.precision < 0 ? ~0UL : (unsigned long)spec.precision);

	if (!(spec.flags & LEFT))
		while (len < spec.field_width--)
			buf = put(buf, end, ' ');
	for (i = 0; i < len; ++i)
		buf = put(buf, end, s[i]);
	while (len < spec.field_width--)
		buf = put(buf, end, ' ');
	return buf;
}

static int skip_atoi(const char **s)
{
	int i = 0;

	while (isdigit(**s))
		i = i * 10 + *((*s)++) - '0';
	return i;
}

/**
 * vsnprintf - Format a string and place it in a buffer
 * @buf: The buffer to place the result into
 * @size: The size of the buffer, including the trailing null space
 * @fmt: The format string to use
 * @args: Arguments for the format string
 *
 * The return value is the number of characters which would
 * be generated for the given input, excluding the trailing
 * '\0', as per ISO C99. If you want to have the exact
 * number of characters written into @buf as return value
 * (not including the trailing '\0'), use vscnprintf(). If the
 * return is greater than or equal to @size, the resulting
 * string is truncated.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	char *str = buf;
	char *end = buf + size;
	struct printf_spec spec;
	int qualifier;
	unsigned long long num;

	/* Make sure end is always >= buf (sprintf passes INT_MAX) */
	if (end < buf) {
		end = ((void *)-1);
		size = end - buf;
	}

	for (; *fmt; ++fmt) {
		if (*fmt != '%') {
			str = put(str, end, *fmt);
			continue;
		}

		/* flags */
		spec.flags = 0;
		for (;;) {
			++fmt;
			if (*fmt == '-')
				spec.flags |= LEFT;
			else if (*fmt == '+')
				spec.flags |= PLUS;
			else if (*fmt == ' ')
				spec.flags |= SPACE;
			else if (*fmt == '#')
				spec.flags |= SPECIAL;
			else if (*fmt == '0')
				spec.flags |= ZEROPAD;
			else
				break;
		}

		/* field width */
		spec.field_width = -1;
		if (isdigit(*fmt)) {
			spec.field_width = skip_atoi(&fmt);
		} else if (*fmt == '*') {
			++fmt;
			spec.field_width = va_arg(args, int);
			if (spec.field_width < 0) {
				spec.field_width = -spec.field_width;
				spec.flags |= LEFT;
			}
		}

		/* precision */
		spec.precision = -1;
		if (*fmt == '.') {
			++fmt;
			if (isdigit(*fmt)) {
				spec.precision = skip_atoi(&fmt);
			} else if (*fmt == '*') {
				++fmt;
				spec.precision = va_arg(args, int);
			} else {
				spec.precision = 0;
			}
			if (spec.precision < 0)
				spec.precision = 0;
		}

		/* length modifier: 'H' stands for hh, 'L' for ll */
		qualifier = 0;
		if (*fmt == 'h' || *fmt == 'l' || *fmt == 'z' || *fmt == 't') {
			qualifier = *fmt++;
			if (qualifier == 'h' && *fmt == 'h') {
				qualifier = 'H';
				++fmt;
			} else if (qualifier == 'l' && *fmt == 'l') {
				qualifier = 'L';
				++fmt;
			}
		}

		spec.base = 10;
		switch (*fmt) {
		case 'c':
			if (!(spec.flags & LEFT))
				while (--spec.field_width > 0)
					str = put(str, end, ' ');
			str = put(str, end, (unsigned char)va_arg(args, int));
			while (--spec.field_width > 0)
				str = put(str, end, ' ');
			continue;

		case 's':
			str = string(str, end, va_arg(args, char *), spec);
			continue;

		case 'p':
			if (spec.field_width == -1) {
				spec.field_width = 2 * sizeof(void *);
				spec.flags |= ZEROPAD;
			}
			spec.base = 16;
			spec.flags |= SMALL;
			str = number(str, end, (unsigned long)va_arg(args, void *), spec);
			continue;

		case '%':
			str = put(str, end, '%');
			continue;

		case 'o':
			spec.base = 8;
			break;

		case 'x':
			spec.flags |= SMALL;
			/* fallthrough */
		case 'X':
			spec.base = 16;
			break;

		case 'd':
		case 'i':
			spec.flags |= SIGN;
			break;

		case 'u':
			break;

		default:
			/* an unknown conversion is printed as it stands */
			str = put(str, end, '%');
			if (*fmt)
				str = put(str, end, *fmt);
			else
				--fmt;
			continue;
		}

		if (spec.flags & LEFT)
			spec.flags &= ~ZEROPAD;
		if (spec.precision >= 0)
			spec.flags &= ~ZEROPAD;

		if (qualifier == 'L') {
			num = va_arg(args, unsigned long long);
		} else if (qualifier == 'l' || qualifier == 'z' || qualifier == 't') {
			if (spec.flags & SIGN)
				num = (long long)va_arg(args, long);
			else
				num = va_arg(args, unsigned long);
		} else {
			if (spec.flags & SIGN)
				num = (long long)va_arg(args, int);
			else
				num = va_arg(args, unsigned int);
			if (qualifier == 'h')
				num = (spec.flags & SIGN) ? (long long)(short)num : (unsigned short)num;
			else if (qualifier == 'H')
				num = (spec.flags & SIGN) ? (long long)(signed char)num : (unsigned char)num;
		}
		str = number(str, end, num, spec);
	}

	if (size > 0) {
		if (str < end)
			*str = '\0';
		else
			end[-1] = '\0';
	}

	/* the trailing null byte doesn't count towards the total */
	return str - buf;
}

/**
 * vscnprintf - Format a string and place it in a buffer
 * @buf: The buffer to place the result into
 * @size: The size of the buffer, including the trailing null space
 * @fmt: The format string to use
 * @args: Arguments for the format string
 *
 * The return value is the number of characters which have been written into
 * the @buf not including the trailing '\0'. If @size is == 0 the function
 * returns 0.
 */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int i;

	i = vsnprintf(buf, size, fmt, args);

	if (i < size)
		return i;
	if (size != 0)
		return size - 1;
	return 0;
}

/**
 * snprintf - Format a string and place it in a buffer
 * @buf: The buffer to place the result into
 * @size: The size of the buffer, including the trailing null space
 * @fmt: The format string to use
 * @...: Arguments for the format string
 */
int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = vsnprintf(buf, size, fmt, args);
	va_end(args);

	return i;
}

/**
 * scnprintf - Format a string and place it in a buffer
 * @buf: The buffer to place the result into
 * @size: The size of the buffer, including the trailing null space
 * @fmt: The format string to use
 * @...: Arguments for the format string
 *
 * The return value is the number of characters written into @buf not including
 * the trailing '\0'. If @size is == 0 the function returns 0.
 */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = vscnprintf(buf, size, fmt, args);
	va_end(args);

	return i;
}

/**
 * vsprintf - Format a string and place it in a buffer
 * @buf: The buffer to place the result into
 * @fmt: The format string to use
 * @args: Arguments for the format string
 *
 * Call this function if you are already dealing with a va_list.
 * You probably want sprintf() instead.
 */
int vsprintf(char *buf, const char *fmt, va_list args)
{
	return vsnprintf(buf, INT_MAX, fmt, args);
}

/**
 * sprintf - Format a string and place it in a buffer
 * @buf: The buffer to place the result into
 * @fmt: The format string to use
 * @...: Arguments for the format string
 */
int sprintf(char *buf, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = vsnprintf(buf, INT_MAX, fmt, args);
	va_end(args);

	return i;
}
