// Every diagnostic's located headline (file:line:col: severity: message) matches gcc -E's, for
// the error and warning cases below (gcc run with LC_ALL=C so quotes are plain ASCII).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiagnosticError, formatHeadline, renderDiagnostic, type Diagnostic } from '../../src/diag.js';
import { preprocess } from '../../src/toolchain/cc/preprocess.js';
import { host } from '../helpers/kwb.js';

const CASES: string[] = [
  "#define F(x) x\nF(1,\n",
  "#define F(x) x\nF(1,\n\n\n2\n",
  "#define F(a,b) a\nF(1)\n",
  "#define F(x) x\nF(1,2)\n",
  "#define F() x\nF(1)\n",
  "#error LEVEL must be defined\n",
  "#warning hi there\n",
  "#error\n",
  "#if 1/0\n#endif\n",
  "#if 1 +\n#endif\n",
  "#if (1\n#endif\n",
  "#if\n#endif\n",
  "#if 1 = 2\n#endif\n",
  "#if 1.0\n#endif\n",
  "#if x y\n#endif\n",
  "#else\n",
  "#endif\n",
  "#elif 1\n",
  "#if 1\n#else\n#else\n#endif\n",
  "#if 1\n#else\n#elif 1\n#endif\n",
  "#foo\n",
  "#inclde <stdio.h>\n",
  "#elseif 1\n",
  "#defin X\n",
  "#define a(x) #y\n",
  "#define a ## x\n",
  "#define a(x) x ##\n",
  "#define C(a,b) a##b\nC(+,/)\n",
  "#define 3 x\n",
  "#define\n",
  "#undef\n",
  "#ifdef\n#endif\n",
  "#include\n",
  "#include x\n",
  "#define F(x,x) x\n",
  "#define F(x y\n",
  "#define A 1\n#define A 2\n",
  "#if 18446744073709551616\n#endif\n",
  "#if 18446744073709551615 == -1\n#endif\n",
  "#if 'ab'\n#endif\n",
  "#include \"nope.h\"\nx\n",
  "#include <nope.h>\n",
  "#if 1\nx\n",
  "#ifdef X\n#else\n",
  "#if 0\n#elif 1\n",
  "char c = 'a;\n",
  "char *s = \"abc;\n",
  "/* unterminated\n",
  "#if defined\n#endif\n",
  "#if defined(X\n#endif\n",
  "#if (\n#endif\n",
  "#if ()\n#endif\n",
  "#if 1 )\n#endif\n",
  "#if 1 ? 2\n#endif\n",
  "#if 1 : 2\n#endif\n",
  "#if \"s\"\n#endif\n",
  "#if 1 +* 2\n#endif\n",
  "#if * 2\n#endif\n",
  "#if 08\n#endif\n",
  "#if 1xyz\n#endif\n",
  "#if 0x\n#endif\n",
  "#line x\n",
  "#line 10 foo\n",
  "#define defined 1\n",
  "#undef X Y\n",
  "#ifdef X Y\n#endif\n",
  "#if 1\n#endif X\n",
  "#if 1\n#else X\n#endif\n",
  "#include \"t.c\" x\n",
  "#define F(...) __VA_ARGS__\n#define G(x...) x\nF(1) G(2)\n",
  "#define F(x,...\n",
  "#define F(x,\n",
  "#define F(\n",
  "#define F(3)\n",
  "#define E(x) x\nE(\n#define Y 1\n)\n",
  "#if 9223372036854775807 + 1\n#endif\n",
  "#if -9223372036854775807 - 2\n#endif\n",
  "#if ''\n#endif\n",
  "#pragma once\n",
  "#include_next <x.h>\n",
  "#line 0\n",
  "#if 1 ||\n#endif\n",
  "#ident ion 1\"\n",
  "#ident\n",
  "#ident \"a\" b\n",
  "#sccs \"x\"\n",
  "#pragma push_macro(\"undef X\n",
  "#pragma pop_macro X\n",
  "#define X 1\n#pragma push_macro(\"X\")\n#undef X\n#pragma pop_macro(\"X\")\n#if X != 1\n#error lost\n#endif\n",
  "#define __LINE__ 5\n",
  "#undef __FILE__\n",
  "#define __VA_ARGS__ 1\n",
  "#define X __VA_ARGS__\n",
  "#undef defined\n",
  "#if defined X Y\n#endif\n",
  "#ifdef 3\n#endif\n",
  "#include \"\"\n",
  "#include <>\n",
  "#line 5 \"a.c\" 3\n",
  "#line 2147483648\n",
  "#if 0\n#else junk\n#endif\n",
  "#if __has_include\n#endif\n",
  "#if __has_include(\"x.h\"\n#endif\n",
  "#define F(x) #x\nF(\"unterminated)\n",
  "#define str(x) #x\nstr(\\)\n",
  "#if 1 == 1L == 1LL\n#endif\n",
  "#if 1u ? -1 : 0\n#endif\n",
  "#if 0x7fffffffffffffff * 2\n#endif\n",
  "#if 'abcde'\n#endif\n",
  "#if L'ab'\n#endif\n",
  "#if u8'a'\n#endif\n",
  "#if 1 ? 2 : (3\n#endif\n",
  "#define EMPTY\n#if EMPTY\n#endif\n",
  "#define f(x) x\n#if f(\n#endif\n",
  "#error \"quoted\" and 'apos' //comment\n",
  "#warning\n",
  "#line 10\n__LINE__\n#error at10\n",
  "#if 1\n#elif\n#endif\n",
  "#if 0\n#elif\n#endif\n",
  "#ifdef X\n#elif garbage(\n#endif\n",
  "#pragma GCC warning \"careful\"\n",
  "#pragma GCC error \"stop\"\n",
  "_Pragma(\"once\")\n",
  "_Pragma(1)\n",
  "#define P _Pragma(\"message(\\\"hi\\\")\") x\nP\n",
  "int __VA_ARGS__;\n",
  "#define F(...) __VA_ARGS__\nF(__VA_ARGS__)\n",
  "#if 0\n__VA_ARGS__\n#endif\n"
];

