/*
 * dmesg [-x] [-r] [-l LEVELS]: the kernel log, read with syslog(2) (klogctl
 * SYSLOG_ACTION_READ_ALL), printed as util-linux's dmesg does:
 * "[    0.000000] text"; -x adds "kern  :info  : "; -r prints the raw
 * "<6>[...]" lines; -l keeps only the listed levels (names or numbers).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>

static const char *levels[] = { "emerg", "alert", "crit", "err", "warn", "notice", "info", "debug" };
static const char *facilities[] = { "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news" };

static int parse_levels(char *list, int *mask)
{
	char *w = strtok(list, ",");

	while (w) {
		int i, n = -1;

		if (w[0] >= '0' && w[0] <= '7' && !w[1])
			n = w[0] - '0';
		for (i = 0; i < 8; i++)
			if (strcmp(w, levels[i]) == 0)
				n = i;
		if (n < 0) {
			fprintf(stderr, "dmesg: unknown level '%s'\n", w);
			return -1;
		}
		*mask |= 1 << n;
		w = strtok(NULL, ",");
	}
	return 0;
}

int main(int argc, char **argv)
{
	static char buf[1 << 18];
	int decode = 0, raw = 0, mask = 0, i, n;
	char *p;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-x") == 0 || strcmp(argv[i], "--decode") == 0)
			decode = 1;
		else if (strcmp(argv[i], "-r") == 0 || strcmp(argv[i], "--raw") == 0)
			raw = 1;
		else if (strcmp(argv[i], "-l") == 0 && i + 1 < argc) {
			if (parse_levels(argv[++i], &mask))
				return 1;
		} else if (strncmp(argv[i], "--level=", 8) == 0) {
			if (parse_levels(argv[i] + 8, &mask))
				return 1;
		} else {
			fprintf(stderr, "dmesg: invalid option '%s'\n", argv[i]);
			return 1;
		}
	}
	n = klogctl(3, buf, sizeof buf - 1);	/* SYSLOG_ACTION_READ_ALL */
	if (n < 0) {
		perror("dmesg: read kernel buffer failed");
		return 1;
	}
	buf[n] = 0;
	for (p = buf; *p; ) {
		char *nl = strchr(p, '\n');
		int pri = 0, level, facility;
		char *text = p;

		if (nl)
			*nl = 0;
		if (*p == '<') {
			pri = atoi(p + 1);
			text = strchr(p, '>') ? strchr(p, '>') + 1 : p;
		}
		level = pri & 7;
		facility = pri >> 3;
		if (!mask || (mask & (1 << level))) {
			if (raw)
				printf("%s\n", p);
			else if (decode)
				printf("%-6s:%-6s: %s\n", facility < 8 ? facilities[facility] : "kern", levels[level], text);
			else
				printf("%s\n", text);
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	return 0;
}
