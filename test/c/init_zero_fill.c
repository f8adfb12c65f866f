#include <stdio.h>
int g1[100];
static long g2[3] = { 1 };
struct s { int a; char b[50]; long c; } gs;
int main(void)
{
	int big[200] = { 1, 2 };
	struct s l = { 5 };
	int total = 0;
	for (int i = 0; i < 200; i++)
		total += big[i];
	for (int i = 0; i < 100; i++)
		total += g1[i];
	printf("%d %ld %ld %d %d %ld\n", total, g2[1], g2[0], gs.a, l.b[49], l.c);
	return 0;
}
