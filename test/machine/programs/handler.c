/* Signal handlers: SIGUSR1 from kill(2), SIGCHLD when a child exits, SIGSEGV from a fault. */
#include <stdio.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

static volatile int got;
static volatile int chld;

static void on_usr1(int sig)
{
	got = sig;
}

static void on_chld(int sig)
{
	chld++;
}

static void on_segv(int sig)
{
	printf("caught signal %d\n", sig);
	fflush(stdout);
	_exit(42);
}

int main(void)
{
	pid_t p;
	int st;
	long r;

	signal(SIGUSR1, on_usr1);
	r = kill(getpid(), SIGUSR1);
	printf("kill: %ld handler saw %d\n", r, got);
	signal(SIGCHLD, on_chld);
	p = fork();
	if (p == 0)
		_exit(1);
	waitpid(p, &st, 0);
	printf("SIGCHLD handled %d time(s), status %d\n", chld, WEXITSTATUS(st));
	signal(SIGUSR1, SIG_IGN);
	kill(getpid(), SIGUSR1);
	printf("ignored\n");
	fflush(stdout);
	signal(SIGSEGV, on_segv);
	*(volatile int *)0 = 1;
	return 0;
}
