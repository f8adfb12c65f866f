#include <stdio.h>
static int calls;
static int t(int v) { calls++; return v; }
int main(void)
{
	printf("%d ", t(0) && t(1));
	printf("%d ", t(1) && t(2));
	printf("%d ", t(0) || t(0));
	printf("%d ", t(3) || t(1));
	printf("calls=%d\n", calls);
	printf("%d %d\n", 5 && 0, 0 || -3);
	return 0;
}
