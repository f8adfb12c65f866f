#include <stdio.h>
struct p { int x; long y; };
int main(void)
{
	int a[5] = { 1, 2, 3, 4, 5 };
	int i = 0;
	struct p ps[2] = { { 1, 2 }, { 3, 4 } };
	struct p *q = ps;
	unsigned char c = 250;
	short sh = 1;
	a[i++] += 10;
	a[i++] *= 3;
	(q++)->x += 100;
	q->y <<= 3;
	c += 10;
	sh -= 3;
	printf("%d %d %d %d %d %ld %d %d\n", a[0], a[1], i, ps[0].x, ps[1].x, ps[1].y, c, sh);
	{
		long l = 5;
		int *pi = a;
		pi += 2;
		l /= 2;
		l %= 2;
		printf("%d %ld\n", *pi, l);
	}
	return 0;
}
