/* syscalls.c — thin wrappers: one Linux system call each, errno on failure. */
#include <errno.h>
#include <stdarg.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/time.h>
#include "internal.h"

ssize_t read(int fd, void *buf, size_t count)
{
	return __syscall_ret(__syscall3(SYS_read, fd, buf, count));
}

ssize_t write(int fd, const void *buf, size_t count)
{
	return __syscall_ret(__syscall3(SYS_write, fd, buf, count));
}

/* The mode argument is only there (and only read) when the call may create the file. */
int open(const char *path, int flags, ...)
{
	int mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	return (int)__syscall_ret(__syscall3(SYS_open, path, flags, mode));
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

int fcntl(int fd, int cmd, ...)
{
	long arg;
	va_list ap;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return (int)__syscall_ret(__syscall3(SYS_fcntl, fd, cmd, arg));
}

int close(int fd)
{
	return (int)__syscall_ret(__syscall1(SYS_close, fd));
}

off_t lseek(int fd, off_t offset, int whence)
{
	return __syscall_ret(__syscall3(SYS_lseek, fd, offset, whence));
}

int pipe(int fds[2])
{
	return (int)__syscall_ret(__syscall1(SYS_pipe, fds));
}

int dup(int fd)
{
	return (int)__syscall_ret(__syscall1(SYS_dup, fd));
}

int dup2(int oldfd, int newfd)
{
	return (int)__syscall_ret(__syscall2(SYS_dup2, oldfd, newfd));
}

int ioctl(int fd, unsigned long request, ...)
{
	long arg;
	va_list ap;

	va_start(ap, request);
	arg = va_arg(ap, long);
	va_end(ap);
	return (int)__syscall_ret(__syscall3(SYS_ioctl, fd, request, arg));
}

/* A terminal is whatever answers TCGETS; glibc's isatty asks the same question. */
int isatty(int fd)
{
	char termios[64];

	return ioctl(fd, TCGETS, termios) == 0;
}

int access(const char *path, int mode)
{
	return (int)__syscall_ret(__syscall2(SYS_access, path, mode));
}

int unlink(const char *path)
{
	return (int)__syscall_ret(__syscall1(SYS_unlink, path));
}

int remove(const char *path)
{
	return unlink(path);
}

int rename(const char *oldpath, const char *newpath)
{
	return (int)__syscall_ret(__syscall2(SYS_rename, oldpath, newpath));
}

int chdir(const char *path)
{
	return (int)__syscall_ret(__syscall1(SYS_chdir, path));
}

/* The kernel returns the length including the NUL; glibc returns the buffer. */
char *getcwd(char *buf, size_t size)
{
	if (__syscall_ret(__syscall2(SYS_getcwd, buf, size)) < 0)
		return NULL;
	return buf;
}

pid_t getpid(void)
{
	return (pid_t)__syscall0(SYS_getpid);
}

pid_t getppid(void)
{
	return (pid_t)__syscall0(SYS_getppid);
}

uid_t getuid(void)
{
	return (uid_t)__syscall0(SYS_getuid);
}

uid_t geteuid(void)
{
	return (uid_t)__syscall0(SYS_geteuid);
}

gid_t getgid(void)
{
	return (gid_t)__syscall0(SYS_getgid);
}

gid_t getegid(void)
{
	return (gid_t)__syscall0(SYS_getegid);
}

int uname(struct utsname *buf)
{
	return (int)__syscall_ret(__syscall1(SYS_uname, buf));
}

int kill(pid_t pid, int sig)
{
	return (int)__syscall_ret(__syscall2(SYS_kill, pid, sig));
}

int raise(int sig)
{
	return kill(getpid(), sig);
}

pid_t fork(void)
{
	return (pid_t)__syscall_ret(__syscall0(SYS_fork));
}

/*
 * vfork: the parent sleeps until the child calls execve or exits, as with vfork(2) — but the
 * child gets its own copy of memory (clone with CLONE_VFORK and without CLONE_VM). A shared
 * stack is only safe when the compiler keeps nothing on the stack across the call, which kwb's
 * compiler (like any simple one) does not promise; with a copy, every program is safe and the
 * ordering the parent observes is still vfork's.
 */
pid_t vfork(void)
{
	return (pid_t)__syscall_ret(__syscall2(SYS_clone, 0x4000 /* CLONE_VFORK */ | SIGCHLD, 0));
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return (int)__syscall_ret(__syscall3(SYS_execve, path, argv, envp));
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *rusage)
{
	return (pid_t)__syscall_ret(__syscall4(SYS_wait4, pid, status, options, rusage));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, NULL);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, NULL);
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return (int)__syscall_ret(__syscall2(SYS_nanosleep, req, rem));
}

