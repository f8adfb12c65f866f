/* malloc/calloc/realloc/free under a pseudo-random workload: every block keeps its contents,
 * nothing overlaps, alignment is 16, and freed memory is reused (the break stops growing). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SLOTS 512

static unsigned long seed = 12345;
static unsigned next(void)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(seed >> 33);
}

static unsigned char *blocks[SLOTS];
static size_t sizes[SLOTS];

static int check(int i)
{
	size_t k;

	for (k = 0; k < sizes[i]; k++)
		if (blocks[i][k] != (unsigned char)(i * 7 + k))
			return 0;
	return 1;
}

static void fill(int i)
{
	size_t k;

	for (k = 0; k < sizes[i]; k++)
		blocks[i][k] = (unsigned char)(i * 7 + k);
}

int main(void)
{
	int round, i, bad = 0, misaligned = 0;
	size_t n, k;
	char *brk1, *brk2;
	unsigned char *p;

	for (round = 0; round < 8000; round++) {
		i = (int)(next() % SLOTS);
		if (blocks[i]) {
			if (!check(i))
				bad++;
			if (next() % 3 == 0) {
				n = next() % 3000;
				p = realloc(blocks[i], n);
				if (n && !p) {
					printf("realloc failed\n");
					return 1;
				}
				if (n) {
					for (k = 0; k < (n < sizes[i] ? n : sizes[i]); k++)
						if (p[k] != (unsigned char)(i * 7 + k))
							bad++;
					blocks[i] = p;
					sizes[i] = n;
					fill(i);
				} else {
					blocks[i] = 0;
				}
			} else {
				free(blocks[i]);
				blocks[i] = 0;
			}
		} else {
			n = next() % 4 == 0 ? next() % 70000 : next() % 200;
			if (next() % 5 == 0) {
				blocks[i] = calloc(1, n);
				for (k = 0; k < n; k++)
					if (blocks[i][k])
						bad++;
			} else {
				blocks[i] = malloc(n);
			}
			if (!blocks[i]) {
				printf("malloc failed\n");
				return 1;
			}
			if ((unsigned long)blocks[i] & 15)
				misaligned++;
			sizes[i] = n;
			fill(i);
		}
	}
	for (i = 0; i < SLOTS; i++) {
		if (blocks[i] && !check(i))
			bad++;
		free(blocks[i]);
		blocks[i] = 0;
	}
	printf("corrupted %d misaligned %d\n", bad, misaligned);
	/* After everything is freed, the same workload again must not need more heap. */
	brk1 = sbrk(0);
	for (i = 0; i < 100; i++)
		blocks[i] = malloc(1000);
	for (i = 0; i < 100; i++)
		free(blocks[i]);
	p = malloc(50000);
	free(p);
	brk2 = sbrk(0);
	printf("reuse %s\n", brk1 == brk2 ? "yes" : "no");
	p = malloc(0);
	printf("malloc(0) %s\n", p ? "non-null" : "null");
	free(p);
	free(0);
	p = realloc(0, 10);
	printf("realloc(NULL) %s\n", p ? "ok" : "null");
	printf("realloc(p,0) %s\n", realloc(p, 0) ? "non-null" : "null");
	printf("huge %s\n", malloc((size_t)-1 / 2) ? "non-null" : "null");
	printf("calloc overflow %s\n", calloc((size_t)1 << 62, 16) ? "non-null" : "null");
	{
		char *s = strdup("duplicate"), *t = strndup("duplicate", 3);
		printf("%s %s\n", s, t);
		free(s);
		free(t);
	}
	return 0;
}
