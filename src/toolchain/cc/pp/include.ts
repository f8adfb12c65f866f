// Finding #include files the way gcc does, and naming them the way gcc names them: the directory
// as given joined with the name as written ("include/linux/syscalls.h" for -Iinclude), which is
// what linemarkers, __FILE__, diagnostics and kbuild's .cmd dependency lists show.

import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join as joinPath, resolve } from 'node:path';

/**
 * The regular files of each directory searched, shared by every run in the process (kbuild
 * preprocesses a whole tree in one, and each file probes the same -I directories for the same
 * headers), valid while the directory's modification time is unchanged: adding, removing or
 * renaming an entry changes it. One stat a directory a run instead of one a candidate file.
 */
const listings = new Map<string, { stamp: string; files: Set<string> }>();
const LISTING_LIMIT = 2000;
const RACY_MS = 2000;

function regularFiles(dir: string): Set<string> {
  const files = new Set<string>();
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isFile()) files.add(e.name);
    else if (e.isSymbolicLink() || (!e.isDirectory() && !e.isFIFO() && !e.isSocket() && !e.isCharacterDevice() && !e.isBlockDevice())) {
      // A link (or a file system that does not say): what it names decides.
      if (statSync(joinPath(dir, e.name), { throwIfNoEntry: false })?.isFile()) files.add(e.name);
    }
  }
  return files;
}

export interface SearchDir {
  dir: string;
  system: boolean;
}

export interface Found {
  /** The path as gcc would print it. */
  name: string;
  /** Index into the search list where it was found (-1: the includer's own directory). */
  index: number;
  system: boolean;
}

export class IncludeSearch {
  private readonly exists = new Map<string, boolean>();
  /** This run's view of each directory: its regular files, or null when it is not a directory. */
  private readonly dirs_ = new Map<string, Set<string> | null | 'unlisted'>();

  constructor(
    readonly cwd: string,
    /** -I directories then system directories, in search order. */
    readonly dirs: SearchDir[],
    readonly firstSystem: number,
  ) {}

  isFile(name: string): boolean {
    let r = this.exists.get(name);
    if (r === undefined) {
      const abs = resolve(this.cwd, name);
      const l = this.listing(dirname(abs));
      if (l !== 'unlisted') r = l?.has(basename(abs)) ?? false;
      else r = statSync(abs, { throwIfNoEntry: false })?.isFile() ?? false;
      this.exists.set(name, r);
    }
    return r;
  }

  /** The directory's regular files; null: no such directory; 'unlisted': it cannot be read
   *  (search permission only), so each candidate is asked for by itself. */
  private listing(dir: string): Set<string> | null | 'unlisted' {
    let l = this.dirs_.get(dir);
    if (l !== undefined) return l;
    try {
      const st = statSync(dir, { throwIfNoEntry: false });
      if (!st?.isDirectory()) l = null;
      else {
        const stamp = `${st.ino}/${st.mtimeMs}/${st.ctimeMs}`;
        const hit = listings.get(dir);
        if (hit && hit.stamp === stamp) l = hit.files;
        else {
          const files = regularFiles(dir);
          if (listings.size >= LISTING_LIMIT) listings.delete(listings.keys().next().value as string);
          // A directory changed in the last seconds could change again within its time stamp's
          // granularity (a second on some file systems) unseen: its listing is not kept.
          if (Date.now() - st.mtimeMs > RACY_MS) listings.set(dir, { stamp, files });
          else listings.delete(dir);
          l = files;
        }
      }
    } catch {
      l = 'unlisted';
    }
    this.dirs_.set(dir, l);
    return l;
  }

  /**
   * "name": the includer's directory, then -I, then system; <name>: -I then system.
   * #include_next starts after the directory the current file was found in.
   */
  find(name: string, angle: boolean, includer: string, includerSystem: boolean, nextAfter: number | null): Found | null {
    if (isAbsolute(name)) return this.isFile(name) ? { name, index: -1, system: false } : null;
    let start = 0;
    if (nextAfter !== null) start = nextAfter + 1;
    else if (!angle) {
      const d = dirname(includer);
      const cand = d === '.' && !includer.startsWith('./') ? name : join(d, name);
      if (this.isFile(cand)) return { name: cand, index: -1, system: includerSystem };
    }
    for (let i = start; i < this.dirs.length; i++) {
      const cand = join(this.dirs[i].dir, name);
      if (this.isFile(cand)) return { name: cand, index: i, system: this.dirs[i].system };
    }
    return null;
  }
}

function join(dir: string, name: string): string {
  if (dir === '') return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}
