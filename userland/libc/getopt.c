/*
 * getopt.c — short options as glibc parses them: by default the options are gathered from
 * anywhere on the command line and argv is permuted so that the operands end up after them
 * (a leading '+' in optstring, or POSIXLY_CORRECT, stops at the first operand instead; a
 * leading '-' returns operands as option 1). "--" ends the options. The messages are glibc's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1;
int opterr = 1;
int optopt = '?';

enum order { PERMUTE, REQUIRE_ORDER, RETURN_IN_ORDER };

static int started;
static char *nextchar;
/* argv[first_nonopt .. last_nonopt) are operands skipped so far, still to be moved back. */
static int first_nonopt, last_nonopt;

static void reverse(char **v, int from, int to)
{
	char *t;

	while (from < --to) {
		t = v[from];
		v[from++] = v[to];
		v[to] = t;
	}
}

/* Moves the skipped operands after the options that followed them, keeping both in order. */
static void exchange(char **argv)
{
	reverse(argv, first_nonopt, last_nonopt);
	reverse(argv, last_nonopt, optind);
	reverse(argv, first_nonopt, optind);
	first_nonopt += optind - last_nonopt;
	last_nonopt = optind;
}

static int operand(char **argv, int i)
{
	return argv[i][0] != '-' || argv[i][1] == 0;
}

int getopt(int argc, char *const argv_const[], const char *optstring)
{
	char **argv = (char **)argv_const;
	enum order order = PERMUTE;
	int print_errors = opterr, c;
	const char *spec;

	if (argc < 1)
		return -1;
	optarg = NULL;
	if (*optstring == '-') {
		order = RETURN_IN_ORDER;
		optstring++;
	} else if (*optstring == '+') {
		order = REQUIRE_ORDER;
		optstring++;
	} else if (getenv("POSIXLY_CORRECT")) {
		order = REQUIRE_ORDER;
	}
	if (*optstring == ':')
		print_errors = 0;
	if (optind == 0 || !started) {
		if (optind == 0)
			optind = 1;
		first_nonopt = last_nonopt = optind;
		nextchar = NULL;
		started = 1;
	}

	if (!nextchar || !*nextchar) {
		if (last_nonopt > optind)
			last_nonopt = optind;
		if (first_nonopt > optind)
			first_nonopt = optind;
		if (order == PERMUTE) {
			if (first_nonopt != last_nonopt && last_nonopt != optind)
				exchange(argv);
			else if (last_nonopt != optind)
				first_nonopt = optind;
			while (optind < argc && operand(argv, optind))
				optind++;
			last_nonopt = optind;
		}
		if (optind != argc && strcmp(argv[optind], "--") == 0) {
			optind++;
			if (first_nonopt != last_nonopt && last_nonopt != optind)
				exchange(argv);
			else if (first_nonopt == last_nonopt)
				first_nonopt = optind;
			last_nonopt = argc;
			optind = argc;
		}
		if (optind == argc) {
			/* Leave optind at the first operand, where the program's own loop begins. */
			if (first_nonopt != last_nonopt)
				optind = first_nonopt;
			return -1;
		}
		if (operand(argv, optind)) {
			if (order == REQUIRE_ORDER)
				return -1;
			optarg = argv[optind++];
			return 1;
		}
		nextchar = argv[optind] + 1;
	}

	c = (unsigned char)*nextchar++;
	spec = strchr(optstring, c);
	if (!*nextchar)
		optind++;
	if (!spec || c == ':' || c == ';') {
		if (print_errors)
			fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
		optopt = c;
		return '?';
	}
	if (spec[1] == ':') {
		if (spec[2] == ':') {
			/* An optional argument must be attached: -ovalue. */
			if (*nextchar) {
				optarg = nextchar;
				optind++;
			}
		} else if (*nextchar) {
			optarg = nextchar;
			optind++;
		} else if (optind == argc) {
			if (print_errors)
				fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], c);
			optopt = c;
			c = *optstring == ':' ? ':' : '?';
		} else {
			optarg = argv[optind++];
		}
		nextchar = NULL;
	}
	return c;
}
