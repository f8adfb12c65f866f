/* fork and execve in user mode: -1 with ENOSYS, and one note on stderr. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
	pid_t a = fork();
	int ea = errno;
	pid_t b = fork();
	char *argv[] = { "/bin/true", 0 };
	int c = execve("/bin/true", argv, 0);
	printf("fork %d errno %d, again %d, execve %d errno %d\n", (int)a, ea, (int)b, c, errno);
	return 0;
}
