/*
 *  linux/kernel/reboot.c
 *
 *  Copyright (C) 2013  Linus Torvalds
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/reboot.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include <asm/io.h>

/*
 * The machine's power-off register: QEMU's ACPI PM1a control block on the
 * PIIX4 (port 0x604), where SLP_TYP=5 | SLP_EN (0x2000) powers off.  4.4
 * finds it through ACPI (acpi_power_off); this machine has no ACPI tables.
 */
#define PM1A_CNT_PORT	0x604
#define PM1A_SLP_OFF	0x2000

void machine_power_off(void)
{
	outw(PM1A_SLP_OFF, PM1A_CNT_PORT);
	for (;;)
		;
}

/**
 *	kernel_power_off - power_off the system
 *
 *	Shutdown everything and perform a clean system power_off.
 */
void kernel_power_off(void)
{
	printk(KERN_EMERG "reboot: Power down\n");
	machine_power_off();
}

/*
 * Reboot system call: for obvious reasons only root may call it,
 * and even root needs to set up some magic numbers in the registers
 * so that some mistake won't make this reboot the whole machine.
 * You can also set the meaning of the ctrl-alt-del-key here.
 *
 * reboot doesn't sync: do that yourself before calling this.
 */
SYSCALL_DEFINE4(reboot, int, magic1, int, magic2, unsigned int, cmd,
		void __user *, arg)
{
	/* For safety, we require "magic" arguments. */
	if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 ||
			(magic2 != LINUX_REBOOT_MAGIC2 &&
			magic2 != LINUX_REBOOT_MAGIC2A &&
			magic2 != LINUX_REBOOT_MAGIC2B &&
			magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;

	switch (cmd) {
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_HALT:
	case LINUX_REBOOT_CMD_POWER_OFF:
		kernel_power_off();
		return 0;
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	}
	return -EINVAL;
}
