#ifndef _ASM_X86_IO_H
#define _ASM_X86_IO_H

/*
 * Port I/O.  4.4 writes these as inline "outb %b0, %w1" asm; this tree has
 * them as small functions in arch/x86/lib/io_64.S.
 */
extern void outb(unsigned char value, unsigned short port);
extern void outw(unsigned short value, unsigned short port);
extern void outl(unsigned int value, unsigned short port);
extern unsigned char inb(unsigned short port);

#endif /* _ASM_X86_IO_H */
