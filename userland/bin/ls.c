/* ls [-a] [-l] [PATH...]: the names in each directory (sorted), or the file itself. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/stat.h>

struct linux_dirent64 {
	unsigned long d_ino;
	long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static int all, lng;

/* Entries are stored as a type byte followed by the name; compare the names. */
static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a + 1, *(char *const *)b + 1);
}

static void show(const char *dir, const char *name, int type)
{
	if (lng) {
		char path[512];
		struct stat st;
		long size = 0;
		int fd;

		snprintf(path, sizeof path, "%s/%s", dir, name);
		fd = open(path, O_RDONLY);
		if (fd >= 0 && fstat(fd, &st) == 0)
			size = st.st_size;
		if (fd >= 0)
			close(fd);
		printf("%s %8ld %s\n", type == 4 ? "drwxr-xr-x" : "-rwxr-xr-x", size, name);
	} else {
		printf("%s\n", name);
	}
}

static int list(const char *path)
{
	static char buf[8192];
	char *names[512];
	int types[512];
	int count = 0, fd, i;
	long n;

	fd = open(path, O_RDONLY | O_DIRECTORY);
	if (fd < 0) {
		if (errno == ENOTDIR) {
			printf("%s\n", path);
			return 0;
		}
		fprintf(stderr, "ls: cannot access '%s': %s\n", path, strerror(errno));
		return 2;
	}
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
		long off = 0;

		while (off < n) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);

			if ((all || d->d_name[0] != '.') && count < 512) {
				types[count] = d->d_type;
				names[count++] = strdup(d->d_name);
			}
			off += d->d_reclen;
		}
	}
	close(fd);
	/* sort names and their types together */
	for (i = 0; i < count; i++) {
		char *t = malloc(strlen(names[i]) + 2);

		t[0] = (char)types[i];
		strcpy(t + 1, names[i]);
		names[i] = t;
	}
	qsort(names, count, sizeof names[0], cmp);
	for (i = 0; i < count; i++)
		show(path, names[i] + 1, names[i][0]);
	return 0;
}

int main(int argc, char **argv)
{
	int i, status = 0, paths = 0, npaths = 0;

	for (i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1]) {
			if (strchr(argv[i], 'a'))
				all = 1;
			if (strchr(argv[i], 'l'))
				lng = 1;
		} else {
			npaths++;
		}
	}
	for (i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1])
			continue;
		if (paths++)
			printf("\n");
		if (npaths > 1)
			printf("%s:\n", argv[i]);
		status |= list(argv[i]);
	}
	if (!paths)
		status = list(".");
	return status;
}
