#ifndef _ASM_X86_IRQFLAGS_H
#define _ASM_X86_IRQFLAGS_H

/* Interrupt flag control (arch/x86/lib/io_64.S has the instructions). */
extern void native_irq_disable(void);	/* cli */
extern void native_irq_enable(void);	/* sti */
extern void native_safe_halt(void);	/* sti; hlt */

#define local_irq_disable()	native_irq_disable()
#define local_irq_enable()	native_irq_enable()
#define safe_halt()		native_safe_halt()

#endif
