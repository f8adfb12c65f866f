/* errno.c — the one errno, and the conversion every system call wrapper ends with. */
#include <errno.h>
#include "internal.h"

int errno;

long __syscall_ret(long raw)
{
	if (raw < 0 && raw > -4096) {
		errno = (int)-raw;
		return -1;
	}
	return raw;
}
