// Bad input never crashes: mutated versions of the corpus either preprocess or fail with located
// diagnostics (DiagnosticError), never with a JavaScript exception.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosticError } from '../../src/diag.js';
import { preprocess } from '../../src/toolchain/cc/preprocess.js';
import { CASES, caseFiles } from './oracle.js';

const PIECES = ['#', '(', ')', ',', '"', "'", '\\', '\n', '/*', '*/', '##', '#if ', '#endif\n', '#define X(', '__VA_ARGS__', 'defined', '...',
  '#include ', '<', '>', '?', ':', '0x', '/0', '#elif', '#else\n', '__VA_OPT__(', '\\\n', '_Pragma(', '#line ', '__LINE__', '__COUNTER__', '$'];

describe('fuzz', () => {
  it('mutated corpus files never crash the preprocessor', () => {
    const files = caseFiles().map((f) => [f, readFileSync(join(CASES, f), 'utf8')] as const);
    let seed = 12345; // mulberry32
    const rnd = (n: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    let failed = 0;
    for (let it = 0; it < 600; it++) {
      const [name, text] = files[rnd(files.length)];
      let s = text;
      for (let m = 1 + rnd(4); m > 0; m--) {
        const p = rnd(s.length + 1);
        s = rnd(2) ? s.slice(0, p) + PIECES[rnd(PIECES.length)] + s.slice(p) : s.slice(0, p) + s.slice(p + 1 + rnd(5));
      }
      try {
        preprocess({ file: name, source: s, includeDirs: ['inc', 'inc2'], systemIncludeDirs: [], defines: [], undefs: [], cwd: CASES, assembler: name.endsWith('.S') });
      } catch (e) {
        if (!(e instanceof DiagnosticError)) throw new Error(`crash on mutated ${name}: ${String(e)}\n${JSON.stringify(s)}`);
        for (const d of e.diagnostics) expect(d.line >= 0 && d.col >= 0 && d.message.length > 0).toBe(true);
        failed++;
      }
    }
    expect(failed).toBeGreaterThan(0); // the mutations do produce errors, and those are diagnostics
  });

  it('nesting deeper than the JavaScript stack allows is a located error, not a crash', () => {
    const n = 20000;
    const run = (source: string) => () => preprocess({ file: 'deep.c', source, includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [] });
    expect(run('#define F(x) (x)\n' + 'F('.repeat(n) + '1' + ')'.repeat(n) + '\n')).toThrow(DiagnosticError);
    expect(run('#if ' + '('.repeat(n) + '1' + ')'.repeat(n) + '\n#endif\n')).toThrow(DiagnosticError);
    // Moderate nesting (far beyond real code: the kernel's __MAP nests six) works.
    const ok = preprocess({ file: 'deep.c', source: '#define F(x) (x)\n' + 'F('.repeat(300) + '1' + ')'.repeat(300) + '\n', includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [] });
    expect(ok.text).toContain('('.repeat(300) + '1' + ')'.repeat(300));
  });
});
