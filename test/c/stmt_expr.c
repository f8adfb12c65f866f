#include <stdio.h>
#define max(a, b) ({ typeof(a) _a = (a); typeof(b) _b = (b); _a > _b ? _a : _b; })
int main(void)
{
	int i = 3;
	int m = max(i++, 2);
	int v = ({ int t = 10; t * 2; });
	printf("%d %d %d\n", m, i, v);
	printf("%d\n", ({ int s = 0; for (int k = 0; k < 5; k++) s += k; s; }));
	return 0;
}
