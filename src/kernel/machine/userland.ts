// The programs of the initramfs: /init (the shell) and /bin's dmesg, uname, cat, echo, ls, all
// compiled from userland/bin/*.c by kwb's own toolchain against kwb's libc, on first use, into a
// cache keyed by the source and the libc build (so later boots do not recompile them).
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { KwbError } from '../../errors.js';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { userlandBuildDir, userlandDir } from '../../paths.js';
import { S_IFDIR, S_IFREG, type CpioEntry } from './cpio.js';

/** The programs and where they go in the initramfs. */
export const PROGRAMS: [source: string, path: string][] = [
  ['init.c', 'init'],
  ['dmesg.c', 'bin/dmesg'],
  ['uname.c', 'bin/uname'],
  ['cat.c', 'bin/cat'],
  ['echo.c', 'bin/echo'],
  ['ls.c', 'bin/ls'],
];

export function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : tmpdir());
  return join(base, 'kwb');
}

/** The cache's bin directory, or one under the temporary directory when the home cache cannot be written. */
function writableCacheDir(): string {
  for (const dir of [join(cacheDir(), 'bin'), join(tmpdir(), `kwb-cache-${process.getuid?.() ?? 0}`, 'bin')]) {
    try {
      mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.W_OK);
      return dir;
    } catch {
      /* try the next place */
    }
  }
  throw new KwbError('kwb: no writable cache directory (set XDG_CACHE_HOME)', 1);
}

let libcKey: string | null = null;

/** The libc build's content (not its mtime: \`npm run build\` rewrites identical files). */
function libcStamp(): string {
  if (libcKey !== null) return libcKey;
  const h = createHash('sha256');
  for (const f of ['libc.a', 'crt1.o']) {
    try {
      h.update(readFileSync(join(userlandBuildDir(), f)));
    } catch {
      h.update(`${f}:missing`);
    }
  }
  libcKey = h.digest('hex');
  return libcKey;
}

/**
 * Compiles a C program with kwb cc (cached by content): returns the executable's bytes.
 * `sources` are read to key the cache; the driver compiles them.
 */
export async function buildCached(sources: string[], name: string): Promise<Uint8Array> {
  const h = createHash('sha256');
  h.update(libcStamp());
  for (const s of sources) h.update(readFileSync(s));
  const key = h.digest('hex').slice(0, 20);
  const dir = writableCacheDir();
  const out = join(dir, `${name.replace(/[^\w.-]/g, '_')}-${key}`);
  if (!existsSync(out)) {
    const { buildProgram } = await import('../../toolchain/driver.js');
    buildProgram({ sources, output: out });
  }
  return new Uint8Array(readFileSync(out));
}

/** /init, /bin and the programs in it, as initramfs entries. */
export async function userlandEntries(): Promise<CpioEntry[]> {
  const entries: CpioEntry[] = [{ name: 'bin', mode: S_IFDIR | 0o755, data: new Uint8Array(0) }];
  for (const [src, path] of PROGRAMS) {
    const data = await buildCached([join(userlandDir(), 'bin', src)], src.replace(/\.c$/, ''));
    entries.push({ name: path, mode: S_IFREG | 0o755, data });
  }
  return entries;
}
