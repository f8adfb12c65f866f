/* The parent blocks in syscall 329 until its child fills the kernel's buffer with syscall 330. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
int main(void)
{
	static char out[64], in[64];
	long r;
	pid_t p = fork();

	if (p == 0) {
		struct timespec ts = { 0, 20000000 };
		nanosleep(&ts, NULL);	/* make sure the parent is asleep first */
		strcpy(in, "hello from the child");
		r = syscall(330, in);
		printf("child filled: %ld\n", r);
		fflush(stdout);
		_exit(0);
	}
	r = syscall(329, out);
	waitpid(p, NULL, 0);
	printf("woken: %ld %s\n", r, out);
	return 0;
}
