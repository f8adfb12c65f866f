/*
 *  Copyright (C) 1995  Linus Torvalds
 *
 *  Pentium III FXSR, SSE support
 *	Gareth Hughes <gareth@valinux.com>, May 2000
 *
 *  X86-64 port
 *	Andi Kleen.
 *
 *	CPU hotplug support - ashok.raj@intel.com
 *
 * This file handles the architecture-dependent parts of process handling..
 *
 * copy_thread and __switch_to are native services of the workbench's
 * machine (arch/x86/kernel/native.S); what the entry code reads is here.
 */
#include <linux/kernel.h>
#include <linux/sched.h>

/* The user rsp while entry_SYSCALL_64 switches stacks (4.4: per-CPU). */
unsigned long rsp_scratch;

/* The running task's kernel stack top, which __switch_to keeps current (4.4: per-CPU, in cpu/common.c). */
unsigned long cpu_current_top_of_stack;
