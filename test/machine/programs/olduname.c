/* i386 olduname (109, sys_uname: struct old_utsname with 65-byte fields) through int $0x80. */
#include <stdio.h>
struct old_utsname { char sysname[65]; char nodename[65]; char release[65]; char version[65]; char machine[65]; };
static struct old_utsname u;
int main(void)
{
	long ret;

	asm volatile("int $0x80" : "=a"(ret) : "a"(109L), "b"(&u) : "memory");
	printf("%ld %s %s %s\n", ret, u.sysname, u.release, u.machine);
	asm volatile("int $0x80" : "=a"(ret) : "a"(109L), "b"(0L) : "memory");
	printf("%ld\n", ret);
	return 0;
}
