/* Exercises the system calls the booted kernel implements; prints one checkable line each. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
	struct utsname u;
	char buf[64];
	char *heap;
	long r;
	int st, i;
	pid_t p;

	printf("argv: %d %s %s\n", argc, argc > 1 ? argv[1] : "-", argc > 2 ? argv[2] : "-");
	printf("pid: %d ppid: %d\n", getpid(), getppid());
	r = uname(&u);
	printf("uname: %ld %s %s %s\n", r, u.sysname, u.release, u.machine);
	errno = 0;
	r = syscall(SYS_uname, (void *)0xffffffff81000000UL);
	printf("uname(kernel address): %ld %d\n", r, errno);
	r = syscall(SYS_uname, (void *)16);
	printf("uname(unmapped): %ld %d\n", r, errno);

	heap = malloc(100000);
	memset(heap, 'x', 100000);
	printf("brk: %d\n", heap[99999] == 'x');

	r = write(1, (void *)8, 4);
	printf("write(unmapped): %ld %d\n", r, errno);
	fflush(stdout);

	for (i = 0; i < 2; i++) {
		p = fork();
		if (p == 0)
			_exit(40 + i);
		r = wait4(p, &st, 0, NULL);
		printf("fork/wait4: %d %d %d\n", r == p, WIFEXITED(st), WEXITSTATUS(st));
	}

	p = fork();
	if (p == 0) {
		for (;;)
			;
	}
	r = kill(p, SIGKILL);
	waitpid(p, &st, 0);
	printf("kill: %ld %d %d\n", r, WIFSIGNALED(st), WTERMSIG(st));
	r = kill(12345, 0);
	printf("kill(no such pid): %ld %d\n", r, errno);

	p = fork();
	if (p == 0) {
		struct timespec ts = { 0, 50000000 };	/* the parent blocks in wait4 until this child wakes and exits */
		nanosleep(&ts, NULL);
		_exit(3);
	}
	r = wait4(-1, &st, 0, NULL);
	printf("wait4 woken: %d %d\n", r == p, WEXITSTATUS(st));
	r = wait4(-1, &st, 0, NULL);
	printf("wait4(no children): %ld %d\n", r, errno);

	r = read(0, buf, sizeof buf - 1);
	buf[r > 0 ? r : 0] = 0;
	printf("read: %ld %s", r, buf);
	fflush(stdout);

	p = fork();
	if (p == 0) {
		char *args[] = { "echo", "exec'd", "echo", NULL };
		execve("/bin/echo", args, NULL);
		_exit(99);
	}
	waitpid(p, &st, 0);
	r = execve("/no/such/file", argv, NULL);
	printf("execve: %d %ld %d\n", WEXITSTATUS(st), r, errno);
	r = syscall(100000);
	printf("nr beyond the table: %ld %d\n", r, errno);
	return 5;
}
