// Unit tests of the compiler's pieces: type names as gcc prints them, locations mapped back
// through linemarkers and #include, tab-aware columns, the real preprocess → compile pipeline,
// warnings gcc gives by default, and the instruction forms documented in docs/isa.md.

import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosticError, renderDiagnostics, type Diagnostic } from '../../src/diag.js';
import { compile, type CompileOptions } from '../../src/toolchain/cc/compile.js';
import { tokenize } from '../../src/toolchain/cc/tokenize.js';
import { arrayOf, funcType, pointerTo, qualified, ty_char, ty_int, ty_long, ty_uint, ty_ulong, ty_void, typeName } from '../../src/toolchain/cc/types.js';
import { host, ROOT } from '../helpers/kwb.js';

const base = (o: Partial<CompileOptions> & { file: string }): CompileOptions => ({ includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [], ...o });

function errorsOf(o: CompileOptions): Diagnostic[] {
  try {
    compile(o);
  } catch (e) {
    if (e instanceof DiagnosticError) return e.diagnostics;
    throw e;
  }
  throw new Error('expected a DiagnosticError');
}

describe('type names', () => {
  it('prints types the way gcc does', () => {
    expect(typeName(pointerTo(ty_int))).toBe('int *');
    expect(typeName(pointerTo(qualified(ty_char, true, false)))).toBe('const char *');
    expect(typeName(ty_ulong)).toBe('long unsigned int');
    expect(typeName(ty_uint)).toBe('unsigned int');
    expect(typeName(arrayOf(ty_char, 4))).toBe('char[4]');
    expect(typeName(pointerTo(arrayOf(ty_char, 4)))).toBe('char (*)[4]');
    const f = funcType(ty_int);
    f.params = [{ name: 'x', ty: ty_int, tok: null }];
    expect(typeName(pointerTo(f))).toBe('int (*)(int)');
    expect(typeName(f)).toBe('int(int)');
    const g = funcType(ty_long);
    expect(typeName(g)).toBe('long int(void)');
    expect(typeName(pointerTo(pointerTo(ty_void)))).toBe('void **');
  });
});

describe('locations', () => {
  it('maps tokens back through linemarkers', () => {
    const text = '# 1 "a.c"\nint x;\n# 10 "inc/b.h" 1\n  int y;\n# 3 "a.c" 2\nint z;\n';
    const toks = tokenize(text, { mainFile: 'a.c', mainSource: 'int x;\n\nint z;\n' });
    const where = (name: string) => {
      const t = toks.find((k) => k.text === name)!;
      return `${t.file.name}:${t.line}:${t.col + 1}`;
    };
    expect(where('x')).toBe('a.c:1:5');
    expect(where('y')).toBe('inc/b.h:10:7');
    expect(where('z')).toBe('a.c:3:5');
  });

  it('counts display columns with tabs expanded to 8', () => {
    const ds = errorsOf(base({ file: 't.c', source: 'int f(void)\n{\n\treturn x;\n}\n' }));
    const e = ds.find((d) => d.severity === 'error')!;
    expect(e.line).toBe(3);
    expect(e.col).toBe(16);
    expect(e.context).toBe("In function 'f':");
  });

  it('reports an error inside an #included header at the header line (real preprocessor)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kwb-cc-unit-'));
    mkdirSync(join(dir, 'include'));
    writeFileSync(join(dir, 'include', 'bad.h'), '/* a header */\nstatic inline int f(void)\n{\n\treturn missing;\n}\n');
    writeFileSync(join(dir, 'main.c'), '#include "bad.h"\nint main(void) { return f(); }\n');
    const ds = errorsOf(base({ file: 'main.c', cwd: dir, includeDirs: ['include'] }));
    const e = ds.find((d) => d.severity === 'error')!;
    expect(e.file).toBe('include/bad.h');
    expect(e.line).toBe(4);
    expect(e.col).toBe(16);
    expect(e.message).toBe("'missing' undeclared (first use in this function)");
    expect(e.sourceLine).toBe('\treturn missing;');
  });
});

describe('asm operands gcc cannot satisfy', () => {
  it('an "i" operand that is not constant: gcc -S\'s warning and error, at the asm', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kwb-cc-unit-'));
    writeFileSync(join(dir, 'ic.c'), 'int f(int x)\n{\n\tasm volatile("# %0" :: "i"(x + 1));\n\treturn 0;\n}\n');
    const g = host('gcc', ['-S', '-o', '/dev/null', 'ic.c'], { cwd: dir, env: { ...process.env, LC_ALL: 'C' } });
    expect(g.status).not.toBe(0);
    expect(renderDiagnostics(errorsOf(base({ file: 'ic.c', cwd: dir })))).toBe(g.stderr.trimEnd());
  });
});

