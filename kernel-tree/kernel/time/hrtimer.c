/*
 *  linux/kernel/hrtimer.c
 *
 *  Copyright(C) 2005-2006, Thomas Gleixner <tglx@linutronix.de>
 *  Copyright(C) 2005-2007, Red Hat, Inc., Ingo Molnar
 *  Copyright(C) 2006-2007  Timesys Corp., Thomas Gleixner
 *
 *  High-resolution kernel timers
 *
 * The workbench sleeps with the timer tick's resolution: a task sleeping
 * in nanosleep has a wake-up time that scheduler_tick() checks.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

struct timespec {
	long tv_sec;		/* seconds */
	long tv_nsec;		/* nanoseconds */
};

#define NSEC_PER_SEC	1000000000L

SYSCALL_DEFINE2(nanosleep, struct timespec __user *, rqtp,
		struct timespec __user *, rmtp)
{
	struct timespec tu;
	u64 now, until;

	if (copy_from_user(&tu, rqtp, sizeof(tu)))
		return -EFAULT;
	if (tu.tv_sec < 0 || tu.tv_nsec < 0 || tu.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	now = sched_clock();
	until = now + (u64)tu.tv_sec * NSEC_PER_SEC + tu.tv_nsec;
	while (sched_clock() < until) {
		current->timeout = until;
		current->state = TASK_INTERRUPTIBLE;
		if (signal_pending(current)) {
			current->state = TASK_RUNNING;
			current->timeout = 0;
			if (rmtp) {
				u64 left = until - sched_clock();

				tu.tv_sec = left / NSEC_PER_SEC;
				tu.tv_nsec = left % NSEC_PER_SEC;
				if (copy_to_user(rmtp, &tu, sizeof(tu)))
					return -EFAULT;
			}
			return -EINTR;
		}
		schedule();
	}
	current->timeout = 0;
	return 0;
}

/*
 * alarm(2) (kernel/time/itimer.c): SIGALRM after `seconds`; returns the
 * seconds that were left of the previous alarm, rounded as 4.4 does.
 */
SYSCALL_DEFINE1(alarm, unsigned int, seconds)
{
	u64 now = sched_clock();
	unsigned long left = 0;

	if (current->alarm) {
		u64 rem = current->alarm > now ? current->alarm - now : 0;

		left = rem / NSEC_PER_SEC;
		if ((rem % NSEC_PER_SEC) >= NSEC_PER_SEC / 2 || !left)
			left++;
	}
	current->alarm = seconds ? now + (u64)seconds * NSEC_PER_SEC : 0;
	return left;
}
