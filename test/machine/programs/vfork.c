#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
int main(void)
{
	int st;
	pid_t p = vfork();

	if (p == 0) {
		char *args[] = { "uname", "-s", NULL };
		execve("/bin/uname", args, NULL);
		_exit(127);
	}
	waitpid(p, &st, 0);
	printf("vfork child %d exited %d\n", p, WEXITSTATUS(st));
	return 0;
}
