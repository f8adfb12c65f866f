/* time.h — seconds, timespecs, nanosleep and clock_gettime. */
#ifndef _TIME_H
#define _TIME_H

#include <sys/types.h>

#ifndef NULL
#define NULL ((void *)0)
#endif

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3

int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_gettime(clockid_t clk, struct timespec *tp);
time_t time(time_t *t);

#endif
