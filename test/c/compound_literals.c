#include <stdio.h>
struct p { int x, y; };
static int sum(const int *a, int n) { int s = 0; while (n--) s += a[n]; return s; }
static int dot(struct p a, struct p b) { return a.x * b.x + a.y * b.y; }
struct p *gp = &(struct p){ 7, 8 };
int main(void)
{
	int *arr = (int[]){ 1, 2, 3, 4 };
	printf("%d %d\n", sum(arr, 4), sum((int[3]){ 5, 5, 5 }, 3));
	printf("%d\n", dot((struct p){ 1, 2 }, (struct p){ .y = 3, .x = 4 }));
	printf("%d %d\n", gp->x, ((struct p){ 9, 10 }).y);
	return 0;
}
