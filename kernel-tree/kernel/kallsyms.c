/*
 * kallsyms.c: in-kernel printing of symbolic oopses and stack traces.
 *
 * Rewritten and vastly simplified by Rusty Russell for in-kernel
 * module loader:
 *   Copyright 2002 Rusty Russell <rusty@rustcorp.com.au> IBM Corporation
 *
 * The lookup itself (kallsyms_lookup) is native: the machine reads the
 * symbol table of the vmlinux it booted.
 */
#include <linux/kernel.h>
#include <linux/kallsyms.h>

/* Look up a kernel symbol and return it in a text buffer: "name+0x1f/0x40". */
int sprint_symbol(char *buffer, unsigned long address)
{
	char namebuf[KSYM_NAME_LEN];
	unsigned long size, offset;
	char *modname;
	const char *name = kallsyms_lookup(address, &size, &offset, &modname, namebuf);

	if (!name)
		return snprintf(buffer, KSYM_SYMBOL_LEN, "0x%lx", address);
	return snprintf(buffer, KSYM_SYMBOL_LEN, "%s+0x%lx/0x%lx", name, offset, size);
}
