/* string.h and ctype.h over every byte and many shapes of input. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

static int sign(int x) { return (x > 0) - (x < 0); }

int main(void)
{
	char buf[64], buf2[64], *p, *save;
	const char *pairs[][2] = { { "", "" }, { "a", "" }, { "", "a" }, { "abc", "abd" }, { "abd", "abc" }, { "ABC", "abc" },
		{ "abc", "abcd" }, { "\xff", "\x01" }, { "Hello", "hELLO" }, { "same", "same" } };
	unsigned i;
	int c;

	for (c = -1; c < 256; c++)
		printf("%d:%d%d%d%d%d%d%d%d%d%d%d%d %d %d\n", c, isalpha(c), isdigit(c), isspace(c), isupper(c), islower(c), isalnum(c),
		       isxdigit(c), isprint(c), ispunct(c), iscntrl(c), isgraph(c), isblank(c), toupper(c), tolower(c));
	for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		printf("%d %d %d %d %d %d\n", sign(strcmp(pairs[i][0], pairs[i][1])), sign(strncmp(pairs[i][0], pairs[i][1], 2)),
		       sign(strcasecmp(pairs[i][0], pairs[i][1])), sign(strncasecmp(pairs[i][0], pairs[i][1], 3)),
		       sign(memcmp(pairs[i][0], pairs[i][1], 1)), (int)strlen(pairs[i][0]));
	printf("%d %d %d\n", (int)strnlen("abcdef", 3), (int)strnlen("ab", 10), (int)strnlen("", 0));
	memset(buf, 'x', sizeof buf);
	strncpy(buf, "abc", 6);
	printf("%d %d %d %d %c\n", buf[3], buf[4], buf[5], buf[2], buf[6]);
	strncpy(buf, "abcdefgh", 4);
	printf("%.8s\n", buf);
	strcpy(buf, "one");
	strncat(buf, "twothree", 3);
	strcat(buf, "!");
	printf("%s\n", buf);
	printf("%s|%s|%s\n", strchr("hello", 'l'), strrchr("hello", 'l'), strchr("hello", 0) ? "nul" : "none");
	printf("%s|%s|%s\n", strchr("hello", 'z') ? "?" : "null", strstr("kernel workbench", "work"), strstr("abc", "") );
	printf("%s\n", strstr("aaab", "aab"));
	printf("%d %d %d %d\n", (int)strspn("  \tabc", " \t"), (int)strcspn("abc,def", ",;"), (int)strspn("", "a"), (int)strcspn("abc", ""));
	printf("%s %s\n", strpbrk("a+b-c", "-+"), strpbrk("abc", "xyz") ? "?" : "null");
	strcpy(buf, ",,one,two;;three,,");
	for (p = strtok(buf, ",;"); p; p = strtok(0, ",;"))
		printf("[%s]", p);
	printf("\n");
	strcpy(buf2, "a b  c");
	for (p = strtok_r(buf2, " ", &save); p; p = strtok_r(0, " ", &save))
		printf("<%s>", p);
	printf("\n");
	strcpy(buf, "0123456789");
	memmove(buf + 2, buf, 5);
	printf("%s\n", buf);
	strcpy(buf, "0123456789");
	memmove(buf, buf + 3, 5);
	printf("%s\n", buf);
	printf("%s\n", (char *)memchr("find the x here", 'x', 15));
	printf("%d\n", memchr("abc", 'c', 2) == 0);
	printf("%s\n", strerror(0));
	for (c = 0; c < 140; c += 1)
		printf("%d %s\n", c, strerror(c));
	printf("%s\n", strerror(-1));
	return 0;
}
