/*
 *  linux/arch/x86/entry/entry_64.S
 *
 *  Copyright (C) 1991, 1992  Linus Torvalds
 *  Copyright (C) 2000, 2001, 2002  Andi Kleen SuSE Labs
 *  Copyright (C) 2000  Pavel Machek <pavel@suse.cz>
 *
 * entry.S contains the system-call and fault low-level handling routines.
 *
 * Some of this is documented in Documentation/x86/entry_64.txt
 *
 * A note on terminology:
 * - iret frame:	Architecture defined interrupt frame from SS to RIP
 *			at the top of the kernel process stack.
 *
 * Some macro usage:
 * - ENTRY/END:		Define functions in the symbol table.
 * - SAVE_C_REGS/RESTORE_C_REGS: the callee-clobbered registers of pt_regs.
 *
 * The workbench's machine has one CPU and no per-CPU segment: where 4.4
 * writes PER_CPU_VAR(rsp_scratch) through %gs (after swapgs), this file
 * uses plain variables of the same names (see asm/current.h).
 */

#include <linux/linkage.h>
#include <asm/asm-offsets.h>
#include <asm/ptrace.h>
#include <uapi/asm-generic/errno.h>

/* Push the rest of pt_regs below an iret frame and orig_ax (which are already there). */
.macro SAVE_REGS
	pushq	%rdi		/* pt_regs->di */
	pushq	%rsi		/* pt_regs->si */
	pushq	%rdx		/* pt_regs->dx */
	pushq	%rcx		/* pt_regs->cx */
	pushq	%rax		/* pt_regs->ax */
	pushq	%r8		/* pt_regs->r8 */
	pushq	%r9		/* pt_regs->r9 */
	pushq	%r10		/* pt_regs->r10 */
	pushq	%r11		/* pt_regs->r11 */
	pushq	%rbx		/* pt_regs->rbx */
	pushq	%rbp		/* pt_regs->rbp */
	pushq	%r12		/* pt_regs->r12 */
	pushq	%r13		/* pt_regs->r13 */
	pushq	%r14		/* pt_regs->r14 */
	pushq	%r15		/* pt_regs->r15 */
.endm

.macro RESTORE_REGS
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
.endm

	.text

/*
 * 64-bit SYSCALL instruction entry. Up to 6 arguments in registers.
 *
 * This is the only entry point used for 64-bit system calls.  The
 * hardware interface is reasonably well designed and the register to
 * argument mapping Linux uses fits well with the registers that are
 * available when SYSCALL is used.
 *
 * SYSCALL instructions can be found inlined in libc implementations as
 * well as some other programs and libraries.  There are also a handful
 * of SYSCALL instructions in the vDSO used, for example, as a
 * clock_gettimeofday fallback.
 *
 * 64-bit SYSCALL saves rip to rcx, clears rflags.RF, then saves rflags to r11,
 * then loads new ss, cs, and rip from previously programmed MSRs.
 * rflags gets masked by a value from another MSR (so CLD and CLAC
 * are not needed). SYSCALL does not save anything on the stack
 * and does not change rsp.
 *
 * Registers on entry:
 * rax  system call number
 * rcx  return address
 * r11  saved rflags (note: r11 is callee-clobbered register in C ABI)
 * rdi  arg0
 * rsi  arg1
 * rdx  arg2
 * r10  arg3 (needs to be moved to rcx to conform to C ABI)
 * r8   arg4
 * r9   arg5
 * (note: r12-r15, rbp, rbx are callee-preserved in C ABI)
 *
 * Only called from user space.
 */
ENTRY(entry_SYSCALL_64)
	/*
	 * SYSCALL does not change rsp: stash the user's and switch to the
	 * task's kernel stack.
	 */
	movq	%rsp, rsp_scratch(%rip)
	movq	cpu_current_top_of_stack(%rip), %rsp

	/* Construct struct pt_regs on stack */
	pushq	$__USER_DS			/* pt_regs->ss */
	pushq	rsp_scratch(%rip)		/* pt_regs->sp */
	pushq	%r11				/* pt_regs->flags */
	pushq	$__USER_CS			/* pt_regs->cs */
	pushq	%rcx				/* pt_regs->ip */
	pushq	%rax				/* pt_regs->orig_ax */
	pushq	%rdi				/* pt_regs->di */
	pushq	%rsi				/* pt_regs->si */
	pushq	%rdx				/* pt_regs->dx */
	pushq	%rcx				/* pt_regs->cx */
	pushq	$-ENOSYS			/* pt_regs->ax */
	pushq	%r8				/* pt_regs->r8 */
	pushq	%r9				/* pt_regs->r9 */
	pushq	%r10				/* pt_regs->r10 */
	pushq	%r11				/* pt_regs->r11 */
	pushq	%rbx				/* pt_regs->rbx */
	pushq	%rbp				/* pt_regs->rbp */
	pushq	%r12				/* pt_regs->r12 */
	pushq	%r13				/* pt_regs->r13 */
	pushq	%r14				/* pt_regs->r14 */
	pushq	%r15				/* pt_regs->r15 */

	sti
	cmpq	$__NR_syscall_max, %rax
	ja	1f				/* return -ENOSYS (already in pt_regs->ax) */
	movq	%r10, %rcx
	call	*sys_call_table(, %rax, 8)
	movq	%rax, RAX(%rsp)
