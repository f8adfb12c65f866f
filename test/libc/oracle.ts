// The libc oracle: build kwb's libc with the host's gcc (freestanding, our headers only), link a
// test program against it, build the same program against glibc, run both on the host kernel and
// compare what they do. This proves the libc's semantics independently of kwb's own compiler.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { host, ROOT } from '../helpers/kwb.js';

export const LIBC_SRC = join(ROOT, 'userland', 'libc');
export const INCLUDE = join(ROOT, 'userland', 'include');
export const PROGRAMS = join(ROOT, 'test', 'libc', 'programs');
// The project's acceptance programs live beside the checkout (../shared, as DESIGN.md says).
export const ACCEPTANCE = process.env.KWB_ACCEPTANCE_C ?? join(ROOT, '..', 'shared', 'acceptance', 'c');

// Freestanding: nothing from the host's headers or libraries except libgcc's helpers, and code
// that uses no SSE registers, as kwb's own compiler produces none.
const FREESTANDING = [
  '-nostdlib', '-nostdinc', '-ffreestanding', '-fno-builtin', '-fno-stack-protector', '-fcf-protection=none',
  '-mgeneral-regs-only', '-static', '-no-pie', '-O0', '-w', '-I', INCLUDE,
];

function must(r: { status: number; stdout: string; stderr: string }, what: string): void {
  if (r.status !== 0) throw new Error(`${what} failed (${r.status}):\n${r.stderr}${r.stdout}`);
}

export interface GccLibc {
  dir: string;
  crt1: string;
  libc: string;
}

/** Compiles userland/libc with gcc into crt1.o and libc.a in a fresh temporary directory. */
export function buildLibcWithGcc(): GccLibc {
  const dir = mkdtempSync(join(tmpdir(), 'kwb-libc-'));
  const objs: string[] = [];
  for (const f of readdirSync(LIBC_SRC).filter((f) => /\.(c|S)$/.test(f)).sort()) {
    const o = join(dir, f.replace(/\.(c|S)$/, '.o'));
    must(host('gcc', [...FREESTANDING, '-Wall', '-Wextra', '-Wno-unused-parameter', '-Wno-sign-compare', '-Werror', '-c', '-o', o, join(LIBC_SRC, f)]), `gcc ${f}`);
    if (f !== 'crt1.S') objs.push(o);
  }
  const libc = join(dir, 'libc.a');
  must(host('ar', ['rcs', libc, ...objs]), 'ar');
  return { dir, crt1: join(dir, 'crt1.o'), libc };
}

/** Two builds of one program, each alone in its own directory under the same file name. */
export interface Pair {
  ours: string;
  glibc: string;
}

const built = new Map<string, Pair>();

export function buildPair(lib: GccLibc, src: string): Pair {
  const key = lib.dir + '\0' + src;
  const seen = built.get(key);
  if (seen) return seen;
  const name = basename(src, '.c');
  const oursDir = join(lib.dir, 'ours-' + name);
  const refDir = join(lib.dir, 'ref-' + name);
  mkdirSync(oursDir, { recursive: true });
  mkdirSync(refDir, { recursive: true });
  const ours = join(oursDir, name);
  const glibc = join(refDir, name);
  must(host('gcc', [...FREESTANDING, '-o', ours, lib.crt1, src, lib.libc, '-lgcc']), `gcc (kwb libc) ${name}`);
  // -no-pie: the same address layout as a kwb program (static data below 4 GiB).
  must(host('gcc', ['-w', '-O0', '-no-pie', '-o', glibc, src]), `gcc (glibc) ${name}`);
  built.set(key, { ours, glibc });
  return { ours, glibc };
}

export interface Outcome {
  stdout: string;
  stderr: string;
  status: number;
}

// TZ=UTC: kwb has no time zones, so glibc's local time must be UTC too for the comparison.
const ENV = { PATH: '/usr/bin:/bin', KWB_TEST_VAR: 'from-env', LANG: 'C', LC_ALL: 'C', TZ: 'UTC' };

/** Runs with stdout and stderr on separate pipes (fully buffered stdout, as glibc decides). */
export function runPiped(prog: string, input = '', args: string[] = []): Outcome {
  const r = host(prog, args, { input, env: ENV, encoding: 'latin1', maxBuffer: 64 << 20 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** Runs with stdout and stderr both sent to one regular file, showing their interleaving. */
export function runToFile(prog: string, input = '', args: string[] = []): Outcome {
  const dir = mkdtempSync(join(tmpdir(), 'kwb-libc-run-'));
  try {
    const out = join(dir, 'out');
    const inp = join(dir, 'in');
    writeFileSync(inp, input);
    const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const r = host('sh', ['-c', `${[prog, ...args].map(q).join(' ')} <${q(inp)} >${q(out)} 2>&1; echo $?`], { env: ENV });
    return { stdout: readFileSync(out, 'latin1'), stderr: '', status: Number(r.stdout.trim()) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs on a pseudo-terminal (util-linux script), where glibc line-buffers stdout. */
export function runOnTty(prog: string, args: string[] = []): Outcome {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  // stdin stays off the terminal: a pty gives no end-of-file to a program that reads to the end.
  const r = host('script', ['-qec', [prog, ...args].map(q).join(' ') + ' </dev/null', '/dev/null'], { env: ENV, encoding: 'latin1', input: '', timeout: 20_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}
