#include <stdio.h>
int main(void)
{
	const char *s = "tab\there\nquote\" backslash\\ bell\a octal\101\60 hex\x41\x7a end";
	printf("%s\n", s);
	printf("%d %d %d %d\n", '\0', '\377', '\x7f', '\'');
	printf("%d\n", (int)sizeof("abc" "def"));
	printf("%s\n", "con" "cat" "ena" "tion");
	printf("%c%c\n", "xyz"[0], *("xyz" + 2));
	printf("%d\n", "\xff"[0]);
	return 0;
}
