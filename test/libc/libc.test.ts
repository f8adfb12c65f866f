// kwb's libc against glibc, with the host kernel as the oracle: each program is built twice by
// gcc (once freestanding against userland/libc and userland/include, once normally against
// glibc) and both builds must print the same bytes and exit with the same status — with stdout
// on a pipe, in a file (stderr interleaved) and on a terminal (where stdout is line-buffered).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ACCEPTANCE, buildLibcWithGcc, buildPair, PROGRAMS, runOnTty, runPiped, runToFile, type GccLibc, type Outcome } from './oracle.js';

let lib: GccLibc;
beforeAll(() => {
  lib = buildLibcWithGcc();
});
afterAll(() => {
  if (lib) rmSync(lib.dir, { recursive: true, force: true });
});

// Shows the first differing lines instead of two multi-megabyte strings.
function expectSame(ours: Outcome, ref: Outcome): void {
  const a = ours.stdout.split('\n');
  const b = ref.stdout.split('\n');
  const diffs: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && diffs.length < 6; i++) {
    if (a[i] !== b[i]) diffs.push(`line ${i + 1}: kwb ${JSON.stringify(a[i])} glibc ${JSON.stringify(b[i])}`);
  }
  expect(diffs).toEqual([]);
  expect(ours.stderr).toBe(ref.stderr);
  expect(ours.status).toBe(ref.status);
}

const STDIN = 'first line\nsecond line, longer than the thirty-two byte buffer\nno newline at end';
const SCANF_IN = '10 20\n-30\n  40 x5 tail\n';
const inputFor = (name: string) => (name === 'stdio_mix.c' || name === 'lines.c' ? STDIN : name === 'scanf.c' ? SCANF_IN : '');

// Big outputs that never touch stderr: a second run into a file would only repeat the first.
const PIPE_ONLY = new Set(['printf_table.c', 'malloc_stress.c']);

const own = readdirSync(PROGRAMS).filter((f) => f.endsWith('.c')).sort();
const acceptance = readdirSync(ACCEPTANCE).filter((f) => f.endsWith('.c')).sort();

describe('libc built by gcc behaves as glibc', () => {
  for (const [dir, names] of [[PROGRAMS, own], [ACCEPTANCE, acceptance]] as const) {
    for (const name of names) {
      it(`${name}: stdout on a pipe, and stdout+stderr in a file`, () => {
        const p = buildPair(lib, join(dir, name));
        expectSame(runPiped(p.ours, inputFor(name)), runPiped(p.glibc, inputFor(name)));
        if (!PIPE_ONLY.has(name)) expectSame(runToFile(p.ours, inputFor(name)), runToFile(p.glibc, inputFor(name)));
      });
    }
  }

  for (const name of ['stdio_mix.c', 'printf_misc.c', 'assert_fail.c', 'process.c']) {
    it(`${name}: on a terminal`, () => {
      const p = buildPair(lib, join(PROGRAMS, name));
      expectSame(runOnTty(p.ours), runOnTty(p.glibc));
    });
  }

  it('printf_table covers the whole matrix (sanity of the test itself)', () => {
    const p = buildPair(lib, join(PROGRAMS, 'printf_table.c'));
    const out = runPiped(p.ours).stdout;
    expect(out.split('\n').length).toBeGreaterThan(100_000);
    expect(out).toContain('%- #0+22.*llo|');
  });
});
