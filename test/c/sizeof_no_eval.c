#include <stdio.h>
static int calls;
static int f(void) { return ++calls; }
int main(void)
{
	int i = 0;
	unsigned long s = sizeof(i++) + sizeof(f()) + sizeof(char[3]);
	printf("%lu %d %d\n", s, i, calls);
	return 0;
}
