// Where the package's own files are, whether we run from the bundle in dist/ or from src/ under
// tsx/vitest: walk up from this module to the directory holding package.json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        if (JSON.parse(readFileSync(pj, 'utf8')).name === 'kernel-workbench') return (cached = dir);
      } catch {
        /* not ours; keep walking */
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('kernel-workbench package root not found');
    dir = up;
  }
}

/** The pristine virtual Linux tree that `kwb init` copies. */
export const kernelTreeDir = (): string => join(packageRoot(), 'kernel-tree');
/** Userland sources: libc, headers, programs. */
export const userlandDir = (): string => join(packageRoot(), 'userland');
/** The libc headers `kwb cc` searches for <...> includes. */
export const userIncludeDir = (): string => join(packageRoot(), 'userland', 'include');
/** Userland built by our toolchain at install time (crt1.o, libc.a, programs). */
export const userlandBuildDir = (): string => join(packageRoot(), 'dist', 'userland');
export const exercisesDir = (): string => join(packageRoot(), 'exercises');
