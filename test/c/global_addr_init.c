#include <stdio.h>
int x = 10;
int arr[5] = { 1, 2, 3, 4, 5 };
int *px = &x;
int *pa = arr + 3;
int *pe = &arr[4];
const char *str = "hello" + 1;
char greeting[] = "world";
char *pg = greeting + 2;
struct s { int a; int *p; const char *name; } st = { 1, &arr[1], "st" };
static int add(int a, int b) { return a + b; }
int (*fp)(int, int) = add;
long as_long = (long)sizeof(arr);
void *ptrs[] = { &x, arr, (void *)add, 0 };
int main(void)
{
	printf("%d %d %d %s %s\n", *px, *pa, *pe, str, pg);
	printf("%d %d %s %d %ld\n", st.a, *st.p, st.name, fp(3, 4), as_long);
	printf("%d %d %d\n", ptrs[0] == (void *)&x, ptrs[1] == (void *)arr, ptrs[3] == 0);
	return 0;
}