int clock_gettime(clockid_t clk, struct timespec *tp)
{
	return (int)__syscall_ret(__syscall2(SYS_clock_gettime, clk, tp));
}

time_t time(time_t *t)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

/* Seconds left unslept when a signal cut the sleep short, as POSIX asks. */
unsigned int sleep(unsigned int seconds)
{
	struct timespec req, rem;

	req.tv_sec = seconds;
	req.tv_nsec = 0;
	if (nanosleep(&req, &rem) < 0)
		return (unsigned int)rem.tv_sec + (rem.tv_nsec > 0);
	return 0;
}

int pause(void)
{
	return (int)__syscall_ret(__syscall0(SYS_pause));
}

int klogctl(int type, char *bufp, int len)
{
	return (int)__syscall_ret(__syscall3(SYS_syslog, type, bufp, len));
}

/* glibc's reboot(howto) supplies the two magic numbers the kernel insists on. */
int reboot(int howto)
{
	return (int)__syscall_ret(__syscall4(SYS_reboot, 0xfee1dead, 672274793, howto, 0));
}

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
	return (void *)__syscall_ret(__syscall6(SYS_mmap, (long)addr, (long)length, prot, flags, fd, offset));
}

int munmap(void *addr, size_t length)
{
	return (int)__syscall_ret(__syscall2(SYS_munmap, addr, length));
}

/*
 * glibc's ptrace takes (request, pid, addr, data) through varargs. For the PEEK requests the
 * kernel stores the word at *data; glibc passes its own slot and returns the word, with errno
 * cleared so a caller can tell a word of -1 from a failure.
 */
long ptrace(int request, ...)
{
	va_list ap;
	long pid, addr, data, word, r;

	va_start(ap, request);
	pid = (long)va_arg(ap, pid_t);
	addr = (long)va_arg(ap, void *);
	data = (long)va_arg(ap, void *);
	va_end(ap);
	if (request >= 1 && request <= 3)
		data = (long)&word;
	r = __syscall_ret(__syscall4(SYS_ptrace, request, pid, addr, data));
	if (r >= 0 && request >= 1 && request <= 3) {
		errno = 0;
		return word;
	}
	return r;
}

int stat(const char *path, struct stat *buf)
{
	return (int)__syscall_ret(__syscall2(SYS_stat, path, buf));
}

int fstat(int fd, struct stat *buf)
{
	return (int)__syscall_ret(__syscall2(SYS_fstat, fd, buf));
}

int lstat(const char *path, struct stat *buf)
{
	return (int)__syscall_ret(__syscall2(SYS_lstat, path, buf));
}

int mkdir(const char *path, mode_t mode)
{
	return (int)__syscall_ret(__syscall2(SYS_mkdir, path, mode));
}

int rmdir(const char *path)
{
	return (int)__syscall_ret(__syscall1(SYS_rmdir, path));
}

int chmod(const char *path, mode_t mode)
{
	return (int)__syscall_ret(__syscall2(SYS_chmod, path, mode));
}

mode_t umask(mode_t mask)
{
	return (mode_t)__syscall1(SYS_umask, mask);
}

int gettimeofday(struct timeval *tv, void *tz)
{
	return (int)__syscall_ret(__syscall2(SYS_gettimeofday, tv, tz));
}
