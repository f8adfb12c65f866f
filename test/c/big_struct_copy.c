#include <stdio.h>
#include <string.h>
struct big { char buf[600]; int tail; };
static struct big make(int t)
{
	struct big b;
	memset(b.buf, 'a' + t, sizeof b.buf);
	b.buf[599] = 0;
	b.tail = t;
	return b;
}
static int check(struct big b) { return (int)strlen(b.buf) + b.tail; }
int main(void)
{
	struct big x = make(1), y;
	y = x;
	y.buf[0] = 'Z';
	printf("%c %c %d %d\n", x.buf[0], y.buf[0], check(y), make(2).tail);
	return 0;
}
