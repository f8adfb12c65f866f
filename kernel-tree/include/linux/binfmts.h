#ifndef _LINUX_BINFMTS_H
#define _LINUX_BINFMTS_H

#include <linux/types.h>

/*
 * execve: fs/exec.c is C; reading the ELF file from the initramfs and
 * building the new address space (4.4's binfmt_elf load_elf_binary) is a
 * native service of the machine, reached as do_execve.
 */
extern int do_execve(const char *filename,
		     const char __user *const __user *argv,
		     const char __user *const __user *envp);

#endif /* _LINUX_BINFMTS_H */
