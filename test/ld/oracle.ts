// Helpers for the linker's oracle tests: build objects with the host's GNU toolchain, link with
// ours (in-process) and with GNU ld, run the results natively.
import { mkdtempSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { host, type RunResult } from '../helpers/kwb.js';
import { link, type LinkOptions } from '../../src/toolchain/ld/link.js';

export const CFLAGS = ['-c', '-O0', '-fno-pie', '-ffreestanding', '-fno-stack-protector', '-fcf-protection=none', '-mgeneral-regs-only', '-fno-asynchronous-unwind-tables'];

export function tmp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `kwb-${prefix}-`));
}

/** Compiles (`.c`) or assembles (`.s`) each named source into dir/NAME.o with gcc / GNU as. */
export function build(dir: string, sources: Record<string, string>, extra: string[] = []): string[] {
  const out: string[] = [];
  for (const [name, text] of Object.entries(sources)) {
    const src = join(dir, name);
    writeFileSync(src, text);
    const obj = join(dir, name.replace(/\.[cs]$/, '.o'));
    const r = name.endsWith('.c') ? host('gcc', [...CFLAGS, ...extra, '-o', obj, src]) : host('as', ['-o', obj, src]);
    if (r.status !== 0) throw new Error(`building ${name} failed:\n${r.stderr}`);
    out.push(obj);
  }
  return out;
}

/** Links with our linker; names inputs by base name (as a user's command line would). */
export function ourLink(dir: string, objs: string[], out: string, opts: LinkOptions = {}): string {
  const inputs = objs.map((p) => ({ name: p.slice(dir.length + 1), data: new Uint8Array(readFileSync(p)) }));
  const r = link(inputs, opts);
  const path = join(dir, out);
  writeFileSync(path, r.output);
  chmodSync(path, 0o755);
  return path;
}

export function gnuLink(dir: string, objs: string[], out: string, args: string[] = ['-static']): RunResult & { path: string } {
  const r = host('ld', [...args, '-o', out, ...objs.map((p) => p.slice(dir.length + 1))], { cwd: dir });
  return { ...r, path: join(dir, out) };
}

/** GNU ld's stderr minus its notes about executable stacks (our objects come from hand-written .s files). */
export function gnuErrors(stderr: string): string {
  return stderr
    .split('\n')
    .filter((l) => l && !/GNU-stack|NOTE: This behaviour|requires executable stack/.test(l))
    .join('\n');
}

export function run(path: string): RunResult {
  return host(path, []);
}
