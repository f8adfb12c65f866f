#ifndef _ASM_X86_CURRENT_H
#define _ASM_X86_CURRENT_H

#include <linux/compiler.h>

#ifndef __ASSEMBLY__
struct task_struct;

/*
 * 4.4 keeps current_task in a per-CPU variable read through %gs
 * (this_cpu_read_stable).  The workbench's machine has one CPU, so this
 * tree keeps it in one plain variable (arch/x86/kernel/cpu/common.c);
 * the name and the accessor are the same.
 */
extern struct task_struct *current_task;

static __always_inline struct task_struct *get_current(void)
{
	return current_task;
}

#define current get_current()

#endif /* __ASSEMBLY__ */

#endif /* _ASM_X86_CURRENT_H */
