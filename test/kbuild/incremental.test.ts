// Incremental builds, as make does them: nothing when nothing changed; an edited source alone;
// a header's dependents (from the .cmd files); a table edit regenerates the headers and rebuilds
// their users; Makefile and .config changes are honoured; clean and mrproper remove what 4.4 does.
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtWorkspace, cleanup, make, steps, touchLater } from './build-helpers.js';

const made: string[] = [];

/** Objects whose .cmd file lists any of `headers` (what make will rebuild when they change). */
function dependents(root: string, headers: string[]): string[] {
  return cmdFilesWhere(root, (text) => headers.some((h) => text.includes(`\n  ${h} \\\n`)));
}

/** Targets (objects, .s files) whose .cmd file text satisfies `pred`. */
function cmdFilesWhere(root: string, pred: (text: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!['include', '.kwb'].includes(p)) walk(p);
      } else if (/^\..*\.[os]\.cmd$/.test(e.name)) {
        const text = readFileSync(join(root, p), 'utf8');
        if (pred(text)) out.push(`${rel ? rel + '/' : ''}${e.name.slice(1, -4)}`);
      }
    }
  };
  walk('');
  return out.sort();
}
async function ws(): Promise<string> {
  const d = await builtWorkspace();
  made.push(d);
  return d;
}
afterAll(() => made.forEach(cleanup));

