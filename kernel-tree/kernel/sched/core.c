/*
 *  kernel/sched/core.c
 *
 *  Kernel scheduler and related syscalls
 *
 *  Copyright (C) 1991-2002  Linus Torvalds
 *
 * The workbench's scheduler is round robin over the task table, preemptive
 * on the timer tick (scheduler_tick sets need_resched every
 * SCHED_SLICE_TICKS ticks; the switch happens on the way back to user
 * mode).  Switching address space and registers (4.4's context_switch:
 * switch_mm + switch_to) is the native service __switch_to.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <asm/irqflags.h>

#define SCHED_SLICE_TICKS	3	/* 3 ms at HZ=1000 */

int need_resched;
unsigned long jiffies;
static int slice;

extern struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next);

static int task_slot(struct task_struct *p)
{
	int i;

	for (i = 0; i < NR_TASKS; i++)
		if (task[i] == p)
			return i;
	return 0;
}

/*
 * __schedule() is the main scheduler function: pick the next runnable task
 * after the current one, or the idle task (task[0]) when none can run.
 */
asmlinkage __visible void schedule(void)
{
	struct task_struct *prev = current;
	struct task_struct *next = &init_task;
	int start = task_slot(prev);
	int k;

	local_irq_disable();
	need_resched = 0;
	slice = 0;
	for (k = 1; k <= NR_TASKS; k++) {
		struct task_struct *p = task[(start + k) % NR_TASKS];

		if (p && p != &init_task && p->state == TASK_RUNNING) {
			next = p;
			break;
		}
	}
	if (next != prev)
		__switch_to(prev, next);
	local_irq_enable();
}

/**
 * wake_up_process - Wake up a specific process
 * @p: The process to be woken up.
 *
 * Return: 1 if the process was woken up, 0 if it was already running.
 */
int wake_up_process(struct task_struct *p)
{
	if (p->state == TASK_RUNNING)
		return 0;
	p->state = TASK_RUNNING;
	if (current == &init_task)
		need_resched = 1;
	return 1;
}

/*
 * This function gets called by the timer code, with HZ frequency.
 * It wakes the sleepers whose time has come and asks for a switch when the
 * running task has used its slice (or the idle task has something to do).
 */
void scheduler_tick(void)
{
	u64 now = sched_clock();
	int i;

	for (i = 1; i < NR_TASKS; i++) {
		struct task_struct *p = task[i];

		if (p && p->timeout && p->timeout <= now) {
			p->timeout = 0;
			wake_up_process(p);
		}
		if (p && p->alarm && p->alarm <= now) {
			p->alarm = 0;
			send_sig(SIGALRM, p, 1);
		}
	}
	if (++slice >= SCHED_SLICE_TICKS)
		need_resched = 1;
}

/* The timer interrupt (IRQ 0 on the machine's timer). */
__visible void smp_apic_timer_interrupt(struct pt_regs *regs)
{
	jiffies++;
	scheduler_tick();
}

SYSCALL_DEFINE0(sched_yield)
{
	schedule();
	return 0;
}

/* The idle loop (kernel/sched/idle.c): halt until an interrupt makes work. */
void cpu_startup_entry(int state)
{
	for (;;) {
		if (need_resched)
			schedule();
		else
			safe_halt();
	}
}
