// The seed lesson's edits, as a student makes them by hand (../shared/acceptance/nsys-e2e.sh):
// one table line, newsys/ with SYSCALL_DEFINE0(nsys) and its Makefile, newsys/ on core-y, and the
// user program calling syscall(326). `kwb demo` and the machine benchmark replay them.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const NSYS_TABLE_LINE = '326\t64\tnsys\t\t\tsys_nsys\n';

export const NSYS_C = `#include <linux/kernel.h>
#include <linux/syscalls.h>

SYSCALL_DEFINE0(nsys)
{
        printk(KERN_INFO "greetings from syscall nsys.\\n");

        return 0;
}
`;

export const SYSCALL_C = `#define _GNU_SOURCE
#include <unistd.h>
#include <sys/syscall.h>
#include <stdio.h>

int main(void)
{
        int ret = syscall(326);

        printf("ret: %d\\n", ret);
        return 0;
}
`;

/** The table entry and newsys/ (source and Makefile) — everything but core-y. */
export function addNsysSources(ws: string): void {
  appendFileSync(join(ws, 'arch/x86/entry/syscalls/syscall_64.tbl'), NSYS_TABLE_LINE);
  mkdirSync(join(ws, 'newsys'), { recursive: true });
  writeFileSync(join(ws, 'newsys/nsys.c'), NSYS_C);
  writeFileSync(join(ws, 'newsys/Makefile'), 'obj-y := nsys.o\n');
}

/** Appends newsys/ to the top-level Makefile's 4.4 `core-y += kernel/ ...` line. */
export function addNewsysToCoreY(ws: string): void {
  const mk = join(ws, 'Makefile');
  writeFileSync(mk, readFileSync(mk, 'utf8').replace(/^(core-y\s*\+= kernel\/.*?)\s*$/m, '$1 newsys/'));
}
