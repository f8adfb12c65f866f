#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H
/*
 * Linux wait queue related types and methods
 *
 * A wait queue head lists the tasks sleeping on it; wake_up() makes them
 * runnable again and each re-checks its condition.  4.4 links
 * wait_queue_t entries through a list_head; this tree keeps a small array.
 */
#include <linux/sched.h>

#define WAITQUEUE_MAX	16

typedef struct __wait_queue_head {
	struct task_struct *task[WAITQUEUE_MAX];
} wait_queue_head_t;

#define DECLARE_WAIT_QUEUE_HEAD(name) wait_queue_head_t name

extern void init_waitqueue_head(wait_queue_head_t *q);
extern void prepare_to_wait(wait_queue_head_t *q, int state);
extern void finish_wait(wait_queue_head_t *q);
extern void __wake_up(wait_queue_head_t *q, unsigned int mode);
extern int signal_pending(struct task_struct *p);

#define wake_up(x)			__wake_up(x, TASK_NORMAL)
#define wake_up_interruptible(x)	__wake_up(x, TASK_INTERRUPTIBLE)

#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)
#define ERESTARTSYS	512

/**
 * wait_event_interruptible - sleep until a condition gets true
 * @wq: the waitqueue to wait on
 * @condition: a C expression for the event to wait for
 *
 * The process is put to sleep (TASK_INTERRUPTIBLE) until the
 * @condition evaluates to true or a signal is received.
 * The @condition is checked each time the waitqueue @wq is woken up.
 *
 * The function will return -ERESTARTSYS if it was interrupted by a
 * signal and 0 if @condition evaluated to true.
 */
#define wait_event_interruptible(wq, condition)				\
({									\
	int __ret = 0;							\
	for (;;) {							\
		prepare_to_wait(&(wq), TASK_INTERRUPTIBLE);		\
		if (condition)						\
			break;						\
		if (signal_pending(current)) {				\
			__ret = -ERESTARTSYS;				\
			break;						\
		}							\
		schedule();						\
	}								\
	finish_wait(&(wq));						\
	__ret;								\
})

#endif /* _LINUX_WAIT_H */
