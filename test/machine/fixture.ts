// A kernel workspace for the machine tests, built once per test file with the real commands:
// kwb init, defconfig, the lesson's syscall 326 (nsys) plus test syscalls 327-330 in newsys/,
// newsys/ in core-y, kwb make.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kwb } from '../helpers/kwb.js';

export const NSYS_C = `#include <linux/kernel.h>
#include <linux/syscalls.h>

SYSCALL_DEFINE0(nsys)
{
        printk(KERN_INFO "greetings from syscall nsys.\\n");

        return 0;
}
`;

/** Syscalls for the tests: printk levels, a kernel NULL dereference, a wait queue. */
export const TESTSYS_C = `#include <linux/kernel.h>
#include <linux/syscalls.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/uaccess.h>

SYSCALL_DEFINE0(kwb_levels)
{
	printk(KERN_ERR "level 3 message\\n");
	printk("message without a level\\n");
	printk(KERN_INFO "level 6 message\\n");
	printk(KERN_DEBUG "level 7 message\\n");
	return 0;
}

struct thing { int a; int b; };

SYSCALL_DEFINE1(kwb_oops, long, arg)
{
	struct thing *t = NULL;

	t->b = arg;
	return 0;
}

static DECLARE_WAIT_QUEUE_HEAD(buf_wait);
static char buffer[64];
static int filled;

/* Blocks until another process fills the buffer, then copies it out. */
SYSCALL_DEFINE1(kwb_wait_buf, char __user *, out)
{
	if (wait_event_interruptible(buf_wait, filled))
		return -EINTR;
	if (copy_to_user(out, buffer, sizeof(buffer)))
		return -EFAULT;
	filled = 0;
	return 0;
}

SYSCALL_DEFINE1(kwb_fill_buf, const char __user *, in)
{
	if (copy_from_user(buffer, in, sizeof(buffer)))
		return -EFAULT;
	filled = 1;
	wake_up_interruptible(&buf_wait);
	return 0;
}
`;

export interface Workspace {
  dir: string;
}

export function buildWorkspace(): Workspace {
  const base = mkdtempSync(join(tmpdir(), 'kwb-machine-'));
  const dir = join(base, 'linux');
  const check = (r: { status: number; stdout: string; stderr: string }, what: string): void => {
    if (r.status !== 0) throw new Error(`${what} failed: ${r.stdout}${r.stderr}`);
  };
  check(kwb(['init', dir]), 'kwb init');
  check(kwb(['make', 'defconfig'], { cwd: dir }), 'kwb make defconfig');
  appendFileSync(
    join(dir, 'arch/x86/entry/syscalls/syscall_64.tbl'),
    '326\t64\tnsys\t\t\tsys_nsys\n327\t64\tkwb_levels\t\tsys_kwb_levels\n328\t64\tkwb_oops\t\tsys_kwb_oops\n329\t64\tkwb_wait_buf\t\tsys_kwb_wait_buf\n330\t64\tkwb_fill_buf\t\tsys_kwb_fill_buf\n',
  );
  mkdirSync(join(dir, 'newsys'));
  writeFileSync(join(dir, 'newsys/nsys.c'), NSYS_C);
  writeFileSync(join(dir, 'newsys/testsys.c'), TESTSYS_C);
  writeFileSync(join(dir, 'newsys/Makefile'), 'obj-y := nsys.o testsys.o\n');
  const mk = join(dir, 'Makefile');
  writeFileSync(mk, readFileSync(mk, 'utf8').replace(/^(core-y\s*\+= kernel\/.*?)\s*$/m, '$1 newsys/'));
  check(kwb(['make'], { cwd: dir }), 'kwb make');
  return { dir };
}

export const PROGRAMS = join(import.meta.dirname, 'programs');
