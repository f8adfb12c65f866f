#include <stdio.h>
#include <time.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>
int main(void)
{
	struct timespec ts = { 0, 10000000 };	/* the child is asleep in pause by then */
	int st;
	pid_t p = fork();

	if (p == 0) {
		pause();
		_exit(0);
	}
	nanosleep(&ts, 0);
	kill(p, SIGTERM);
	waitpid(p, &st, 0);
	printf("pause ended by signal %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	return 0;
}
