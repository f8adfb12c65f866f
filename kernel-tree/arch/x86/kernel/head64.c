/*
 *  prepare to run common code
 *
 *  Copyright (C) 2000 Andrea Arcangeli <andrea@suse.de> SuSE
 */

#include <linux/init.h>
#include <linux/linkage.h>
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/start_kernel.h>

/*
 * 4.4 clears .bss here (clear_bss(), between the linker script's __bss_start
 * and __bss_stop).  The workbench's machine loads vmlinux's segments as an
 * ELF loader does, with .bss already zero, and this tree has no linker
 * script to define those symbols.
 */

void __init x86_64_start_reservations(char *real_mode_data);
extern void copy_bootdata(char *real_mode_data);	/* arch/x86/kernel/setup.c */

asmlinkage __visible void __init x86_64_start_kernel(char * real_mode_data)
{
	copy_bootdata(real_mode_data);
	x86_64_start_reservations(real_mode_data);
}

void __init x86_64_start_reservations(char *real_mode_data)
{
	reserve_ebda_region();

	start_kernel();
}
