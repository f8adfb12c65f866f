/* getopt over many command lines and option strings: results, optarg, optind, optopt, the
 * permuted argv, and the error messages on stderr. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void run(const char *optstring, const char *line)
{
	char buf[256], *argv[32], *p;
	int argc = 0, c, i;

	strcpy(buf, line);
	for (p = strtok(buf, " "); p && argc < 31; p = strtok(0, " "))
		argv[argc++] = strcmp(p, "''") == 0 ? (char *)"" : p;
	argv[argc] = 0;
	optind = 0;
	printf("[%s] %s:", optstring, line);
	fflush(stdout);
	while ((c = getopt(argc, argv, optstring)) != -1) {
		if (c == 1)
			printf(" op(%s)", optarg);
		else
			printf(" %c", c);
		if (optarg && c != 1)
			printf("=%s", optarg);
		if (c == '?' || c == ':')
			printf("{%c}", optopt);
		printf("@%d", optind);
	}
	printf(" | optind %d:", optind);
	for (i = 0; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\n");
	fflush(stdout);
}

int main(void)
{
	const char *opts[] = { "ab:c::v", "+ab:c::v", "-ab:c::v", ":ab:c::v", "ab:" };
	const char *lines[] = {
		"prog", "prog -a", "prog -a -b x file", "prog file -a -bx other", "prog -vvv -cfoo -c",
		"prog -ab val rest", "prog -z", "prog -b", "prog a b -a -- -v c", "prog -- -a",
		"prog - -a", "prog x y z -a -v", "prog -a x -b y z -v w", "prog -:", "prog -a-b",
		"prog -c arg", "prog --long -a", "prog '' -a", "prog x -- y -a",
	};
	unsigned i, j;

	for (i = 0; i < sizeof opts / sizeof opts[0]; i++)
		for (j = 0; j < sizeof lines / sizeof lines[0]; j++)
			run(opts[i], lines[j]);
	opterr = 0;
	run("ab:", "prog -z -b");
	return 0;
}
