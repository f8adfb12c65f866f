/* rand's sequence is glibc's for each seed; setenv/unsetenv/getenv; exit() from a nested call. */
#include <stdio.h>
#include <stdlib.h>

static void leave(int code)
{
	printf("leaving with %d\n", code);
	exit(code);
}

int main(void)
{
	unsigned seeds[] = { 1, 0, 2, 42, 123456789, 4294967295U };
	unsigned i;
	int j;

	for (j = 0; j < 5; j++)
		printf("%d ", rand());
	printf("\n");
	for (i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
		srand(seeds[i]);
		for (j = 0; j < 8; j++)
			printf("%d ", rand());
		printf("\n");
	}
	printf("%s\n", getenv("KWB_TEST_VAR") ? getenv("KWB_TEST_VAR") : "(unset)");
	setenv("KWB_TEST_VAR", "changed", 0);
	printf("%s\n", getenv("KWB_TEST_VAR"));
	setenv("KWB_TEST_VAR", "changed", 1);
	printf("%s\n", getenv("KWB_TEST_VAR"));
	setenv("KWB_NEW", "new", 1);
	printf("%s\n", getenv("KWB_NEW"));
	unsetenv("KWB_NEW");
	printf("%s\n", getenv("KWB_NEW") ? "?" : "(gone)");
	printf("%d\n", setenv("A=B", "x", 1));
	leave(13);
	return 0;
}
