// Garbage in never crashes: thousands of mutated lines and files, each either assembles or
// fails with located diagnostics (a DiagnosticError), never another exception.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosticError } from '../../src/diag.js';
import { assemble } from '../../src/toolchain/as/assemble.js';
import { ROOT } from '../helpers/kwb.js';
import { instructionForms } from './forms.js';

const JUNK = ['(', ')', ',', '%', '$', '*', ':', '"', "'", '\\', '-', '+', '1', 'x', ' ', '.', '@', '#', '/*', '0x', '99999999999999999999', '%rax', '%gs:', '.L', '1f', '1b', '\n', ';', '=', '.macro m', '.endm', '.rept 2', '.endr', '.if 0'];

function mutator(seed: number) {
  let s = seed;
  const rnd = (n: number) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
  return (text: string, times: number): string => {
    let t = text;
    for (let m = 0; m < times; m++) {
      const p = rnd(t.length + 1);
      const j = JUNK[rnd(JUNK.length)]!;
      const op = rnd(3);
      t = op === 0 ? t.slice(0, p) + j + t.slice(p) : op === 1 ? t.slice(0, p) + t.slice(p + 1 + rnd(3)) : t.slice(0, p) + j + t.slice(p + 1);
    }
    return t;
  };
}

function outcome(src: string): string {
  try {
    assemble(src, { file: 'f.s' });
    return 'ok';
  } catch (e) {
    if (!(e instanceof DiagnosticError)) return `crash: ${(e as Error).message}`;
    const internal = e.diagnostics.find((d) => d.message.startsWith('internal'));
    if (internal) return `internal: ${internal.message}`;
    if (e.diagnostics.some((d) => d.severity === 'error' && (d.line < 0 || !d.file))) return 'unlocated';
    return 'error';
  }
}

describe('malformed input never crashes the assembler', () => {
  it('mutated instruction lines', () => {
    const forms = instructionForms();
    const mutate = mutator(1);
    const bad: string[] = [];
    for (let k = 0; k < 6000; k++) {
      const line = mutate(forms[(k * 7919) % forms.length]!, 1 + (k % 3));
      const o = outcome(`\t.text\nlab:\n${line}\n`);
      if (o !== 'ok' && o !== 'error') bad.push(`${JSON.stringify(line)}: ${o}`);
    }
    expect(bad.slice(0, 10).join('\n')).toBe('');
  });

  it('mutated whole files', () => {
    const src = readFileSync(join(ROOT, 'test/as/sources/directives.s'), 'utf8');
    const mutate = mutator(2);
    const bad: string[] = [];
    for (let k = 0; k < 300; k++) {
      const o = outcome(mutate(src, 1 + (k % 8)));
      if (o !== 'ok' && o !== 'error') bad.push(o);
    }
    expect(bad.slice(0, 10).join('\n')).toBe('');
  });
});
