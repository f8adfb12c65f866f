#include <stdio.h>
int main(void)
{
	long a = 5;
	typeof(a) b = a * 3;
	__typeof__(int *) p = 0;
	typeof(char[4]) arr = "abc";
	__extension__ long long ll = 1;
	printf("%ld %d %s %d %lld\n", b, p == 0, arr, (int)sizeof(typeof(b)), ll);
	return 0;
}
