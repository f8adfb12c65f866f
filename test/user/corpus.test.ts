// The C corpus (test/c) and the acceptance programs, built by kwb's own toolchain: the same
// binary must give the same stdout and exit status natively (the host kernel and CPU) and under
// the emulator in user mode. This isolates the emulator: the compiler is judged elsewhere.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/kwb.js';
import { buildProgram } from '../../src/toolchain/driver.js';
import { runUserProgram } from '../../src/kernel/user/process.js';

const corpus = join(ROOT, 'test/c');
const acceptance = '/work/shared/acceptance/c';
const files = [
  ...readdirSync(corpus)
    .filter((f) => f.endsWith('.c'))
    .map((f) => join(corpus, f)),
  ...(() => {
    try {
      return readdirSync(acceptance)
        .filter((f) => f.endsWith('.c'))
        .map((f) => join(acceptance, f));
    } catch {
      return [];
    }
  })(),
];
const dir = mkdtempSync(join(tmpdir(), 'kwb-corpus-'));

function native(exe: string): { status: number; stdout: string } {
  const r = spawnSync(exe, [], { encoding: 'utf8', input: '' });
  return { status: r.signal ? 128 + constants.signals[r.signal] : (r.status ?? -1), stdout: r.stdout };
}

function emulated(exe: string): { status: number; stdout: string } {
  const out = join(dir, basename(exe) + '.out');
  const fd = openSync(out, 'w');
  const stdin = openSync('/dev/null', 'r');
  try {
    const r = runUserProgram({
      program: new Uint8Array(readFileSync(exe)),
      argv: [exe],
      envp: [],
      execfn: exe,
      maxInsns: 2e8,
      timeoutMs: 20_000,
      stdin,
      stdout: fd,
    });
    return { status: r.exit.status, stdout: readFileSync(out, 'utf8') };
  } finally {
    closeSync(fd);
    closeSync(stdin);
  }
}

describe('kwb-built programs: native vs kwb run --user-mode', () => {
  it('has a corpus to run', () => {
    expect(files.length).toBeGreaterThan(8);
  });
  for (const src of files) {
    const name = basename(src, '.c') + (src.startsWith(acceptance) ? ' (acceptance)' : '');
    it(name, async () => {
      const exe = join(dir, basename(src, '.c') + (src.startsWith(acceptance) ? '.acc' : ''));
      await buildProgram({ sources: [src], output: exe });
      const n = native(exe);
      const e = emulated(exe);
      expect(e.stdout).toBe(n.stdout);
      expect(e.status).toBe(n.status);
    });
  }
});
