// A lab's life in a workspace: start (fresh tree + starting overlay + configuration), reset
// (back to the starting state, the student's work kept in a backup), solve (the reference
// solution on top of the starting state).
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { KwbError } from '../errors.js';
import { initWorkspace } from '../kbuild/workspace.js';
import { writeFileAtomic } from '../util/atomic.js';
import { applyOverlay } from './overlay.js';
import { readProgress, writeProgress, type Progress } from './progress.js';
import type { Lab } from './types.js';

/** Files a build or the workbench makes; reset leaves them alone so the next build stays incremental. */
export function isGenerated(rel: string): boolean {
  if (rel === '.kwb' || rel.startsWith('.kwb/')) return true;
  if (/^(include\/(generated|config)|arch\/x86\/include\/generated)(\/|$)/.test(rel)) return true;
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  if (/\.(o|a|s|cmd|d|tmp|ko)$/.test(base) || /^\.tmp_/.test(base)) return true;
  return ['vmlinux', 'System.map', '.config', '.config.old', '.version', 'bzImage', 'modules.order'].includes(base);
}

type Kind = 'file' | 'dir' | 'link';

/** Source files under `root` (relative paths), build products left out. Links are never followed. */
function sourceFiles(root: string, rel = '', out = new Map<string, Kind>()): Map<string, Kind> {
  for (const name of readdirSync(join(root, rel))) {
    const p = rel ? `${rel}/${name}` : name;
    if (isGenerated(p)) continue;
    const st = lstatSync(join(root, p), { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isSymbolicLink()) out.set(p, 'link');
    else if (st.isDirectory()) {
      out.set(p, 'dir');
      sourceFiles(root, p, out);
    } else if (st.isFile()) out.set(p, 'file');
  }
  return out;
}

async function configure(root: string, targets: string[]): Promise<void> {
  if (targets.length === 0) return;
  const [{ runMake }, { realToolchain }] = await Promise.all([import('../kbuild/make.js'), import('../kbuild/toolchain.js')]);
  let err = '';
  const status = await runMake({ root, commandLine: {}, environment: {}, interactive: false, toolchain: realToolchain, io: { out: () => {}, err: (t) => void (err += t) } }, targets);
  if (status !== 0) throw new KwbError(`kwb lab: 'make ${targets.join(' ')}' failed in the new workspace:\n${err.trimEnd()}`, 1);
}

/** A fresh workspace `dir` for the lab: the tree, the starting overlay, the configuration, progress. */
export async function startLabWorkspace(lab: Lab, dir: string): Promise<string> {
  const root = initWorkspace(dir);
  applyOverlay(root, lab.start, 'the starting files');
  await configure(root, lab.configure);
  const p: Progress = { kwbLab: 1, lab: lab.id, file: lab.file, started: new Date().toISOString(), hints: {}, backups: [] };
  writeProgress(root, p);
  return root;
}

/** The lab's starting state in a temporary directory (for comparison), removed by the caller. */
function pristine(lab: Lab): { dir: string; files: Map<string, Kind> } {
  const tmp = mkdtempSync(join(tmpdir(), 'kwb-lab-start-'));
  const dir = join(tmp, 'ws');
  initWorkspace(dir);
  applyOverlay(dir, lab.start, 'the starting files');
  return { dir, files: sourceFiles(dir) };
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/**
 * Puts every source file back as the lab starts it. Files the student changed or added are
 * copied to .kwb/backup/STAMP/ first (same relative paths), then restored or removed.
 */
export function resetLabWorkspace(root: string, lab: Lab): { backup: string; changed: string[] } {
  const start = pristine(lab);
  try {
    const now = sourceFiles(root);
    const backupRel = join('.kwb', 'backup', stamp());
    const changed: string[] = [];
    const save = (rel: string, kind: Kind): void => {
      const dst = join(root, backupRel, rel);
      mkdirSync(dirname(dst), { recursive: true });
      if (kind === 'link') symlinkSync(readlinkSync(join(root, rel)), dst);
      else copyFileSync(join(root, rel), dst);
      changed.push(rel);
    };
    for (const [rel, kind] of now) {
      if (kind === 'dir') continue;
      const orig = start.files.get(rel);
      if (kind === 'file' && orig === 'file') {
        const a = readFileSync(join(root, rel));
        const b = readFileSync(join(start.dir, rel));
        if (!a.equals(b)) {
          save(rel, kind);
          writeFileAtomic(join(root, rel), b);
        }
      } else {
        save(rel, kind);
        rmSync(join(root, rel), { force: true });
      }
    }
    // Directories the student made go too (with their build products); deepest first.
    const dirs = [...now].filter(([rel, k]) => k === 'dir' && !start.files.has(rel)).map(([rel]) => rel).sort((a, b) => b.length - a.length);
    for (const d of dirs) rmSync(join(root, d), { recursive: true, force: true });
    for (const [rel, kind] of start.files) {
      if (kind === 'dir') mkdirSync(join(root, rel), { recursive: true });
      else if (!now.has(rel) || now.get(rel) !== 'file') writeFileAtomic(join(root, rel), readFileSync(join(start.dir, rel)));
    }
    const p = readProgress(root);
    p.hints = {};
    delete p.last;
    if (changed.length) p.backups = [...p.backups, backupRel];
    writeProgress(root, p);
    return { backup: changed.length ? backupRel : '', changed };
  } finally {
    rmSync(dirname(start.dir), { recursive: true, force: true });
  }
}

/** Instructor mode: the starting state (student work backed up), then the reference solution. */
export function solveLabWorkspace(root: string, lab: Lab): { backup: string } {
  const { backup } = resetLabWorkspace(root, lab);
  applyOverlay(root, lab.solution, 'the solution');
  return { backup };
}

export function absWorkspace(dir: string): string {
  const abs = resolve(dir);
  if (!existsSync(abs)) throw new KwbError(`kwb lab: ${dir}: No such directory`, 2);
  return abs;
}
