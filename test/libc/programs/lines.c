/* getline/getdelim on stdin and on a file, fseek/ftell/rewind, asprintf. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	char *line = 0, *s = 0;
	size_t cap = 0;
	ssize_t n;
	char path[64];
	FILE *f;
	int i, r;

	while ((n = getline(&line, &cap, stdin)) != -1)
		printf("%ld [%s] cap>len %d\n", (long)n, line, cap > (size_t)n);
	printf("end %d [%s]\n", (int)n, line);
	free(line);
	line = 0;
	cap = 0;

	snprintf(path, sizeof path, "/tmp/kwb-lines-%d", (int)getpid());
	f = fopen(path, "w+");
	for (i = 0; i < 3; i++)
		fprintf(f, "record %d;", i);
	printf("ftell after writes %ld\n", ftell(f));
	rewind(f);
	while ((n = getdelim(&line, &cap, ';', f)) != -1)
		printf("%ld <%s>\n", (long)n, line);
	printf("eof %d\n", feof(f));
	r = fseek(f, 7, SEEK_SET);
	printf("fseek %d ftell %ld char %c\n", r, ftell(f), fgetc(f));
	printf("ftell %ld\n", ftell(f));
	fseek(f, -2, SEEK_END);
	printf("near end %c%c\n", fgetc(f), fgetc(f));
	fseek(f, 0, SEEK_SET);
	fgetc(f);
	fseek(f, 2, SEEK_CUR);
	printf("cur %ld %c\n", ftell(f), fgetc(f));
	fseek(f, 0, SEEK_END);
	fputs("+tail", f);
	printf("end at %ld\n", ftell(f));
	rewind(f);
	n = getline(&line, &cap, f);
	printf("%ld [%s]\n", (long)n, line);
	fclose(f);
	unlink(path);
	free(line);

	r = asprintf(&s, "%s-%05d-%x", "asprintf", 42, 255);
	printf("%d [%s]\n", r, s);
	free(s);
	return 0;
}
