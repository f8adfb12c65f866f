// The disassembler against GNU objdump: forms assembled by GNU as, disassembled both ways.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { host } from '../helpers/kwb.js';
import { objdumpDisassemble } from '../../src/toolchain/objdump.js';
import { disassembleOne } from '../../src/toolchain/disasm/index.js';
import { instructionForms } from './forms.js';

function oracle(forms: string[]): { ours: string[]; gnu: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'kwb-dis-'));
  const src = '.text\n.globl f\nf:\n' + forms.map((f) => `  ${f}\n`).join('') + '.data\nx: .quad 0\n';
  writeFileSync(join(dir, 't.s'), src);
  const a = host('as', ['-o', join(dir, 't.o'), join(dir, 't.s')]);
  if (a.status !== 0) throw new Error(a.stderr);
  const gnu = host('objdump', ['-d', 't.o'], { cwd: dir }).stdout;
  const ours = objdumpDisassemble('t.o', new Uint8Array(readFileSync(join(dir, 't.o'))));
  return { ours: ours.split('\n'), gnu: gnu.split('\n') };
}

describe('disassembler = GNU objdump -d', () => {
  it('every form of the table, line for line', () => {
    const forms = instructionForms();
    expect(forms.length).toBeGreaterThan(500);
    const { ours, gnu } = oracle(forms);
    const diffs: string[] = [];
    for (let i = 0; i < Math.max(ours.length, gnu.length); i++) if (ours[i] !== gnu[i]) diffs.push(`gnu : ${gnu[i]}\nours: ${ours[i]}`);
    expect(diffs.slice(0, 20).join('\n')).toBe('');
  });

  it('unknown or truncated bytes are "(bad)" of length 1, never an exception', () => {
    expect(disassembleOne(Uint8Array.of(0x06), 0, 0n).text).toBe('(bad)');
    expect(disassembleOne(Uint8Array.of(0x48, 0x8b), 0, 0n)).toEqual({ length: 1, text: '(bad)', bytes: [0x48] });
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    const buf = Uint8Array.from({ length: 60_000 }, rnd);
    let off = 0;
    while (off < buf.length) {
      const r = disassembleOne(buf, off, 0x401000n + BigInt(off));
      expect(r.length).toBeGreaterThan(0);
      off += r.length;
    }
  });

  it('names branch targets through the caller', () => {
    const call = Uint8Array.of(0xe8, 0x21, 0x01, 0x00, 0x00);
    expect(disassembleOne(call, 0, 0x401000n).text).toBe('call   0x401126');
    expect(disassembleOne(call, 0, 0x401000n, { symbolize: (a) => (a === 0x401126n ? '<foo>' : undefined) }).text).toBe('call   401126 <foo>');
    const lea = Uint8Array.of(0x48, 0x8d, 0x05, 0xd6, 0x2e, 0x00, 0x00);
    expect(disassembleOne(lea, 0, 0x401133n, { symbolize: () => '<x>' }).text).toBe('lea    0x2ed6(%rip),%rax        # 404010 <x>');
  });
});
