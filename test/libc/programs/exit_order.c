/* At exit, streams are flushed newest first: two streams on one descriptor show the order. */
#include <stdio.h>

int main(void)
{
	FILE *again = fdopen(1, "w");
	FILE *third = fdopen(1, "w");

	printf("stdout's line\n");
	fprintf(again, "second stream's line\n");
	fprintf(third, "third stream's line\n");
	fputs("stdout again, no newline", stdout);
	return 0;
}
