// A workspace's lab progress: .kwb/progress.json. Written with writeFileAtomic (temp file +
// rename), so a crash or a killed process mid-write leaves the previous version intact, never
// half a file.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { KwbError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic.js';

export interface FailureNote {
  step: number | null; // null: the final checks
  check: string;
  reason: string;
}

export interface Progress {
  kwbLab: 1;
  lab: string;
  /** The lab file, absolute (labs can also be started from a file outside exercises/). */
  file: string;
  started: string;
  /** Hint tiers revealed: "STEP:REASON" (STEP is "final" for the final checks) → tiers shown. */
  hints: Record<string, number>;
  /** The last grade, so that `kwb lab hint` knows the current failure without grading again. */
  last?: {
    at: string;
    earned: number;
    total: number;
    currentStep: number | null;
    complete: boolean;
    failures: FailureNote[];
  };
  /** Backups made by reset, newest last (workspace-relative). */
  backups: string[];
}

export const progressPath = (root: string): string => join(root, '.kwb', 'progress.json');

/** The workspace holding `dir` (it or a parent with .kwb/progress.json), or null. */
export function findLabWorkspace(dir: string): string | null {
  let d = resolve(dir);
  for (;;) {
    if (existsSync(progressPath(d))) return d;
    const up = dirname(d);
    if (up === d) return null;
    d = up;
  }
}

export function readProgress(root: string): Progress {
  const p = progressPath(root);
  let text: string;
  try {
    text = readFileSync(p, 'utf8');
  } catch {
    throw new KwbError(`kwb lab: ${root} is not a lab workspace (no .kwb/progress.json); start one with 'kwb lab start ID DIR'`, 2);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new KwbError(`kwb lab: ${p} is damaged (not JSON); 'kwb lab start' makes a new workspace`, 2);
  }
  const o = data as Partial<Progress>;
  if (!o || o.kwbLab !== 1 || typeof o.lab !== 'string' || typeof o.file !== 'string') {
    throw new KwbError(`kwb lab: ${p} is not a kwb lab progress file`, 2);
  }
  return { hints: {}, backups: [], started: '', ...o } as Progress;
}

export function writeProgress(root: string, p: Progress): void {
  writeFileAtomic(progressPath(root), JSON.stringify(p, null, 2) + '\n');
}
