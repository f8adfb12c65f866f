// Finding #include files the way gcc does, and naming them the way gcc names them: the directory
// as given joined with the name as written ("include/linux/syscalls.h" for -Iinclude), which is
// what linemarkers, __FILE__, diagnostics and kbuild's .cmd dependency lists show.

import { statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';

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

  constructor(
    readonly cwd: string,
    /** -I directories then system directories, in search order. */
    readonly dirs: SearchDir[],
    readonly firstSystem: number,
  ) {}

  isFile(name: string): boolean {
    let r = this.exists.get(name);
    if (r === undefined) {
      // Most candidates along the search path do not exist: asking without an exception for
      // each miss keeps a kernel build's thousands of lookups cheap.
      try {
        r = statSync(resolve(this.cwd, name), { throwIfNoEntry: false })?.isFile() ?? false;
      } catch {
        r = false;
      }
      this.exists.set(name, r);
    }
    return r;
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
