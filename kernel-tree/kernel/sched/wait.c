/*
 * Generic waiting primitives.
 *
 * (C) 2004 Nadia Yvette Chaintreau <nyc@holomorphy.com>, Oracle
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/wait.h>

void init_waitqueue_head(wait_queue_head_t *q)
{
	int i;

	for (i = 0; i < WAITQUEUE_MAX; i++)
		q->task[i] = NULL;
}

/*
 * Note: we use "set_current_state()" _after_ the wait-queue add,
 * because we need a memory barrier there on SMP, so that any
 * wake-function that tests for the wait-queue being active
 * will be guaranteed to see waitqueue addition _or_ subsequent
 * tests in this thread will see the wakeup having taken place.
 */
void prepare_to_wait(wait_queue_head_t *q, int state)
{
	int i, free = -1;

	for (i = 0; i < WAITQUEUE_MAX; i++) {
		if (q->task[i] == current)
			break;
		if (!q->task[i] && free < 0)
			free = i;
	}
	if (i == WAITQUEUE_MAX && free >= 0)
		q->task[free] = current;
	current->state = state;
}

/**
 * finish_wait - clean up after waiting in a queue
 * @q: waitqueue waited on
 *
 * Sets current thread back to running state and removes
 * the wait descriptor from the given waitqueue if still
 * queued.
 */
void finish_wait(wait_queue_head_t *q)
{
	int i;

	current->state = TASK_RUNNING;
	for (i = 0; i < WAITQUEUE_MAX; i++)
		if (q->task[i] == current)
			q->task[i] = NULL;
}

/**
 * __wake_up - wake up threads blocked on a waitqueue.
 * @q: the waitqueue
 * @mode: which threads
 */
void __wake_up(wait_queue_head_t *q, unsigned int mode)
{
	int i;

	for (i = 0; i < WAITQUEUE_MAX; i++) {
		struct task_struct *p = q->task[i];

		if (p && (p->state & mode)) {
			q->task[i] = NULL;
			wake_up_process(p);
		}
	}
}
