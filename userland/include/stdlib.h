/* stdlib.h — memory, conversions, sorting, process exit. No floating point (no atof/strtod). */
#ifndef _STDLIB_H
#define _STDLIB_H

#ifndef __kwb_size_t_defined
#define __kwb_size_t_defined
typedef unsigned long size_t;
#endif
#ifndef NULL
#define NULL ((void *)0)
#endif

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 2147483647

typedef struct { int quot; int rem; } div_t;
typedef struct { long quot; long rem; } ldiv_t;

void *malloc(size_t size);
void *calloc(size_t nmemb, size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);

int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);
long strtol(const char *nptr, char **endptr, int base);
unsigned long strtoul(const char *nptr, char **endptr, int base);
long long strtoll(const char *nptr, char **endptr, int base);
unsigned long long strtoull(const char *nptr, char **endptr, int base);

int abs(int j);
long labs(long j);
long long llabs(long long j);
div_t div(int num, int den);
ldiv_t ldiv(long num, long den);

void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
	      int (*compar)(const void *, const void *));

int rand(void);
void srand(unsigned int seed);

void exit(int status);
void _Exit(int status);
void abort(void);
int atexit(void (*function)(void));

char *getenv(const char *name);
int setenv(const char *name, const char *value, int overwrite);
int unsetenv(const char *name);

#endif
