// User-mode gaps the libc work found, each against the host: files opened for writing and the
// rest of the file system calls (paths are the host's, as under qemu-user), SA_SIGINFO handlers,
// fork/execve said plainly, and --trace-insn into a pipe that fills up. Programs are built by
// `kwb cc` (they run natively as well).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kwb } from '../helpers/kwb.js';

const SRC = join(import.meta.dirname, 'progs');
const dir = mkdtempSync(join(tmpdir(), 'kwb-user-files-'));
const exe = (name: string): string => join(dir, name);
const BIN = resolve(import.meta.dirname, '../../bin/kwb.mjs');

beforeAll(() => {
  for (const name of ['files', 'siginfo', 'forknote']) {
    const r = kwb(['cc', '-o', exe(name), join(SRC, `${name}.c`)]);
    if (r.status !== 0) throw new Error(`kwb cc ${name}.c failed:\n${r.stderr}`);
  }
});

/** Runs natively and emulated, each in its own fresh empty directory. */
function both(name: string): { native: { status: number | null; stdout: string }; emu: { status: number | null; stdout: string; stderr: string }; dirs: string[] } {
  const n = join(dir, `${name}-native`);
  const e = join(dir, `${name}-emu`);
  mkdirSync(n);
  mkdirSync(e);
  const nat = spawnSync(exe(name), [], { cwd: n, encoding: 'utf8' });
  const emu = kwb(['run', '--user-mode', exe(name)], { cwd: e });
  return { native: { status: nat.status, stdout: nat.stdout }, emu, dirs: [n, e] };
}

describe('user-mode file system calls match the host', () => {
  it('fopen for writing and appending, open flags/mode, lseek, stat, dup/dup2, fcntl, getcwd/chdir, mkdir/rmdir/rename/unlink/access, pipe', () => {
    const { native, emu, dirs } = both('files');
    expect(native.status).toBe(0);
    expect(emu.stdout).toBe(native.stdout);
    expect(emu.status).toBe(0);
    expect(emu.stdout).toContain('fopen w: ok');
    // Both runs cleaned up after themselves in their own directories.
    for (const d of dirs) expect(readdirSync(d)).toEqual([]);
  });
});

describe('signals with SA_SIGINFO', () => {
  it('a SIGSEGV handler gets si_signo, si_code SEGV_MAPERR and si_addr, a kill handler si_pid, both a ucontext', () => {
    const { native, emu } = both('siginfo');
    expect(native.stdout).toContain('addr 0x1234 uc 1');
    expect(emu.stdout).toBe(native.stdout);
    expect(emu.status).toBe(native.status);
  });
});

describe('fork and execve in user mode', () => {
  it('fail with ENOSYS and one plain note on stderr', () => {
    const r = kwb(['run', '--user-mode', exe('forknote')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('fork -1 errno 38, again -1, execve -1 errno 38\n');
    expect(r.stderr).toBe(
      'kwb run --user-mode: fork is not supported in user mode; use kwb run (booted kernel)\n' +
        'kwb run --user-mode: execve is not supported in user mode; use kwb run (booted kernel)\n',
    );
  });
});

describe('--trace-insn into a pipe', () => {
  it('waits for a slow reader instead of failing with EAGAIN', () => {
    // The trace (thousands of lines, far more than a pipe holds) goes to a reader that starts
    // late; the pipe is left non-blocking by node's own stdio handling.
    const r = spawnSync('bash', ['-c', `node ${BIN} run --user-mode --trace-insn ${exe('files')} 2>&1 >/dev/null | (sleep 1; wc -l)`], {
      cwd: mkdtempSync(join(dir, 'trace-')),
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(Number(r.stdout.trim())).toBeGreaterThan(20000);
  });
});
