/* nanosleep sleeps in guest time: the TSC (1 GHz, the instruction clock) advances by at least the request. */
#include <stdio.h>
#include <time.h>
static unsigned long rdtsc(void)
{
	unsigned long lo, hi;
	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return lo | hi << 32;
}
int main(void)
{
	struct timespec ts = { 0, 25000000 };
	unsigned long t0 = rdtsc();
	int r = nanosleep(&ts, 0);
	unsigned long dt = rdtsc() - t0;
	printf("nanosleep: %d slept>=25ms: %d slept<30ms: %d\n", r, dt >= 25000000, dt < 30000000);
	ts.tv_nsec = 1000000000;
	printf("invalid: %d\n", nanosleep(&ts, 0));
	return 0;
}
