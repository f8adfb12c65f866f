#ifndef _LINUX_KALLSYMS_H
#define _LINUX_KALLSYMS_H

#define KSYM_NAME_LEN 128
#define KSYM_SYMBOL_LEN (sizeof("%s+%#lx/%#lx [%s]") + (KSYM_NAME_LEN - 1) + \
			 2*(64*3/10) + 1)

/*
 * Look up a kernel symbol.  4.4 compresses the symbol table into the image
 * (scripts/kallsyms); the workbench's machine reads vmlinux's own .symtab,
 * so kallsyms_lookup is a native service.  Returns the name or NULL.
 */
extern const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
				   unsigned long *offset, char **modname, char *namebuf);

/* "sys_nsys+0x10/0x30" */
extern int sprint_symbol(char *buffer, unsigned long address);

#endif /* _LINUX_KALLSYMS_H */
