#include <linux/init.h>
#include <linux/sched.h>
#include <linux/utsname.h>

/*
 * Initial task structure.
 *
 * All other task structs will be allocated on slabs in fork.c
 * (4.4 fills this in with INIT_TASK() from include/linux/init_task.h).
 */
struct task_struct init_task = {
	.state		= 0,
	.stack		= &init_thread_union,
	.pid		= 0,
	.tgid		= 0,
	.real_parent	= &init_task,
	.parent		= &init_task,
	.comm		= "swapper",
};

/*
 * Initial thread structure. Alignment of this is handled by a special
 * linker map entry.
 */
union thread_union init_thread_union __aligned(THREAD_SIZE) = { { 0, } };
