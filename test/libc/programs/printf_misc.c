/* Strings, characters, pointers, %% and %n, truncation, and the printf family's return values. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <stdarg.h>

static const char *sfmts[] = { "%s", "%10s", "%-10s", "%.3s", "%10.3s", "%-10.3s", "%.0s", "%.10s", "%*s", "%-*s", "%.*s", "%05s", "%+s", "% s", "%#s" };
static const char *cfmts[] = { "%c", "%5c", "%-5c", "%05c", "%.3c", "%*c" };
static const char *pfmts[] = { "%p", "%20p", "%-20p", "%020p", "%.20p", "%+p", "% p", "%#p", "%5p", "%-8p|" };

static int vsay(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

int main(void)
{
	char buf[256];
	const char *strs[] = { "", "a", "kernel", "workbench!", 0 };
	void *ptrs[] = { 0, (void *)1, (void *)0x400000, (void *)0x7fffffffe000UL, (void *)-1L };
	unsigned i, j;
	int n, a, b;
	long ln;
	signed char hhn;
	short hn;

	for (i = 0; i < sizeof sfmts / sizeof sfmts[0]; i++)
		for (j = 0; j < sizeof strs / sizeof strs[0]; j++) {
			if (strchr(sfmts[i], '*'))
				n = snprintf(buf, sizeof buf, sfmts[i], 7, strs[j]);
			else
				n = snprintf(buf, sizeof buf, sfmts[i], strs[j]);
			printf("%s|%d|[%s]\n", sfmts[i], n, buf);
		}
	for (i = 0; i < sizeof cfmts / sizeof cfmts[0]; i++) {
		if (strchr(cfmts[i], '*'))
			n = snprintf(buf, sizeof buf, cfmts[i], -4, 'q');
		else
			n = snprintf(buf, sizeof buf, cfmts[i], 'q');
		printf("%s|%d|[%s]\n", cfmts[i], n, buf);
	}
	for (i = 0; i < sizeof pfmts / sizeof pfmts[0]; i++)
		for (j = 0; j < sizeof ptrs / sizeof ptrs[0]; j++) {
			n = snprintf(buf, sizeof buf, pfmts[i], ptrs[j]);
			printf("%s|%d|[%s]\n", pfmts[i], n, buf);
		}
	n = snprintf(buf, sizeof buf, "100%% sure %5% x");
	printf("%d [%s]\n", n, buf);
	n = snprintf(buf, sizeof buf, "ab%ncd%hnef%hhng%ln", &a, &hn, &hhn, &ln);
	printf("%d %d %d %d %ld [%s]\n", n, a, hn, hhn, ln, buf);
	b = snprintf(buf, sizeof buf, "%c%c%c", 'x', 0, 'y');
	printf("%d %d %d %d\n", b, buf[0], buf[1], buf[2]);
	for (i = 0; i < 12; i++) {
		memset(buf, '#', 20);
		n = snprintf(buf, i, "%s-%d", "trunc", 12345);
		buf[19] = 0;
		printf("size %u -> %d [%s]\n", i, n, i ? buf : "(untouched)");
	}
	n = snprintf(0, 0, "%s %d %x", "nothing", -1, 255);
	printf("null %d\n", n);
	n = sprintf(buf, "%-6s|%6s|%06d|%-6d|%+.3d", "ab", "cd", -42, 42, 7);
	printf("%d [%s]\n", n, buf);
	n = vsay(buf, 10, "%s/%s/%s", "one", "two", "three");
	printf("%d [%s]\n", n, buf);
	errno = ENOENT;
	n = snprintf(buf, sizeof buf, "[%m] [%20m] [%.5m]");
	printf("%d %s\n", n, buf);
	n = printf("%s %d %u %x\n", "printf", -5, 5U, 0xbeefU);
	printf("printf returned %d\n", n);
	n = fprintf(stdout, "%s\n", "fprintf");
	printf("fprintf returned %d\n", n);
	n = puts("puts");
	printf("puts returned %d\n", n > 0);
	n = fputs("fputs\n", stdout);
	printf("fputs returned %d\n", n >= 0);
	n = dprintf(1, "dprintf %d\n", 99);
	printf("dprintf returned %d\n", n);
	fflush(stdout);
	n = dprintf(1, "dprintf after flush %d\n", 100);
	printf("%d\n", n);
	n = fprintf(stderr, "to stderr %d\n", 1);
	printf("stderr returned %d\n", n);
	return 0;
}
