#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>

/*
 * Kernel memory allocation.  4.4 has the slab allocators (mm/slub.c) over
 * the buddy page allocator; in the workbench both are native services of
 * the machine (docs/simplifications.md), called by these names.
 */
#define GFP_KERNEL	0xd0u

extern void *kmalloc(size_t size, unsigned int flags);
extern void kfree(const void *objp);

static inline void *kzalloc(size_t size, unsigned int flags)
{
	extern void *memset(void *s, int c, size_t count);
	void *p = kmalloc(size, flags);

	if (p)
		memset(p, 0, size);
	return p;
}

#endif /* _LINUX_SLAB_H */
