/*
 * common.c - C code for kernel entry and exit
 * Copyright (c) 2015 Andrew Lutomirski
 * GPL v2
 *
 * Based on asm and ptrace code by many authors.  The code here originated
 * in ptrace.c and signal.c.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <asm/ptrace.h>
#include <asm/syscall.h>
#include <asm/irqflags.h>

/*
 * Everything that has to happen before a return to user mode: delivering
 * pending signals and giving the CPU away if the timer asked for it.
 * Called with interrupts off.
 */
__visible void prepare_exit_to_usermode(struct pt_regs *regs)
{
	for (;;) {
		if (need_resched) {
			local_irq_enable();
			schedule();
			local_irq_disable();
			continue;
		}
		if (signal_pending(current)) {
			local_irq_enable();
			do_signal(regs);
			local_irq_disable();
			continue;
		}
		break;
	}
}

/* Where current->signal is, for entry_64.S's test of pending work (set by syscall_init). */
unsigned long task_signal_offset;

/* The slow part of the 64-bit syscall return (4.4 reaches it when work flags are set). */
__visible void syscall_return_slowpath(struct pt_regs *regs)
{
	prepare_exit_to_usermode(regs);
}

#ifdef CONFIG_IA32_EMULATION
/*
 * Does a 32-bit syscall.  Called with IRQs on and does all entry and
 * exit work and returns with IRQs off.  This function is extremely hot
 * in workloads that use it, and it's usually called from
 * do_fast_syscall_32, so forcibly inline it to improve performance.
 *
 * The arguments are the low 32 bits of ebx, ecx, edx, esi, edi and ebp,
 * zero-extended: a 64-bit pointer loses its high half.
 */
__visible void do_int80_syscall_32(struct pt_regs *regs)
{
	unsigned int nr = (unsigned int)regs->orig_ax;

	local_irq_enable();
	if (nr < IA32_NR_syscalls) {
		regs->ax = ia32_sys_call_table[nr](
			(unsigned int)regs->bx, (unsigned int)regs->cx,
			(unsigned int)regs->dx, (unsigned int)regs->si,
			(unsigned int)regs->di, (unsigned int)regs->bp);
	}
	local_irq_disable();
}
#endif
