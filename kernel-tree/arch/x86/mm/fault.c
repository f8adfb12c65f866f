/*
 *  Copyright (C) 1995  Linus Torvalds
 *  Copyright (C) 2001, 2002 Andi Kleen, SuSE Labs.
 *  Copyright (C) 2008-2009, Red Hat Inc., Ingo Molnar
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/mm.h>
#include <linux/kallsyms.h>
#include <asm/ptrace.h>
#include <asm/desc.h>
#include <asm/traps.h>
#include <asm/uaccess.h>

/* The faulting address, printed at the end of the Oops (arch/x86/kernel/traps.c). */
extern unsigned long oops_cr2;

struct exception_table_entry {
	unsigned long insn, fixup;
};

/* arch/x86/lib/copy_user_64.S */
extern const struct exception_table_entry __start___ex_table[];
extern const struct exception_table_entry __stop___ex_table[];

/* Is the faulting instruction one allowed to fault on a user address? Continue at its fixup. */
int fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++) {
		if (e->insn == regs->ip) {
			regs->ip = e->fixup;
			return 1;
		}
	}
	return 0;
}

/*
 * Print out info about fatal segfaults, if the show_unhandled_signals
 * sysctl is set:
 */
static void show_signal_msg(struct pt_regs *regs, unsigned long error_code,
			    unsigned long address, struct task_struct *tsk)
{
	printk(KERN_INFO "%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx",
	       tsk->comm, tsk->pid, address, regs->ip, regs->sp, error_code);
	print_vma_addr(" in ", regs->ip);
	printk(KERN_CONT "\n");
}

static void no_context(struct pt_regs *regs, unsigned long error_code,
		       unsigned long address)
{
	char sym[KSYM_SYMBOL_LEN];

	/* Are we prepared to handle this kernel fault? */
	if (fixup_exception(regs))
		return;

	/*
	 * Oops. The kernel tried to access some bad page. We'll have to
	 * terminate things with extreme prejudice:
	 */
	printk(KERN_ALERT "BUG: unable to handle kernel ");
	if (address < PAGE_SIZE)
		printk(KERN_CONT "NULL pointer dereference");
	else
		printk(KERN_CONT "paging request");
	printk(KERN_CONT " at %016lx\n", address);
	sprint_symbol(sym, regs->ip);
	printk(KERN_ALERT "IP: [<%016lx>] %s\n", regs->ip, sym);
	/* dump_pagetable(): the machine has no page tables in memory to walk */
	printk(KERN_DEFAULT "PGD 0 \n");
	oops_cr2 = address;
	die("Oops", regs, error_code);
}

/*
 * This routine handles page faults.  It determines the address,
 * and the problem, and then passes it off to one of the appropriate
 * routines.  The machine maps every page a program may touch up front
 * (docs/simplifications.md), so a fault is always an error: a signal for
 * user mode, a fixup or an Oops for the kernel.
 */
asmlinkage void do_page_fault(struct pt_regs *regs, unsigned long error_code)
{
	unsigned long address = native_read_cr2();

	/* A user stack growing down into its next page is not an error. */
	if (address < TASK_SIZE_MAX && handle_mm_fault(address, error_code) == 0)
		return;
	if (!(error_code & PF_USER)) {
		no_context(regs, error_code, address);
		return;
	}
	show_signal_msg(regs, error_code, address, current);
	force_sig(SIGSEGV, current);
}
