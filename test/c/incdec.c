#include <stdio.h>
int main(void)
{
	int i = 5;
	int a[4] = { 10, 20, 30, 40 };
	int *p = a;
	char c = 127;
	printf("%d ", i++);
	printf("%d ", i);
	printf("%d ", ++i);
	printf("%d ", i--);
	printf("%d\n", --i);
	printf("%d ", *p++);
	printf("%d ", *++p);
	printf("%d ", (*p)++);
	printf("%d\n", a[2]);
	c++;
	printf("%d\n", c);
	printf("%d\n", (int)(p - a));
	return 0;
}
