#include <stdio.h>
static void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }
int main(void)
{
	int x = 1, y = 2;
	int *p = &x, **pp = &p;
	long arr[5] = { 1, 2, 3, 4, 5 };
	long *q = arr + 4;
	swap(&x, &y);
	printf("%d %d\n", x, y);
	**pp = 7;
	printf("%d %d\n", x, *p);
	printf("%ld %ld %ld\n", *q, q[-2], *(arr + 1));
	printf("%ld\n", (long)(q - arr));
	printf("%d %d\n", q > arr, &arr[2] == arr + 2);
	{
		void *v = arr;
		char *c = v;
		printf("%d\n", (int)((char *)(arr + 1) - c));
	}
	p = 0;
	printf("%d\n", p == 0);
	return 0;
}
