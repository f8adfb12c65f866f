import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readElf, ElfFormatError } from '../src/toolchain/elf/read.js';
import * as C from '../src/toolchain/elf/constants.js';
import { host } from './helpers/kwb.js';

describe('ELF reader (oracle: objects made by GNU as)', () => {
  it('reads sections, symbols and relocations of a GNU as object', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kwb-elf-'));
    writeFileSync(
      join(dir, 'a.s'),
      '.text\n.globl f\n.type f,@function\nf: call g\n movq $x, %rax\n ret\n.size f, .-f\n.data\nx: .quad 7\n',
    );
    const r = host('as', ['-o', join(dir, 'a.o'), join(dir, 'a.s')]);
    expect(r.status).toBe(0);
    const elf = readElf(readFileSync(join(dir, 'a.o')));
    expect(elf.header.type).toBe(C.ET_REL);
    const text = elf.sections.find((s) => s.name === '.text')!;
    expect(text.size).toBe(13); // call rel32 (5) + movq $imm32 sign-extended (7) + ret (1)
    const f = elf.symbols.find((s) => s.name === 'f')!;
    expect([f.bind, f.type, Number(f.size)]).toEqual([C.STB_GLOBAL, C.STT_FUNC, 13]);
    const g = elf.symbols.find((s) => s.name === 'g')!;
    expect(g.shndx).toBe(C.SHN_UNDEF);
    const relas = elf.relocations.get(text.index)!;
    expect(relas.map((x) => [Number(x.offset), x.type])).toEqual([
      [1, C.R_X86_64_PLT32],
      [8, C.R_X86_64_32S],
    ]);
  });

  it('reads a gcc static executable whose .bss offset lies past the end of the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kwb-elf-'));
    writeFileSync(join(dir, 'p.c'), 'char big[65536];\nvoid _start(void) { big[1] = 1; for (;;) ; }\n');
    const r = host('gcc', ['-static', '-nostdlib', '-O0', '-fno-pie', '-no-pie', '-o', join(dir, 'p'), join(dir, 'p.c')]);
    expect(r.status).toBe(0);
    const bytes = readFileSync(join(dir, 'p'));
    const elf = readElf(bytes);
    const bss = elf.sections.find((s) => s.name === '.bss')!;
    expect(bss.type).toBe(C.SHT_NOBITS);
    expect(bss.size).toBe(65536);
    expect(bss.data.length).toBe(0);
    expect(elf.symbols.some((s) => s.name === 'big')).toBe(true);
  });

  it('refuses a non-ELF and a truncated file in words, not a RangeError', () => {
    expect(() => readElf(new TextEncoder().encode('hello'))).toThrow(ElfFormatError);
    const head = new Uint8Array(80);
    head.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
    head[18] = 62;
    head[40] = 0xff; // section headers far beyond the end
    head[60] = 1;
    expect(() => readElf(head)).toThrow(/outside the file|truncated/);
  });
});
