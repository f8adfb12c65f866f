/* exit.c — leaving the process: atexit handlers, stdio flush, exit_group; abort; assert. */
#include <stdlib.h>
#include <stdio.h>
#include <unistd.h>
#include <signal.h>
#include <sys/syscall.h>
#include "internal.h"

#define ATEXIT_MAX 64

static void (*handlers[ATEXIT_MAX])(void);
static int nhandlers;

int atexit(void (*function)(void))
{
	if (nhandlers == ATEXIT_MAX)
		return -1;
	handlers[nhandlers++] = function;
	return 0;
}

/* glibc's _exit ends every thread of the process: exit_group, not exit. */
void _exit(int status)
{
	for (;;)
		__syscall1(SYS_exit_group, status);
}

void _Exit(int status)
{
	_exit(status);
}

/* Handlers run last-registered first, and may register more; then buffered output goes out. */
void exit(int status)
{
	while (nhandlers > 0)
		handlers[--nhandlers]();
	__stdio_flush_all();
	_exit(status);
}

/* Like glibc since 2.27: no flush, just SIGABRT; if that is caught or ignored, die anyway. */
void abort(void)
{
	kill(getpid(), SIGABRT);
	kill(getpid(), SIGKILL);
	_exit(127);
}

void __assert_fail(const char *assertion, const char *file, unsigned int line, const char *function)
{
	fprintf(stderr, "%s%s%s:%u: %s%sAssertion `%s' failed.\n", __kwb_progname, __kwb_progname[0] ? ": " : "",
		file, line, function ? function : "", function ? ": " : "", assertion);
	abort();
}
