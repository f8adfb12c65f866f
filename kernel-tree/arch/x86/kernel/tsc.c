#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/init.h>
#include <asm/msr.h>

/*
 * TSC frequency in kHz.  4.4 calibrates it against the PIT at boot; the
 * workbench's machine has a fixed, documented TSC rate of 1 GHz (its clock
 * is derived from executed instructions, so boots are reproducible).
 */
unsigned int tsc_khz = 1000000;

/*
 * Scheduler clock - returns current time in nanosec units.
 *
 * 4.4 scales the TSC with a per-CPU multiplier (cycles_2_ns); at 1 GHz one
 * cycle is one nanosecond.
 */
u64 native_sched_clock(void)
{
	u64 tsc_now = rdtsc();

	return tsc_now * 1000000 / tsc_khz;
}

/* We need to define a real function for sched_clock, to override the
   weak default version */
unsigned long long sched_clock(void)
{
	return native_sched_clock();
}
