/* exec.c — execv and execvp on top of execve. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* A name with a slash is a path; otherwise try each PATH directory (glibc's default if unset). */
int execvp(const char *file, char *const argv[])
{
	const char *path, *p, *end;
	char buf[4096];
	size_t dirlen, namelen;
	int saw_eacces = 0;

	if (!*file) {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/'))
		return execve(file, argv, environ);
	path = getenv("PATH");
	if (!path)
		path = "/bin:/usr/bin";
	namelen = strlen(file);
	for (p = path;; p = end + 1) {
		end = strchr(p, ':');
		if (!end)
			end = p + strlen(p);
		dirlen = (size_t)(end - p);
		if (dirlen + namelen + 2 <= sizeof buf) {
			if (dirlen == 0) {
				memcpy(buf, file, namelen + 1);
			} else {
				memcpy(buf, p, dirlen);
				buf[dirlen] = '/';
				memcpy(buf + dirlen + 1, file, namelen + 1);
			}
			execve(buf, argv, environ);
			if (errno == EACCES)
				saw_eacces = 1;
			else if (errno != ENOENT && errno != ENOTDIR)
				return -1;
		}
		if (!*end)
			break;
	}
	if (saw_eacces)
		errno = EACCES;
	return -1;
}
