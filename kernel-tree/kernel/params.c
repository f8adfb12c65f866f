/* Helpers for initial module or kernel cmdline parsing
   Copyright (C) 2001 Rusty Russell.

 * The parameters this tree knows: quiet, debug, loglevel=N (console
 * filtering, 4.4's early params in init/main.c), rdinit= and init= (what
 * to run as pid 1); everything after "--", and every other word, goes to
 * init as an argument ("a=b" words as environment), as unknown_bootoption
 * does.  Double quotes group words with spaces.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/printk.h>

/* Like strsep on spaces, honouring double quotes (4.4's next_arg). */
static char *next_arg(char *args, char **param)
{
	int in_quote = 0;
	char *p, *out;

	while (*args == ' ')
		args++;
	if (!*args)
		return NULL;
	p = args;
	out = args;
	*param = args;
	while (*p && (in_quote || *p != ' ')) {
		if (*p == '"')
			in_quote = !in_quote;
		else
			*out++ = *p;
		p++;
	}
	if (*p)
		p++;
	*out = '\0';
	return p;
}

static int parse_int(const char *s)
{
	int v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return v;
}

static char early_params[2048];

void parse_early_param(void)
{
	char *args = early_params;
	char *param;

	strlcpy(early_params, boot_command_line, sizeof(early_params));
	while ((args = next_arg(args, &param)) != NULL) {
		if (!strcmp(param, "--"))
			break;
		if (!strcmp(param, "quiet"))
			console_loglevel = CONSOLE_LOGLEVEL_QUIET;
		else if (!strcmp(param, "debug"))
			console_loglevel = CONSOLE_LOGLEVEL_DEBUG;
		else if (!strncmp(param, "loglevel=", 9))
			console_loglevel = parse_int(param + 9);
	}
}

void parse_init_args(char *cmdline, const char **argv, int max_argv,
		     const char **envp, int max_envp, char **rdinit)
{
	char *args = cmdline;
	char *param;
	int argc = 1, envc = 0, after_dashes = 0;

	while (envp[envc])
		envc++;
	while ((args = next_arg(args, &param)) != NULL) {
		if (!after_dashes) {
			if (!strcmp(param, "--")) {
				after_dashes = 1;
				continue;
			}
			if (!strncmp(param, "rdinit=", 7) || !strncmp(param, "init=", 5)) {
				*rdinit = strchr(param, '=') + 1;
				continue;
			}
			if (!strcmp(param, "quiet") || !strcmp(param, "debug") ||
			    !strncmp(param, "loglevel=", 9) || !strncmp(param, "console=", 8))
				continue;
			if (strchr(param, '=')) {
				if (envc < max_envp)
					envp[envc++] = param;
				continue;
			}
		}
		if (argc < max_argv)
			argv[argc++] = param;
	}
	argv[argc] = NULL;
	envp[envc] = NULL;
}
