#include <stdio.h>
#include <stdbool.h>
int main(void)
{
	_Bool a = 5;
	bool b = 0;
	_Bool c = 0 == 0 ? 2 : 0;
	bool d = (char *)0 + 1 != 0;
	printf("%d %d %d %d\n", a, b, c, d);
	b = !a;
	printf("%d %d\n", b, (int)sizeof(bool));
	a = 256;
	printf("%d\n", a);
	return 0;
}
