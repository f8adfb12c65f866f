/* FILE streams on regular files: fopen modes, fprintf/fputs/fwrite, fgets/fgetc/fread/ungetc,
 * feof/ferror, append, read-write switching, setvbuf, fileno, fdopen, errors from fopen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>

int main(void)
{
	char path[] = "/tmp/kwb-fileio-XXXXXX";
	char line[16], big[10000];
	FILE *f;
	int i, c, n, fd;
	size_t got;

	/* a unique name without mkstemp: the pid is unique among running programs */
	snprintf(path + 16, 7, "%06d", (int)getpid() % 1000000);
	f = fopen(path, "w");
	printf("open w %d\n", f != 0);
	for (i = 0; i < 500; i++)
		fprintf(f, "line %03d %s\n", i, i % 2 ? "odd" : "even");
	fputs("tail without newline", f);
	printf("fclose %d\n", fclose(f));

	f = fopen(path, "r");
	n = 0;
	while (fgets(line, sizeof line, f))
		n++;
	printf("fgets pieces %d eof %d err %d\n", n, feof(f), ferror(f));
	fclose(f);

	f = fopen(path, "r");
	got = fread(big, 1, sizeof big, f);
	printf("fread %d first [%.12s] last [%.8s]\n", (int)got, big, big + got - 8);
	printf("eof %d\n", feof(f));
	fclose(f);

	f = fopen(path, "a");
	fprintf(f, "\nappended %d\n", 42);
	fclose(f);
	f = fopen(path, "r");
	c = 0;
	while ((i = fgetc(f)) != EOF)
		c += i == '\n';
	printf("newlines %d\n", c);
	fclose(f);

	f = fopen(path, "r+");
	printf("fileno ok %d\n", fileno(f) > 2);
	fgets(line, sizeof line, f);
	printf("first [%s]\n", line);
	ungetc('X', f);
	c = fgetc(f);
	printf("ungetc %c", c);
	printf(" then %c\n", fgetc(f));
	fclose(f);

	f = fopen(path, "w+");
	setvbuf(f, 0, _IONBF, 0);
	fputs("unbuffered", f);
	fclose(f);
	f = fopen(path, "r");
	memset(line, 0, sizeof line);
	fread(line, 1, 15, f);
	printf("[%s]\n", line);
	fclose(f);

	fd = open(path, O_RDONLY);
	f = fdopen(fd, "r");
	printf("fdopen getc %c\n", getc(f));
	fclose(f);

	unlink(path);
	errno = 0;
	f = fopen(path, "r");
	printf("missing %d errno %d\n", f == 0, errno);
	f = fopen("/", "w");
	printf("dir %d errno %d\n", f == 0, errno);
	f = fopen(path, "q");
	printf("bad mode %d errno %d\n", f == 0, errno);
	return 0;
}
