// Every relocation type the linker applies, against GNU ld: for a program whose layout matches
// GNU ld's (one object per kind of section), the loaded bytes must be identical.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readElf } from '../../src/toolchain/elf/read.js';
import { build, gnuLink, ourLink, run, tmp } from './oracle.js';

const SRC = `
.text
.globl _start
_start:
  movl $data_b, %eax          # R_X86_64_32
  movq $data_b+8, %rbx        # R_X86_64_32S
  leaq data_b(%rip), %rcx     # R_X86_64_PC32
  call helper                 # R_X86_64_PLT32
  movw $small, %dx            # R_X86_64_16
  movb $tiny, %sil            # R_X86_64_8
  movabsq $far_away, %rdi     # R_X86_64_64
  jmp done
helper: ret
done:
  movl $60, %eax
  movzbl check(%rip), %edi
  syscall
.section .rodata
.align 8
q64:   .quad _start, helper+3, data_b-1
pc64:  .quad done - .
pc32:  .long helper - .
pc16:  .word near - .
pc8:   .byte near2 - .
.data
.align 16
data_b: .quad 0x1122334455667788, 0
check: .byte 42
near: .byte 1
near2: .byte 2
.globl small, tiny, far_away
.set small, 0x1234
.set tiny, 0x7f
.set far_away, 0x123456789abcdef0
`;

describe('relocation types (oracle: GNU ld)', () => {
  const dir = tmp('ldrel');
  it('R_X86_64_{64,PC32,PLT32,32,32S,16,PC16,8,PC8,PC64} give GNU ld\'s bytes', () => {
    // PC16/PC8 reach .data from .rodata only if they are close: keep them in one section.
    const src = SRC.replace('pc16:  .word near - .\npc8:   .byte near2 - .', '').replace('near: .byte 1\nnear2: .byte 2', 'near: .byte 1\nnear2: .byte 2\npc16:  .word near - .\npc8:   .byte near2 - .\n');
    // A second object whose aligned code leaves a gap that ld fills with NOPs.
    const objs = build(dir, { 'r.s': src, 'pad.s': '.text\n.p2align 5\npadded: ret\n.p2align 4\n.byte 0xc3\n' });
    const g = gnuLink(dir, objs, 'gnu');
    expect(g.status, g.stderr).toBe(0);
    const ours = ourLink(dir, objs, 'ours');
    const a = readElf(readFileSync(g.path));
    const b = readElf(readFileSync(ours));
    for (const name of ['.text', '.rodata', '.data']) {
      const sa = a.sections.find((s) => s.name === name)!;
      const sb = b.sections.find((s) => s.name === name)!;
      expect(sb.addr, name).toBe(sa.addr);
      expect(Buffer.from(sb.data).toString('hex'), name).toBe(Buffer.from(sa.data).toString('hex'));
    }
    expect(run(ours).status).toBe(42);
  });
});

describe('layout (oracle: GNU ld)', () => {
  it('puts every section at GNU ld\'s address, with and without .eh_frame, for many sizes', () => {
    const dir = tmp('ldlay');
    for (const cfi of [false, true]) {
      for (const ro of [0x10, 0x60, 0x800, 0xff0]) {
        for (const da of [4, 0x38, 0xf80, 0x1800]) {
          const text = cfi ? '.cfi_startproc\nret\n.cfi_endproc' : 'ret';
          const objs = build(dir, { 'l.s': `.text\n.globl _start\n_start: ${text}\n.section .rodata\n.fill ${ro},1,1\n.data\n.fill ${da},1,2\n.bss\n.zero 8\n.section .note.GNU-stack,"",@progbits\n` });
          const g = gnuLink(dir, objs, 'gnu');
          expect(g.status, g.stderr).toBe(0);
          const a = readElf(readFileSync(g.path));
          const b = readElf(readFileSync(ourLink(dir, objs, 'ours')));
          // GNU ld rewrites .eh_frame (merging CIEs, repadding); we copy it, so its size may differ.
          const where = (e: typeof a) => e.sections.filter((s) => s.addr).map((s) => `${s.name}@${s.addr.toString(16)}+${s.offset.toString(16)}` + (s.name === '.eh_frame' ? '' : `:${s.size}`));
          expect(where(b), `cfi=${cfi} ro=${ro} da=${da}`).toEqual(where(a));
          const segs = (e: typeof a) => e.segments.map((p) => `${p.type}:${p.flags}:${p.offset.toString(16)}:${p.vaddr.toString(16)}` + (cfi && p.flags === 4 ? '' : `:${p.filesz}:${p.memsz}`));
          expect(segs(b)).toEqual(segs(a));
        }
      }
    }
  });
});
