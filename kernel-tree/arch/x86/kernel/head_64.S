/*
 *  linux/arch/x86/kernel/head_64.S -- start in 32bit and switch to 64bit
 *
 *  Copyright (C) 2000 Andrea Arcangeli <andrea@suse.de> SuSE
 *  Copyright (C) 2000 Pavel Machek <pavel@suse.cz>
 *  Copyright (C) 2000 Karsten Keil <kkeil@suse.de>
 *  Copyright (C) 2001,2002 Andi Kleen <ak@suse.de>
 *  Copyright (C) 2005 Eric Biederman <ebiederm@xmission.com>
 *
 * The workbench's machine enters here already in 64-bit mode with the
 * kernel mapped at __START_KERNEL_map, as the 64-bit boot protocol allows;
 * the real file's page-table setup is therefore not needed yet.
 */

#include <linux/linkage.h>
#include <linux/init.h>
#include <asm/page_types.h>

	__HEAD
	.code64
	.globl startup_64
startup_64:
	/*
	 * At this point the CPU runs in 64bit mode CS.L = 1 CS.D = 0,
	 * and someone has loaded an identity mapped page table
	 * for us.  %rsi holds a physical pointer to real_mode_data.
	 */

	/* Set up the stack: the top of init_task's stack. */
	movq	$(init_thread_union + THREAD_SIZE - 8), %rsp

	/* Clear the frame pointer so that backtraces end here. */
	xorl	%ebp, %ebp

	/* rsi is pointer to real mode structure with interesting info.
	   pass it to C */
	movq	%rsi, %rdi
	call	x86_64_start_kernel

	/* x86_64_start_kernel does not return; stop here if it ever does. */
1:	hlt
	jmp	1b
