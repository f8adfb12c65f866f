/* Processes and system calls: fork/wait/pipe/dup2/execve, exit statuses, signals, atexit, files,
 * errno, uname, getpid, brk, nanosleep, isatty, klogctl, ptrace, getenv. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <sys/wait.h>
#include <sys/utsname.h>
#include <sys/syscall.h>
#include <sys/ptrace.h>
#include <sys/klog.h>
#include <sys/reboot.h>

static void bye1(void) { printf("atexit one\n"); }
static void bye2(void) { printf("atexit two\n"); }

int main(int argc, char **argv, char **envp)
{
	int fds[2], status, fd, i, n;
	pid_t pid;
	char buf[128];
	long r;
	struct utsname u;
	struct timespec ts;
	char *args[3];
	char *brk_before;
	char tmpl[] = "/tmp/kwb-libc-test-XXXXXX";

	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		printf("exec'd child says %s\n", getenv("KWB_TEST_VAR") ? getenv("KWB_TEST_VAR") : "(unset)");
		return 42;
	}
	atexit(bye1);
	atexit(bye2);
	printf("argc %d envp %s\n", argc, envp[0] ? "set" : "empty");
	printf("getenv %s %s\n", getenv("KWB_TEST_VAR") ? getenv("KWB_TEST_VAR") : "(unset)", getenv("NO_SUCH_VAR_X") ? "?" : "(unset)");
	fflush(stdout);

	if (pipe(fds) < 0)
		return 1;
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 1);
		printf("child %d writes through the pipe", getppid() > 0);
		exit(5);
	}
	close(fds[1]);
	/* read to the end: the child may write in several pieces */
	n = 0;
	while (n < (int)sizeof buf - 1 && (r = read(fds[0], buf + n, sizeof buf - 1 - n)) > 0)
		n += (int)r;
	buf[n] = 0;
	waitpid(pid, &status, 0);
	printf("parent read [%s] status exited %d code %d\n", buf, WIFEXITED(status), WEXITSTATUS(status));

	pid = fork();
	if (pid == 0) {
		abort();
	}
	wait(&status);
	printf("abort: signaled %d sig %d\n", WIFSIGNALED(status), WTERMSIG(status));

	pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGTERM);
		_exit(1);
	}
	wait4(pid, &status, 0, 0);
	printf("kill: signaled %d sig %d\n", WIFSIGNALED(status), WTERMSIG(status));

	pid = fork();
	if (pid == 0) {
		args[0] = argv[0];
		args[1] = "child";
		args[2] = 0;
		execv(argv[0], args);
		_exit(99);
	}
	waitpid(pid, &status, 0);
	printf("exec status %d\n", WEXITSTATUS(status));

	pid = vfork();
	if (pid == 0)
		_exit(3);
	waitpid(pid, &status, 0);
	printf("vfork status %d\n", WEXITSTATUS(status));

	/* one call per statement: C leaves the order of printf's arguments open */
	i = (int)waitpid(-1, &status, WNOHANG);
	printf("waitpid no child %d errno %d\n", i, errno);

	fd = open(tmpl, O_RDWR | O_CREAT | O_TRUNC, 0600);
	printf("open %d\n", fd >= 0);
	printf("write %d\n", (int)write(fd, "hello file", 10));
	printf("lseek %ld\n", (long)lseek(fd, 6, SEEK_SET));
	r = read(fd, buf, 10);
	buf[r] = 0;
	printf("read %ld [%s]\n", r, buf);
	printf("dup %d\n", dup(fd) > fd);
	close(fd);
	unlink(tmpl);
	i = open(tmpl, O_RDONLY);
	printf("reopen %d errno %d %s\n", i, errno, strerror(errno));
	errno = 0;
	i = close(-1);
	printf("close bad %d errno %d\n", i, errno);
	i = (int)write(99, "x", 1);
	printf("write bad %d errno %d\n", i, errno);
	perror("perror says");
	errno = 0;
	perror("");

	i = uname(&u);
	printf("uname %d %s %s\n", i, u.sysname, u.machine);
	printf("pid %d %d\n", getpid() > 1, (long)getpid() == syscall(SYS_getpid));
	r = syscall(100000);
	printf("syscall nosys %ld errno %d\n", r, errno);
	printf("uid %d\n", getuid() == (uid_t)syscall(SYS_getuid));
	ts.tv_sec = 0;
	ts.tv_nsec = 1000000;
	printf("nanosleep %d\n", nanosleep(&ts, 0));
	printf("sleep %u\n", sleep(0));
	brk_before = sbrk(4096);
	printf("sbrk grows %d\n", brk_before + 4096 == (char *)sbrk(0));
	i = isatty(99);
	printf("isatty %d errno %d\n", i, errno);
	r = klogctl(10 /* SYSLOG_ACTION_SIZE_BUFFER */, 0, 0);
	printf("klogctl %d\n", r > 0 || errno == EPERM);
	errno = 0;
	r = ptrace(PTRACE_PEEKDATA, 999999, 0, 0);
	printf("ptrace %ld errno %d\n", r, errno);
	i = reboot(1);
	printf("reboot %d errno %d\n", i, errno == EINVAL || errno == EPERM);
	i = kill(999999, 0);
	printf("kill none %d errno %d\n", i, errno);
	printf("raise 0 %d\n", raise(0));
	printf("time %d\n", time(0) > 1000000000);
	return 9;
}
