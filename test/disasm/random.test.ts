// Differential test against GNU objdump on random encodings built from the opcodes we decode
// (random prefixes, REX, ModRM, SIB, displacements, immediates). Each instruction sits behind
// its own label, so both disassemblers start afresh at every one; the first instruction of each
// label is compared — including objdump's notes about prefixes an instruction does not use
// ("rex.W push %rbp", "data16", "addr32", a stray "repz"), which no compiler emits but a
// student's hand-written bytes may.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { host } from '../helpers/kwb.js';
import { objdumpDisassemble } from '../../src/toolchain/objdump.js';

const NOT_ONE_BYTE = new Set([0x0f, 0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66, 0x67, 0xf0, 0xf2, 0xf3, 0xc4, 0xc5, 0x62, 0x8f, 0x9b, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf]);
const ONE = [...Array(256).keys()].filter((b) => !NOT_ONE_BYTE.has(b) && !(b >= 0x40 && b <= 0x4f));
const TWO = [0x00, 0x01, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0b, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa8, 0xa9, 0xab, 0xac, 0xad, 0xae, 0xaf, 0xb0, 0xb1, 0xb3, 0xb6, 0xb7, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf, 0xc0, 0xc1, 0xc8, 0xcc, 0xcf,
  ...Array.from({ length: 48 }, (_, i) => [0x40, 0x80, 0x90][Math.floor(i / 16)]! + (i % 16))];

function firstByLabel(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let cur: string | null = null;
  for (const line of text.split('\n')) {
    const m = /<(s\d+)>:$/.exec(line);
    if (m) cur = m[1]!;
    else if (cur && line.split('\t').length >= 3) {
      out.set(cur, line.split('\t').slice(1).join('\t'));
      cur = null;
    }
  }
  return out;
}

describe('disassembler vs GNU objdump on random encodings', () => {
  it('agrees on every first instruction', () => {
    let seed = 2026;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) & 0xff;
    const lines = ['.text'];
    for (let i = 0; i < 4000; i++) {
      const b: number[] = [];
      const r = rnd();
      if (r < 40) b.push(0x66);
      else if (r < 50) b.push([0xf2, 0xf3, 0xf0, 0x2e, 0x64, 0x65, 0x67][rnd() % 7]!);
      if (rnd() < 100) b.push(0x40 + (rnd() & 15));
      if (rnd() < 60) b.push(0x0f, TWO[rnd() % TWO.length]!);
      else b.push(ONE[rnd() % ONE.length]!);
      while (b.length < 15) b.push(rnd());
      lines.push(`s${i}: .byte ${b.join(',')}`, '.byte 0x90');
    }
    const dir = mkdtempSync(join(tmpdir(), 'kwb-disrnd-'));
    writeFileSync(join(dir, 'r.s'), lines.join('\n') + '\n');
    expect(host('as', ['-o', join(dir, 'r.o'), join(dir, 'r.s')]).status).toBe(0);
    const gnu = firstByLabel(host('objdump', ['-d', 'r.o'], { cwd: dir, maxBuffer: 64 << 20 }).stdout);
    const ours = firstByLabel(objdumpDisassemble('r.o', new Uint8Array(readFileSync(join(dir, 'r.o')))));
    const diffs: string[] = [];
    let compared = 0;
    for (const [label, g] of gnu) {
      compared++;
      if (ours.get(label) !== g) diffs.push(`${label}\n  gnu : ${g}\n  ours: ${ours.get(label)}`);
    }
    expect(compared).toBe(4000);
    expect(diffs.slice(0, 10).join('\n')).toBe('');
  });
});
