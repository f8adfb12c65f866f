/*
 *  linux/mm/memory.c
 *
 *  Copyright (C) 1991, 1992, 1993, 1994  Linus Torvalds
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mm.h>

/*
 * Print the name of a VMA.
 */
void print_vma_addr(char *prefix, unsigned long ip)
{
	struct vm_area_struct *vma = find_vma(current, ip);

	if (vma && vma->vm_start <= ip && vma->vm_file_name[0]) {
		printk(KERN_CONT "%s%s[%lx+%lx]", prefix, vma->vm_file_name,
		       vma->vm_start, vma->vm_end - vma->vm_start);
	}
}
