// The linker against GNU ld: the same GNU-built objects, linked both ways, must behave the same
// when run natively, and our executables must satisfy file/readelf/objdump.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { host } from '../helpers/kwb.js';
import { readElf } from '../../src/toolchain/elf/read.js';
import * as C from '../../src/toolchain/elf/constants.js';
import { build, gnuLink, ourLink, run, tmp } from './oracle.js';
import { LIB, MAIN, SYS } from './programs.js';

describe('final link of a user program (oracle: GNU ld, the host kernel)', () => {
  const dir = tmp('ld');
  const objs = build(dir, { 'main.c': MAIN, 'lib.c': LIB, 'sys.c': SYS }, ['-fcommon']);

  it('runs natively with the same output and status as the GNU ld link', () => {
    const gnu = gnuLink(dir, objs, 'gnu');
    expect(gnu.status, gnu.stderr).toBe(0);
    const ours = ourLink(dir, objs, 'ours');
    const a = run(gnu.path);
    const b = run(ours);
    expect(a.stdout).toContain('hello from a linked program');
    expect(b.stdout).toBe(a.stdout);
    expect(b.status).toBe(a.status);
  });

  it('is a static ELF64 executable that file, readelf and objdump accept', () => {
    const ours = ourLink(dir, objs, 'ours2');
    expect(host('file', [ours]).stdout).toMatch(/ELF 64-bit LSB executable, x86-64, .*statically linked/);
    const re = host('readelf', ['-a', '-W', ours]);
    expect(re.status).toBe(0);
    expect(re.stderr).toBe('');
    expect(re.stdout).not.toMatch(/[Ww]arning/);
    const od = host('objdump', ['-d', ours]);
    expect(od.stdout).not.toContain('(bad)');
  });

  it('lays out page-aligned segments: headers R, text R+X at 0x401000, rodata R, data+bss RW, GNU_STACK', () => {
    const elf = readElf(readFileSync(ourLink(dir, objs, 'ours3')));
    expect(elf.header.type).toBe(C.ET_EXEC);
    const loads = elf.segments.filter((p) => p.type === C.PT_LOAD);
    expect(loads.map((p) => p.flags)).toEqual([C.PF_R, C.PF_R | C.PF_X, C.PF_R, C.PF_R | C.PF_W]);
    expect(loads[0]!.vaddr).toBe(0x400000n);
    expect(loads[1]!.vaddr).toBe(0x401000n);
    for (const p of loads) expect((p.vaddr - BigInt(p.offset)) % 0x1000n).toBe(0n);
    expect(elf.segments.some((p) => p.type === C.PT_GNU_STACK && p.flags === (C.PF_R | C.PF_W))).toBe(true);
    const start = elf.symbols.find((s) => s.name === '_start')!;
    expect(elf.header.entry).toBe(start.value);
    const names = elf.symbols.map((s) => s.name);
    for (const n of ['_end', '_edata', '__bss_start', '_etext', '__start_kwb_list', '__stop_kwb_list', 'shared', 'hidden']) expect(names).toContain(n);
  });

  it('-r then a final link behaves like the direct link', () => {
    const partial = ourLink(dir, objs.slice(0, 2), 'part.o', { relocatable: true });
    expect(host('readelf', ['-a', '-W', partial]).stderr).toBe('');
    const viaR = ourLink(dir, [partial, objs[2]!], 'viaR');
    const direct = run(ourLink(dir, objs, 'direct'));
    const r = run(viaR);
    expect(r.stdout).toBe(direct.stdout);
    expect(r.status).toBe(direct.status);
    // GNU ld accepts our -r output and makes the same program of it.
    const g = gnuLink(dir, [partial, objs[2]!], 'gnuViaR');
    expect(g.status, g.stderr).toBe(0);
    expect(run(g.path).stdout).toBe(direct.stdout);
  });

  it('-r concatenates same-named sections in input order and rebases relocations', () => {
    const d = tmp('ldr');
    const o = build(d, {
      'one.s': '.section .rodata\n.quad 1,2,3\n.text\n.globl one\none: ret\n',
      'two.s': '.section .rodata\n.quad sys_nsys\n.text\n.globl two\ntwo: call one\n ret\n',
    });
    const ours = readElf(readFileSync(ourLink(d, o, 'ours.o', { relocatable: true })));
    const g = gnuLink(d, o, 'gnu.o', ['-r']);
    expect(g.status).toBe(0);
    const gnu = readElf(readFileSync(g.path));
    const relocs = (e: typeof ours) => {
      const out: string[] = [];
      for (const [idx, list] of e.relocations) {
        for (const r of list) {
          const s = e.symbols[r.sym]!;
          const name = s.type === C.STT_SECTION ? e.sections[s.shndx]!.name : s.name;
          out.push(`${e.sections[idx]!.name}+0x${r.offset.toString(16)} ${C.RELOC_NAMES[r.type]} ${name}${r.addend}`);
        }
      }
      return out.sort();
    };
    expect(relocs(ours)).toEqual(relocs(gnu));
    expect(ours.sections.map((s) => s.name)).toEqual(gnu.sections.map((s) => s.name));
  });
});
