/* brk.c — the program break: brk(2) answers with the new break, or the old one if it refused. */
#include <errno.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "internal.h"

static char *current;

int brk(void *addr)
{
	char *got = (char *)__syscall1(SYS_brk, addr);

	current = got;
	if (got < (char *)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(long increment)
{
	char *old;

	if (!current)
		current = (char *)__syscall1(SYS_brk, 0);
	old = current;
	if (increment == 0)
		return old;
	if ((increment > 0 && (unsigned long)old + increment < (unsigned long)old) ||
	    (increment < 0 && (unsigned long)old < (unsigned long)-increment)) {
		errno = ENOMEM;
		return (void *)-1;
	}
	if (brk(old + increment) < 0)
		return (void *)-1;
	return old;
}
