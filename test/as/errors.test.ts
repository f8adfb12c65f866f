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
    return r.diagnostics.filter((d) => d.severity !== 'note').map(fmt);
  } catch (e) {
    // (GNU's "Info:" lines are not compared here; a test below covers them.)
    if (e instanceof DiagnosticError) return e.diagnostics.filter((d) => d.severity !== 'note').map(fmt);
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

  it('points at the macro invocation, like GNU\'s "macro invoked from here"', () => {
    const src = '\t.macro M a\n\tnop\n\tbogus \\a\n\t.endm\n\tnop\n\tM 1\n';
    const r = host('as', ['-o', join(dir, 'm.o'), '-'], { cwd: dir, input: src });
    expect(r.stderr).toContain('{standard input}:6:  Info: macro invoked from here');
    try {
      assemble(src, { file: 'bad.s' });
      expect.unreachable();
    } catch (e) {
      const ds = (e as DiagnosticError).diagnostics.map((d) => `${d.line}: ${d.severity}: ${d.message}`);
      expect(ds).toEqual(["3: error: no such instruction: `bogus 1'", '6: note: macro invoked from here']);
    }
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
