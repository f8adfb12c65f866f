#include <stdio.h>
#define SWAP(a, b) do { typeof(a) _t = (a); (a) = (b); (b) = _t; } while (0)
#define CHECK(c) do { if (!(c)) { printf("failed: %s\n", #c); return 1; } } while (0)
int main(void)
{
	int x = 1, y = 2;
	if (x < y)
		SWAP(x, y);
	else
		SWAP(y, x);
	printf("%d %d\n", x, y);
	CHECK(x == 2);
	CHECK(y == 1);
	printf("ok\n");
	return 0;
}
