// A bare machine for system-level CPU tests: code assembled by GNU as placed at CODE, a stack,
// an IDT built through the CPU API, and helpers to read what the handlers recorded.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { host } from '../helpers/kwb.js';
import { readElf } from '../../src/toolchain/elf/read.js';
import { Cpu, RSP } from '../../src/kernel/cpu/cpu.js';
import { AddressSpace, PROT_EXEC, PROT_READ, PROT_USER, PROT_WRITE } from '../../src/kernel/cpu/mmu.js';

export const CODE = 0x400000;
export const DATA = 0x600000; // 64 KiB read/write, user-accessible
export const KSTACK = 0x700000; // kernel stack page (top = KSTACK + 0x1000)
export const IDT = 0x800000;

/**
 * Assembly setting up syscall/sysret: LSTAR = the label `entry`, STAR with kernel CS 0x10 and
 * user base 0x20 (sysretq gives CS 0x33, SS 0x2b), FMASK clearing TF, IF and DF.
 */
export const SYSCALL_MSRS = `
  mov $0xc0000082, %ecx
  lea entry(%rip), %rax
  xor %edx, %edx
  wrmsr
  mov $0xc0000081, %ecx
  xor %eax, %eax
  mov $0x00230010, %edx
  wrmsr
  mov $0xc0000084, %ecx
  mov $0x700, %eax
  xor %edx, %edx
  wrmsr
`;

export interface Assembled {
  code: Uint8Array;
  sym: Record<string, number>;
}

/** Assembles `source` (AT&T, one .text section) with GNU as; symbols are offsets from CODE. */
export function assemble(source: string): Assembled {
  const dir = mkdtempSync(join(tmpdir(), 'kwb-cpu-sys-'));
  writeFileSync(join(dir, 'a.s'), '\t.text\n' + source + '\n');
  const r = host('as', ['--64', '-o', join(dir, 'a.o'), join(dir, 'a.s')]);
  if (r.status !== 0) throw new Error(`as failed:\n${r.stderr}`);
  const elf = readElf(new Uint8Array(readFileSync(join(dir, 'a.o'))));
  const text = elf.sections.find((s) => s.name === '.text')!;
  if ((elf.relocations.get(text.index) ?? []).length) throw new Error('test code must not need relocations');
  const sym: Record<string, number> = {};
  for (const s of elf.symbols) if (s.name && s.shndx === text.index) sym[s.name] = CODE + Number(s.value);
  return { code: new Uint8Array(text.data), sym };
}

export interface Machine {
  cpu: Cpu;
  space: AddressSpace;
  sym: Record<string, number>;
  /** Installs a 64-bit interrupt gate (type 0xE) or trap gate (0xF) for vector → symbol. */
  gate(vector: number, handler: string, dpl?: number, type?: number): void;
  u64(addr: number): bigint;
}

export function machine(source: string, opts: { user?: boolean } = {}): Machine {
  const { code, sym } = assemble(source);
  const space = new AddressSpace();
  space.map(CODE, Math.max(code.length, 1) + 0x1000, PROT_READ | PROT_WRITE | PROT_EXEC | PROT_USER);
  space.writeBytes(CODE, code);
  space.map(DATA, 0x10000, PROT_READ | PROT_WRITE | PROT_USER);
  space.map(KSTACK, 0x1000, PROT_READ | PROT_WRITE);
  space.map(IDT, 0x1000, PROT_READ | PROT_WRITE);
  const cpu = new Cpu(space);
  cpu.rip = sym._start ?? CODE;
  cpu.setRegAddr(RSP, DATA + 0x10000);
  cpu.idtBase = IDT;
  cpu.idtLimit = 0xfff;
  cpu.rsp0 = KSTACK + 0x1000;
  cpu.setRflags(0x2);
  if (opts.user) {
    cpu.cpl = 3;
    cpu.cs = 0x33;
    cpu.ss = 0x2b;
  }
  const m: Machine = {
    cpu,
    space,
    sym,
    gate(vector, handler, dpl = 0, type = 0xe) {
      const off = sym[handler];
      if (off === undefined) throw new Error(`no symbol ${handler}`);
      const g = new Uint8Array(16);
      const dv = new DataView(g.buffer);
      dv.setUint16(0, off & 0xffff, true);
      dv.setUint16(2, 0x10, true);
      g[5] = 0x80 | (dpl << 5) | type;
      dv.setUint16(6, (off >>> 16) & 0xffff, true);
      dv.setUint32(8, 0, true);
      space.writeBytes(IDT + vector * 16, g);
    },
    u64(addr) {
      return new DataView(space.readBytes(addr, 8).buffer).getBigUint64(0, true);
    },
  };
  return m;
}
