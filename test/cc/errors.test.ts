// The bad-input corpus: each test/cc-errors/NAME.c must stop with a DiagnosticError (never a JS
// exception or an internal error) whose rendering, up to and including the first error and its
// notes, is exactly test/cc-errors/NAME.expected. The first error is also checked against gcc 12
// itself (headline, quoted line, caret column) unless it is one of kwb's "does not support" errors.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticError, formatHeadline, renderDiagnostic, renderDiagnostics, type Diagnostic } from '../../src/diag.js';
import { compile } from '../../src/toolchain/cc/compile.js';
import { ROOT } from '../helpers/kwb.js';
import { checkGcc, pool, run, upToFirstError } from './oracle.js';

const dir = join(ROOT, 'test', 'cc-errors');
const files = readdirSync(dir).filter((f) => f.endsWith('.c')).sort();

interface Outcome {
  rendered: string;
  first: Diagnostic | null;
  all: Diagnostic[];
  crash: string | null;
  gcc: { headline: string; source: string | null; caret: number | null; context: string | null; chain: string[]; fixit: string | null; block: string[] };
}

const outcomes = new Map<string, Outcome>();

async function examine(f: string): Promise<Outcome> {
  const ppd = await run('sh', ['-c', `cd '${dir}' && gcc -E '${f}'`]);
  let rendered = '';
  let first: Diagnostic | null = null;
  let all: Diagnostic[] = [];
  let crash: string | null = null;
  try {
    compile({ file: f, cwd: dir, includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [], preprocessed: ppd.stdout });
    crash = 'compiled without an error';
  } catch (e) {
    if (!(e instanceof DiagnosticError)) crash = `not a DiagnosticError: ${String(e)}`;
    else {
      const ds = upToFirstError(e.diagnostics);
      all = ds;
      rendered = renderDiagnostics(ds);
      first = ds.find((d) => d.severity === 'error') ?? null;
      if (rendered.includes('internal compiler error')) crash = rendered;
    }
  }
  const g = await run('sh', ['-c', `cd '${dir}' && LANG=C LC_ALL=C gcc -fsyntax-only '${f}'`]);
  const lines = g.stderr.split('\n');
  const at = lines.findIndex((l) => / error: /.test(l));
  const gcc = {
    headline: at >= 0 ? lines[at]! : '(gcc reports no error)',
    source: null as string | null,
    caret: null as number | null,
    context: null as string | null,
    chain: [] as string[],
    fixit: null as string | null,
    /** Everything gcc prints under the headline: quoted lines, caret and '~' rows, fix-it, "......". */
    block: [] as string[],
  };
  // The "In function 'f':" / "At top level:" line, when gcc printed one right before.
  let top = at;
  if (at > 0 && /: (In function '.*'|At top level):$/.test(lines[at - 1]!)) {
    gcc.context = lines[at - 1]!.replace(/^.*?: /, '');
    top = at - 1;
  }
  // The include chain above it: "In file included from b.h:1," / "                 from t.c:3:".
  while (top > 0 && /^(In file included from | {17}from )/.test(lines[top - 1]!)) gcc.chain.unshift(lines[--top]!);
  if (at >= 0 && /^\s*\d+ \| /.test(lines[at + 1] ?? '')) {
    gcc.source = lines[at + 1]!.replace(/^\s*\d+ \| /, '');
    const caretLine = (lines[at + 2] ?? '').replace(/^\s*\| /, '');
    gcc.caret = caretLine.indexOf('^') + 1;
    // gcc 12's fix-it: a line under the caret holding only the text to insert or substitute.
    const fix = /^\s*\| +(\S+)$/.exec(lines[at + 3] ?? '');
    if (fix && !/[~^]/.test(fix[1]!)) gcc.fixit = fix[1]!;
    for (let k = at + 1; k < lines.length && /^( *(\d+ )?\| |\.{6}$)/.test(lines[k]!); k++) gcc.block.push(lines[k]!);
  }
  return { rendered, first, all, crash, gcc };
}

describe('bad C input: located gcc-style diagnostics', () => {
  beforeAll(async () => {
    checkGcc();
    const rs = await pool(files, 4, examine);
    files.forEach((f, i) => outcomes.set(f, rs[i]!));
  }, 120_000);

  it('has at least 40 cases', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  for (const f of files) {
    it(f, () => {
      const o = outcomes.get(f)!;
      expect(o.crash).toBeNull();
      const expected = readFileSync(join(dir, f.replace(/\.c$/, '.expected')), 'utf8');
      expect(o.rendered + '\n').toBe(expected);
      expect(o.rendered).not.toMatch(/\n\s+at |Error:/);
      const first = o.first!;
      if (!first.message.startsWith('kwb does not support')) {
        expect(formatHeadline(first)).toBe(o.gcc.headline);
        // Only the first diagnostic's context is comparable (gcc may have printed warnings before).
        if (o.gcc.context !== null && first === o.all[0]) expect(first.context).toBe(o.gcc.context);
        if (first === o.all[0]) {
          const chain = renderDiagnostic({ ...first, context: undefined, sourceLine: undefined }).split('\n').slice(0, -1);
          expect(chain).toEqual(o.gcc.chain);
        }
        if (o.gcc.source !== null) {
          expect(first.sourceLine !== undefined ? first.sourceLine.replace(/\t/g, '        ').trimEnd() : '').toBe(o.gcc.source.trimEnd());
          expect(first.col).toBe(o.gcc.caret);
          expect(first.fixit ?? null).toBe(o.gcc.fixit);
          // The whole picture, with gcc's secondary ranges: `(1 + 2;` → `~     ^`, the next
          // token's line under an "expected ';' before" error, `*x` → `^~`.
          if (first === o.all[0]) expect(renderDiagnostic(first).split('\n').slice(1 + o.gcc.chain.length + (first.context ? 1 : 0))).toEqual(o.gcc.block);
        }
      }
    });
  }
});
