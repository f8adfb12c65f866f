#include <stdio.h>
_Static_assert(sizeof(int) == 4, "int is 4 bytes");
struct s { int a; _Static_assert(1, "inside struct"); };
int main(void)
{
	_Static_assert(sizeof(long) == 8, "long is 8 bytes");
	printf("ok %d\n", (int)sizeof(struct s));
	return 0;
}
