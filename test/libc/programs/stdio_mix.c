/* Buffering: stdout/stderr/write(2) interleaving, partial lines, big outputs crossing the
 * buffer size, fflush, putchar/fputc/fwrite, reading stdin with fgets/getchar/fgetc/ungetc. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	char line[32];
	int i, c, n = 0;

	printf("partial ");
	write(1, "[raw write]\n", 12);
	fprintf(stderr, "err one\n");
	printf("line\n");
	write(2, "[raw err]\n", 10);
	putchar('p');
	fputc('q', stdout);
	fwrite("fw\n", 1, 3, stdout);
	fputs("no newline", stdout);
	fflush(stdout);
	write(1, "|after flush|\n", 14);
	for (i = 0; i < 700; i++)
		printf("%04d:abcdefgh\n", i);
	write(1, "[mid]\n", 6);
	for (i = 0; i < 300; i++)
		fputs("0123456789", stdout);
	putchar('\n');
	fprintf(stderr, "err two %d\n", 2);
	while (fgets(line, sizeof line, stdin)) {
		n++;
		printf("got %d [%s]", (int)strlen(line), line);
		if (strchr(line, '\n') == 0)
			printf("(no newline)\n");
	}
	printf("lines %d eof %d err %d\n", n, feof(stdin), ferror(stdin));
	clearerr(stdin);
	c = getchar();
	printf("after eof %d\n", c);
	ungetc('Z', stdin);
	printf("ungot %c\n", getchar());
	write(1, "[before exit]\n", 14);
	printf("last words, unflushed");
	return 7;
}
