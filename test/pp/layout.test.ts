// The shape of the output the compiler depends on: linemarkers that map every output line back to
// its file and line, lines without macros copied with their columns, gcc's include flags, the
// dependency list kbuild records, and the options. (Speed: bench/cc.ts.)
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as diag from '../../src/diag.js';
import { preprocess, type PreprocessOptions } from '../../src/toolchain/cc/preprocess.js';
import { host } from '../helpers/kwb.js';
import { CASES, caseFiles } from './oracle.js';

function pp(file: string, extra: Partial<PreprocessOptions> = {}) {
  return preprocess({ file, includeDirs: ['inc', 'inc2'], systemIncludeDirs: [], defines: [], undefs: [], cwd: CASES, ...extra });
}

interface MappedLine {
  file: string;
  line: number;
  text: string;
}

/** Follows the linemarkers as the compiler does: each output line gets its presumed file:line. */
function mapLines(text: string): MappedLine[] {
  const out: MappedLine[] = [];
  let file = '';
  let line = 1;
  for (const l of text.split('\n')) {
    const m = /^# (\d+) "((?:[^"\\]|\\.)*)"/.exec(l);
    if (m) {
      line = Number(m[1]);
      file = m[2];
      continue;
    }
    out.push({ file, line, text: l });
    line++;
  }
  return out;
}

/** Source text with comments blanked to spaces of the same width (what our output keeps). */
function firstToken(s: string): { col: number; text: string } | null {
  const m = /^([ \t]*)([A-Za-z_]\w*|\S)/.exec(s);
  return m ? { col: m[1].length, text: m[2] } : null;
}

