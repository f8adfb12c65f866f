#include <stdio.h>
int main(void)
{
	printf("before\n");
	fflush(stdout);
	*(volatile int *)0 = 1;
	printf("after\n");
	return 0;
}
