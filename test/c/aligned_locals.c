#include <stdio.h>
#include <string.h>
struct __attribute__((aligned(64))) line { char bytes[10]; };
int main(void)
{
	char before = 'b';
	__attribute__((aligned(32))) char buf[5] = "abcd";
	struct line l = { "cacheline" };
	int after = 7;
	_Alignas(32) int arr[3] = { 1, 2, 3 };
	printf("%d %d %d\n", (int)((unsigned long)buf % 32), (int)((unsigned long)&l % 64), (int)((unsigned long)arr % 32));
	buf[0] = 'X';
	l.bytes[0] = 'C';
	printf("%s %s %c %d %d %d\n", buf, l.bytes, before, after, arr[2], (int)sizeof(struct line));
	memset(&l, 0, sizeof l);
	printf("%d\n", l.bytes[3]);
	return 0;
}
