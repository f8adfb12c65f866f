/* stat/fstat/lstat, mkdir/rmdir, chmod/umask, gettimeofday, getcwd/chdir, access, rename. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>

int main(void)
{
	char dir[64], file[80], moved[80], cwd[256];
	struct stat st;
	struct timeval tv;
	int fd, r;

	snprintf(dir, sizeof dir, "/tmp/kwb-files-%d", (int)getpid());
	snprintf(file, sizeof file, "%s/f", dir);
	snprintf(moved, sizeof moved, "%s/g", dir);
	umask(022);
	printf("mkdir %d\n", mkdir(dir, 0755));
	r = mkdir(dir, 0755);
	printf("again %d errno %d\n", r, errno);
	fd = open(file, O_CREAT | O_WRONLY, 0666);
	write(fd, "twelve bytes", 12);
	printf("fstat %d", fstat(fd, &st));
	printf(" size %ld reg %d mode %o nlink %ld\n", (long)st.st_size, S_ISREG(st.st_mode), st.st_mode & 0777, (long)st.st_nlink);
	close(fd);
	printf("stat dir %d", stat(dir, &st));
	printf(" isdir %d mode %o\n", S_ISDIR(st.st_mode), st.st_mode & 0777);
	printf("lstat %d", lstat(file, &st));
	printf(" blocks>=0 %d mtime>0 %d\n", st.st_blocks >= 0, st.st_mtime > 0);
	printf("chmod %d", chmod(file, 0600));
	stat(file, &st);
	printf(" mode %o\n", st.st_mode & 0777);
	printf("access %d", access(file, R_OK));
	r = access(moved, F_OK);
	printf(" %d errno %d\n", r, errno);
	printf("rename %d", rename(file, moved));
	r = stat(file, &st);
	printf(" old %d errno %d\n", r, errno);
	printf("chdir %d", chdir(dir));
	printf(" getcwd %s\n", strcmp(getcwd(cwd, sizeof cwd), dir) == 0 ? "ok" : cwd);
	r = getcwd(cwd, 3) == 0;
	printf("small getcwd %d errno %d\n", r, errno);
	printf("unlink %d", unlink(moved));
	printf(" rmdir %d\n", rmdir(dir));
	r = rmdir(dir);
	printf("rmdir again %d errno %d\n", r, errno);
	printf("gettimeofday %d", gettimeofday(&tv, 0));
	printf(" sane %d\n", tv.tv_sec > 1000000000 && tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	printf("fstat bad %d", fstat(-1, &st));
	printf(" errno %d\n", errno);
	return 0;
}
