// Differential testing against gcc: a C program compiled by kwb's compiler (then assembled and
// linked by the host gcc, i.e. GNU as + glibc) must print and exit exactly like the same program
// built by `gcc -O0`. gcc is the oracle; a missing gcc fails loudly through host().

import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DiagnosticError, renderDiagnostics, type Diagnostic } from '../../src/diag.js';
import { compile } from '../../src/toolchain/cc/compile.js';
import { host } from '../helpers/kwb.js';

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs a command asynchronously (so several gcc runs overlap on the two cores). */
export function run(cmd: string, args: string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout!.on('data', (d) => (stdout += d));
    p.stderr!.on('data', (d) => (stderr += d));
    p.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') reject(new Error(`oracle tool '${cmd}' is not installed; the tests need it`));
      else reject(e);
    });
    p.on('close', (code, signal) => resolve({ status: code ?? (signal ? 128 : -1), stdout, stderr }));
    if (input !== undefined && p.stdin) {
      p.stdin.on('error', () => {});
      p.stdin.end(input);
    }
  });
}

/** Limits how many oracle processes run at once. */
export async function pool<T, R>(items: T[], width: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
}

export const workDir = (): string => mkdtempSync(join(tmpdir(), 'kwb-cc-'));

export function checkGcc(): void {
  host('gcc', ['--version']);
}

export interface Comparison {
  name: string;
  kwb: Run;
  gcc: Run;
  /** kwb's compile diagnostics (rendered) or its failure. */
  compileError?: string;
}

/** Preprocess with gcc -E (glibc headers), compile with kwb, link with gcc, run; the same with gcc. */
export async function compareWithGcc(file: string, dir: string): Promise<Comparison> {
  const name = basename(file, '.c');
  const pre = await run('gcc', ['-E', file]);
  if (pre.status !== 0) throw new Error(`gcc -E failed on ${file}: ${pre.stderr}`);
  const asmPath = join(dir, `${name}.s`);
  const kExe = join(dir, `${name}.kwb`);
  const gExe = join(dir, `${name}.gcc`);
  let compileError: string | undefined;
  try {
    const r = compile({ file, includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [], preprocessed: pre.stdout });
    writeFileSync(asmPath, r.asm);
  } catch (e) {
    compileError = e instanceof DiagnosticError ? renderDiagnostics(e.diagnostics) : String(e);
  }
  const [kl, gl] = await Promise.all([
    compileError ? Promise.resolve({ status: 1, stdout: '', stderr: compileError }) : run('gcc', ['-no-pie', '-o', kExe, asmPath]),
    run('gcc', ['-w', '-O0', '-no-pie', '-o', gExe, file]),
  ]);
  if (gl.status !== 0) throw new Error(`gcc failed on ${file}: ${gl.stderr}`);
  if (kl.status !== 0) return { name, kwb: { status: -1, stdout: '', stderr: compileError ?? kl.stderr }, gcc: { status: 0, stdout: '', stderr: '' }, compileError: compileError ?? `link failed: ${kl.stderr}` };
  const [k, g] = await Promise.all([run(kExe, []), run(gExe, [])]);
  return { name, kwb: k, gcc: g };
}

/** Everything up to the first error, plus the notes that belong to it. */
export function upToFirstError(ds: readonly Diagnostic[]): Diagnostic[] {
  const i = ds.findIndex((d) => d.severity === 'error');
  if (i < 0) return [...ds];
  let j = i + 1;
  while (j < ds.length && ds[j]!.severity === 'note') j++;
  return ds.slice(0, j);
}

