/* stdlib.c — the small stdlib functions: absolute values, division, rand, the environment. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <inttypes.h>

int abs(int j) { return j < 0 ? -j : j; }
long labs(long j) { return j < 0 ? -j : j; }
long long llabs(long long j) { return j < 0 ? -j : j; }
intmax_t imaxabs(intmax_t j) { return j < 0 ? -j : j; }

div_t div(int num, int den)
{
	div_t r;

	r.quot = num / den;
	r.rem = num % den;
	return r;
}

ldiv_t ldiv(long num, long den)
{
	ldiv_t r;

	r.quot = num / den;
	r.rem = num % den;
	return r;
}

/*
 * glibc's rand: the additive feedback generator of random_r.c with its default 31-word state
 * (TYPE_3), seeded the same way, so rand() gives glibc's exact sequence for every seed.
 */
static int state[34];
static int fptr = 3, rptr = 0;
static int seeded;

void srand(unsigned int seed)
{
	long word, hi, lo;
	int i;

	if (seed == 0)
		seed = 1;
	state[0] = (int)seed;
	word = (int)seed;
	for (i = 1; i < 31; i++) {
		/* word = 16807 * word mod (2^31 - 1), by Schrage's method */
		hi = word / 127773;
		lo = word % 127773;
		word = 16807 * lo - 2836 * hi;
		if (word < 0)
			word += 2147483647;
		state[i] = (int)word;
	}
	fptr = 3;
	rptr = 0;
	seeded = 1;
	for (i = 0; i < 310; i++)
		rand();
}

int rand(void)
{
	unsigned int sum;
	int result;

	if (!seeded)
		srand(1);
	sum = (unsigned int)state[fptr] + (unsigned int)state[rptr];
	state[fptr] = (int)sum;
	result = (int)(sum >> 1);
	if (++fptr >= 31) {
		fptr = 0;
		++rptr;
	} else if (++rptr >= 31) {
		rptr = 0;
	}
	return result;
}

char *getenv(const char *name)
{
	size_t n = strlen(name);
	char **e;

	if (!environ || strchr(name, '='))
		return NULL;
	for (e = environ; *e; e++)
		if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

/* The new array and strings are never freed: the old ones may still be in use by the caller. */
int setenv(const char *name, const char *value, int overwrite)
{
	size_t n = strlen(name), v = strlen(value), count = 0;
	char **e, **fresh, *entry;

	if (!*name || strchr(name, '=')) {
		errno = EINVAL;
		return -1;
	}
	if (getenv(name) && !overwrite)
		return 0;
	entry = malloc(n + v + 2);
	if (!entry)
		return -1;
	memcpy(entry, name, n);
	entry[n] = '=';
	memcpy(entry + n + 1, value, v + 1);
	for (e = environ; e && *e; e++, count++)
		if (strncmp(*e, name, n) == 0 && (*e)[n] == '=') {
			*e = entry;
			return 0;
		}
	fresh = malloc((count + 2) * sizeof *fresh);
	if (!fresh)
		return -1;
	if (count)
		memcpy(fresh, environ, count * sizeof *fresh);
	fresh[count] = entry;
	fresh[count + 1] = NULL;
	environ = fresh;
	return 0;
}

int unsetenv(const char *name)
{
	size_t n = strlen(name);
	char **e, **d;

	if (!*name || strchr(name, '=')) {
		errno = EINVAL;
		return -1;
	}
	for (e = d = environ; e && *e; e++)
		if (!(strncmp(*e, name, n) == 0 && (*e)[n] == '='))
			*d++ = *e;
	if (d)
		*d = NULL;
	return 0;
}
