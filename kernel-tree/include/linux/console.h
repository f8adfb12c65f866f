#ifndef _LINUX_CONSOLE_H
#define _LINUX_CONSOLE_H

#include <linux/types.h>

/*
 * The console the kernel prints on and user space reads and writes
 * (/dev/console): the 8250 serial port at 0x3f8 in this tree.
 */
extern void console_init(void);
extern void register_console(const char *name);	/* kernel/printk/printk.c */
extern void serial8250_console_write(const char *s, unsigned int count);
extern ssize_t tty_read(char *buf, size_t count);
extern ssize_t tty_write(const char __user *buf, size_t count);

#endif /* _LINUX_CONSOLE_H */
