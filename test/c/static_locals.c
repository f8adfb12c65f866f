#include <stdio.h>
static int counter(void)
{
	static int n;
	static int step = 2;
	n += step;
	return n;
}
static int other(void)
{
	static int n = 100;
	return n++;
}
int main(void)
{
	counter();
	counter();
	printf("%d %d %d\n", counter(), other(), other());
	return 0;
}
