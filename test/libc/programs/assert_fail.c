#include <stdio.h>
#include <assert.h>

static int check(int x)
{
	assert(x > 0);
	return x;
}

int main(void)
{
	printf("before %d\n", check(1));
	fflush(stdout);
	check(-1);
	printf("not reached\n");
	return 0;
}
