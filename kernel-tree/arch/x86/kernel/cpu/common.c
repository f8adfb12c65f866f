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
