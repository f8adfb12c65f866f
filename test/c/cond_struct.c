#include <stdio.h>
struct v { int a, b; };
int main(void)
{
	struct v x = { 1, 2 }, y = { 3, 4 };
	for (int i = 0; i < 2; i++) {
		struct v z = i ? x : y;
		printf("%d %d\n", z.a, z.b);
	}
	printf("%d\n", (1 ? x : y).b);
	return 0;
}
