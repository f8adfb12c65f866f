/* strsignal.c — glibc's description of each signal, and psignal. */
#include <stdio.h>
#include <string.h>
#include <signal.h>

static const char *const names[32] = {
	0, "Hangup", "Interrupt", "Quit", "Illegal instruction", "Trace/breakpoint trap", "Aborted",
	"Bus error", "Floating point exception", "Killed", "User defined signal 1", "Segmentation fault",
	"User defined signal 2", "Broken pipe", "Alarm clock", "Terminated", "Stack fault", "Child exited",
	"Continued", "Stopped (signal)", "Stopped", "Stopped (tty input)", "Stopped (tty output)",
	"Urgent I/O condition", "CPU time limit exceeded", "File size limit exceeded",
	"Virtual timer expired", "Profiling timer expired", "Window changed", "I/O possible",
	"Power failure", "Bad system call",
};

static char unknown[40];

/* glibc numbers the real-time signals from SIGRTMIN, which it reserves two above 32. */
char *strsignal(int sig)
{
	if (sig > 0 && sig < 32)
		return (char *)names[sig];
	if (sig >= 34 && sig <= 64)
		snprintf(unknown, sizeof unknown, "Real-time signal %d", sig - 34);
	else
		snprintf(unknown, sizeof unknown, "Unknown signal %d", sig);
	return unknown;
}

void psignal(int sig, const char *s)
{
	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, strsignal(sig));
	else
		fprintf(stderr, "%s\n", strsignal(sig));
}