const dir = mkdtempSync(join(tmpdir(), 'kwb-pp-err-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ours(src: string): { headlines: string[]; threw: boolean; rendered: string[] } {
  writeFileSync(join(dir, 't.c'), src);
  try {
    const r = preprocess({ file: 't.c', includeDirs: [], systemIncludeDirs: [], nostdinc: true, defines: [], undefs: [], cwd: dir });
    return { headlines: r.diagnostics.map(formatHeadline), threw: false, rendered: r.diagnostics.map(renderDiagnostic) };
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    return { headlines: e.diagnostics.map(formatHeadline), threw: true, rendered: e.diagnostics.map(renderDiagnostic) };
  }
}

/** Every case as its own file (cNN.c), all preprocessed by one gcc run: per-file headlines, and
 *  the quoted source and caret lines under them. */
const names = CASES.map((_, i) => `c${i}.c`);
let gccHeadlines: Map<string, string[]> | null = null;
let gccQuoted: Map<string, string[]> | null = null;
function gccFor(i: number): { headlines: string[]; quoted: string[]; failed: boolean } {
  if (gccHeadlines === null || gccQuoted === null) {
    CASES.forEach((src, k) => writeFileSync(join(dir, names[k]), src.replaceAll('"t.c"', `"${names[k]}"`)));
    const g = host('gcc', ['-E', '-undef', '-nostdinc', ...names], { cwd: dir, env: { ...process.env, LC_ALL: 'C' } });
    gccHeadlines = new Map(names.map((n) => [n, []]));
    gccQuoted = new Map(names.map((n) => [n, []]));
    let cur: string[] | undefined;
    for (const line of g.stderr.split('\n')) {
      const m = /^(c\d+\.c):/.exec(line);
      if (m) {
        gccHeadlines.get(m[1])?.push(line);
        cur = gccQuoted.get(m[1]);
      } else if (/^ *(\d+ )?\| /.test(line)) cur?.push(line);
      else cur = undefined;
    }
  }
  const headlines = gccHeadlines.get(names[i]) ?? [];
  return { headlines, quoted: gccQuoted.get(names[i]) ?? [], failed: headlines.some((l) => / (fatal )?error: /.test(l)) };
}

function oursFor(i: number): { headlines: string[]; quoted: string[]; threw: boolean } {
  const file = names[i];
  const src = CASES[i].replaceAll('"t.c"', `"${file}"`);
  writeFileSync(join(dir, file), src);
  const quoted = (ds: Diagnostic[]) => ds.flatMap((d) => renderDiagnostic(d).split('\n').filter((l) => /^ *(\d+ )?\| /.test(l)));
  try {
    const r = preprocess({ file, includeDirs: [], systemIncludeDirs: [], nostdinc: true, defines: [], undefs: [], cwd: dir });
    return { headlines: r.diagnostics.map(formatHeadline), quoted: quoted(r.diagnostics), threw: false };
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    return { headlines: e.diagnostics.map(formatHeadline), quoted: quoted(e.diagnostics), threw: true };
  }
}

/**
 * Cases whose quoted lines differ from gcc's for reasons outside the ranges checked here: gcc does
 * not quote a line again for a second diagnostic at the same spot (the compiler's quoteOnce does
 * that, -E does not), nor a line past the end of the file after #line; _Pragma("once") is
 * underlined by gcc over 4 columns of the 7 of `_Pragma`.
 */
const QUOTE_EXCEPTIONS = new Set(['#if __has_include\n#endif\n', '#include "t.c" x\n', '#line 10\n__LINE__\n#error at10\n', '_Pragma("once")\n']);

describe('diagnostics match gcc', () => {
  CASES.forEach((src, i) => {
    it(JSON.stringify(src), () => {
      const g = gccFor(i);
      const o = oursFor(i);
      expect(o.headlines.join('\n')).toBe(g.headlines.join('\n'));
      // gcc -E fails exactly when there is an error; we throw exactly then.
      expect(o.threw).toBe(g.failed);
      // The quoted line and the caret with its range (`#else` → ^~~~), or the empty caret line
      // of a location without a column, as gcc prints them.
      if (!QUOTE_EXCEPTIONS.has(src)) expect(o.quoted.join('\n')).toBe(g.quoted.join('\n'));
    });
  });
});

function gcc(src: string): { headlines: string[]; status: number } {
  writeFileSync(join(dir, 't.c'), src);
  const g = host('gcc', ['-E', '-undef', '-nostdinc', 't.c'], { cwd: dir, env: { ...process.env, LC_ALL: 'C' } });
  const headlines = g.stderr.split('\n').filter((l) => /^(t\.c|cc1):/.test(l));
  return { headlines, status: g.status };
}

describe('rendering', () => {
  it('quotes the line and underlines a missing header like gcc', () => {
    const src = '#include "nope.h"\nx\n';
    const o = ours(src);
    writeFileSync(join(dir, 't.c'), src);
    const g = host('gcc', ['-E', '-nostdinc', 't.c'], { cwd: dir, env: { ...process.env, LC_ALL: 'C' } });
    expect(o.rendered.join('\n') + '\ncompilation terminated.').toBe(g.stderr.trimEnd());
  });

  it('prints #error with its text, quoted line and caret', () => {
    const o = ours('#ifndef LEVEL\n#error LEVEL must be defined\n#endif\n');
    expect(o.threw).toBe(true);
    const g = host('gcc', ['-E', '-nostdinc', 't.c'], { cwd: dir, env: { ...process.env, LC_ALL: 'C' } });
    expect(o.rendered[0]).toBe(g.stderr.trimEnd());
    expect(o.rendered[0]).toBe('t.c:2:2: error: #error LEVEL must be defined\n    2 | #error LEVEL must be defined\n      |  ^~~~~');
  });

  it('reports #warning as a warning and still produces output', () => {
    writeFileSync(join(dir, 't.c'), '#warning careful\nint x;\n');
    const r = preprocess({ file: 't.c', includeDirs: [], systemIncludeDirs: [], nostdinc: true, defines: [], undefs: [], cwd: dir });
    expect(r.diagnostics.map(formatHeadline)).toEqual(['t.c:1:2: warning: #warning careful [-Wcpp]']);
    expect(r.text).toContain('int x;');
  });

  it('names the include chain of a problem in a header, once per inclusion, as gcc does', () => {
    writeFileSync(join(dir, 'inner.h'), 'int a;\n#warning careful\n#warning again\n#error stop\n');
    writeFileSync(join(dir, 'outer.h'), '#include "inner.h"\n');
    const o = ours('int y;\n#include "outer.h"\nint x;\n');
    const g = host('gcc', ['-E', '-nostdinc', 't.c'], { cwd: dir, env: { ...process.env, LC_ALL: 'C' } });
    expect(o.rendered.join('\n')).toBe(g.stderr.trimEnd());
    expect(o.rendered[0]!.split('\n').slice(0, 2)).toEqual(['In file included from outer.h:1,', '                 from t.c:2:']);
  });

  it('counts tab stops in columns as gcc does', () => {
    const src = '#define F(x) x\n\tint a = F(1,\n';
    expect(ours(src).headlines).toEqual(gcc(src).headlines);
  });
});
