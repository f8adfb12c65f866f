#include <stdio.h>
int main(void)
{
	int i;
	const char *s;
	for (i = 0; i < 4; i++) {
		s = i == 0 ? "zero" : i == 1 ? "one" : "many";
		printf("%s ", s);
	}
	printf("\n%d %ld\n", i > 2 ? 1 : -1, (long)(i ? 3u : -1));
	printf("%d\n", i ?: 7);
	printf("%d\n", 0 ?: 9);
	return 0;
}
