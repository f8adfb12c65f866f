#include <stdio.h>
int table[] = { 5, 4, 3, 2, 1, 0 };
char msg[] = "incomplete";
extern int later[];
int later[3] = { 7, 8, 9 };
int main(void)
{
	int local[] = { 1, 2, 3, [9] = 10 };
	char s[] = { 'h', 'i', 0 };
	printf("%d %d %d\n", (int)(sizeof table / sizeof table[0]), (int)sizeof msg, (int)sizeof local);
	printf("%s %s %d %d\n", msg, s, local[9], local[5]);
	printf("%d\n", later[2]);
	return 0;
}
