/*
 * malloc.c — a first-fit allocator over the program break. Free blocks sit on one list in
 * address order, so a freed block merges with free neighbours on both sides; the heap grows
 * with sbrk in steps of at least 64 KiB. Every block starts with a 16-byte header and every
 * pointer handed out is 16-byte aligned, as the x86-64 ABI promises for malloc.
 */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

/* A block's header; size counts 16-byte units including the header itself. */
struct block {
	size_t size;
	struct block *next; /* only meaningful while the block is free */
};

#define UNIT 16
#define GROW_UNITS 4096

static struct block *free_list;

/* Puts a block back on the list in address order and merges it with adjacent free blocks. */
static void release(struct block *b)
{
	struct block *prev = NULL, *cur = free_list;

	while (cur && cur < b) {
		prev = cur;
		cur = cur->next;
	}
	b->next = cur;
	if (cur && b + b->size == cur) {
		b->size += cur->size;
		b->next = cur->next;
	}
	if (prev) {
		prev->next = b;
		if (prev + prev->size == b) {
			prev->size += b->size;
			prev->next = b->next;
		}
	} else {
		free_list = b;
	}
}

static int grow(size_t units)
{
	char *cur = sbrk(0);
	long misalign;
	struct block *b;

	if (cur == (char *)-1)
		return -1;
	misalign = (long)((unsigned long)cur & (UNIT - 1));
	if (misalign && sbrk(UNIT - misalign) == (void *)-1)
		return -1;
	if (units < GROW_UNITS)
		units = GROW_UNITS;
	b = sbrk((long)(units * UNIT));
	if (b == (void *)-1)
		return -1;
	b->size = units;
	release(b);
	return 0;
}

void *malloc(size_t n)
{
	struct block *prev, *b;
	size_t units;

	if (n > ((size_t)1 << 60)) {
		errno = ENOMEM;
		return NULL;
	}
	if (n == 0)
		n = 1; /* still a distinct pointer, as glibc gives */
	units = (n + UNIT - 1) / UNIT + 1;
	for (;;) {
		prev = NULL;
		for (b = free_list; b; prev = b, b = b->next) {
			if (b->size < units)
				continue;
			if (b->size == units) {
				if (prev)
					prev->next = b->next;
				else
					free_list = b->next;
			} else {
				/* Hand out the tail, so the free block keeps its place on the list. */
				b->size -= units;
				b += b->size;
				b->size = units;
			}
			b->next = NULL;
			return b + 1;
		}
		if (grow(units) < 0) {
			errno = ENOMEM;
			return NULL;
		}
	}
}

void free(void *p)
{
	if (p)
		release((struct block *)p - 1);
}

void *calloc(size_t nmemb, size_t size)
{
	void *p;

	if (size && nmemb > (size_t)-1 / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(nmemb * size);
	if (p)
		memset(p, 0, nmemb * size);
	return p;
}

/* Grows in place when the next block is free and big enough; otherwise moves. */
void *realloc(void *p, size_t n)
{
	struct block *b, *prev, *cur;
	size_t units;
	void *q;

	if (!p)
		return malloc(n);
	if (n == 0) {
		free(p);
		return NULL;
	}
	if (n > ((size_t)1 << 60)) {
		errno = ENOMEM;
		return NULL;
	}
	b = (struct block *)p - 1;
	units = (n + UNIT - 1) / UNIT + 1;
	if (units <= b->size)
		return p;
	prev = NULL;
	for (cur = free_list; cur && cur < b + b->size; prev = cur, cur = cur->next)
		;
	if (cur == b + b->size && b->size + cur->size >= units) {
		if (prev)
			prev->next = cur->next;
		else
			free_list = cur->next;
		b->size += cur->size;
		if (b->size > units) {
			/* Give the surplus back. */
			cur = b + units;
			cur->size = b->size - units;
			b->size = units;
			release(cur);
		}
		return p;
	}
	q = malloc(n);
	if (!q)
		return NULL;
	memcpy(q, p, (b->size - 1) * UNIT);
	free(p);
	return q;
}
