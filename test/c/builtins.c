#include <stdio.h>
#include <stddef.h>
struct s { char c; int arr[3]; struct { long l; } in; };
#define likely(x) __builtin_expect(!!(x), 1)
int main(void)
{
	int v = 3;
	printf("%d %d %d\n", (int)__builtin_offsetof(struct s, arr), (int)offsetof(struct s, in.l), (int)__builtin_offsetof(struct s, arr[2]));
	printf("%d %d\n", __builtin_constant_p(42), __builtin_constant_p(v));
	if (likely(v == 3))
		printf("likely\n");
	printf("%d\n", __builtin_types_compatible_p(int, int) + __builtin_types_compatible_p(int, long));
	return 0;
}