1:
	/*
	 * Signals, rescheduling: everything that happens on the way out,
	 * in C only when there is work (4.4 tests the thread_info flags).
	 */
	cli
	cmpl	$0, need_resched(%rip)
	jne	2f
	movq	current_task(%rip), %r11
	addq	task_signal_offset(%rip), %r11
	cmpq	$0, (%r11)
	je	3f
2:
	movq	%rsp, %rdi
	call	syscall_return_slowpath
3:

	/*
	 * Try to use SYSRET instead of IRET if we're returning to
	 * a completely clean 64-bit userspace context: RCX == RIP and
	 * R11 == RFLAGS, as SYSRET restores rip from rcx and rflags from r11
	 * (execve and signal delivery change RIP, so they go through IRET).
	 */
	movq	RCX(%rsp), %rcx
	cmpq	%rcx, RIP(%rsp)
	jne	opportunistic_sysret_failed
	movq	R11(%rsp), %r11
	cmpq	%r11, EFLAGS(%rsp)
	jne	opportunistic_sysret_failed
	cmpq	$__USER_CS, CS(%rsp)
	jne	opportunistic_sysret_failed

	RESTORE_REGS
	addq	$8, %rsp			/* skip orig_ax */
	movq	3*8(%rsp), %rsp			/* the user stack (pt_regs->sp) */
	sysretq

opportunistic_sysret_failed:
	RESTORE_REGS
	addq	$8, %rsp			/* skip orig_ax */
	iretq
END(entry_SYSCALL_64)

/*
 * The return to user space every kernel entry from user mode takes when it
 * cannot use SYSRET: pt_regs is at the top of the stack.
 */
ENTRY(ret_to_user)
	cli
	movq	%rsp, %rdi
	call	prepare_exit_to_usermode
restore_all:
	RESTORE_REGS
	addq	$8, %rsp			/* skip orig_ax / error code */
	iretq
END(ret_to_user)

/*
 * A new task's first return: copy_thread() leaves the address of this code
 * where __switch_to's "ret" finds it.  A kernel thread (rbx = function,
 * r12 = argument) runs its function first; when that returns (kernel_init
 * after a successful execve), the task returns to user space through the
 * pt_regs execve filled in.
 */
ENTRY(ret_from_fork)
	testq	%rbx, %rbx			/* from kernel_thread? */
	jz	1f
	movq	%r12, %rdi
	call	*%rbx
	movq	$0, RAX(%rsp)
1:
	jmp	ret_to_user
END(ret_from_fork)

/*
 * Exceptions and interrupts.  The CPU pushed ss, rsp, rflags, cs, rip (and
 * for some exceptions an error code, which lands in orig_ax's slot); the
 * handler gets pt_regs and the error code.
 */
.macro idtentry sym do_sym has_error_code:req
ENTRY(\sym)
	.if \has_error_code == 0
	pushq	$-1				/* ORIG_RAX: no syscall to restart */
	.endif
	SAVE_REGS
	movq	%rsp, %rdi			/* pt_regs pointer */
	movq	ORIG_RAX(%rsp), %rsi		/* get error code */
	movq	$-1, ORIG_RAX(%rsp)		/* no syscall to restart */
	call	\do_sym
	jmp	paranoid_exit
END(\sym)
.endm

idtentry divide_error		do_divide_error		has_error_code=0
idtentry invalid_op		do_invalid_op		has_error_code=0
idtentry general_protection	do_general_protection	has_error_code=1
idtentry page_fault		do_page_fault		has_error_code=1
idtentry int3			do_int3			has_error_code=0
idtentry apic_timer_interrupt	smp_apic_timer_interrupt	has_error_code=0
idtentry serial_interrupt	serial8250_interrupt	has_error_code=0

/* Back to where the exception or interrupt came from. */
ENTRY(paranoid_exit)
	testb	$3, CS(%rsp)
	jnz	ret_to_user
	jmp	restore_all
END(paranoid_exit)

/*
 * Syscalls that need the full pt_regs (fork copies them, execve replaces
 * them).  4.4's stubs save the callee-saved registers first; this entry
 * code always saves all of them, so the stubs only jump.
 */
ENTRY(stub_fork)
	jmp	sys_fork
END(stub_fork)

ENTRY(stub_vfork)
	jmp	sys_vfork
END(stub_vfork)

ENTRY(stub_clone)
	jmp	sys_clone
END(stub_clone)

ENTRY(stub_execve)
	jmp	sys_execve
END(stub_execve)

ENTRY(stub_rt_sigreturn)
	jmp	sys_rt_sigreturn
END(stub_rt_sigreturn)
