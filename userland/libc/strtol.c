/*
 * strtol.c — text to integers. One scanner does the work: optional space and sign, a 0x or 0
 * prefix as the base allows, then digits, accumulating the magnitude as unsigned long with an
 * overflow check; each function then applies its own range. endptr gets the first unused byte,
 * or nptr itself when there were no digits.
 */
#include <stdlib.h>
#include <errno.h>
#include <limits.h>
#include <inttypes.h>

static int digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* Returns the magnitude; sets *neg, *overflow, and *endptr (if given). */
static unsigned long scan(const char *nptr, char **endptr, int base, int *neg, int *overflow)
{
	const char *s = nptr;
	unsigned long acc = 0, cutoff;
	int any = 0, d, cutlim;

	*neg = 0;
	*overflow = 0;
	if (base < 0 || base == 1 || base > 36) {
		/* glibc leaves endptr alone here. */
		errno = EINVAL;
		return 0;
	}
	while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		s++;
	if (*s == '-' || *s == '+')
		*neg = *s++ == '-';
	/* "0x" counts as a prefix only if a hex digit follows; else the 0 alone is the number. */
	if ((base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && digit_value(s[2]) < 16) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = s[0] == '0' ? 8 : 10;
	}
	cutoff = ULONG_MAX / (unsigned long)base;
	cutlim = (int)(ULONG_MAX % (unsigned long)base);
	for (;; s++) {
		d = digit_value(*s);
		if (d >= base)
			break;
		any = 1;
		if (acc > cutoff || (acc == cutoff && d > cutlim))
			*overflow = 1;
		else
			acc = acc * (unsigned long)base + (unsigned long)d;
	}
	if (endptr)
		*endptr = (char *)(any ? s : nptr);
	return acc;
}

long strtol(const char *nptr, char **endptr, int base)
{
	int neg, overflow;
	unsigned long m = scan(nptr, endptr, base, &neg, &overflow);

	if (neg) {
		if (overflow || m > (unsigned long)LONG_MAX + 1) {
			errno = ERANGE;
			return LONG_MIN;
		}
		return (long)(0UL - m);
	}
	if (overflow || m > (unsigned long)LONG_MAX) {
		errno = ERANGE;
		return LONG_MAX;
	}
	return (long)m;
}

/* A leading minus negates the result in unsigned arithmetic, as C specifies. */
unsigned long strtoul(const char *nptr, char **endptr, int base)
{
	int neg, overflow;
	unsigned long m = scan(nptr, endptr, base, &neg, &overflow);

	if (overflow) {
		errno = ERANGE;
		return ULONG_MAX;
	}
	return neg ? 0UL - m : m;
}

long long strtoll(const char *nptr, char **endptr, int base)
{
	return strtol(nptr, endptr, base);
}

unsigned long long strtoull(const char *nptr, char **endptr, int base)
{
	return strtoul(nptr, endptr, base);
}

intmax_t strtoimax(const char *nptr, char **endptr, int base)
{
	return strtol(nptr, endptr, base);
}

uintmax_t strtoumax(const char *nptr, char **endptr, int base)
{
	return strtoul(nptr, endptr, base);
}

/* glibc's atoi is strtol cast to int: no errno promise, wraps like the cast. */
int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}
