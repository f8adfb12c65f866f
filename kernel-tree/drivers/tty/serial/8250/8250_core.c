/*
 *  Universal/legacy driver for 8250/16550-type serial ports
 *
 *  Based on drivers/char/serial.c, by Linus Torvalds, Theodore Ts'o.
 *
 *  Copyright (C) 2001 Russell King.
 *
 * The console on COM1 (port 0x3f8): the kernel's messages, and the tty
 * user space reads and writes (/dev/console, canonical mode: a read
 * returns a line; ^D at the start of a line is end of file).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/errno.h>
#include <linux/console.h>
#include <linux/uaccess.h>
#include <asm/io.h>

#define UART_BASE	0x3f8
#define UART_RX		0	/* In:  Receive buffer */
#define UART_TX		0	/* Out: Transmit buffer */
#define UART_IER	1	/* Out: Interrupt Enable Register */
#define UART_IER_RDI	0x01	/* Enable receiver data interrupt */
#define UART_LSR	5	/* In:  Line Status Register */
#define UART_LSR_DR	0x01	/* Receiver data ready */
#define UART_LSR_THRE	0x20	/* Transmit-hold-register empty */

static DECLARE_WAIT_QUEUE_HEAD(tty_wait);

static void serial_putc(char c)
{
	while (!(inb(UART_BASE + UART_LSR) & UART_LSR_THRE))
		;
	outb(c, UART_BASE + UART_TX);
}

/*
 *	Print a string to the serial port trying not to disturb
 *	any possible real use of the port...
 */
void serial8250_console_write(const char *s, unsigned int count)
{
	unsigned int i;

	for (i = 0; i < count; i++)
		serial_putc(s[i]);
}

void console_init(void)
{
	outb(UART_IER_RDI, UART_BASE + UART_IER);
	register_console("ttyS0");
}

/* The receive interrupt (IRQ 4): wake the readers. */
__visible void serial8250_interrupt(struct pt_regs *regs)
{
	wake_up_interruptible(&tty_wait);
}

static int rx_ready(void)
{
	return inb(UART_BASE + UART_LSR) & UART_LSR_DR;
}

#define TTY_BUF	1024

ssize_t tty_read(char __user *buf, size_t count)
{
	char line[TTY_BUF];
	size_t n = 0;

	while (n < count && n < TTY_BUF) {
		char c;

		if (!rx_ready()) {
			if (n > 0)
				break;
			if (wait_event_interruptible(tty_wait, rx_ready()))
				return -EINTR;
			continue;
		}
		c = inb(UART_BASE + UART_RX);
		if (c == 4)		/* ^D: end of file at the start of a line */
			break;
		line[n++] = c;
		if (c == '\n')
			break;
	}
	if (copy_to_user(buf, line, n))
		return -EFAULT;
	return n;
}

ssize_t tty_write(const char __user *buf, size_t count)
{
	char chunk[256];
	size_t done = 0;

	while (done < count) {
		size_t n = count - done;

		if (n > sizeof(chunk))
			n = sizeof(chunk);
		if (copy_from_user(chunk, buf + done, n))
			return done ? done : -EFAULT;
		serial8250_console_write(chunk, n);
		done += n;
	}
	return done;
}
