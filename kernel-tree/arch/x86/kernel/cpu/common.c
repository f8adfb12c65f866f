#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <asm/current.h>

/*
 * The task the CPU is running.  4.4 declares it with
 * DEFINE_PER_CPU(struct task_struct *, current_task) ____cacheline_aligned
 * = &init_task; the workbench's machine has one CPU (see asm/current.h).
 */
struct task_struct *current_task = &init_task;

/* May not be marked __init: used by software suspend */
void syscall_init(void)
{
	extern void entry_SYSCALL_64(void);
	extern void native_write_msr(unsigned int msr, unsigned int low, unsigned int high);
	unsigned long lstar = (unsigned long)entry_SYSCALL_64;

	/* STAR: kernel CS for syscall; user CS - 16 (and SS - 8) for sysret */
	native_write_msr(0xc0000081, 0, (0x23 << 16) | 0x10);		/* MSR_STAR */
	native_write_msr(0xc0000082, lstar, lstar >> 32);		/* MSR_LSTAR */
	/* Flags to clear on syscall: TF, DF, IF, IOPL, AC, NT */
	native_write_msr(0xc0000084, 0x100 | 0x400 | 0x200 | 0x3000 | 0x40000 | 0x4000, 0);	/* MSR_SYSCALL_MASK */
}
