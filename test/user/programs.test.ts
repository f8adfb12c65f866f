// Whole programs, native vs `kwb run --user-mode`: built by host gcc (freestanding, inline-asm
// syscalls), run on the host kernel and on the emulator; stdout and exit status must match, and a
// program killed by a signal must be reported as bash reports it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { host, kwb } from '../helpers/kwb.js';
import { GCC_FLAGS } from '../cpu/harness.js';

const SRC = join(import.meta.dirname, 'progs');
const dir = mkdtempSync(join(tmpdir(), 'kwb-user-'));
const exe = (name: string): string => join(dir, name);

beforeAll(() => {
  for (const name of ['arith', 'sort', 'process', 'int80', 'crash', 'io']) {
    const r = host('gcc', [...GCC_FLAGS, '-o', exe(name), join(SRC, `${name}.c`)]);
    if (r.status !== 0) throw new Error(`gcc ${name}.c failed:\n${r.stderr}`);
  }
});

function native(path: string, args: string[], input = ''): { status: number; stdout: string } {
  const r = spawnSync(path, args, { encoding: 'utf8', input });
  const sig = r.signal ? constants.signals[r.signal] : 0;
  return { status: r.signal ? 128 + sig : (r.status ?? -1), stdout: r.stdout };
}

function same(name: string, args: string[] = [], input = ''): { stderr: string } {
  const n = native(exe(name), args, input);
  const e = kwb(['run', '--user-mode', exe(name), ...args], { input });
  expect(e.stdout).toBe(n.stdout);
  expect(e.status).toBe(n.status);
  return { stderr: e.stderr };
}

describe('user mode matches the host', () => {
  it('integer arithmetic of every width', () => {
    same('arith', ['x']);
  });
  it('sorting, structs, recursion, switch tables, function pointers', () => {
    same('sort');
  });
  it('stack layout, auxv, brk, uname, EFAULT/ENOSYS/EBADF, isatty, kill 0, nanosleep', () => {
    same('process', ['one', 'two words', '--flag']);
  });
  it('int $0x80 reaches the i386 table with truncated pointers (-EFAULT for a stack buffer)', () => {
    const { stderr } = same('int80');
    expect(stderr).toBe('');
  });
  it('read(2) from stdin to EOF, writev(2), and their EBADF/EFAULT answers', () => {
    same('io', [], 'line one\nline two\n' + 'x'.repeat(70000));
  });
  it('a program that grows its stack by 4 MB runs as natively', () => {
    same('crash', ['g']);
  });
});

describe('signals as bash reports them', () => {
  const cases: [string, string, number][] = [
    ['s', 'Segmentation fault', 139],
    ['u', 'Illegal instruction', 132],
    ['d', 'Floating point exception', 136],
    ['b', 'Trace/breakpoint trap', 133],
    ['a', 'Aborted', 134],
    ['k', 'Segmentation fault', 139],
  ];
  for (const [arg, message, status] of cases) {
    it(`${message} (${status})`, () => {
      const { stderr } = same('crash', [arg]);
      expect(stderr).toBe(message + '\n');
      expect(native(exe('crash'), [arg]).status).toBe(status);
    });
  }

  it('--dmesg prints the lines Linux would log for a trap and a segfault', () => {
    const ud = kwb(['run', '--user-mode', '--dmesg', exe('crash'), 'u']);
    expect(ud.stderr).toMatch(/^traps: crash\[\d+\] trap invalid opcode ip:[0-9a-f]+ sp:7ff[0-9a-f]+ error:0 in crash\[400000\+[0-9a-f]+\]\nIllegal instruction\n$/);
    const sv = kwb(['run', '--user-mode', '--dmesg', exe('crash'), 's']);
    expect(sv.stderr).toMatch(/^crash\[\d+\]: segfault at 10 ip 0000000000[0-9a-f]{6} sp 00007ff[0-9a-f]+ error 6 in crash\[400000\+[0-9a-f]+\]\nSegmentation fault\n$/);
  });
});
