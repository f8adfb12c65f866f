#include <stdio.h>
#include <string.h>

int main(void)
{
	char *p = malloc(4);
	p = calloc(1, 2);
	return 0;
}
