#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/start_kernel.h>

/*
 * The BIOS places the EBDA/XBDA at the top of conventional
 * memory, and usually decreases the reported amount of
 * conventional memory (int 0x12) too. This also contains a
 * workaround for Dell systems that neglect to reserve EBDA.
 * The same workaround also avoids a problem with the AMD768MPX
 * chipset: reserve a page before VGA to prevent PCI prefetch
 * into it (errata #56). Usually the page is reserved anyways,
 * unless you have no PS/2 mouse plugged in.
 *
 * The workbench's machine has no BIOS and no EBDA: there is nothing to
 * reserve, and memblock is not part of this tree.
 */
void __init reserve_ebda_region(void)
{
}
