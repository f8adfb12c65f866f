#include <stdio.h>
static int f(int x)
{
	int r = 0;
	switch (x) {
	case 1:
		r += 1;
	case 2:
		r += 2;
		break;
	case 3 ... 5:
		r = 35;
		break;
	case -1:
		return -100;
	default:
		r = 99;
	case 10:
		r += 10;
	}
	return r;
}
static const char *g(char c)
{
	switch (c) {
	case 'a': return "A";
	case 'b': return "B";
	}
	return "?";
}
static int h(long v)
{
	switch (v) {
	case 0x100000000L: return 1;
	case -0x100000000L: return 2;
	}
	return 0;
}
int main(void)
{
	for (int i = -1; i < 12; i++)
		printf("%d ", f(i));
	printf("\n%s%s%s\n", g('a'), g('b'), g('z'));
	printf("%d %d %d\n", h(0x100000000L), h(-0x100000000L), h(0));
	switch (3) { }
	switch (2) default: printf("only default\n");
	return 0;
}
