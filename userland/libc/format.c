/*
 * format.c — the one formatter behind every printf, following glibc's rules for the integer,
 * character, string and pointer conversions, flags (- + space # 0), width and precision (both
 * may be *), and the length modifiers hh h l ll z t j (q and L as ll).
 *
 * There is no floating point here: kwb's compiler has none. A %f %F %e %E %g %G %a %A
 * directive is copied to the output as written and consumes no argument (on x86-64 a double
 * travels in an SSE register, so the integer arguments after it are still found correctly).
 */
#include <stdarg.h>
#include <string.h>
#include <errno.h>
#include "internal.h"

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE, LEN_PTRDIFF, LEN_MAX };

struct spec {
	int minus, plus, space, hash, zero;
	int width;
	int prec; /* -1: none given */
	enum length len;
	char conv;
};

struct out {
	__kwb_emit_fn emit;
	void *ctx;
	int count;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (n) {
		o->emit(o->ctx, s, n);
		o->count += (int)n;
	}
}

static void pad(struct out *o, char c, int n)
{
	static const char spaces[] = "                                ";
	static const char zeros[] = "00000000000000000000000000000000";
	const char *src = c == '0' ? zeros : spaces;

	while (n > 0) {
		int k = n < 32 ? n : 32;
		put(o, src, (size_t)k);
		n -= k;
	}
}

/* A run of text padded to the field width: on the left, or on the right with '-'. */
static void field(struct out *o, const struct spec *sp, const char *s, size_t n)
{
	int fill = sp->width - (int)n;

	if (!sp->minus)
		pad(o, ' ', fill);
	put(o, s, n);
	if (sp->minus)
		pad(o, ' ', fill);
}

/*
 * An integer: [spaces][sign or 0x][zeros][digits][spaces]. Precision is the minimum digit count
 * (and turns the 0 flag off); a zero value with precision 0 prints no digits at all.
 */
static void integer(struct out *o, const struct spec *sp, unsigned long long mag, int negative)
{
	char digits[32];
	char prefix[3];
	int nd = 0, np = 0, base = 10, zeros, fill;
	const char *set = sp->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	char c = sp->conv;
	int is_zero = mag == 0;

	if (c == 'o')
		base = 8;
	else if (c == 'x' || c == 'X' || c == 'p')
		base = 16;
	while (mag) {
		digits[sizeof digits - 1 - nd++] = set[mag % (unsigned)base];
		mag /= (unsigned)base;
	}
	if (nd == 0 && sp->prec != 0)
		digits[sizeof digits - 1 - nd++] = '0';
	/* '#' with o makes the first digit a zero, however it comes about. */
	if (c == 'o' && sp->hash && (nd == 0 || digits[sizeof digits - nd] != '0') && sp->prec <= nd)
		digits[sizeof digits - 1 - nd++] = '0';

	if (c == 'd' || c == 'i' || c == 'p') {
		if (negative)
			prefix[np++] = '-';
		else if (sp->plus)
			prefix[np++] = '+';
		else if (sp->space)
			prefix[np++] = ' ';
	}
	if (c == 'p' || ((c == 'x' || c == 'X') && sp->hash && !is_zero)) {
		prefix[np++] = '0';
		prefix[np++] = c == 'X' ? 'X' : 'x';
	}

	zeros = sp->prec > nd ? sp->prec - nd : 0;
	fill = sp->width - np - zeros - nd;
	if (sp->zero && !sp->minus && sp->prec < 0 && fill > 0) {
		zeros += fill;
		fill = 0;
	}
	if (!sp->minus)
		pad(o, ' ', fill);
	put(o, prefix, (size_t)np);
	pad(o, '0', zeros);
	put(o, digits + sizeof digits - nd, (size_t)nd);
	if (sp->minus)
		pad(o, ' ', fill);
}

