// Bad input never crashes the compiler: truncated, garbled and absurdly nested programs all end
// in a DiagnosticError (or compile), never a JavaScript exception or an "internal compiler error".

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosticError } from '../../src/diag.js';
import { compile } from '../../src/toolchain/cc/compile.js';
import { ROOT } from '../helpers/kwb.js';

function outcome(src: string): string {
  try {
    compile({ file: 'fuzz.c', source: src, includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [], preprocessed: src });
    return 'ok';
  } catch (e) {
    if (!(e instanceof DiagnosticError)) return `JS exception: ${String(e)}`;
    const ice = e.diagnostics.find((d) => d.message.startsWith('internal compiler error'));
    if (ice) return ice.message;
    if (!e.diagnostics.some((d) => d.severity === 'error')) return 'DiagnosticError without an error';
    return 'diagnosed';
  }
}

// Deterministic pseudo-random numbers, so a failure reproduces.
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

const JUNK = ['(', ')', '{', '}', ';', ',', '*', '[', ']', 'int', '"', "'", '=', '->', '.', 'struct', '...', '0x', '?', ':', 'asm', 'sizeof', 'typeof', '__attribute__((', 'case', 'goto', '&', '\\', '@', '\t'];

describe('compiler robustness', () => {
  const dir = join(ROOT, 'test', 'c');
  // Headers are left out (the programs then see implicit declarations): fast, and the mutations hit user code.
  const bodies = readdirSync(dir).filter((f) => f.endsWith('.c')).sort().map((f) => readFileSync(join(dir, f), 'utf8').replace(/^#.*$/gm, ''));

  it('survives truncated and garbled versions of the corpus', () => {
    const rnd = rng(12345);
    const bad: string[] = [];
    for (const body of bodies) {
      for (let k = 0; k < 8; k++) {
        let b = body;
        const p = Math.floor(rnd() * b.length);
        switch (k % 4) {
          case 0: b = b.slice(0, p); break;
          case 1: b = b.slice(0, p) + b.slice(p + 1 + Math.floor(rnd() * 6)); break;
          case 2: b = b.slice(0, p) + ' ' + JUNK[Math.floor(rnd() * JUNK.length)] + ' ' + b.slice(p); break;
          default: {
            const toks = b.split(/(\s+)/);
            for (let z = 0; z < 3; z++) {
              const i = Math.floor(rnd() * toks.length);
              const j = Math.floor(rnd() * toks.length);
              [toks[i], toks[j]] = [toks[j]!, toks[i]!];
            }
            b = toks.join('');
          }
        }
        const o = outcome(b);
        if (o !== 'ok' && o !== 'diagnosed') bad.push(`${o}\n--- input ---\n${b}`);
      }
    }
    expect(bad.slice(0, 3)).toEqual([]);
  });

  it('reports absurd nesting instead of overflowing the JS stack', () => {
    const cases = [
      'int f(void){return ' + '('.repeat(20000) + '1' + ')'.repeat(20000) + ';}',
      'int f(void){' + '{'.repeat(20000) + '}'.repeat(20000) + 'return 0;}',
      'int f(void){return ' + '-'.repeat(50000) + '1;}',
      'int f(void){' + 'if (1) '.repeat(30000) + 'return 0;}',
      'int x = ' + '{'.repeat(30000) + '1' + '}'.repeat(30000) + ';',
    ];
    for (const c of cases) expect(outcome(c)).toBe('diagnosed');
  });

  it('diagnoses empty, binary and half-finished inputs', () => {
    expect(outcome('')).toBe('ok');
    expect(outcome('int f(int (*)(int, ...));')).toBe('ok');
    for (const c of ['\u0000\u0001\u00ff', 'int main(){return "\\', 'int x = 1 ? : ;', 'struct s { struct s x; };', 'int a[-1];', 'int f(int x){ switch(x){ case 1 ... : ; } }', 'int f(){ asm("" : "=r"(1)); }', '@', 'int f(void) { return 0; } }', 'typedef int T; T T;', 'int x = sizeof(struct nope);']) {
      expect(outcome(c)).toBe('diagnosed');
    }
  });
});