describe('incremental kbuild', () => {
  it('a second build with no change compiles and links nothing, and never loads the compiler', async () => {
    const d = await ws();
    const r = await make(d);
    expect(r.status, r.err).toBe(0);
    expect(steps(r.out, 'CC')).toEqual([]);
    expect(steps(r.out, 'LD')).toEqual([]);
    expect(r.compiled).toEqual([]);
    expect(r.toolchainLoaded).toBe(false);
    expect(r.out).toMatch(/^Kernel: arch\/x86\/boot\/bzImage is ready {2}\(#1\)$/m);
    expect(steps(r.out, 'CHK')).toEqual([
      'include/config/kernel.release',
      'include/generated/uapi/linux/version.h',
      'include/generated/utsrelease.h',
      'include/generated/asm-offsets.h',
      'include/generated/compile.h',
    ]);
  });

  it('an edited source recompiles alone, then relinks', async () => {
    const d = await ws();
    appendFileSync(join(d, 'kernel/sys.c'), '\n/* edited */\n');
    const r = await make(d);
    expect(r.status, r.err).toBe(0);
    expect(r.compiled).toEqual(['kernel/sys.c', 'init/version.c']);
    expect(steps(r.out, 'CC')).toEqual(['kernel/sys.o', 'init/version.o']);
    expect(steps(r.out, 'LD')).toEqual(['kernel/built-in.o', 'init/built-in.o', 'vmlinux']);
    expect(r.out).toMatch(/is ready {2}\(#2\)$/m);
  });

  it('a changed header recompiles exactly the objects whose .cmd lists it', async () => {
    const d = await ws();
    const users = dependents(d, ['include/linux/utsname.h']);
    expect(users).toContain('kernel/sys.o');
    appendFileSync(join(d, 'include/linux/utsname.h'), '\n');
    const r = await make(d);
    expect(r.status, r.err).toBe(0);
    const cc = [...steps(r.out, 'CC'), ...steps(r.out, 'AS')];
    // init/version.o is compiled once more at link time, for the new compile.h
    expect([...new Set(cc)].sort()).toEqual([...new Set([...users, 'init/version.o'])].sort());
    expect(cc.filter((o) => o !== 'init/version.o').length).toBe(users.filter((o) => o !== 'init/version.o').length);
  });

  it('a table edit regenerates the headers (after the table check) and rebuilds what uses them', async () => {
    const d = await ws();
    appendFileSync(join(d, 'arch/x86/entry/syscalls/syscall_64.tbl'), '326\t64\tnsys\t\t\tsys_nsys\n');
    mkdirSync(join(d, 'newsys'));
    writeFileSync(join(d, 'newsys/nsys.c'), '#include <linux/kernel.h>\n#include <linux/syscalls.h>\n\nSYSCALL_DEFINE0(nsys)\n{\n\tprintk(KERN_INFO "greetings from syscall nsys.\\n");\n\treturn 0;\n}\n');
    writeFileSync(join(d, 'newsys/Makefile'), 'obj-y := nsys.o\n');
    const mk = readFileSync(join(d, 'Makefile'), 'utf8').replace(/^(core-y\t\t\+= kernel\/.*block\/)$/m, '$1 newsys/');
    writeFileSync(join(d, 'Makefile'), mk);
    const changed = [
      'arch/x86/include/generated/asm/syscalls_64.h',
      'arch/x86/include/generated/uapi/asm/unistd_64.h',
      'arch/x86/include/generated/uapi/asm/unistd_x32.h',
      'arch/x86/include/generated/asm/unistd_64_x32.h',
      'include/generated/asm-offsets.h',
    ];
    const users = dependents(d, changed);
    const r = await make(d);
    expect(r.status, r.out + r.err).toBe(0);
    expect(steps(r.out, 'SYSTBL')).toEqual(['arch/x86/entry/syscalls/../../include/generated/asm/syscalls_64.h']);
    // in make's order: the `all` rule with the recipe lists syshdr-y, its prerequisites come first
    expect(steps(r.out, 'SYSHDR')).toEqual([
      'arch/x86/entry/syscalls/../../include/generated/asm/unistd_64_x32.h',
      'arch/x86/entry/syscalls/../../include/generated/uapi/asm/unistd_64.h',
      'arch/x86/entry/syscalls/../../include/generated/uapi/asm/unistd_x32.h',
    ]);
    // the users of the regenerated headers (asm-offsets.h changed too: __NR_syscall_max is 326 now)
    const cc = [...steps(r.out, 'CC'), ...steps(r.out, 'AS')];
    expect(cc[0]).toBe('arch/x86/kernel/asm-offsets.s');
    expect([...new Set(cc)].sort(), JSON.stringify({ cc, users })).toEqual([...new Set([...users, 'arch/x86/kernel/asm-offsets.s', 'newsys/nsys.o', 'init/version.o'])].sort());
    expect(users).toEqual(expect.arrayContaining(['arch/x86/entry/syscall_64.o', 'arch/x86/entry/syscall_32.o']));
    expect(readFileSync(join(d, 'include/generated/asm-offsets.h'), 'utf8')).toContain('#define __NR_syscall_max 326 ');
    expect(readFileSync(join(d, 'System.map'), 'utf8')).toMatch(/ T sys_nsys$/m);
  });

  it('a .config change is honoured: exactly the users of the changed symbol rebuild (fixdep)', async () => {
    const d = await ws();
    const users = cmdFilesWhere(d, (text) => text.includes('$(wildcard include/config/log/buf/shift.h)'));
    expect(users).toContain('kernel/printk/printk.o');
    writeFileSync(join(d, '.config'), readFileSync(join(d, '.config'), 'utf8').replace('CONFIG_LOG_BUF_SHIFT=18', 'CONFIG_LOG_BUF_SHIFT=16'));
    touchLater(join(d, '.config'));
    const r = await make(d);
    expect(r.status, r.err).toBe(0);
    expect(readFileSync(join(d, 'include/generated/autoconf.h'), 'utf8')).toContain('\n#define CONFIG_LOG_BUF_SHIFT 16\n');
    const cc = [...steps(r.out, 'CC'), ...steps(r.out, 'AS')];
    expect([...new Set(cc)].sort()).toEqual([...new Set([...users, 'init/version.o'])].sort());
  });

  it('a .config change is honoured: obj-$(CONFIG_...) lists follow it', async () => {
    const d = await ws();
    expect(readFileSync(join(d, 'arch/x86/entry/.built-in.o.cmd'), 'utf8')).toContain('arch/x86/entry/syscall_32.o');
    const cfg = readFileSync(join(d, '.config'), 'utf8').replace('CONFIG_IA32_EMULATION=y', '# CONFIG_IA32_EMULATION is not set');
    writeFileSync(join(d, '.config'), cfg);
    touchLater(join(d, '.config'));
    const r = await make(d, ['vmlinux']);
    expect(readFileSync(join(d, 'include/generated/autoconf.h'), 'utf8')).not.toContain('CONFIG_IA32_EMULATION');
    expect(existsSync(join(d, 'include/config/ia32/emulation.h'))).toBe(true);
    expect(steps(r.out, 'LD')).toContain('arch/x86/entry/built-in.o');
    expect(readFileSync(join(d, 'arch/x86/entry/.built-in.o.cmd'), 'utf8')).not.toContain('syscall_32.o');
    // COMPAT (depends on IA32_EMULATION || X86_X32) followed it
    expect(readFileSync(join(d, '.config'), 'utf8')).not.toContain('CONFIG_COMPAT=y');
  });

  it('a directory Makefile change rebuilds exactly what its new command line affects; V=1 shows the commands', async () => {
    const d = await ws();
    appendFileSync(join(d, 'kernel/printk/Makefile'), 'ccflags-y := -DPRINTK_EXTRA=1\n');
    const r = await make(d, [], { V: '1' });
    expect(r.status, r.err).toBe(0);
    expect(r.compiled).toEqual(['kernel/printk/printk.c', 'init/version.c']);
    expect(r.out).toMatch(/^gcc -Wp,-MD,kernel\/printk\/\.printk\.o\.d .* -DPRINTK_EXTRA=1 .* -c -o kernel\/printk\/printk\.o kernel\/printk\/printk\.c$/m);
    expect(r.out).toMatch(/^ld -m elf_x86_64 -r -o kernel\/printk\/built-in\.o kernel\/printk\/printk\.o$/m);
    expect(steps(r.out, 'CC')).toEqual([]);
  });

  it('a top-level Makefile change reaches every directory (the plan cache is not trusted past it)', async () => {
    const d = await ws();
    expect(existsSync(join(d, '.kwb/kbuild-cache.json'))).toBe(true);
    // every object compiled from C: KBUILD_CFLAGS is in its command line
    const cObjects = cmdFilesWhere(d, (text) => /\nsource_\S+\.o := \S+\.c\n/.test(text));
    expect(cObjects.length).toBeGreaterThan(10);
    writeFileSync(join(d, 'Makefile'), readFileSync(join(d, 'Makefile'), 'utf8').replace('KBUILD_AFLAGS   := -D__ASSEMBLY__', 'KBUILD_AFLAGS   := -D__ASSEMBLY__\nKBUILD_CFLAGS   += -DKWB_TEST'));
    const r = await make(d);
    expect(r.status, r.err).toBe(0);
    const rebuilt = new Set([...steps(r.out, 'CC'), ...steps(r.out, 'AS')]);
    for (const o of cObjects) expect(rebuilt.has(o), o).toBe(true);
    const again = await make(d);
    expect(steps(again.out, 'CC')).toEqual([]);
  });

  it('LOCALVERSION on the command line changes the release and what includes it', async () => {
    const d = await ws();
    const r = await make(d, [], { LOCALVERSION: '-nsys' });
    expect(r.status, r.err).toBe(0);
    expect(r.out).toContain('  UPD     include/config/kernel.release\n');
    expect(readFileSync(join(d, 'include/config/kernel.release'), 'utf8')).toBe('4.4.79-nsys\n');
    expect(readFileSync(join(d, 'include/generated/utsrelease.h'), 'utf8')).toBe('#define UTS_RELEASE "4.4.79-nsys"\n');
    expect(steps(r.out, 'CC')).toContain('init/version.o');
  });

  it('clean keeps the configuration; mrproper removes it and everything generated', async () => {
    const d = await ws();
    const c = await make(d, ['clean']);
    expect(c.status).toBe(0);
    for (const f of ['vmlinux', 'System.map', 'arch/x86/boot/bzImage', 'kernel/sys.o', 'kernel/.sys.o.cmd', 'kernel/built-in.o', 'lib/lib.a', 'arch/x86/kernel/asm-offsets.s'])
      expect(existsSync(join(d, f)), f).toBe(false);
    for (const f of ['.config', '.version', 'include/generated/autoconf.h', 'kernel/sys.c', 'include/config/auto.conf']) expect(existsSync(join(d, f)), f).toBe(true);
    expect(c.out).toBe('  CLEAN   arch/x86/boot\n');
    const m = await make(d, ['mrproper']);
    expect(m.status).toBe(0);
    for (const f of ['.config', '.version', 'include/generated', 'include/config', 'arch/x86/include/generated']) expect(existsSync(join(d, f)), f).toBe(false);
    expect(m.out).toBe('  CLEAN   include/config include/generated arch/x86/include/generated\n  CLEAN   .config .version\n');
    expect(existsSync(join(d, 'kernel/sys.c'))).toBe(true);
  });
});
