// A workspace is a real directory: a copy of kernel-tree/ (the student's Linux tree, built in
// place as kbuild does) and .kwb/ for the workbench's own state (kwb run/boot/lab write there).
import { cpSync, existsSync, mkdirSync, readdirSync, realpathSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { kernelTreeDir } from '../paths.js';
import { writeFileAtomic } from '../util/atomic.js';

/** Build products of a tree that must not be copied into a fresh workspace. */
function isBuildProduct(name: string): boolean {
  return /\.(o|a|s|cmd|d)$/.test(name) || ['vmlinux', 'System.map', '.config', '.config.old', '.version', 'bzImage'].includes(name);
}

/** Copies the pristine tree (`tree`, default the package's kernel-tree/) into a new workspace `dir`. */
export function initWorkspace(dir: string, treeDir = kernelTreeDir()): string {
  // cpSync copies a symbolic link as a link: a tree reached through one is copied from its target.
  const tree = realpathSync(treeDir);
  const abs = resolve(dir);
  if (existsSync(abs) && readdirSync(abs).length > 0) throw new UsageError(`kwb init: '${dir}' already exists and is not empty`);
  mkdirSync(abs, { recursive: true });
  cpSync(tree, abs, {
    recursive: true,
    filter: (src) => {
      const rel = src.slice(tree.length + 1);
      if (rel === '') return true;
      if (/^(include\/(generated|config)|arch\/x86\/include\/generated)(\/|$)/.test(rel)) return false;
      return !isBuildProduct(basename(src));
    },
  });
  mkdirSync(resolve(abs, '.kwb'), { recursive: true });
  writeFileAtomic(resolve(abs, '.kwb', 'workspace.json'), JSON.stringify({ kwb: 1, kernel: '4.4.79', created: new Date().toISOString() }, null, 2) + '\n');
  return abs;
}