describe('linemarkers', () => {
  it('start like gcc 4.9 and mark includes with flags 1 and 2', () => {
    const r = pp('include.c');
    const lines = r.text.split('\n');
    expect(lines.slice(0, 4)).toEqual(['# 1 "include.c"', '# 1 "<built-in>"', '# 1 "<command-line>"', '# 1 "include.c"']);
    expect(lines).toContain('# 1 "inc/guard.h" 1');
    expect(lines).toContain('# 3 "include.c" 2');
    expect(lines).toContain('# 1 "inc2/next.h" 1');
    expect(lines).toContain('# 3 "inc/next.h" 2');
  });

  it('flag system headers with 3 4', () => {
    const r = pp('include.c', { includeDirs: ['inc2'], systemIncludeDirs: ['inc'] });
    expect(r.text.split('\n')).toContain('# 1 "inc/guard.h" 1 3 4');
    expect(r.text.split('\n')).toContain('# 3 "include.c" 2');
  });

  it('use a linemarker instead of more than 8 blank lines, like gcc', () => {
    const src = 'a\n#if 0\n\n\n\n\n\n\n\n\n\n#endif\nb\n';
    const ours = preprocess({ file: 'gap.c', source: src, includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [] });
    expect(ours.text.split('\n').slice(4)).toEqual(['a', '# 13 "gap.c"', 'b', '']);
  });

  it('map every output line of every case to a source line holding the same first token, at the same column', () => {
    const cases = caseFiles();
    let checked = 0;
    for (const c of cases) {
      const r = pp(c, { assembler: c.endsWith('.S') });
      const files = new Map<string, string[]>();
      for (const m of mapLines(r.text)) {
        if (m.text.trim() === '' || m.file.startsWith('<') || m.file.endsWith('.c') === false && !m.file.endsWith('.h') && !m.file.endsWith('.S')) continue;
        let src = files.get(m.file);
        if (!src && !existsSync(join(CASES, m.file))) continue; // a name given by #line
        if (!src) {
          src = readFileSync(join(CASES, m.file), 'utf8').split('\n');
          files.set(m.file, src);
        }
        const s = src[m.line - 1];
        if (s === undefined) continue; // #line / linemarkers naming other files
        const o = firstToken(m.text);
        const f = firstToken(s.replace(/\/\*.*?\*\//g, (x) => ' '.repeat(x.length)));
        if (!o || !f || o.text !== f.text) continue; // the line starts with a macro invocation
        if (o.text === '#') continue; // gas comment lines; gcc indents `# 42` so it is no linemarker
        expect({ where: `${c} -> ${m.file}:${m.line}`, col: o.col }).toEqual({ where: `${c} -> ${m.file}:${m.line}`, col: f.col });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(90);
  });

  it('keep a line without macros byte for byte (tabs, spacing), comments becoming spaces', () => {
    const src = '#define M 1\n\tint  a =\t2; /* c */ int b;\n  x\t= M  + 3;\n';
    const r = preprocess({ file: 'lay.c', source: src, includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [] });
    const lines = r.text.split('\n');
    expect(lines).toContain('\tint  a =\t2;         int b;');
    // After a shorter expansion the rest of the line returns to its own columns.
    expect(lines).toContain('  x\t= 1  + 3;');
  });

  it('put the tokens after a multi-line invocation back on their own line', () => {
    const src = '#define F(a, b) a + b\nint x = F(1,\n          2); int y;\nint z;\n';
    const r = preprocess({ file: 'ml.c', source: src, includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [] });
    const mapped = mapLines(r.text).filter((m) => m.text.trim() !== '');
    expect(mapped.map((m) => [m.line, m.text.trim()])).toEqual([
      [2, 'int x = 1 + 2'],
      [3, '; int y;'],
      [4, 'int z;'],
    ]);
  });
});

describe('deps', () => {
  it('lists the main file then each file read once, named as gcc -M names them', () => {
    const r = pp('include.c');
    const g = host('gcc', ['-M', '-nostdinc', '-Iinc', '-Iinc2', 'include.c'], { cwd: CASES });
    const gccDeps = g.stdout.replace(/\\\n/g, ' ').split(/\s+/).filter((x) => x && !x.endsWith(':'));
    expect(r.deps).toEqual([...new Set(gccDeps)]);
  });
});

describe('options', () => {
  const opts = { includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [] };
  const run = (source: string, extra: Partial<PreprocessOptions> = {}) =>
    preprocess({ file: 'o.c', source, ...opts, ...extra }).text.split('\n').filter((l) => l && !l.startsWith('#')).join(' ');

  it('applies -D (value, none, empty, function-like) then -U', () => {
    const text = run('A B C F(2) D', { defines: [['A', '7'], ['B'], ['C', ''], ['F(x)', 'x*x'], ['D', '1']], undefs: ['D'] });
    expect(text.split(/\s+/)).toEqual(['7', '1', '2*2', 'D']);
  });

  it('predefines __KERNEL__, __ASSEMBLER__ and __STDC_HOSTED__ by option', () => {
    expect(run('__KERNEL__ __ASSEMBLER__ __STDC_HOSTED__')).toBe('__KERNEL__ __ASSEMBLER__ 1');
    expect(run('__KERNEL__', { kernel: true, defines: [['__KERNEL__']] })).toBe('1');
    expect(run('__ASSEMBLER__', { assembler: true })).toBe('1');
    expect(run('__STDC_HOSTED__', { freestanding: true })).toBe('0');
  });

  it('gives __DATE__ and __TIME__ in gcc formats, from SOURCE_DATE_EPOCH when set', () => {
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = '0';
    try {
      const text = run('__DATE__ __TIME__');
      const d = new Date(0);
      const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
      const p = (n: number) => String(n).padStart(2, '0');
      expect(text).toBe(`"${months[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${d.getFullYear()}" "${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}"`);
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  });

  it('-P leaves linemarkers out', () => {
    const r = preprocess({ file: 'p.c', source: 'a\n\n\nb\n', ...opts, noLinemarkers: true });
    expect(r.text.includes('#')).toBe(false);
    expect(r.text.trim().split(/\s+/)).toEqual(['a', 'b']);
  });
});

describe('-include (forceIncludes)', () => {
  it('reads the file before the first line, names it as gcc does, and keeps the main numbering', () => {
    const source = 'int a = IS_ENABLED(CONFIG_FOO), b = IS_ENABLED(CONFIG_BAR), c = IS_BUILTIN(CONFIG_BAR);\n#if IS_ENABLED(CONFIG_FOO) && !IS_BUILTIN(CONFIG_BAR)\nint line = __LINE__;\n#endif\n';
    const r = preprocess({ file: 'k.c', source, includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [], cwd: CASES, forceIncludes: ['include/linux/kconfig.h'] });
    const lines = r.text.split('\n');
    expect(lines.slice(0, 6)).toEqual(['# 1 "k.c"', '# 1 "<built-in>"', '# 1 "<command-line>"', '# 1 "./include/linux/kconfig.h" 1', '# 1 "<command-line>" 2', '# 1 "k.c"']);
    expect(r.text.split('# 1 "k.c"\n')[2].replace(/\s+/g, ' ').trim()).toBe('int a = (1 || 0) , b = (0 || 1) , c = 0 ; int line = 3 ;');
    expect(r.deps).toEqual(['k.c', './include/linux/kconfig.h']);
  });

  it('searches the include path when the file is not in the working directory', () => {
    const r = preprocess({ file: 'k.c', source: 'IS_ENABLED(CONFIG_FOO)\n', includeDirs: ['include'], systemIncludeDirs: [], defines: [], undefs: [], cwd: CASES, forceIncludes: ['linux/kconfig.h'] });
    expect(r.deps).toEqual(['k.c', 'include/linux/kconfig.h']);
  });
});

describe('assembly pass-through lines', () => {
  it('indent a `#` line exactly when gcc does (after a macro expansion)', () => {
    const r = pp('hashlines.S', { assembler: true });
    const g = host('gcc', ['-E', '-undef', '-nostdinc', '-x', 'assembler-with-cpp', 'hashlines.S'], { cwd: CASES });
    const body = (t: string) => t.split('\n').filter((l) => l.trim() !== '' && !/^# \d+ "(<|hashlines)/.test(l) && !l.includes('stdc-predef')).map((l) => l.replace(/^[ \t]+/, ' ')); // we keep tabs
    expect(body(r.text)).toEqual(body(g.stdout));
  });
});

describe('-std and -Wundef', () => {
  const probe = '__STDC_VERSION__ __STRICT_ANSI__ linux unix __GNUC_GNU_INLINE__ __GNUC_STDC_INLINE__\n';
  for (const std of ['gnu89', 'c89', 'gnu99', 'c99', 'gnu11', 'c11', 'gnu17', 'c17']) {
    it(`-std=${std} predefines what gcc does`, () => {
      const g = host('gcc', [`-std=${std}`, '-E', '-P', '-x', 'c', '-'], { input: probe });
      const r = preprocess({ file: 's.c', source: probe, includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [], std, noLinemarkers: true });
      expect(r.text.trim().split(/\s+/)).toEqual(g.stdout.trim().split(/\s+/));
    });
  }

  it('rejects an unknown -std like gcc', () => {
    expect(() => preprocess({ file: 's.c', source: '', includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [], std: 'c2049' })).toThrow(
      "unrecognized command-line option '-std=c2049'",
    );
  });

  it('-Wundef warns where gcc does (not in unevaluated operands, not for defined())', () => {
    const src = '#if FOO\n#endif\n#if defined(BAR) || BAZ + 1\n#endif\n#ifdef QUX\n#endif\n#if 0 && NOPE\n#endif\n';
    const g = host('gcc', ['-E', '-Wundef', '-x', 'c', '-', '-o', '/dev/null'], { input: src, env: { ...process.env, LC_ALL: 'C' } });
    const r = preprocess({ file: '<stdin>', source: src, includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [], warnUndef: true });
    const { formatHeadline } = diag;
    expect(r.diagnostics.map(formatHeadline)).toEqual(g.stderr.split('\n').filter((l) => l.includes('warning:')));
  });
});

describe('-D/-U problems', () => {
  const cases: { defines: [string, string?][]; undefs: string[] }[] = [
    { defines: [['3', 'x']], undefs: [] },
    { defines: [['A', '1'], ['A', '2']], undefs: ['4'] },
    { defines: [['F(x', '1']], undefs: [] },
    { defines: [['X', '"unterminated']], undefs: [] },
    { defines: [['__STDC__', '2']], undefs: [] },
  ];
  for (const c of cases) {
    it(`are reported as gcc reports them: ${JSON.stringify(c)}`, () => {
      const args = ['-E', '-nostdinc', ...c.defines.map(([n, v]) => (v === undefined ? `-D${n}` : `-D${n}=${v}`)), ...c.undefs.map((u) => `-U${u}`), '-x', 'c', '-', '-o', '/dev/null'];
      const g = host('gcc', args, { input: 'A X\n', env: { ...process.env, LC_ALL: 'C' } });
      let heads: string[];
      try {
        heads = preprocess({ file: 'x.c', source: 'A X\n', includeDirs: [], systemIncludeDirs: [], defines: c.defines, undefs: c.undefs }).diagnostics.map(diag.formatHeadline);
      } catch (e) {
        heads = (e as diag.DiagnosticError).diagnostics.map(diag.formatHeadline);
      }
      expect(heads).toEqual(g.stderr.split('\n').filter((l) => /^<(command-line|built-in)>/.test(l)));
    });
  }
});

describe('headers cached between runs', () => {
  it('are re-read when they change, and their problems are reported every time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kwb-pp-cache-'));
    try {
      const run = () => preprocess({ file: 'm.c', source: '#include "h.h"\nV\n', includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [], cwd: dir, noLinemarkers: true });
      writeFileSync(join(dir, 'h.h'), '#define V 1\n');
      expect(run().text.trim()).toBe('1');
      writeFileSync(join(dir, 'h.h'), '#define V 22\n');
      expect(run().text.trim()).toBe('22');
      // Same size, new time stamp.
      writeFileSync(join(dir, 'h.h'), '#define V 33\n');
      utimesSync(join(dir, 'h.h'), new Date(2001, 1, 1), new Date(2001, 1, 1));
      expect(run().text.trim()).toBe('33');
      writeFileSync(join(dir, 'h.h'), '#define V 4 /* unterminated\n');
      for (let i = 0; i < 2; i++) {
        expect(run).toThrow(diag.DiagnosticError);
        try {
          run();
        } catch (e) {
          expect((e as diag.DiagnosticError).diagnostics.map(diag.formatHeadline)).toEqual(['h.h:1:13: error: unterminated comment']);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('include directories listed once between runs', () => {
  it('finds a header created, and misses one removed or renamed, since the last run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kwb-pp-dirs-'));
    try {
      mkdirSync(join(dir, 'inc'));
      mkdirSync(join(dir, 'inc2'));
      // Listings are kept only for directories not changed in the last seconds: after each change
      // date them back (each time to another moment, as a real change would be) so that the
      // listings are kept and used by the runs that follow.
      let stamp = Date.UTC(2020, 0, 1) / 1000;
      const changed = () => {
        for (const d of ['inc', 'inc2']) utimesSync(join(dir, d), stamp, stamp);
        stamp += 60;
      };
      const once = () => preprocess({ file: 'm.c', source: '#include <h.h>\nV\n', includeDirs: ['inc', 'inc2'], systemIncludeDirs: [], defines: [], undefs: [], cwd: dir, noLinemarkers: true }).text.trim();
      const run = () => {
        changed();
        const a = once();
        expect(once()).toBe(a); // the second run uses the listings the first one made
        return a;
      };
      expect(run).toThrow(/h\.h: No such file or directory/);
      writeFileSync(join(dir, 'inc2', 'h.h'), '#define V 2\n');
      expect(run()).toBe('2');
      // Found earlier in the search path now: the first directory changed.
      writeFileSync(join(dir, 'inc', 'h.h'), '#define V 1\n');
      expect(run()).toBe('1');
      renameSync(join(dir, 'inc', 'h.h'), join(dir, 'inc', 'g.h'));
      expect(run()).toBe('2');
      rmSync(join(dir, 'inc2', 'h.h'));
      expect(run).toThrow(/h\.h: No such file or directory/);
      // A directory of that name is not a header.
      mkdirSync(join(dir, 'inc', 'h.h'));
      expect(run).toThrow(/h\.h: No such file or directory/);
      // A symbolic link to a header is one.
      rmSync(join(dir, 'inc', 'h.h'), { recursive: true });
      symlinkSync(join(dir, 'inc', 'g.h'), join(dir, 'inc', 'h.h'));
      expect(run()).toBe('1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('assembly spacing', () => {
  it('does not pad after a shorter expansion (gas would read `15*8   (%rsp)` differently)', () => {
    const src = '#define ORIG_RAX 15*8\n\tmovq ORIG_RAX(%rsp), %rax\n\tfoo ORIG_RAX,1\n';
    const r = preprocess({ file: 'o.S', source: src, includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [], assembler: true });
    const lines = r.text.split('\n');
    expect(lines).toContain('\tmovq 15*8(%rsp), %rax');
    expect(lines).toContain('\tfoo 15*8,1');
  });
});
