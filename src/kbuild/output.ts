// How kbuild writes what it builds (objects, .cmd files, built-in.o, vmlinux, the image, generated
// headers): each file is written whole under a temporary name and then renamed into place, so a
// crash never leaves a half-written target behind. Unlike writeFileAtomic (src/util/atomic.ts,
// for files the student owns), the old target is removed just before the rename: renaming over
// an existing file makes ext4 (auto_da_alloc) start writing the new data out at once, which costs
// more than the rest of the write. A crash between the two steps leaves the target missing, and
// make rebuilds a missing target; the old contents are never needed once the new ones exist.
import { chmodSync, mkdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;
/** Directories this process has written into (a directory removed since is made again). */
const made = new Set<string>();

export function writeOutput(path: string, data: string | Uint8Array, mode?: number): void {
  const dir = dirname(path);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  try {
    try {
      writeFileSync(tmp, data);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      mkdirSync(dir, { recursive: true }); // removed since (make clean, a test's cleanup)
      writeFileSync(tmp, data);
    }
    if (mode !== undefined) chmodSync(tmp, mode);
    try {
      unlinkSync(path);
    } catch {
      /* no old file */
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
