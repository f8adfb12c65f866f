#include <stdio.h>
enum color { RED, GREEN = 5, BLUE, NEG = -3, AFTER };
typedef enum { A = 1 << 0, B = 1 << 1, C = A | B } flags_t;
int main(void)
{
	enum color c = BLUE;
	flags_t f = C;
	printf("%d %d %d %d %d\n", RED, GREEN, c, NEG, AFTER);
	printf("%d %d\n", f, (int)sizeof(enum color));
	switch (c) {
	case BLUE: printf("blue\n"); break;
	default: printf("other\n");
	}
	return 0;
}
