#include <stdio.h>
#include <string.h>
int main(void)
{
	char buf[32];
	int counts[26] = { 0 };
	const char *text = "the quick brown fox jumps over the lazy dog";
	for (const char *p = text; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			counts[*p - 'a']++;
	for (int i = 0; i < 26; i++)
		if (counts[i] > 1)
			printf("%c%d ", 'a' + i, counts[i]);
	printf("\n");
	strcpy(buf, "Hello");
	for (int i = 0; buf[i]; i++)
		buf[i] ^= 0x20;
	printf("%s\n", buf);
	return 0;
}
