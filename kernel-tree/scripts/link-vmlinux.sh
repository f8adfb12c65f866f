#!/bin/sh
#
# link vmlinux
#
# vmlinux is linked from the objects selected by $(KBUILD_VMLINUX_INIT) and
# $(KBUILD_VMLINUX_MAIN). Most are built-in.o files from top-level directories
# in the kernel tree, others are specified in arch/$(ARCH)/Makefile.
# Ordering when linking is important, and $(KBUILD_VMLINUX_INIT) must be first.
#
# vmlinux
#   ^
#   |
#   +-< $(KBUILD_VMLINUX_INIT)
#   |   +--< init/version.o + more
#   |
#   +--< $(KBUILD_VMLINUX_MAIN)
#        +--< drivers/built-in.o mm/built-in.o + more
#
# System.map is generated to document addresses of all kernel symbols
#
# kernel-workbench: kwb performs these steps itself, in this order:
#   GEN .version, CHK/UPD include/generated/compile.h, CC init/version.o,
#   LD init/built-in.o, LD vmlinux (text at 0xffffffff81000000), SYSMAP.
# There is no kallsyms pass: the workbench's kernel has no symbol table of
# its own, and vmlinux keeps its ELF symbols.

# Error out on error
set -e

echo "link-vmlinux.sh is run by kwb make; see the comment above." >&2
exit 1
