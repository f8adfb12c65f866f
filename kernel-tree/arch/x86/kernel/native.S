/*
 * Native services: kernel functions the workbench's machine implements in
 * TypeScript instead of C (docs/simplifications.md lists each, with what
 * 4.4 does instead).  Each is a stub under the real function's name: the
 * "outl" to the machine's service port hands the call (arguments in the
 * usual registers) to the machine, which recognizes the service by the
 * stub's address, does the work and leaves the result in %rax.
 */
#include <linux/linkage.h>

#define NATIVE_SERVICE_PORT	0xf1

#define NATIVE(name)			\
ENTRY(name)				ASM_NL \
	outl	%eax, $NATIVE_SERVICE_PORT	ASM_NL \
	ret				ASM_NL \
ENDPROC(name)

	.text
/* mm/slub.c, mm/page_alloc.c */
NATIVE(kmalloc)
NATIVE(kfree)
/* kernel/fork.c: the new task's address space and first context */
NATIVE(copy_mm)
NATIVE(copy_thread)
/* kernel/exit.c */
NATIVE(exit_mm)
/* kernel/sched/core.c: context_switch() -> switch_mm() + switch_to() */
NATIVE(__switch_to)
/* fs/exec.c + fs/binfmt_elf.c */
NATIVE(do_execve)
/* mm/mmap.c */
NATIVE(sys_brk)
NATIVE(find_vma)
NATIVE(handle_mm_fault)
/* kernel/kallsyms.c */
NATIVE(kallsyms_lookup)
/* drivers/connector/cn_proc.c: tells the host which process exited how */
NATIVE(proc_exit_connector)
/* fs/: the initramfs' files (4.4 unpacks it into a ramfs) */
NATIVE(sys_open)
NATIVE(sys_close)
NATIVE(vfs_read)
NATIVE(sys_getdents64)
NATIVE(sys_newfstat)
