/*
 *  Copyright (C) 1991, 1992  Linus Torvalds
 *  Copyright (C) 2000, 2001, 2002 Andi Kleen, SuSE Labs
 *
 *  Pentium III FXSR, SSE support
 *	Gareth Hughes <gareth@valinux.com>, May 2000
 */

/*
 * Handle hardware traps and faults.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/kallsyms.h>
#include <linux/mm.h>
#include <linux/utsname.h>
#include <asm/ptrace.h>
#include <asm/desc.h>
#include <asm/traps.h>

/* Must be page-aligned because the real IDT is used in a fixmap. */
gate_desc idt_table[256] __aligned(4096);

struct desc_ptr idt_descr = { 256 * 16 - 1, (unsigned long) idt_table };

static void set_gate(int gate, unsigned type, void *addr, unsigned dpl)
{
	unsigned long a = (unsigned long)addr;
	gate_desc *s = &idt_table[gate];

	s->offset_low = a & 0xffff;
	s->segment = __KERNEL_CS;
	s->ist = 0;
	s->type_attr = 0x80 | (dpl << 5) | type;
	s->offset_middle = (a >> 16) & 0xffff;
	s->offset_high = a >> 32;
	s->zero1 = 0;
}

static void set_intr_gate(unsigned int n, void *addr)
{
	set_gate(n, GATE_INTERRUPT, addr, 0);
}

/* A gate user space may reach with "int $n". */
static void set_system_intr_gate(unsigned int n, void *addr)
{
	set_gate(n, GATE_INTERRUPT, addr, 0x3);
}

extern void syscall_init(void);
extern unsigned long task_signal_offset;	/* arch/x86/entry/common.c */

static int die_counter;

/* Set by the page-fault handler before an Oops: __die prints it as "CR2: ..." */
unsigned long oops_cr2;

/* Prints the registers of an Oops, as 4.4's __show_regs(regs, 1) does. */
void show_regs(struct pt_regs *regs)
{
	char sym[KSYM_SYMBOL_LEN];

	sprint_symbol(sym, regs->ip);
	printk(KERN_DEFAULT "RIP: %04lx:[<%016lx>]  [<%016lx>] %s\n",
	       regs->cs & 0xffff, regs->ip, regs->ip, sym);
	printk(KERN_DEFAULT "RSP: %04lx:%016lx  EFLAGS: %08lx\n", regs->ss,
	       regs->sp, regs->flags);
	printk(KERN_DEFAULT "RAX: %016lx RBX: %016lx RCX: %016lx\n",
	       regs->ax, regs->bx, regs->cx);
	printk(KERN_DEFAULT "RDX: %016lx RSI: %016lx RDI: %016lx\n",
	       regs->dx, regs->si, regs->di);
	printk(KERN_DEFAULT "RBP: %016lx R08: %016lx R09: %016lx\n",
	       regs->bp, regs->r8, regs->r9);
	printk(KERN_DEFAULT "R10: %016lx R11: %016lx R12: %016lx\n",
	       regs->r10, regs->r11, regs->r12);
	printk(KERN_DEFAULT "R13: %016lx R14: %016lx R15: %016lx\n",
	       regs->r13, regs->r14, regs->r15);
}

/* The frame-pointer walk 4.4's print_context_stack does when it has frame pointers. */
static void show_trace(struct pt_regs *regs)
{
	unsigned long bp = regs->bp;
	unsigned long stack = task_stack_top(current);
	char sym[KSYM_SYMBOL_LEN];
	int depth = 0;

	printk(KERN_DEFAULT "Call Trace:\n");
	while (bp >= stack - THREAD_SIZE && bp < stack - 16 && depth < 16) {
		unsigned long ret = ((unsigned long *)bp)[1];

		if (ret < 0xffffffff80000000UL)
			break;
		sprint_symbol(sym, ret);
		printk(KERN_DEFAULT " [<%016lx>] %s\n", ret, sym);
		bp = ((unsigned long *)bp)[0];
		depth++;
	}
}

