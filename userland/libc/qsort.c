/*
 * qsort.c — a stable merge sort (glibc's qsort is a merge sort too when memory allows, so equal
 * elements keep their order the same way), and binary search. Without memory for the merge
 * buffer it falls back to an in-place insertion sort, still stable.
 */
#include <stdlib.h>
#include <string.h>

typedef int (*cmp_fn)(const void *, const void *);

static void insertion_sort(char *base, size_t n, size_t size, cmp_fn cmp)
{
	size_t i, j, k;
	char t;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && cmp(base + (j - 1) * size, base + j * size) > 0; j--)
			for (k = 0; k < size; k++) {
				t = base[(j - 1) * size + k];
				base[(j - 1) * size + k] = base[j * size + k];
				base[j * size + k] = t;
			}
}

/* Sorts base[0..n) using tmp (room for n elements). */
static void merge_sort(char *base, size_t n, size_t size, cmp_fn cmp, char *tmp)
{
	size_t half, i, j, k;

	if (n <= 8) {
		insertion_sort(base, n, size, cmp);
		return;
	}
	half = n / 2;
	merge_sort(base, half, size, cmp, tmp);
	merge_sort(base + half * size, n - half, size, cmp, tmp);
	i = 0;
	j = half;
	k = 0;
	while (i < half && j < n) {
		/* Take from the left run on ties: that is what keeps the sort stable. */
		if (cmp(base + j * size, base + i * size) < 0)
			memcpy(tmp + k++ * size, base + j++ * size, size);
		else
			memcpy(tmp + k++ * size, base + i++ * size, size);
	}
	while (i < half)
		memcpy(tmp + k++ * size, base + i++ * size, size);
	memcpy(base, tmp, k * size);
}

void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *))
{
	char *tmp;

	if (nmemb < 2 || size == 0)
		return;
	tmp = nmemb > (size_t)-1 / size ? NULL : malloc(nmemb * size);
	if (!tmp) {
		insertion_sort(base, nmemb, size, compar);
		return;
	}
	merge_sort(base, nmemb, size, compar, tmp);
	free(tmp);
}

void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
	      int (*compar)(const void *, const void *))
{
	const char *lo = base;
	const char *mid;
	int c;

	while (nmemb > 0) {
		mid = lo + (nmemb / 2) * size;
		c = compar(key, mid);
		if (c == 0)
			return (void *)mid;
		if (c > 0) {
			lo = mid + size;
			nmemb -= nmemb / 2 + 1;
		} else {
			nmemb /= 2;
		}
	}
	return NULL;
}
