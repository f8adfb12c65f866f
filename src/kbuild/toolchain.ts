// The one seam between kbuild and the toolchain: everything kbuild asks of cc, as, ld, ar and nm
// goes through this interface, in-process (no subprocesses). The real implementation
// (toolchain-bundle.ts) is loaded only when something must be compiled or linked, so a build with
// nothing to do never loads the compiler. Tests substitute a recording toolchain.
//
// Run from the bundle (dist/), kwb loads the toolchain from dist/toolchain.cjs when the build has
// made one: a classic script, so V8 can keep its compiled code between processes (a code cache
// in dist/.cache/, written by the first process that used the toolchain). Most of a one-file
// rebuild is the compiler running cold; without the cache each process parses and compiles
// half a megabyte of JavaScript again. Run from the sources (tests, tsx), it imports the modules.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from '../diag.js';
import { packageRoot } from '../paths.js';

export interface CompileRequest {
  /** Source path relative to the workspace (as gcc is given it by kbuild). */
  file: string;
  /** The workspace: kbuild runs the compiler at the top of the tree. */
  cwd: string;
  includeDirs: string[];
  systemIncludeDirs: string[];
  defines: [string, string?][];
  undefs: string[];
  /** `-include FILE`: processed as if #include'd before the first line (kbuild: include/linux/kconfig.h). */
  forceIncludes: string[];
  /** .S files: preprocess as assembler-with-cpp. */
  assembler?: boolean;
  /** -std= (kbuild: gnu89). */
  std?: string;
  /** -Wundef. */
  warnUndef?: boolean;
}

export interface CompileOutput {
  /** AT&T assembly (for .c) or the preprocessed assembly (for .S). */
  asm: string;
  /** Files read, relative to the workspace when inside it, the source first. */
  deps: string[];
  diagnostics: Diagnostic[];
}

export interface LinkRequest {
  relocatable?: boolean;
  textBase?: bigint;
  loadOffset?: bigint;
  entry?: string;
}

export interface Toolchain {
  compile(req: CompileRequest): CompileOutput;
  assemble(asm: string, file: string): { object: Uint8Array; diagnostics: Diagnostic[] };
  link(inputs: { name: string; data: Uint8Array }[], opts: LinkRequest): { output: Uint8Array; warnings: string[] };
  archive(members: { name: string; data: Uint8Array }[]): Uint8Array;
  /** `nm -n` output for an ELF file. */
  nm(bytes: Uint8Array): string;
  /** The line `gcc -v` ends with, for LINUX_COMPILER in compile.h. */
  version: string;
}

let loaded: Promise<Toolchain> | undefined;

/** The real toolchain (src/toolchain), loaded on first use. */
export function realToolchain(): Promise<Toolchain> {
  loaded ??= (async () => {
    const bundled = await bundledToolchain();
    if (bundled) return bundled;
    const { createToolchain } = await import('./toolchain-bundle.js');
    return createToolchain();
  })();
  return loaded;
}

/** `kwb cc`'s driver: from dist/toolchain.cjs with V8's code cache when kwb runs from dist/ (a
 *  whole `kwb cc` process then compiles no JavaScript the cache has), else the module. */
export async function ccDriver(): Promise<(argv: string[]) => Promise<number>> {
  const dist = join(packageRoot(), 'dist');
  if (fileURLToPath(import.meta.url).startsWith(dist + sep)) {
    const vm = await import('node:vm');
    const r = loadToolchainScript(vm, join(dist, 'toolchain.cjs'), join(dist, '.cache'));
    if (r?.runCc) {
      if (r.saveCache) process.once('exit', r.saveCache);
      return r.runCc;
    }
  }
  return (await import('../toolchain/driver.js')).runCc;
}

/** The toolchain from dist/toolchain.cjs with V8's code cache, when kwb runs from dist/ and the build made it. */
async function bundledToolchain(): Promise<Toolchain | undefined> {
  const dist = join(packageRoot(), 'dist');
  if (!fileURLToPath(import.meta.url).startsWith(dist + sep)) return undefined;
  const vm = await import('node:vm');
  const r = loadToolchainScript(vm, join(dist, 'toolchain.cjs'), join(dist, '.cache'));
  if (!r) return undefined;
  // At exit the cache holds every function this process compiled, not just the top level.
  if (r.saveCache) process.once('exit', r.saveCache);
  return r.toolchain;
}

export interface LoadedScript {
  toolchain: Toolchain;
  /** The bundle's `kwb cc` driver. */
  runCc?: (argv: string[]) => Promise<number>;
  /** Whether V8 took its compiled code from the cache. */
  fromCache: boolean;
  /** Writes the code cache (set when there was none, or V8 rejected it). */
  saveCache?: () => void;
}

/**
 * Runs a toolchain bundle (a CommonJS script exporting createToolchain) with the code cache kept
 * for it in `cacheDir`, named by the bundle's inode, size and mtime and the Node version.
 */
export function loadToolchainScript(vm: typeof import('node:vm'), file: string, cacheDir: string): LoadedScript | undefined {
  let source: string;
  let id: string;
  try {
    const st = statSync(file);
    // dist/ is written by temp + rename, so a rebuilt bundle has a new inode
    id = `${st.ino}-${st.size}-${Math.floor(st.mtimeMs)}`;
    source = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  // V8 rejects a cache made under other flags: each set of node options keeps its own.
  const cacheName = `toolchain-${id}-${process.version}-${process.arch}-${hash([...process.execArgv, process.env.NODE_OPTIONS ?? ''].join('\0'))}.v8`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(join(cacheDir, cacheName));
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __kwbUrl) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const mod: { exports: { createToolchain?: () => Toolchain; runCc?: (argv: string[]) => Promise<number> } } = { exports: {} };
  (script.runInThisContext() as (...a: unknown[]) => void)(mod.exports, createRequire(file), mod, file, dirname(file), pathToFileURL(file).href);
  if (typeof mod.exports.createToolchain !== 'function') return undefined;
  const fromCache = cachedData !== undefined && !script.cachedDataRejected;
  return {
    toolchain: mod.exports.createToolchain(),
    runCc: mod.exports.runCc,
    fromCache,
    saveCache: fromCache ? undefined : () => saveCodeCache(cacheDir, cacheName, `toolchain-${id}-`, () => script.createCachedData()),
  };
}

/** FNV-1a, as 8 hex digits. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Writes the cache `name`, removing the caches of other (older) bundles; `current` names this bundle's. */
function saveCodeCache(dir: string, name: string, current: string, data: () => Buffer): void {
  try {
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(dir)) if (f.startsWith('toolchain-') && !f.startsWith(current)) rmSync(join(dir, f), { force: true });
    const tmp = join(dir, `.${name}.${process.pid}.tmp`);
    writeFileSync(tmp, data());
    renameSync(tmp, join(dir, name));
  } catch {
    /* the cache only saves time: a read-only installation goes without */
  }
}
