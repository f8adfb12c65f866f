/* The seed's int $0x80 with eax = 59: oldolduname on the i386 table (static buffer, then a stack buffer). */
#include <stdio.h>
struct oldold_utsname { char sysname[9]; char nodename[9]; char release[9]; char version[9]; char machine[9]; };
static struct oldold_utsname old;
int main(void)
{
	struct oldold_utsname on_stack;
	long ret;

	asm volatile("int $0x80" : "=a"(ret) : "a"(59L), "b"(&old) : "memory");
	printf("%ld %s %s\n", ret, old.sysname, old.release);
	asm volatile("int $0x80" : "=a"(ret) : "a"(59L), "b"(&on_stack) : "memory");
	printf("%ld\n", ret);
	return 0;
}
