/* Host files from user mode: fopen for writing, open flags and modes, lseek, stat, getcwd/chdir,
   mkdir/rmdir/rename/unlink/access, dup/dup2, fcntl, pipe. Run in an empty directory; prints
   only what is the same natively and emulated. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

static void show(const char *what, long r) {
	if (r < 0) printf("%s = -1 errno %d\n", what, errno);
	else printf("%s = %ld\n", what, r);
}

int main(void) {
	char buf[256];
	FILE *f = fopen("out.txt", "w");
	printf("fopen w: %s\n", f ? "ok" : "NULL");
	if (!f) return 1;
	fprintf(f, "line %d\nsecond line\n", 1);
	fclose(f);
	f = fopen("out.txt", "a");
	fputs("appended\n", f);
	fclose(f);
	f = fopen("out.txt", "r");
	while (fgets(buf, sizeof buf, f)) printf("read: %s", buf);
	fclose(f);

	int fd = open("data.bin", O_RDWR | O_CREAT | O_TRUNC, 0640);
	show("open", fd >= 0 ? 3 : -1);
	show("write", write(fd, "0123456789", 10));
	show("lseek set 2", lseek(fd, 2, SEEK_SET));
	show("read 3", read(fd, buf, 3));
	buf[3] = 0;
	printf("got %s\n", buf);
	show("lseek cur", lseek(fd, 0, SEEK_CUR));
	show("lseek end -1", lseek(fd, -1, SEEK_END));
	show("write", write(fd, "X", 1));
	show("lseek bad", lseek(fd, -100, SEEK_SET));
	struct stat st;
	show("fstat", fstat(fd, &st));
	printf("size %ld mode %o regular %d\n", (long)st.st_size, st.st_mode & 0777, S_ISREG(st.st_mode));
	int d = dup(fd);
	show("dup > fd", d > fd);
	show("lseek via dup", lseek(d, 0, SEEK_SET));
	show("read via fd", read(fd, buf, 10));
	buf[10] = 0;
	printf("content %s\n", buf);
	show("dup2", dup2(fd, 9));
	show("fcntl getfl", fcntl(9, F_GETFL) & 3);
	show("close 9", close(9));
	show("close 9 again", close(9));
	close(d);
	close(fd);

	show("stat", stat("data.bin", &st));
	printf("size %ld\n", (long)st.st_size);
	show("stat missing", stat("nope", &st));
	show("access ok", access("data.bin", R_OK | W_OK));
	show("access missing", access("nope", F_OK));
	show("open missing", open("nope", O_RDONLY));
	show("open excl", open("data.bin", O_CREAT | O_EXCL | O_WRONLY, 0600));
	show("mkdir", mkdir("sub", 0755));
	show("mkdir again", mkdir("sub", 0755));
	show("stat dir", stat("sub", &st));
	printf("dir %d\n", S_ISDIR(st.st_mode));
	show("rename", rename("data.bin", "sub/moved.bin"));
	show("chdir", chdir("sub"));
	char *cwd = getcwd(buf, sizeof buf);
	printf("cwd ends with /sub: %d\n", cwd && strlen(cwd) >= 4 && strcmp(cwd + strlen(cwd) - 4, "/sub") == 0);
	show("open relative after chdir", (fd = open("moved.bin", O_RDONLY)) >= 0 ? 0 : -1);
	show("read", read(fd, buf, 100));
	close(fd);
	show("unlink", unlink("moved.bin"));
	show("unlink again", unlink("moved.bin"));
	show("chdir ..", chdir(".."));
	show("rmdir", rmdir("sub"));
	show("rmdir again", rmdir("sub"));
	show("unlink out", unlink("out.txt"));
	show("getcwd small", getcwd(buf, 2) ? 0 : -1);

	int p[2];
	show("pipe", pipe(p));
	show("pipe write", write(p[1], "through the pipe", 16));
	show("pipe read", read(p[0], buf, sizeof buf));
	buf[16] = 0;
	printf("%s\n", buf);
	close(p[1]);
	show("pipe eof", read(p[0], buf, sizeof buf));
	close(p[0]);
	return 0;
}
