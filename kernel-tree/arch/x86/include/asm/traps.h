#ifndef _ASM_X86_TRAPS_H
#define _ASM_X86_TRAPS_H

#include <asm/ptrace.h>

/* Entry points in arch/x86/entry/entry_64.S and entry_64_compat.S */
asmlinkage void divide_error(void);
asmlinkage void invalid_op(void);
asmlinkage void general_protection(void);
asmlinkage void page_fault(void);
asmlinkage void int3(void);
asmlinkage void apic_timer_interrupt(void);
asmlinkage void serial_interrupt(void);
asmlinkage void entry_SYSCALL_64(void);
asmlinkage void entry_INT80_compat(void);

extern void die(const char *str, struct pt_regs *regs, long err);
extern void show_regs(struct pt_regs *regs);
extern void trap_init(void);

/* Page fault error code bits */
#define PF_PROT		(1<<0)	/* or no page found */
#define PF_WRITE	(1<<1)
#define PF_USER		(1<<2)
#define PF_RSVD		(1<<3)
#define PF_INSTR	(1<<4)

#endif /* _ASM_X86_TRAPS_H */
