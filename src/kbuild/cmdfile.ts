// The .cmd files kbuild leaves beside every target (dir/.name.cmd), in the format scripts/basic/
// fixdep writes them:
//
//   cmd_kernel/sys.o := gcc -Wp,-MD,kernel/.sys.o.d  ... -c -o kernel/sys.o kernel/sys.c
//
//   source_kernel/sys.o := kernel/sys.c
//
//   deps_kernel/sys.o := \
//       $(wildcard include/config/x86/64.h) \
//     include/linux/kernel.h \
//       $(wildcard include/config/printk.h) \
//
//   kernel/sys.o: $(deps_kernel/sys.o)
//
//   $(deps_kernel/sys.o):
//
// A target is up to date when it exists, its recorded command equals the one kbuild would run now
// (so a changed flag or object list rebuilds it), and no file it depends on is newer
// (if_changed_dep in scripts/Kbuild.include). CONFIG_ symbols a file mentions become dependencies on
// include/config/<sym>.h, which kconfig touches when that symbol changes.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { writeOutput } from './output.js';
import { symbolDepFile } from './kconfig/dotconfig.js';

export interface CmdFile {
  cmd: string;
  deps: string[]; // plain file dependencies (must exist)
  wildcards: string[]; // $(wildcard ...) dependencies (count only when present)
}

export function cmdFilePath(target: string): string {
  // Targets are workspace-relative and normalized; anything else goes through path.join.
  if (target.startsWith('/') || target.startsWith('./') || target.includes('/./') || target.includes('..') || target.includes('//') || target.endsWith('/')) {
    return join(dirname(target), `.${basename(target)}.cmd`);
  }
  const slash = target.lastIndexOf('/');
  return slash < 0 ? `.${target}.cmd` : `${target.slice(0, slash)}/.${target.slice(slash + 1)}.cmd`;
}

export function readCmdFile(root: string, target: string): CmdFile | undefined {
  let text: string;
  try {
    text = readFileSync(join(root, cmdFilePath(target)), 'utf8');
  } catch {
    return undefined;
  }
  return parseCmdFile(text, target);
}

/** The command and dependencies a .cmd file's text records for `target`. */
export function parseCmdFile(text: string, target: string): CmdFile | undefined {
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  const prefix = `cmd_${target} := `;
  if (!first.startsWith(prefix)) return undefined;
  const cmd = first.slice(prefix.length);
  const deps: string[] = [];
  const wildcards: string[] = [];
  const depsAt = text.indexOf(`deps_${target} := \\\n`);
  if (depsAt >= 0) {
    const body = text.slice(depsAt).split('\n').slice(1);
    for (const raw of body) {
      const line = raw.trim();
      if (line === '') break;
      const item = line.endsWith('\\') ? line.slice(0, -1).trim() : line;
      const w = /^\$\(wildcard (.*)\)$/.exec(item);
      if (w) wildcards.push(w[1]!);
      else if (item) deps.push(item);
      if (!line.endsWith('\\')) break;
    }
  }
  return { cmd, deps, wildcards };
}

/** Text of a .cmd file for a target with no dependency list (built-in.o, lib.a, vmlinux). */
export function formatCmdOnly(target: string, cmd: string): string {
  return `cmd_${target} := ${cmd}\n`;
}

/**
 * fixdep's output: the source first with its CONFIG_ dependencies, then each other file read with
 * the CONFIG_ symbols it mentions that no earlier file did. autoconf.h and kconfig.h are left out:
 * the per-symbol files stand in for them.
 */
export function formatCmdWithDeps(root: string, target: string, cmd: string, deps: string[], scan: ConfigScanner): string {
  let out = `cmd_${target} := ${cmd}\n\n`;
  const seen = new Set<string>();
  let first = true;
  for (const d of deps) {
    if (d.endsWith('include/generated/autoconf.h') || d.endsWith('include/linux/kconfig.h')) continue;
    if (first) {
      out += `source_${target} := ${d}\n\ndeps_${target} := \\\n`;
      first = false;
    } else out += `  ${d} \\\n`;
    for (const sym of scan.symbols(root, d)) {
      if (seen.has(sym)) continue;
      seen.add(sym);
      out += `    $(wildcard ${symbolDepFile(sym)}) \\\n`;
    }
  }
  if (first) out += `deps_${target} := \\\n`;
  out += `\n${target}: $(deps_${target})\n\n$(deps_${target}):\n`;
  return out;
}

/**
 * Writes a .cmd file and tells the stat cache and the parse memo what it now holds (the memo is
 * keyed by the file's identity — mtime, inode, size — so a file rewritten within one clock tick is
 * still told apart).
 */
