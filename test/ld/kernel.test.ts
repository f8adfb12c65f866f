// The kernel's use of the linker: per-directory `ld -r` built-in.o files, then vmlinux at
// 0xffffffff81000000. The lesson's link error must read exactly as Linux's build prints it.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { host } from '../helpers/kwb.js';
import { link, LinkError } from '../../src/toolchain/ld/link.js';
import { readElf } from '../../src/toolchain/elf/read.js';
import * as C from '../../src/toolchain/elf/constants.js';
import { build, gnuErrors, tmp } from './oracle.js';

const KERNEL = { textBase: 0xffffffff81000000n, loadHeaders: false, loadOffset: 0xffffffff80000000n };

describe('kernel-style links', () => {
  const dir = tmp('ldk');
  mkdirSync(join(dir, 'arch/x86/entry'), { recursive: true });
  mkdirSync(join(dir, 'kernel'), { recursive: true });
  mkdirSync(join(dir, 'newsys'), { recursive: true });
  const entries = Array.from({ length: 327 }, (_, i) => (i === 326 ? 'sys_nsys' : i % 2 ? 'sys_ni_syscall' : 'sys_getpid'));
  const table =
    '.section .rodata\n.globl sys_call_table\n.type sys_call_table,@object\n.align 32\nsys_call_table:\n' +
    entries.map((e) => `  .quad ${e}\n`).join('') +
    '.size sys_call_table, .-sys_call_table\n';
  build(dir, {
    'arch/x86/entry/syscall_64.s': table,
    'arch/x86/entry/common.c': 'extern long (*const sys_call_table[])(void);\nlong do_syscall_64(unsigned long nr){ return nr < 327 ? sys_call_table[nr]() : -38; }\nconst char banner[] = "entry";\n',
    'kernel/sys.c': 'long sys_getpid(void){ return 1; }\nlong sys_ni_syscall(void){ return -38; }\nlong do_syscall_64(unsigned long);\nvoid _start(void){ do_syscall_64(39); for(;;); }\n',
    'newsys/nsys.c': 'long sys_nsys(void){ return 0; }\n',
  }, ['-mcmodel=kernel']);
  const read = (p: string) => ({ name: p, data: new Uint8Array(readFileSync(join(dir, p))) });
  const entry = link([read('arch/x86/entry/syscall_64.o'), read('arch/x86/entry/common.o')], { relocatable: true }).output;
  const builtIn = { name: 'arch/x86/entry/built-in.o', data: entry };

  it('built-in.o keeps syscall_64.o first: entry 326 is .rodata+0xa30', () => {
    const elf = readElf(entry);
    const rodata = elf.sections.find((s) => s.name === '.rodata')!;
    const rel = elf.relocations.get(rodata.index)!.find((r) => r.offset === 0xa30n)!;
    expect(elf.symbols[rel.sym]!.name).toBe('sys_nsys');
  });

  it('a missing core-y entry fails exactly like Linux 4.4\'s link (and GNU ld)', () => {
    let err: unknown;
    try {
      link([builtIn, read('kernel/sys.o')], KERNEL);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LinkError);
    expect((err as LinkError).render('')).toBe("arch/x86/entry/built-in.o:(.rodata+0xa30): undefined reference to `sys_nsys'\n");
    // GNU ld on the same built-in.o (written to disk) says the same after its "ld: " prefix.
    const p = join(dir, 'arch/x86/entry/built-in.o');
    writeFileSync(p, entry);
    const g = host('ld', ['-Ttext=0xffffffff81000000', '-o', 'vmlinux.gnu', 'arch/x86/entry/built-in.o', 'kernel/sys.o'], { cwd: dir });
    expect(gnuErrors(g.stderr)).toBe((err as LinkError).render('ld: ').trimEnd());
  });

  it('with newsys/ linked in, vmlinux starts _text at 0xffffffff81000000 and readelf is happy', () => {
    const out = link([builtIn, read('kernel/sys.o'), read('newsys/nsys.o')], KERNEL).output;
    const elf = readElf(out);
    const sym = (n: string) => elf.symbols.find((s) => s.name === n)!;
    expect(sym('_text').value).toBe(0xffffffff81000000n);
    expect(sym('_stext').value).toBe(0xffffffff81000000n);
    for (const n of ['_etext', '_sdata', '_edata', '__bss_start', '__bss_stop', '_end']) expect(sym(n)).toBeDefined();
    const text = elf.segments.find((p) => p.type === C.PT_LOAD && p.flags & C.PF_X)!;
    expect(text.vaddr).toBe(0xffffffff81000000n);
    expect(text.paddr).toBe(0x1000000n);
    const p = join(dir, 'vmlinux');
    writeFileSync(p, out);
    const re = host('readelf', ['-a', '-W', p]);
    expect(re.stderr).toBe('');
    // The table's 326th entry holds sys_nsys's address (R_X86_64_64 applied).
    const rodata = elf.sections.find((s) => s.name === '.rodata')!;
    const v = new DataView(rodata.data.buffer, rodata.data.byteOffset).getBigUint64(0xa30, true);
    expect(v).toBe(sym('sys_nsys').value);
  });
});

describe('vmlinux layout', () => {
  it('.head.text opens .text at _text whatever the link order; _stext follows it, 8-aligned', () => {
    const dir = tmp('ldhead');
    const objs = build(dir, {
      'sys.s': '.text\n.globl _start\n_start: hlt\n jmp _start\n',
      'head.s': '.section .head.text,"ax"\n.globl startup_64\nstartup_64: jmp _start\n.byte 0x90\n',
    });
    const inputs = objs.map((p) => ({ name: p.slice(dir.length + 1), data: new Uint8Array(readFileSync(p)) }));
    const elf = readElf(link(inputs, { ...KERNEL, entry: 'startup_64' }).output);
    const sym = (n: string) => elf.symbols.find((s) => s.name === n)!.value;
    expect(sym('startup_64')).toBe(0xffffffff81000000n);
    expect(sym('_text')).toBe(0xffffffff81000000n);
    expect(sym('_stext')).toBe(0xffffffff81000008n);
    expect(sym('_start')).toBe(0xffffffff81000008n);
    expect(elf.header.entry).toBe(0xffffffff81000000n);
    expect(elf.sections.some((s) => s.name === '.head.text')).toBe(false);
  });
});
