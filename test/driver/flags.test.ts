// `kwb cc`'s command line: every flag case and every error message, with gcc (LANG=C) as the
// oracle for the wording — our messages are gcc's with "kwb cc" in place of "gcc".
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, existsSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { host, kwb, ROOT } from '../helpers/kwb.js';
import { parseCcArgs, DriverError } from '../../src/toolchain/driver.js';

let dir: string;
const C_ENV = { ...process.env, LANG: 'C', LC_ALL: 'C' };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kwb-driver-'));
  writeFileSync(join(dir, 't.c'), 'int main(void) { return 0; }\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cc = (args: string[]) => kwb(['cc', ...args], { cwd: dir, env: C_ENV });
const gcc = (args: string[]) => host('gcc', args, { cwd: dir, env: C_ENV });

describe('errors worded as gcc words them', () => {
  const cases: [string, string[]][] = [
    ['no arguments', []],
    ['an unknown option', ['-foo', 't.c']],
    ['an unknown long option', ['--foo', 't.c']],
    ['-o without a file', ['-o']],
    ['-I without a path', ['-I']],
    ['-D without a name', ['-D']],
    ['-U without a name', ['-U']],
    ['-x without a language', ['-x']],
    ['-x with an unknown language', ['-x', 'pascal', 't.c']],
    ['-o with -c and two sources', ['-c', '-o', 'x.o', 't.c', 't.c']],
    ['-o with -S and two sources', ['-S', '-o', 'x.s', 't.c', 't.c']],
    ['-o with -E and two sources', ['-E', '-o', 'x.i', 't.c', 't.c']],
    ['a missing C file', ['nofile.c']],
    ['a missing C file after a good one', ['t.c', 'nofile.c']],
    ['a missing .S file', ['-c', 'nofile.S']],
    ['a missing C file with -E', ['-E', 'nofile.c']],
    ['only -x c', ['-xc']],
  ];
  for (const [what, args] of cases) {
    it(what, () => {
      const ours = cc(args);
      const ref = gcc(args);
      // gcc prints "language pascal not recognized" once per input; once is enough for us.
      const refLines = [...new Set(ref.stderr.split('\n'))].join('\n');
      expect(ours.stderr).toBe(refLines.replace(/^gcc: /gm, 'kwb cc: '));
      expect(ours.status).toBe(ref.status);
      expect(ours.status).toBe(1);
    });
  }

  it('-m32 is refused plainly (gcc would try and fail at link time)', () => {
    const r = cc(['-m32', 't.c']);
    expect(r.stderr).toBe('kwb cc: error: only x86-64 programs are built (-m32 is not supported)\n');
    expect(r.status).toBe(1);
  });

  it('options for the linker, assembler or preprocessor (-Wl, -Wa, -Wp) are refused, not dropped', () => {
    const r = cc(['-Wl,-e,start', 't.c']);
    expect(r.stderr).toBe('kwb cc: error: passing options through to the linker (-Wl,-e,start) is not supported\n');
    expect(r.status).toBe(1);
  });

  it('-shared and -pie are refused plainly', () => {
    expect(cc(['-shared', 't.c']).stderr).toMatch(/^kwb cc: error: only static executables are built/);
    expect(cc(['-pie', 't.c']).status).toBe(1);
  });

  it('a missing object file is the linker\'s complaint', () => {
    const r = cc(['t.c', 'nofile.o']);
    expect(r.stderr).toBe('ld: cannot find nofile.o: No such file or directory\ncollect2: error: ld returned 1 exit status\n');
    expect(r.status).toBe(1);
  });

  it('a missing .s file is the assembler\'s complaint', () => {
    const r = cc(['-c', 'nofile.s']);
    expect(r.stderr).toBe(gcc(['-c', 'nofile.s']).stderr);
    expect(r.status).toBe(1);
  });

  it('an object given with -c is unused, as gcc warns', () => {
    writeFileSync(join(dir, 'dummy.o'), '');
    const r = cc(['-c', 't.c', 'dummy.o']);
    expect(r.stderr).toBe(gcc(['-c', 't.c', 'dummy.o']).stderr.replace(/^gcc: /gm, 'kwb cc: '));
    expect(r.status).toBe(0);
  });
});

describe('flags that are accepted', () => {
  it('ignores optimisation, debug, warning and dialect flags', () => {
    const r = cc(['-O2', '-Os', '-g', '-g3', '-ggdb', '-Wall', '-Wextra', '-Werror', '-w', '-static', '-no-pie', '-pthread', '-std=c99', '-std=gnu11', '-fno-common', '-fno-builtin', '-m64', '-ffreestanding', '-pipe', '-march=x86-64', '-mtune=generic', '-fPIC', '-fstack-protector-strong', '-fomit-frame-pointer', '-o', 'ok', 't.c']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(statSync(join(dir, 'ok')).mode & 0o777).toBe(0o755);
  });

  it('parses -I, -D and -U joined and separate, -x and the stop flags', () => {
    const inv = parseCcArgs(['-Iinc', '-I', 'inc2', '-DA', '-DB=2', '-D', 'C=', '-UD', '-U', 'E', '-c', 'x.c', '-x', 'c', 'y.txt', '-x', 'none', 'z.o', '-isystem', 'sys']);
    expect(inv.includeDirs).toEqual(['inc', 'inc2']);
    expect(inv.systemIncludeDirs).toEqual(['sys']);
    expect(inv.defines).toEqual([['A', '1'], ['B', '2'], ['C', '']]);
    expect(inv.undefs).toEqual(['D', 'E']);
    expect(inv.stopAfter).toBe('assemble');
    expect(inv.inputs).toEqual([
      { path: 'x.c', language: 'c' },
      { path: 'y.txt', language: 'c' },
      { path: 'z.o', language: 'object' },
    ]);
  });

  it('-E wins over -S, -S over -c, whatever their order', () => {
    expect(parseCcArgs(['-E', '-c', 'a.c']).stopAfter).toBe('preprocess');
    expect(parseCcArgs(['-c', '-S', 'a.c']).stopAfter).toBe('compile');
    expect(parseCcArgs(['a.c']).stopAfter).toBe('link');
  });

  it('reports several bad options at once', () => {
    try {
      parseCcArgs(['-foo', '-bar', 'a.c']);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DriverError);
      expect((e as Error).message).toBe("kwb cc: error: unrecognized command-line option '-foo'\nkwb cc: error: unrecognized command-line option '-bar'");
    }
  });

  it('--help and --version', () => {
    expect(cc(['--help']).stdout).toMatch(/^Usage: kwb cc/);
    expect(cc(['--version']).stdout).toMatch(/^kwb cc \(kernel-workbench\)/);
  });
});

describe('outputs named as gcc names them', () => {
  it('-c writes NAME.o in the current directory; -S writes NAME.s; -E prints', () => {
    writeFileSync(join(dir, 'm.c'), '#define TWICE(x) ((x) * 2)\nint f(int v) { return TWICE(v); }\n');
    expect(cc(['-c', 'm.c']).status).toBe(0);
    expect(existsSync(join(dir, 'm.o'))).toBe(true);
    expect(host('readelf', ['-h', join(dir, 'm.o')]).stdout).toMatch(/REL \(Relocatable file\)/);
    expect(cc(['-S', 'm.c']).status).toBe(0);
    expect(readFileSync(join(dir, 'm.s'), 'utf8')).toMatch(/\bf:/);
    // GNU as accepts our assembly.
    expect(host('as', ['-o', join(dir, 'm-gnu.o'), join(dir, 'm.s')]).status).toBe(0);
    const e = cc(['-E', 'm.c']);
    expect(e.status).toBe(0);
    expect(e.stdout).toMatch(/^# 1 "m.c"/);
    expect(e.stdout).toContain('int f(int v) { return ((v) * 2); }');
    expect(cc(['-E', '-o', 'm.i', 'm.c']).status).toBe(0);
    expect(readFileSync(join(dir, 'm.i'), 'utf8')).toBe(e.stdout);
  });

  it('-o names the object for -c, and the default executable is a.out', () => {
    expect(cc(['-c', '-o', 'other.o', 't.c']).status).toBe(0);
    expect(existsSync(join(dir, 'other.o'))).toBe(true);
    expect(cc(['t.c']).status).toBe(0);
    expect(host(join(dir, 'a.out'), []).status).toBe(0);
  });

  it('-D, -U and -I reach the preprocessor', () => {
    writeFileSync(join(dir, 'inc.h'), '#define FROM_HEADER 7\n');
    writeFileSync(join(dir, 'defs.c'), '#include <stdio.h>\n#include "inc.h"\nint main(void) {\n#ifdef GONE\n  return 1;\n#endif\n  printf("%d %d %s\\n", FLAG, FROM_HEADER, NAME);\n  return 0;\n}\n');
    const sub = join(dir, 'sub');
    host('mkdir', ['-p', sub]);
    host('mv', [join(dir, 'inc.h'), join(sub, 'inc.h')]);
    const r = cc(['-DFLAG', '-D', 'NAME="hi"', '-DGONE', '-UGONE', '-I', 'sub', '-o', 'defs', 'defs.c']);
    expect(r.stderr).toBe('');
    expect(host(join(dir, 'defs'), []).stdout).toBe('1 7 hi\n');
  });
});

describe('make dependencies, byte for byte as gcc writes them', () => {
  const cases = [
    ['-M', 't.c'],
    ['-MM', 't.c'],
    ['-MD', '-MP', '-c', '-o', 'out.o', 't.c'],
    ['-MMD', '-MT', 'tgt', '-MF', 'x.dep', '-c', 't.c'],
    ['-M', '-MT', 'a b', '-MQ', 'c d$', 't.c'],
    ['-MD', '-c', 't.c'],
  ];
  for (const args of cases) {
    it(args.join(' '), () => {
      const d = mkdtempSync(join(tmpdir(), 'kwb-deps-'));
      try {
        host('mkdir', ['-p', join(d, 'inc')]);
        writeFileSync(join(d, 't.c'), '#include <stdio.h>\n#include "inc/a.h"\n#include "b.h"\nint main(void) { return 0; }\n');
        writeFileSync(join(d, 'inc', 'a.h'), '#include "../b.h"\n');
        writeFileSync(join(d, 'b.h'), '\n');
        // Both compilers read the same headers: kwb's, named by the same path.
        const sys = ['-nostdinc', '-isystem', join(ROOT, 'userland', 'include')];
        const collect = (r: { stdout: string }) => {
          let text = r.stdout;
          for (const f of ['out.d', 'x.dep', 't.d']) {
            if (existsSync(join(d, f))) {
              text += `[${f}]` + readFileSync(join(d, f), 'utf8');
              rmSync(join(d, f));
            }
          }
          return text;
        };
        const ref = collect(host('gcc', [...sys, ...args], { cwd: d, env: C_ENV }));
        const ours = collect(kwb(['cc', ...sys, ...args], { cwd: d, env: C_ENV }));
        expect(ours).toBe(ref);
        expect(ref).toContain('inc/../b.h');
      } finally {
        rmSync(d, { recursive: true, force: true });
      }
    });
  }
});

describe('failures', () => {
  it('a syntax error: gcc-style location, exit 1, no output file', () => {
    writeFileSync(join(dir, 'bad.c'), 'int main(void)\n{\n\tint x = 1\n\treturn x;\n}\n');
    const r = cc(['-o', 'bad', 'bad.c']);
    expect(r.stderr).toBe(gcc(['-o', 'bad-gcc', 'bad.c']).stderr);
    expect(r.status).toBe(1);
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });

  it('an undefined function: ld\'s message and collect2\'s line, exit 1', () => {
    writeFileSync(join(dir, 'undef.c'), 'int missing(void);\nint main(void) { return missing(); }\n');
    const r = cc(['-o', 'undef', 'undef.c']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("undefined reference to `missing'");
    expect(r.stderr).toMatch(/collect2: error: ld returned 1 exit status\n$/);
  });

  it('warnings as gcc prints them; -w silences them; -Werror makes them errors', () => {
    writeFileSync(join(dir, 'warn.c'), 'int main(void)\n{\n\tfoo();\n\treturn 0;\n}\nint foo(void) { return 1; }\n');
    const plain = cc(['-c', '-o', 'warn.o', 'warn.c']);
    expect(plain.stderr).toBe(gcc(['-c', '-o', 'warn-gcc.o', 'warn.c']).stderr);
    expect(plain.status).toBe(0);
    const quiet = cc(['-w', '-c', '-o', 'warn.o', 'warn.c']);
    expect(quiet.stderr).toBe('');
    expect(quiet.status).toBe(0);
    rmSync(join(dir, 'warn.o'));
    const strict = cc(['-Werror', '-c', '-o', 'warn.o', 'warn.c']);
    const ref = gcc(['-Werror', '-c', '-o', 'warn-gcc.o', 'warn.c']);
    expect(strict.stderr).toBe(ref.stderr);
    expect(strict.status).toBe(ref.status);
    expect(existsSync(join(dir, 'warn.o'))).toBe(false);
  });

  it('a missing #include is a fatal error followed by "compilation terminated."', () => {
    writeFileSync(join(dir, 'noinc.c'), '#include "nowhere.h"\nint main(void) { return 0; }\n');
    const r = cc(['-c', 'noinc.c']);
    const ref = gcc(['-c', 'noinc.c']);
    expect(r.stderr).toBe(ref.stderr);
    expect(r.status).toBe(1);
  });
});
