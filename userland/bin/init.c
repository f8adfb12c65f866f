/*
 * /init: the first program the kernel runs, a small shell.
 *
 *   init                  read commands from the console, one line at a time ("# " prompt)
 *   init -c "CMD; CMD"    run the commands, then power off
 *   init -x PROG ARGS...  run one program with exactly these arguments, then power off
 *
 * A command line is words separated by blanks ('single' and "double" quotes group words,
 * $? is the last exit status), commands are separated by ';', and a trailing '&' runs a
 * command in the background.  Builtins: exit [N], echo is a program (/bin/echo).
 * A command without a '/' is looked up in /bin, then /.  As pid 1, init powers the machine
 * off when it is done instead of exiting (the kernel would panic).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/wait.h>
#include <sys/reboot.h>

#define MAX_ARGS 64
#define LINE_MAX_LEN 1024

static int last_status;
static int quiet_signals;
extern char **environ;

static const char *signal_text(int sig)
{
	switch (sig) {
	case 1: return "Hangup";
	case 2: return "Interrupt";
	case 3: return "Quit";
	case 4: return "Illegal instruction";
	case 5: return "Trace/breakpoint trap";
	case 6: return "Aborted";
	case 7: return "Bus error";
	case 8: return "Floating point exception";
	case 9: return "Killed";
	case 11: return "Segmentation fault";
	case 13: return "Broken pipe";
	case 14: return "Alarm clock";
	case 15: return "Terminated";
	}
	return "Unknown signal";
}

static void power_off(void)
{
	fflush(stdout);
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}

/* Reap finished background jobs without waiting. */
static void reap(void)
{
	int status;

	while (waitpid(-1, &status, WNOHANG) > 0)
		;
}

static void exec_path(char *name, char **argv)
{
	char path[256];

	if (strchr(name, '/')) {
		execve(name, argv, environ);
		return;
	}
	snprintf(path, sizeof path, "/bin/%s", name);
	execve(path, argv, environ);
	if (errno != ENOENT)
		return;
	snprintf(path, sizeof path, "/%s", name);
	execve(path, argv, environ);
}

static int run(char **argv, int background)
{
	pid_t pid;
	int status;

	if (strcmp(argv[0], "exit") == 0) {
		if (argv[1])
			last_status = atoi(argv[1]) & 0xff;
		power_off();
	}
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		exec_path(argv[0], argv);
		fprintf(stderr, "init: %s: %s\n", argv[0], errno == ENOENT ? "command not found" : strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	if (background) {
		printf("[%d]\n", pid);
		fflush(stdout);
		return 0;
	}
	for (;;) {
		pid_t r = waitpid(pid, &status, 0);

		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			return 1;
	}
	if (WIFSIGNALED(status)) {
		if (!quiet_signals)
			fprintf(stderr, "%s\n", signal_text(WTERMSIG(status)));
		return 128 + WTERMSIG(status);
	}
	return WEXITSTATUS(status);
}

/* Splits one command (no ';' or '&') into words, expanding $?; runs it. */
static void command(char *s, int background)
{
	static char words[LINE_MAX_LEN * 2];
	char *argv[MAX_ARGS + 1];
	int argc = 0;
	char *out = words;

	for (;;) {
		char quote = 0;
		int have = 0;
		char *start = out;

		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (!*s)
			break;
		while (*s && (quote || (*s != ' ' && *s != '\t' && *s != '\n'))) {
			if (quote && *s == quote) {
				quote = 0;
				s++;
			} else if (!quote && (*s == '\'' || *s == '"')) {
				quote = *s++;
				have = 1;
			} else if (quote != '\'' && s[0] == '$' && s[1] == '?') {
				out += sprintf(out, "%d", last_status);
				s += 2;
				have = 1;
			} else {
				*out++ = *s++;
				have = 1;
			}
		}
		*out++ = 0;
		if (have && argc < MAX_ARGS)
			argv[argc++] = start;
	}
	argv[argc] = NULL;
	if (argc == 0)
		return;
	last_status = run(argv, background);
}

/* A line: commands separated by ';' or '&' (background), outside quotes. */
static void line(char *s)
{
	char quote = 0;
	char *start = s;

	for (; *s; s++) {
		if (quote) {
			if (*s == quote)
				quote = 0;
		} else if (*s == '\'' || *s == '"') {
			quote = *s;
		} else if (*s == ';' || *s == '&') {
			int background = *s == '&';

			*s = 0;
			command(start, background);
			start = s + 1;
		}
	}
	command(start, 0);
	reap();
}

int main(int argc, char **argv)
{
	char buf[LINE_MAX_LEN];

	if (argc >= 3 && strcmp(argv[1], "-x") == 0) {
		quiet_signals = 1;
		last_status = run(argv + 2, 0);
		power_off();
	}
	if (argc >= 3 && strcmp(argv[1], "-c") == 0) {
		line(argv[2]);
		power_off();
	}
	for (;;) {
		ssize_t n;

		printf("# ");
		fflush(stdout);
		n = read(0, buf, sizeof buf - 1);
		if (n <= 0)
			break;
		buf[n] = 0;
		line(buf);
		fflush(stdout);
	}
	printf("\n");
	power_off();
	return 0;
}
