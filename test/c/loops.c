#include <stdio.h>
int main(void)
{
	int i = 0, s = 0;
	while (i < 10)
		s += i++;
	printf("%d\n", s);
	do
		s -= 3;
	while (s > 0);
	printf("%d\n", s);
	for (int j = 0, k = 5; j < k; j++, k--)
		printf("%d%d ", j, k);
	printf("\n");
	for (;;) {
		if (++i > 15)
			break;
		if (i % 2)
			continue;
		printf("%d ", i);
	}
	printf("\n");
	i = 0;
	do {
		if (i == 2) { i++; continue; }
		printf("[%d]", i++);
	} while (i < 5);
	printf("\n");
	return 0;
}
