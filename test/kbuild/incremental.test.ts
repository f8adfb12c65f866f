// Incremental builds, as make does them: nothing when nothing changed; an edited source alone;
// a header's dependents (from the .cmd files); a table edit regenerates the headers and rebuilds
// their users; Makefile and .config changes are honoured; clean and mrproper remove what 4.4 does.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtWorkspace, cleanup, make, steps, touchLater } from './build-helpers.js';

const made: string[] = [];
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
    const users = [];
    for (const f of ['kernel/.sys.o.cmd', 'kernel/printk/.printk.o.cmd', 'lib/.string.o.cmd', 'init/.main.o.cmd']) {
      if (readFileSync(join(d, f), 'utf8').includes('\n  include/linux/utsname.h \\\n')) users.push(f);
    }
    expect(users).toEqual(['kernel/.sys.o.cmd']);
    appendFileSync(join(d, 'include/linux/utsname.h'), '\n');
    const r = await make(d);
    expect(r.status, r.err).toBe(0);
    // utsname.h is also included by init/version.c and init/init_task.c; version.o is compiled
    // again at link time for the new compile.h, as link-vmlinux.sh rebuilds init/
    expect(steps(r.out, 'CC')).toEqual(['init/version.o', 'init/init_task.o', 'kernel/sys.o', 'init/version.o']);
  });

  it('a table edit regenerates the headers (after the table check) and rebuilds what uses them', async () => {
    const d = await ws();
    appendFileSync(join(d, 'arch/x86/entry/syscalls/syscall_64.tbl'), '326\t64\tnsys\t\t\tsys_nsys\n');
    mkdirSync(join(d, 'newsys'));
    writeFileSync(join(d, 'newsys/nsys.c'), '#include <linux/kernel.h>\n#include <linux/syscalls.h>\n\nSYSCALL_DEFINE0(nsys)\n{\n\tprintk(KERN_INFO "greetings from syscall nsys.\\n");\n\treturn 0;\n}\n');
    writeFileSync(join(d, 'newsys/Makefile'), 'obj-y := nsys.o\n');
    const mk = readFileSync(join(d, 'Makefile'), 'utf8').replace(/^(core-y\t\t\+= kernel\/.*block\/)$/m, '$1 newsys/');
    writeFileSync(join(d, 'Makefile'), mk);
    const r = await make(d);
    expect(r.status, r.out + r.err).toBe(0);
    expect(steps(r.out, 'SYSTBL')).toEqual(['arch/x86/entry/syscalls/../../include/generated/asm/syscalls_64.h']);
    // in make's order: the `all` rule with the recipe lists syshdr-y, its prerequisites come first
    expect(steps(r.out, 'SYSHDR')).toEqual([
      'arch/x86/entry/syscalls/../../include/generated/asm/unistd_64_x32.h',
      'arch/x86/entry/syscalls/../../include/generated/uapi/asm/unistd_64.h',
      'arch/x86/entry/syscalls/../../include/generated/uapi/asm/unistd_x32.h',
    ]);
    // asm-offsets.h changed (__NR_syscall_max), so both tables rebuild; sys_ni.c includes <asm/unistd.h>
    expect(steps(r.out, 'CC')).toEqual([
      'arch/x86/kernel/asm-offsets.s',
      'arch/x86/entry/syscall_64.o',
      'arch/x86/entry/syscall_32.o',
      'kernel/sys_ni.o',
      'newsys/nsys.o',
      'init/version.o',
    ]);
    expect(readFileSync(join(d, 'include/generated/asm-offsets.h'), 'utf8')).toContain('#define __NR_syscall_max 326 ');
    expect(readFileSync(join(d, 'System.map'), 'utf8')).toMatch(/ T sys_nsys$/m);
  });

  it('a .config change is honoured: objects follow obj-$(CONFIG_...), users of the symbol rebuild', async () => {
    const d = await ws();
    const cfg = readFileSync(join(d, '.config'), 'utf8').replace('CONFIG_IA32_EMULATION=y', '# CONFIG_IA32_EMULATION is not set');
    writeFileSync(join(d, '.config'), cfg);
    touchLater(join(d, '.config'));
    const r = await make(d);
    expect(r.status, r.err).toBe(0);
    expect(readFileSync(join(d, 'include/generated/autoconf.h'), 'utf8')).not.toContain('CONFIG_IA32_EMULATION');
    expect(existsSync(join(d, 'include/config/ia32/emulation.h'))).toBe(true);
    expect(steps(r.out, 'LD')).toContain('arch/x86/entry/built-in.o');
    const entry = readFileSync(join(d, 'arch/x86/entry/.built-in.o.cmd'), 'utf8');
    expect(entry).not.toContain('syscall_32.o');
    expect(readFileSync(join(d, 'System.map'), 'utf8')).not.toContain('ia32_sys_call_table');
    // the .config no longer mentions it as set; COMPAT followed it
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
