#include <stdio.h>
int main(void)
{
	int a = 1, b = 2, c = 3;
	int *ptrs[3] = { &a, &b, &c };
	int m[2][3] = { { 1, 2, 3 }, { 4, 5, 6 } };
	int (*row)[3] = m;
	int **pp = ptrs;
	const char *names[] = { "zero", "one", "two", 0 };
	*ptrs[1] = 20;
	printf("%d %d %d\n", b, **(pp + 2), row[1][2]);
	row++;
	printf("%d %d\n", (*row)[0], (int)sizeof(*row));
	for (const char **n = names; *n; n++)
		printf("%s%c", *n, n[1] ? ',' : '\n');
	return 0;
}