export function writeCmdFile(root: string, target: string, text: string, stats?: StatCache, memo?: CmdFileMemo): void {
  const path = cmdFilePath(target);
  writeOutput(join(root, path), text);
  stats?.forget(path);
  if (!memo) return;
  const id = stats?.identity(root, path);
  const parsed = id === undefined ? undefined : parseCmdFile(text, target);
  if (id !== undefined && parsed) memo.rememberCmdFile(target, id, parsed);
  else memo.forgetCmdFile(target);
}

/** Finds CONFIG_ symbols in files (cached per file for one build). */
export class ConfigScanner {
  private cache = new Map<string, string[]>();
  symbols(root: string, file: string): string[] {
    const hit = this.cache.get(file);
    if (hit) return hit;
    let text = '';
    try {
      text = readFileSync(resolve(root, file), 'latin1');
    } catch {
      /* a dependency that vanished: no symbols */
    }
    const out: string[] = [];
    const seen = new Set<string>();
    const re = /CONFIG_([A-Za-z0-9_]+)/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m.index > 0 && /[A-Za-z0-9_]/.test(text[m.index - 1]!)) continue;
      let name = m[1]!;
      if (name.endsWith('_MODULE')) name = name.slice(0, -'_MODULE'.length);
      if (!seen.has(name)) {
        seen.add(name);
        out.push(name);
      }
    }
    this.cache.set(file, out);
    return out;
  }
}

/**
 * Modification times for one build: make stats each file once per run. kbuild forgets a path
 * when it writes that file (StatCache.forget).
 */
export class StatCache {
  private map = new Map<string, { m: bigint; ino: bigint; size: bigint } | null>();
  private stat(root: string, path: string): { m: bigint; ino: bigint; size: bigint } | null {
    const hit = this.map.get(path);
    if (hit !== undefined) return hit;
    let v: { m: bigint; ino: bigint; size: bigint } | null = null;
    try {
      // a missing file is common (the $(wildcard ...) dependencies): no exception for it
      const st = statSync(resolve(root, path), { bigint: true, throwIfNoEntry: false });
      if (st) v = { m: st.mtimeNs, ino: st.ino, size: st.size };
    } catch {
      v = null;
    }
    this.map.set(path, v);
    return v;
  }
  get(root: string, path: string): bigint | undefined {
    return this.stat(root, path)?.m;
  }
  /** The file's mtime, inode and size as one string (a file replaced by rename gets a new inode). */
  identity(root: string, path: string): string | undefined {
    const v = this.stat(root, path);
    return v ? `${v.m}:${v.ino}:${v.size}` : undefined;
  }
  forget(path: string): void {
    this.map.delete(path);
  }
}

const noCache = { get: (root: string, path: string) => mtime(root, path) };

/** Modification time in nanoseconds (bigint: make compares at full precision), or undefined. */
export function mtime(root: string, path: string): bigint | undefined {
  try {
    return statSync(resolve(root, path), { bigint: true, throwIfNoEntry: false })?.mtimeNs;
  } catch {
    return undefined;
  }
}

export type Staleness = { stale: false } | { stale: true; why: string };

/** Remembers parsed .cmd files between runs (the plan cache), keyed by the .cmd file's identity. */
export interface CmdFileMemo {
  cmdFile(target: string, id: string): CmdFile | undefined;
  rememberCmdFile(target: string, id: string, cmd: CmdFile): void;
  forgetCmdFile(target: string): void;
}

/** if_changed / if_changed_dep: is `target` out of date with respect to `cmd` and its prerequisites? */
export function staleness(
  root: string,
  target: string,
  cmd: string,
  prereqs: string[],
  useDeps: boolean,
  cache: { get(root: string, path: string): bigint | undefined } = noCache,
  memo?: CmdFileMemo,
): Staleness {
  const mtime = (r: string, p: string): bigint | undefined => cache.get(r, p);
  const t = mtime(root, target);
  if (t === undefined) return { stale: true, why: 'missing' };
  let rec: CmdFile | undefined;
  const id = memo && cache instanceof StatCache ? cache.identity(root, cmdFilePath(target)) : undefined;
  if (memo && id !== undefined) rec = memo.cmdFile(target, id);
  if (!rec) {
    rec = readCmdFile(root, target);
    if (rec && memo && id !== undefined) memo.rememberCmdFile(target, id, rec);
  }
  if (!rec) return { stale: true, why: 'no .cmd file' };
  if (rec.cmd !== cmd) return { stale: true, why: 'command changed' };
  for (const p of prereqs) {
    const m = mtime(root, p);
    if (m === undefined || m > t) return { stale: true, why: `${p} changed` };
  }
  if (useDeps) {
    for (const d of rec.deps) {
      const m = mtime(root, d);
      if (m === undefined || m > t) return { stale: true, why: `${d} changed` };
    }
    for (const w of rec.wildcards) {
      const m = mtime(root, w);
      if (m !== undefined && m > t) return { stale: true, why: `${w} changed` };
    }
  }
  return { stale: false };
}

export const exists = (root: string, p: string): boolean => existsSync(join(root, p));
