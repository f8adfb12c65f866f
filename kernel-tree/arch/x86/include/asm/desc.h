#ifndef _ASM_X86_DESC_H
#define _ASM_X86_DESC_H

#include <linux/types.h>

/* 16-byte gate descriptors for x86-64 */
struct gate_struct64 {
	u16 offset_low;
	u16 segment;
	u8 ist;
	u8 type_attr;	/* 4.4: type:5, dpl:2, p:1 (with ist's zero bits) */
	u16 offset_middle;
	u32 offset_high;
	u32 zero1;
} __packed;

typedef struct gate_struct64 gate_desc;

struct desc_ptr {
	unsigned short size;
	unsigned long address;
} __packed;

#define GATE_INTERRUPT	0xE
#define GATE_TRAP	0xF

#define IA32_SYSCALL_VECTOR	0x80
#define LOCAL_TIMER_VECTOR	0x20	/* the machine's timer (IRQ 0) */
#define SERIAL_VECTOR		0x24	/* COM1 (IRQ 4) */

extern void native_load_idt(const struct desc_ptr *dtr);
extern void native_write_msr(unsigned int msr, unsigned int low, unsigned int high);
extern unsigned long native_read_cr2(void);

#endif /* _ASM_X86_DESC_H */