describe('the kernel case from the lab', () => {
  it("gives gcc's error for a missing ';' in a SYSCALL_DEFINE body", () => {
    const dir = mkdtempSync(join(tmpdir(), 'kwb-cc-unit-'));
    mkdirSync(join(dir, 'newsys'));
    writeFileSync(
      join(dir, 'newsys', 'nsys.c'),
      '#define SYSCALL_DEFINE0(n) long sys_##n(void)\nint printk(const char *fmt, ...);\nSYSCALL_DEFINE0(nsys)\n{\n\tprintk("nsys called\\n")\n\treturn 0;\n}\n',
    );
    const ds = errorsOf(base({ file: 'newsys/nsys.c', cwd: dir, kernel: true }));
    const text = renderDiagnostics(ds);
    expect(text).toBe(
      [
        "newsys/nsys.c: In function 'sys_nsys':",
        "newsys/nsys.c:5:32: error: expected ';' before 'return'",
        '    5 |         printk("nsys called\\n")',
        '      |                                ^',
        '      |                                ;',
        '    6 |         return 0;',
        '      |         ~~~~~~                  ',
      ].join('\n'),
    );
  });
});

describe('warnings gcc gives by default', () => {
  const warn = (src: string) => compile(base({ file: 'w.c', source: src })).diagnostics.filter((d) => d.severity === 'warning');
  it('implicit declarations', () => {
    const [w] = warn('int f(void) { return g(1); }\n');
    expect(w!.message).toBe("implicit declaration of function 'g'");
    expect(w!.tag).toBe('[-Wimplicit-function-declaration]');
  });
  it('incompatible pointers and int/pointer conversions', () => {
    const ws = warn('int f(char *c) { int *p = c; long l = p; p = 5; return 0; }\n');
    expect(ws.map((w) => w.message)).toEqual([
      "initialization of 'int *' from incompatible pointer type 'char *'",
      "initialization of 'long int' from 'int *' makes integer from pointer without a cast",
      "assignment to 'int *' from 'int' makes pointer from integer without a cast",
    ]);
  });
  it("'return' with no value", () => {
    const ds = compile(base({ file: 'w.c', source: 'int f(void) { return; }\n' })).diagnostics;
    expect(ds[0]!.message).toBe("'return' with no value, in function returning non-void");
    expect(ds[1]!.severity).toBe('note');
  });
});

describe('leftovers of preprocessing', () => {
  it('ignores _Pragma operators and #pragma lines', () => {
    const text = '# 1 "p.c"\n#pragma GCC visibility push(default)\n_Pragma("GCC diagnostic push") int main(void) { return 3; }\n';
    const r = compile(base({ file: 'p.c', source: 'int main(void) { return 3; }\n', preprocessed: text }));
    expect(r.asm).toContain('main:');
    expect(r.diagnostics).toEqual([]);
  });
});

describe('docs/isa.md', () => {
  it('lists every mnemonic the code generator emitted for the corpus', () => {
    const isa = readFileSync(join(ROOT, 'docs', 'isa.md'), 'utf8');
    const documented = new Set([...isa.matchAll(/`([a-z]+)`/g)].map((m) => m[1]!));
    const dir = join(ROOT, 'test', 'c');
    const seen = new Set<string>();
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.c')).slice(0, 80)) {
      const src = readFileSync(join(dir, f), 'utf8').replace(/^#.*$/gm, '');
      let asm = '';
      try {
        asm = compile(base({ file: f, source: src, preprocessed: src })).asm;
      } catch {
        continue; // needs its headers; the corpus test covers it
      }
      let inAsm = false;
      for (const line of asm.split('\n')) {
        if (line === '#APP') inAsm = true;
        else if (line === '#NO_APP') inAsm = false;
        else if (!inAsm && line.startsWith('\t') && !line.startsWith('\t.')) seen.add(line.trim().split(/\s+/)[0]!);
      }
    }
    expect(seen.size).toBeGreaterThan(20);
    const undocumented = [...seen].filter((m) => !documented.has(m) && !(m === 'rep'));
    expect(undocumented).toEqual([]);
  });
});
