/* A child asleep in a blocking syscall (329, the wait queue) is woken and killed by SIGKILL. */
#define _GNU_SOURCE
#include <stdio.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
int main(void)
{
	static char out[64];
	struct timespec ts = { 0, 10000000 };
	int st;
	pid_t p = fork();

	if (p == 0) {
		syscall(329, out);
		printf("not reached\n");
		_exit(0);
	}
	nanosleep(&ts, NULL);
	kill(p, SIGKILL);
	waitpid(p, &st, 0);
	printf("signaled %d signal %d\n", WIFSIGNALED(st), WTERMSIG(st));
	return 0;
}
