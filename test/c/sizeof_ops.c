#include <stdio.h>
struct s { char c; long l; };
int main(void)
{
	int a[10];
	int *p = a;
	printf("%d %d %d %d %d\n", (int)sizeof(char), (int)sizeof(short), (int)sizeof(int), (int)sizeof(long), (int)sizeof(void *));
	printf("%d %d %d %d\n", (int)sizeof a, (int)sizeof p, (int)sizeof *p, (int)sizeof(struct s));
	printf("%d %d\n", (int)sizeof(a) / (int)sizeof(a[0]), (int)sizeof "str");
	printf("%d %d %d\n", (int)sizeof(int[3][5]), (int)sizeof 1L, (int)sizeof(1 + 'c'));
	printf("%d %d\n", (int)_Alignof(long), (int)__alignof__(struct s));
	printf("%d\n", (int)sizeof(a[100]));
	return 0;
}