int __kwb_format(__kwb_emit_fn emit, void *ctx, const char *fmt, va_list ap)
{
	struct out o;
	struct spec sp;
	const char *start, *s;
	unsigned long long u;
	long long v;
	char ch;
	int n;

	o.emit = emit;
	o.ctx = ctx;
	o.count = 0;
	while (*fmt) {
		if (*fmt != '%') {
			start = fmt;
			while (*fmt && *fmt != '%')
				fmt++;
			put(&o, start, (size_t)(fmt - start));
			continue;
		}
		start = fmt++;
		memset(&sp, 0, sizeof sp);
		sp.prec = -1;

		/* flags */
		for (;; fmt++) {
			if (*fmt == '-')
				sp.minus = 1;
			else if (*fmt == '+')
				sp.plus = 1;
			else if (*fmt == ' ')
				sp.space = 1;
			else if (*fmt == '#')
				sp.hash = 1;
			else if (*fmt == '0')
				sp.zero = 1;
			else
				break;
		}
		/* width: digits, or * taking an int (negative means '-' and its magnitude) */
		if (*fmt == '*') {
			fmt++;
			sp.width = va_arg(ap, int);
			if (sp.width < 0) {
				sp.minus = 1;
				sp.width = -sp.width;
			}
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				sp.width = sp.width * 10 + (*fmt++ - '0');
		}
		/* precision: '.' then digits or *; a negative * precision counts as none */
		if (*fmt == '.') {
			fmt++;
			sp.prec = 0;
			if (*fmt == '*') {
				fmt++;
				sp.prec = va_arg(ap, int);
				if (sp.prec < 0)
					sp.prec = -1;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					sp.prec = sp.prec * 10 + (*fmt++ - '0');
			}
		}
		/* length */
		sp.len = LEN_INT;
		if (*fmt == 'h') {
			fmt++;
			sp.len = LEN_SHORT;
			if (*fmt == 'h') {
				fmt++;
				sp.len = LEN_CHAR;
			}
		} else if (*fmt == 'l') {
			fmt++;
			sp.len = LEN_LONG;
			if (*fmt == 'l') {
				fmt++;
				sp.len = LEN_LLONG;
			}
		} else if (*fmt == 'q' || *fmt == 'L') {
			fmt++;
			sp.len = LEN_LLONG;
		} else if (*fmt == 'z' || *fmt == 'Z') {
			fmt++;
			sp.len = LEN_SIZE;
		} else if (*fmt == 't') {
			fmt++;
			sp.len = LEN_PTRDIFF;
		} else if (*fmt == 'j') {
			fmt++;
			sp.len = LEN_MAX;
		}

		sp.conv = *fmt;
		if (*fmt)
			fmt++;
		switch (sp.conv) {
		case 'd':
		case 'i':
			switch (sp.len) {
			case LEN_CHAR: v = (signed char)va_arg(ap, int); break;
			case LEN_SHORT: v = (short)va_arg(ap, int); break;
			case LEN_INT: v = va_arg(ap, int); break;
			default: v = va_arg(ap, long); break;
			}
			if (v < 0)
				integer(&o, &sp, 0ULL - (unsigned long long)v, 1);
			else
				integer(&o, &sp, (unsigned long long)v, 0);
			break;
		case 'u':
		case 'o':
		case 'x':
		case 'X':
			switch (sp.len) {
			case LEN_CHAR: u = (unsigned char)va_arg(ap, unsigned int); break;
			case LEN_SHORT: u = (unsigned short)va_arg(ap, unsigned int); break;
			case LEN_INT: u = va_arg(ap, unsigned int); break;
			default: u = va_arg(ap, unsigned long); break;
			}
			integer(&o, &sp, u, 0);
			break;
		case 'p':
			u = (unsigned long)va_arg(ap, void *);
			if (u) {
				integer(&o, &sp, u, 0);
			} else {
				/* glibc prints the whole word whatever the precision. */
				field(&o, &sp, "(nil)", 5);
			}
			break;
		case 'c':
			ch = (char)va_arg(ap, int);
			field(&o, &sp, &ch, 1);
			break;
		case 's':
			s = va_arg(ap, const char *);
			if (!s)
				s = sp.prec < 0 || sp.prec >= 6 ? "(null)" : "";
			field(&o, &sp, s, sp.prec < 0 ? strlen(s) : strnlen(s, (size_t)sp.prec));
			break;
		case 'm':
			s = strerror(errno);
			field(&o, &sp, s, sp.prec < 0 ? strlen(s) : strnlen(s, (size_t)sp.prec));
			break;
		case 'n':
			n = o.count;
			switch (sp.len) {
			case LEN_CHAR: *va_arg(ap, signed char *) = (signed char)n; break;
			case LEN_SHORT: *va_arg(ap, short *) = (short)n; break;
			case LEN_INT: *va_arg(ap, int *) = n; break;
			default: *va_arg(ap, long *) = n; break;
			}
			break;
		case '%':
			put(&o, "%", 1);
			break;
		default:
			/* No such conversion here (floating point, or a typo): show the directive as written. */
			put(&o, start, (size_t)(fmt - start));
			break;
		}
	}
	return o.count;
}
