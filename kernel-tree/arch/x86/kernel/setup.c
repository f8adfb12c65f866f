/*
 *  Copyright (C) 1995  Linus Torvalds
 *
 *  Support of BIGMEM added by Gerhard Wichert, Siemens AG, July 1999
 *
 *  This file handles the architecture-dependent parts of initialization
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <asm/page_types.h>

#define COMMAND_LINE_SIZE 2048

/* The boot protocol's fields this tree reads (Documentation/x86/boot.txt). */
#define BP_CMD_LINE_PTR		0x228	/* hdr.cmd_line_ptr, physical */
#define BP_EXT_CMD_LINE_PTR	0x0c8	/* ext_cmd_line_ptr: the high 32 bits */

#define __va(x)			((void *)((unsigned long)(x) + __PAGE_OFFSET))

/* The zero page: struct boot_params as the boot loader filled it in. */
char boot_params[4096] __aligned(4096);
static char command_line[COMMAND_LINE_SIZE];

/*
 * Copy the boot parameters and the command line out of the memory the
 * boot loader used, before anything can overwrite them (head64.c).
 */
void __init copy_bootdata(char *real_mode_data)
{
	unsigned long cmd_line_ptr;

	/* %rsi held the physical address of the zero page */
	memcpy(boot_params, __va(real_mode_data), sizeof(boot_params));
	cmd_line_ptr = *(unsigned int *)(boot_params + BP_CMD_LINE_PTR) |
		((unsigned long)*(unsigned int *)(boot_params + BP_EXT_CMD_LINE_PTR) << 32);
	if (cmd_line_ptr)
		strlcpy(boot_command_line, __va(cmd_line_ptr), COMMAND_LINE_SIZE);
}

/*
 * Determine if we were loaded by an EFI loader.  If so, then we have also been
 * passed the efi memmap, systab, etc., so we should use these data structures
 * for initialization.  Note, the efi init code path is determined by the
 * global efi_enabled. This allows the same kernel image to be used on existing
 * systems (with a traditional BIOS) as well as on EFI systems.
 *
 * The workbench's machine has neither: setup_arch hands out the command line.
 */
void __init setup_arch(char **cmdline_p)
{
	printk(KERN_INFO "Command line: %s\n", boot_command_line);

	strlcpy(command_line, boot_command_line, COMMAND_LINE_SIZE);
	*cmdline_p = command_line;
}
