#define _GNU_SOURCE
#include <unistd.h>
#include <sys/syscall.h>
int main(void)
{
	return syscall(327);
}
