// Malformed sources: our located errors must be GNU as's (same line, same words), never a crash.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiagnosticError } from '../../src/diag.js';
import { assemble } from '../../src/toolchain/as/assemble.js';
import { host } from '../helpers/kwb.js';
import { BAD_INPUTS } from './bad-inputs.js';

const dir = mkdtempSync(join(tmpdir(), 'kwb-as-err-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** GNU's messages for `src` as `file:line: Error: message` lines (Assembler messages header dropped). */
function gnuMessages(src: string): string[] {
  const f = join(dir, 'bad.s');
  writeFileSync(f, src);
  const r = host('as', ['-o', join(dir, 'bad.o'), f], { cwd: dir });
  return r.stderr
    .split('\n')
    .filter((l) => /(Error|Warning): /.test(l))
    .map((l) => l.split(f).join('bad.s'));
}

function ourMessages(src: string): string[] {
  try {
    const r = assemble(src, { file: 'bad.s' });
    return r.diagnostics.map(fmt);
  } catch (e) {
    if (e instanceof DiagnosticError) return e.diagnostics.map(fmt);
    throw e;
  }
}

function fmt(d: { file: string; line: number; severity: string; message: string }): string {
  return `${d.file}${d.line ? `:${d.line}` : ''}: ${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.message}`;
}

describe('errors are worded and located as GNU as reports them', () => {
  it(`has at least 15 malformed inputs`, () => expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(15));
  it('says plainly when an instruction is real x86 but outside the integer subset', () => {
    expect(ourMessages('\tmovaps %xmm0, (%rsp)\n')).toEqual([
      "bad.s:1: Error: `movaps %xmm0,(%rsp)' uses `%xmm0': SSE, AVX and x87 instructions are outside kwb as's integer x86-64 subset",
    ]);
  });

  it('never lets a JavaScript exception escape', () => {
    for (const src of BAD_INPUTS) expect(() => ourMessages(src + '\n')).not.toThrow();
  });
  for (const src of BAD_INPUTS) {
    it(JSON.stringify(src), () => {
      const gnu = gnuMessages(src + '\n');
      expect(gnu.length).toBeGreaterThan(0);
      expect(ourMessages(src + '\n')).toEqual(gnu);
    });
  }
});
