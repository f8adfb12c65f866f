/* Every libc header at once, and the macros programs use from them: kwb cc and gcc must agree. */
#define _GNU_SOURCE
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <features.h>
#include <inttypes.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/user.h>
#include <sys/utsname.h>
#include <sys/wait.h>

struct pair { char c; long l; };

static long total(int n, ...)
{
	va_list ap, copy;
	long sum = 0;
	int i;

	va_start(ap, n);
	va_copy(copy, ap);
	for (i = 0; i < n; i++)
		sum += va_arg(ap, long);
	for (i = 0; i < n; i++)
		sum += va_arg(copy, long);
	va_end(copy);
	va_end(ap);
	return sum;
}

int main(void)
{
	bool yes = true;
	int64_t big = INT64_C(-9000000000);
	uint8_t small = UINT8_MAX;
	size_t sz = SIZE_MAX;
	int status = 0x0a00;

	printf("%d %d %zu\n", yes, (int)offsetof(struct pair, l), sizeof(struct utsname));
	printf("%" PRId64 " %" PRIu8 " %zu %" PRIxPTR "\n", big, small, sz, (uintptr_t)0xabc);
	printf("%d %ld %lu %d %d\n", INT_MAX, LONG_MIN, ULONG_MAX, CHAR_BIT, SCHAR_MIN);
	printf("%d %d %d %d\n", WIFEXITED(status), WEXITSTATUS(status), WIFSIGNALED(status), WIFSTOPPED(0x137f));
	printf("%d %d %d %d %d\n", SYS_read, SYS_write, SYS_getpid, SYS_uname, SYS_reboot);
	printf("%d %d %d %d\n", O_CREAT, O_TRUNC, O_APPEND, O_RDWR);
	printf("%d %d %d\n", SIGABRT, SIGKILL, SIGCHLD);
	printf("%d %d %d\n", EPERM, ENOSYS, EFAULT);
	printf("%d %d %d\n", PTRACE_TRACEME, PTRACE_PEEKDATA, PTRACE_GETREGS);
	printf("%x %x\n", RB_POWER_OFF, RB_AUTOBOOT);
	printf("%d %d %d\n", (int)sizeof(struct timespec), (int)sizeof(pid_t), (int)sizeof(off_t));
	printf("%d\n", (int)sizeof(struct user_regs_struct));
	printf("%d %d %d\n", (int)sizeof(struct stat), (int)sizeof(struct timeval), (int)sizeof(jmp_buf));
	printf("%d %d %d\n", (int)offsetof(struct stat, st_size), (int)offsetof(struct stat, st_mtim), S_ISDIR(S_IFDIR | 0755));
	printf("%d %d %d\n", (int)sizeof(sigset_t), (int)sizeof(siginfo_t), (int)sizeof(struct sigaction));
	printf("%d %d %d\n", EXIT_SUCCESS, EXIT_FAILURE, RAND_MAX);
	printf("%d %d %d\n", STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO);
	printf("%d %d %d\n", EOF, SEEK_END, BUFSIZ > 0);
	printf("%ld\n", total(3, 1L, 2L, 3L));
	assert(yes);
	printf("%d\n", NULL == (void *)0);
	return 0;
}
