/*
 * Port I/O and interrupt-flag instructions as functions (4.4 has them as
 * inline asm in asm/io.h and asm/irqflags.h).
 */
#include <linux/linkage.h>

	.text
ENTRY(outb)
	movl	%esi, %edx
	movl	%edi, %eax
	outb	%al, %dx
	ret
ENDPROC(outb)

ENTRY(outw)
	movl	%esi, %edx
	movl	%edi, %eax
	outw	%ax, %dx
	ret
ENDPROC(outw)

ENTRY(outl)
	movl	%esi, %edx
	movl	%edi, %eax
	outl	%eax, %dx
	ret
ENDPROC(outl)

ENTRY(inb)
	movl	%edi, %edx
	xorl	%eax, %eax
	inb	%dx, %al
	ret
ENDPROC(inb)

ENTRY(native_irq_disable)
	cli
	ret
ENDPROC(native_irq_disable)

ENTRY(native_irq_enable)
	sti
	ret
ENDPROC(native_irq_enable)

ENTRY(native_safe_halt)
	sti
	hlt
	ret
ENDPROC(native_safe_halt)

/* void native_load_idt(const struct desc_ptr *dtr) */
ENTRY(native_load_idt)
	lidt	(%rdi)
	ret
ENDPROC(native_load_idt)

/* void native_write_msr(unsigned int msr, unsigned int low, unsigned int high) */
ENTRY(native_write_msr)
	movl	%edi, %ecx
	movl	%esi, %eax
	wrmsr
	ret
ENDPROC(native_write_msr)

/* unsigned long read_cr2(void) */
ENTRY(native_read_cr2)
	movq	%cr2, %rax
	ret
ENDPROC(native_read_cr2)
