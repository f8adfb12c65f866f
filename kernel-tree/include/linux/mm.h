#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <linux/sched.h>

/*
 * The part of a memory area the kernel's C reads (4.4's vm_area_struct
 * starts with the same two fields).  Address spaces themselves are kept by
 * the machine's native memory manager (docs/simplifications.md).
 */
struct vm_area_struct {
	unsigned long vm_start;		/* Our start address within vm_mm. */
	unsigned long vm_end;		/* The first byte after our end address within vm_mm. */
	char vm_file_name[64];		/* the file mapped here, "" if anonymous */
};

/* Look up the first VMA which satisfies addr < vm_end, NULL if none. */
extern struct vm_area_struct *find_vma(struct task_struct *tsk, unsigned long addr);
extern void print_vma_addr(char *prefix, unsigned long rip);

/* Address-space lifecycle: native services (the machine keeps the page tables). */
extern int copy_mm(unsigned long clone_flags, struct task_struct *tsk);
extern void exit_mm(struct task_struct *tsk);
/* Stack growth on a fault (native): 0 if the fault is resolved. */
extern int handle_mm_fault(unsigned long address, unsigned long error_code);

#endif /* _LINUX_MM_H */
