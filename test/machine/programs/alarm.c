/* alarm(2): SIGALRM after the time, caught by a handler while pause()d; the default action kills. */
#include <stdio.h>
#include <signal.h>
#include <unistd.h>

static volatile int rang;

static void on_alrm(int sig)
{
	rang = sig;
}

int main(void)
{
	signal(SIGALRM, on_alrm);
	printf("alarm: %u\n", alarm(1));
	printf("again: %u\n", alarm(1));
	pause();
	printf("rang: %d\n", rang);
	fflush(stdout);
	signal(SIGALRM, SIG_DFL);
	alarm(1);
	pause();
	printf("not reached\n");
	return 0;
}
