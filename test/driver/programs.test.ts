// Programs built by `kwb cc` (our compiler, assembler, linker and libc, end to end) run natively
// on this x86-64 host exactly as the same programs built by gcc against glibc, and GNU binutils
// accept what we produced (columns 1–2 of the acceptance toolchain oracle).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { host, kwb, ROOT } from '../helpers/kwb.js';
import { ACCEPTANCE, PROGRAMS, runPiped, runToFile, type Outcome } from '../libc/oracle.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kwb-cc-programs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectSame(ours: Outcome, ref: Outcome): void {
  const a = ours.stdout.split('\n');
  const b = ref.stdout.split('\n');
  const diffs: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && diffs.length < 6; i++) {
    if (a[i] !== b[i]) diffs.push(`line ${i + 1}: kwb ${JSON.stringify(a[i])} gcc ${JSON.stringify(b[i])}`);
  }
  expect(diffs).toEqual([]);
  expect(ours.stderr).toBe(ref.stderr);
  expect(ours.status).toBe(ref.status);
}

// Both builds get the same file name (assert messages and argv[0] show it) in separate directories.
function build(src: string): { ours: string; ref: string } {
  const name = basename(src, '.c');
  mkdirSync(join(dir, 'kwb'), { recursive: true });
  mkdirSync(join(dir, 'gcc'), { recursive: true });
  const ours = join(dir, 'kwb', name);
  const ref = join(dir, 'gcc', name);
  const r = kwb(['cc', '-o', ours, src]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  // -no-pie: gcc's default PIE puts static data above 4 GiB, which int80.c can tell apart.
  expect(host('gcc', ['-w', '-O0', '-no-pie', '-o', ref, src]).status).toBe(0);
  return { ours, ref };
}

const STDIN = 'first line\nsecond line, longer than the thirty-two byte buffer\nno newline at end';
const programs = [
  ...readdirSync(ACCEPTANCE).filter((f) => f.endsWith('.c')).sort().map((f) => join(ACCEPTANCE, f)),
  ...readdirSync(PROGRAMS).filter((f) => f.endsWith('.c')).sort().map((f) => join(PROGRAMS, f)),
];

describe('kwb cc builds programs that behave as gcc-built ones', () => {
  for (const src of programs) {
    const name = basename(src);
    it(name, () => {
      const p = build(src);
      const input = name === 'stdio_mix.c' || name === 'lines.c' ? STDIN : name === 'scanf.c' ? '10 20\n-30\n  40 x5 tail\n' : '';
      expectSame(runPiped(p.ours, input), runPiped(p.ref, input));
      // Big outputs that never touch stderr: a second run into a file would only repeat the first.
      if (name !== 'printf_table.c' && name !== 'malloc_stress.c') expectSame(runToFile(p.ours, input), runToFile(p.ref, input));

      expect(host('file', [p.ours]).stdout).toMatch(/ELF 64-bit LSB executable, x86-64/);
      const re = host('readelf', ['-h', '-S', '-s', p.ours]);
      expect(re.stderr).toBe('');
      expect(re.status).toBe(0);
      expect(re.stdout).toMatch(/Entry point address:\s+0x40/);
      const od = host('objdump', ['-d', p.ours]);
      expect(od.status).toBe(0);
      expect(od.stdout).not.toContain('(bad)');
    });
  }
});

describe('other inputs', () => {
  it('objects from kwb cc -c link with GNU ld against dist/userland and run', () => {
    const src = join(ACCEPTANCE, 'structs.c');
    const obj = join(dir, 'structs-c.o');
    expect(kwb(['cc', '-c', '-o', obj, src]).status).toBe(0);
    const exe = join(dir, 'structs-gnu-ld');
    const ud = join(ROOT, 'dist', 'userland');
    const l = host('ld', ['-static', '-o', exe, join(ud, 'crt1.o'), obj, join(ud, 'libc.a')]);
    expect(l.stderr).toBe('');
    expect(host(exe, []).stdout).toBe(host(build(src).ref, []).stdout);
  });

  it('.S (preprocessed) and .s inputs, and -nostdlib with a hand-written _start', () => {
    const S = join(dir, 'start.S');
    writeFileSync(
      S,
      `#define SYS_exit_group 231
	.globl _start
_start:
	movl $SYS_exit_group, %eax
	movl $EXIT_CODE, %edi
	syscall
`,
    );
    const exe = join(dir, 'nostd');
    const r = kwb(['cc', '-nostdlib', '-DEXIT_CODE=42', '-o', exe, S]);
    expect(r.stderr).toBe('');
    expect(host(exe, []).status).toBe(42);
    const s = join(dir, 'plain.s');
    writeFileSync(s, '\t.globl _start\n_start:\n\tmovl $231, %eax\n\tmovl $7, %edi\n\tsyscall\n');
    expect(kwb(['cc', '-nostdlib', '-o', exe, s]).status).toBe(0);
    expect(host(exe, []).status).toBe(7);
  });

  it('a program split over two C files and an object', () => {
    const a = join(dir, 'two-a.c');
    const b = join(dir, 'two-b.c');
    const c = join(dir, 'two-c.c');
    writeFileSync(a, '#include <stdio.h>\nint twice(int);\nint thrice(int);\nint main(void) { printf("%d %d\\n", twice(21), thrice(3)); return 0; }\n');
    writeFileSync(b, 'int twice(int x) { return 2 * x; }\n');
    writeFileSync(c, 'int thrice(int x) { return 3 * x; }\n');
    expect(kwb(['cc', '-c', '-o', join(dir, 'two-c.o'), c]).status).toBe(0);
    const exe = join(dir, 'two');
    const r = kwb(['cc', '-o', exe, a, b, join(dir, 'two-c.o')]);
    expect(r.stderr).toBe('');
    expect(host(exe, []).stdout).toBe('42 9\n');
  });
});

describe('dist/userland, built by our own toolchain', () => {
  it('libc.a is an archive GNU ar and nm read, with the symbols programs need', () => {
    const lib = join(ROOT, 'dist', 'userland', 'libc.a');
    const t = host('ar', ['t', lib]);
    expect(t.status).toBe(0);
    expect(t.stdout.split('\n')).toEqual(expect.arrayContaining(['printf.o', 'malloc.o', 'start.o', 'syscall.o']));
    const nm = host('nm', ['--defined-only', lib]);
    expect(nm.stderr).toBe('');
    for (const sym of ['__libc_start_main', 'printf', 'malloc', 'syscall', 'exit', 'errno', 'strerror']) {
      expect(nm.stdout).toMatch(new RegExp(` [TDBC] ${sym}$`, 'm'));
    }
    const crt = host('nm', [join(ROOT, 'dist', 'userland', 'crt1.o')]);
    expect(crt.stdout).toMatch(/ T _start$/m);
    expect(crt.stdout).toMatch(/ U __libc_start_main$/m);
  });
});

describe('the libc headers', () => {
  it('every header compiles with kwb cc, and the constants agree with glibc\'s', () => {
    const p = build(join(ROOT, 'test', 'driver', 'headers.c'));
    expectSame(runPiped(p.ours), runPiped(p.ref));
  });

  it('floating-point directives are copied as written and take no argument (documented in userland/README.md)', () => {
    const src = join(dir, 'float.c');
    writeFileSync(src, '#include <stdio.h>\nint main(void) { printf("[%f] [%.2e] [%-8g] [%A] %d\\n", 42); return 0; }\n');
    const exe = join(dir, 'float');
    expect(kwb(['cc', '-o', exe, src]).status).toBe(0);
    expect(host(exe, []).stdout).toBe('[%f] [%.2e] [%-8g] [%A] 42\n');
  });
});