/*
 * An Oops: the report 4.4's oops_begin/__die/oops_end print, then the task
 * dies as the kernel kills it (do_exit(SIGKILL)); the machine keeps going.
 */
void die(const char *str, struct pt_regs *regs, long err)
{
	char sym[KSYM_SYMBOL_LEN];

	printk(KERN_DEFAULT "%s: %04lx [#%d] SMP\n", str, err & 0xffff, ++die_counter);
	printk(KERN_DEFAULT "Modules linked in:\n");
	{
		struct new_utsname *u = utsname();
		char version[16];
		int i;

		/* dump_stack_print_info: the release, and the version up to its first space ("#1") */
		for (i = 0; i < 15 && u->version[i] && u->version[i] != ' '; i++)
			version[i] = u->version[i];
		version[i] = 0;
		printk(KERN_DEFAULT "CPU: 0 PID: %d Comm: %s Not tainted %s %s\n",
		       current->pid, current->comm, u->release, version);
	}
	printk(KERN_DEFAULT "task: %p ti: %p task.ti: %p\n", current, current->stack, current->stack);
	show_regs(regs);
	printk(KERN_DEFAULT "Stack:\n");
	show_trace(regs);
	sprint_symbol(sym, regs->ip);
	printk(KERN_EMERG "RIP  [<%016lx>] %s\n", regs->ip, sym);
	printk(KERN_DEFAULT " RSP <%016lx>\n", regs->sp);
	if (oops_cr2) {
		printk(KERN_DEFAULT "CR2: %016lx\n", oops_cr2);
		oops_cr2 = 0;
	}
	printk(KERN_DEFAULT "---[ end trace 0000000000000000 ]---\n");
	do_exit(SIGKILL);
}

/*
 * A trap in user mode becomes a signal; in the kernel it is an Oops.
 * show_unhandled_signals: the "traps: prog[pid] ..." line 4.4 logs.
 */
static void do_trap(int trapnr, int signr, char *str, struct pt_regs *regs,
		    long error_code)
{
	if (!user_mode(regs))
		die(str, regs, error_code);
	printk(KERN_INFO "traps: %s[%d] trap %s ip:%lx sp:%lx error:%lx",
	       current->comm, current->pid, str, regs->ip, regs->sp, error_code);
	print_vma_addr(" in ", regs->ip);
	printk(KERN_CONT "\n");
	force_sig(signr, current);
}

asmlinkage void do_divide_error(struct pt_regs *regs, long error_code)
{
	do_trap(0, SIGFPE, "divide error", regs, 0);
}

asmlinkage void do_invalid_op(struct pt_regs *regs, long error_code)
{
	do_trap(6, SIGILL, "invalid opcode", regs, 0);
}

asmlinkage void do_int3(struct pt_regs *regs, long error_code)
{
	if (!user_mode(regs))
		die("int3", regs, error_code);
	force_sig(SIGTRAP, current);
}

asmlinkage void do_general_protection(struct pt_regs *regs, long error_code)
{
	if (!user_mode(regs))
		die("general protection fault", regs, error_code);
	printk(KERN_INFO "traps: %s[%d] general protection ip:%lx sp:%lx error:%lx",
	       current->comm, current->pid, regs->ip, regs->sp, error_code);
	print_vma_addr(" in ", regs->ip);
	printk(KERN_CONT "\n");
	force_sig(SIGSEGV, current);
}

void __init trap_init(void)
{
	set_intr_gate(0, divide_error);
	set_intr_gate(3, int3);
	set_system_intr_gate(3, int3);
	set_intr_gate(6, invalid_op);
	set_intr_gate(13, general_protection);
	set_intr_gate(14, page_fault);
	set_intr_gate(LOCAL_TIMER_VECTOR, apic_timer_interrupt);
	set_intr_gate(SERIAL_VECTOR, serial_interrupt);
	set_system_intr_gate(IA32_SYSCALL_VECTOR, entry_INT80_compat);
	native_load_idt(&idt_descr);

	/* 4.4: cpu_init() -> syscall_init() */
	syscall_init();
	task_signal_offset = (unsigned long)&((struct task_struct *)0)->signal;
}
