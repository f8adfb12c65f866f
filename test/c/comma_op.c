#include <stdio.h>
int main(void)
{
	int a, b, c;
	a = (b = 2, c = 3, b + c);
	printf("%d %d %d\n", a, b, c);
	for (a = 0, b = 10; a < b; a++, b--)
		;
	printf("%d %d\n", a, b);
	return 0;
}
