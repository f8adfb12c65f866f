// Build errors in the real tools' words, through the `kwb make` command as a student runs it:
// the compiler's diagnostic, make's include error, ld's undefined reference, make's summary lines
// (with the line of the tree's own Makefile), and make's exit status 2.
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kwb } from '../helpers/kwb.js';
import { builtWorkspace, cleanup, freshWorkspace } from './build-helpers.js';

const made: string[] = [];
afterAll(() => made.forEach(cleanup));
async function ws(): Promise<string> {
  const d = await builtWorkspace();
  made.push(d);
  return d;
}

/** The line of the first recipe line of the rule for `target` in the workspace's Makefile. */
function ruleLine(d: string, rulePrefix: string): number {
  const lines = readFileSync(join(d, 'Makefile'), 'utf8').split('\n');
  return lines.findIndex((l) => l.startsWith(rulePrefix)) + 2;
}

function addNsys(d: string, inCoreY: boolean, source = 'return 0;'): void {
  appendFileSync(join(d, 'arch/x86/entry/syscalls/syscall_64.tbl'), '326\t64\tnsys\t\t\tsys_nsys\n');
  mkdirSync(join(d, 'newsys'), { recursive: true });
  writeFileSync(join(d, 'newsys/nsys.c'), `#include <linux/kernel.h>\n#include <linux/syscalls.h>\n\nSYSCALL_DEFINE0(nsys)\n{\n        printk(KERN_INFO "greetings from syscall nsys.\\n");\n\n        ${source}\n}\n`);
  writeFileSync(join(d, 'newsys/Makefile'), 'obj-y := nsys.o\n');
  if (inCoreY) {
    const mk = readFileSync(join(d, 'Makefile'), 'utf8').replace(/^(core-y\t\t\+= kernel\/.*block\/)$/m, '$1 newsys/');
    writeFileSync(join(d, 'Makefile'), mk);
  }
}

describe('kwb make errors', () => {
  it('no .config: kbuild says to configure first', () => {
    const d = freshWorkspace();
    made.push(d);
    const r = kwb(['make'], { cwd: d });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      '***\n*** Configuration file ".config" not found!\n***\n*** Please run some configurator (e.g. "make oldconfig" or\n*** "make menuconfig" or "make xconfig").\n***\n' +
        "make: *** No rule to make target 'include/config/auto.conf', needed by 'include/config/kernel.release'.  Stop.\n",
    );
  });

  it('a table entry without a definition fails to link on its symbol', async () => {
    const d = await ws();
    addNsys(d, false);
    const r = kwb(['make'], { cwd: d });
    expect(r.status).toBe(2);
    const line = ruleLine(d, 'vmlinux:');
    expect(r.stderr).toBe(`arch/x86/built-in.o:(.rodata+0xa30): undefined reference to \`sys_nsys'\nmake: *** [Makefile:${line}: vmlinux] Error 1\n`);
    expect(r.stdout).toMatch(/^  LD      vmlinux$/m);
  });

  it('a listed directory without a Makefile', async () => {
    const d = await ws();
    addNsys(d, true);
    rmSync(join(d, 'newsys/Makefile'));
    const r = kwb(['make'], { cwd: d });
    expect(r.status).toBe(2);
    const line = ruleLine(d, '$(vmlinux-dirs):');
    expect(r.stderr).toBe(
      `scripts/Makefile.build:44: newsys/Makefile: No such file or directory\nmake[1]: *** No rule to make target 'newsys/Makefile'.  Stop.\nmake: *** [Makefile:${line}: newsys] Error 2\n`,
    );
  });

  it('a syntax error: the compiler diagnostic, then make stops', async () => {
    const d = await ws();
    addNsys(d, true, 'return 0');
    const r = kwb(['make'], { cwd: d });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^  CC      newsys\/nsys\.o$/m);
    expect(r.stderr).toMatch(/^newsys\/nsys\.c: In function 'sys_nsys':\nnewsys\/nsys\.c:8:17: error: /);
    const build = readFileSync(join(d, 'scripts/Makefile.build'), 'utf8').split('\n');
    const ccLine = build.findIndex((l) => l.startsWith('$(obj)/%.o: $(src)/%.c')) + 2;
    expect(r.stderr.endsWith(`make[1]: *** [scripts/Makefile.build:${ccLine}: newsys/nsys.o] Error 1\nmake: *** [Makefile:${ruleLine(d, '$(vmlinux-dirs):')}: newsys] Error 2\n`)).toBe(true);
  });

  it('a #error does not stop the compiler: the parser\'s error follows it, as with gcc', async () => {
    const d = await ws();
    addNsys(d, true, '#error not yet\n        return 0');
    const r = kwb(['make'], { cwd: d });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^newsys\/nsys\.c: In function 'sys_nsys':\nnewsys\/nsys\.c:8:10: error: #error not yet\n[^]*\nnewsys\/nsys\.c:9:17: error: expected ';' before '}' token\n/);
  });

  it('an object with no source, and a broken directory Makefile', async () => {
    const d = await ws();
    addNsys(d, true);
    writeFileSync(join(d, 'newsys/Makefile'), 'obj-y := nsys.o other.o\n');
    let r = kwb(['make'], { cwd: d });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`make[1]: *** No rule to make target 'newsys/other.o', needed by 'newsys/built-in.o'.  Stop.\nmake: *** [Makefile:${ruleLine(d, '$(vmlinux-dirs):')}: newsys] Error 2\n`);
    writeFileSync(join(d, 'newsys/Makefile'), 'obj-y = nsys.o\nnsys.o\n');
    r = kwb(['make'], { cwd: d });
    expect(r.stderr).toBe(`newsys/Makefile:2: *** missing separator.  Stop.\nmake: *** [Makefile:${ruleLine(d, '$(vmlinux-dirs):')}: newsys] Error 2\n`);
  });

  it('a table error stops the build before SYSTBL, with the table checker\'s diagnostic', async () => {
    const d = await ws();
    appendFileSync(join(d, 'arch/x86/entry/syscalls/syscall_64.tbl'), '39\t64\tmygetpid\t\t\tsys_mygetpid\n');
    const r = kwb(['make'], { cwd: d });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^arch\/x86\/entry\/syscalls\/syscall_64\.tbl:\d+:1: error: syscall number 39 is already taken by 'getpid'/);
    expect(r.stdout).not.toMatch(/SYSTBL/);
    expect(r.stderr).toMatch(/\nmake: \*\*\* \[arch\/x86\/Makefile:\d+: archheaders\] Error 2\n$/);
  });

  it('unknown targets and missing makefiles in make\'s words', () => {
    const d = freshWorkspace();
    made.push(d);
    let r = kwb(['make', 'frobnicate'], { cwd: d });
    expect([r.status, r.stderr]).toEqual([2, "make: *** No rule to make target 'frobnicate'.  Stop.\n"]);
    r = kwb(['make', '-C', join(d, 'kernel/printk'), 'all']);
    expect(r.status).toBe(2);
    r = kwb(['make'], { cwd: join(d, 'include') });
    expect([r.status, r.stderr]).toEqual([2, 'make: *** No targets specified and no makefile found.  Stop.\n']);
  });
});
