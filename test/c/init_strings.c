#include <stdio.h>
char a[8] = "abc";
char b[3] = "abc";
const char *list[] = { "one", "two", "three" };
struct named { char name[6]; int v; } n = { "hey", 2 };
int main(void)
{
	char c[10] = "local";
	char d[] = "xy";
	printf("%s %c%c%c %s %s %d\n", a, b[0], b[1], b[2], list[2], n.name, n.v);
	printf("%s %d %d %d\n", c, c[7], (int)sizeof d, a[5]);
	return 0;
}
