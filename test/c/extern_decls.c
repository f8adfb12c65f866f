#include <stdio.h>
extern int shared;
int shared = 3;
int tentative;
int tentative;
static int helper(int);
int use(void) { extern int late; return late + helper(1); }
int late = 40;
static int helper(int x) { return x + 1; }
int main(void)
{
	tentative = 1;
	printf("%d %d %d\n", shared, use(), tentative);
	return 0;
}
