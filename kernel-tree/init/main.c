/*
 *  linux/init/main.c
 *
 *  Copyright (C) 1991, 1992  Linus Torvalds
 *
 *  GK 2/5/95  -  Changed to support mounting root fs via NFS
 *  Added initrd & change_root: Werner Almesberger & Hans Lermen, Feb '96
 *  Moan early if gcc is old, avoiding bogus kernels - Paul Gortmaker, May '96
 *  Simplified starting of init:  Michael A. Griffith <grif@acm.org>
 */

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/linkage.h>
#include <linux/printk.h>
#include <linux/start_kernel.h>
#include <asm/processor.h>

/* Untouched command line saved by arch-specific code. */
char __initdata boot_command_line[2048];

/*
 * The rest of the boot: in 4.4, rest_init() starts the init and kthreadd
 * threads and turns the boot CPU into the idle task.  The workbench's
 * machine starts the first user program itself; until this tree has a
 * scheduler, the boot CPU simply idles here.
 */
static noinline void rest_init(void)
{
	for (;;)
		native_halt();
}

asmlinkage __visible void __init start_kernel(void)
{
	pr_notice("%s", linux_banner);

	/* Do the rest non-__init'ed, we're now alive */
	rest_init();
}
