/* qsort (with a total order, so any correct sort agrees with glibc) and bsearch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec { int key; char name[12]; };

static int by_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int by_rec(const void *a, const void *b)
{
	const struct rec *p = a, *q = b;
	if (p->key != q->key)
		return p->key < q->key ? -1 : 1;
	return strcmp(p->name, q->name);
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	static int v[5000];
	struct rec recs[300];
	char *words[] = { "pear", "apple", "fig", "kiwi", "banana", "cherry", "date", "grape", "lemon", "mango" };
	unsigned long s = 1;
	int i, key, *hit, sum = 0;

	for (i = 0; i < 5000; i++) {
		s = s * 1103515245 + 12345;
		v[i] = (int)((s >> 8) % 100000) - 50000;
	}
	qsort(v, 5000, sizeof v[0], by_int);
	for (i = 1; i < 5000; i++)
		if (v[i - 1] > v[i])
			printf("unsorted at %d\n", i);
	for (i = 0; i < 5000; i += 499)
		printf("%d ", v[i]);
	printf("\n");
	for (i = 0; i < 300; i++) {
		recs[i].key = (i * 37) % 17;
		snprintf(recs[i].name, sizeof recs[i].name, "n%03d", (i * 91) % 300);
	}
	qsort(recs, 300, sizeof recs[0], by_rec);
	for (i = 0; i < 300; i += 23)
		printf("%d:%s ", recs[i].key, recs[i].name);
	printf("\n");
	qsort(words, 10, sizeof words[0], by_str);
	for (i = 0; i < 10; i++)
		printf("%s ", words[i]);
	printf("\n");
	qsort(v, 0, sizeof v[0], by_int);
	qsort(v, 1, sizeof v[0], by_int);
	for (key = -50000; key < 50000; key += 777) {
		hit = bsearch(&key, v, 5000, sizeof v[0], by_int);
		if (hit)
			sum += (int)(hit - v) >= 0 && *hit == key;
	}
	printf("found %d\n", sum);
	key = v[1234];
	hit = bsearch(&key, v, 5000, sizeof v[0], by_int);
	printf("%d\n", hit && *hit == key);
	key = 999999;
	printf("%d\n", bsearch(&key, v, 5000, sizeof v[0], by_int) == 0);
	return 0;
}
