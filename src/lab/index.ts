// Labs: the API `kwb lab` and the TUI share (docs/architecture.md, "Labs"). No Ink/React here.
//
//   listLabs()                     the labs in exercises/ (drafts/ and other subfolders are not labs)
//   loadLab(idOrFile)              throws DiagnosticError with located problems
//   startLab(id, dir)              fresh workspace + starting overlay + configuration + progress
//   workspaceLab(dir)              the lab a workspace was started from, or null
//   gradeWorkspace(dir, opts)      every step's checks and the final checks → GradeReport
//   nextHint(dir)                  the next hint tier for the current failure (from the last grade)
//   resetWorkspace(dir)            starting state back; the student's files kept in a backup
//   solveWorkspace(dir)            the reference solution (instructor mode)
//   validateLab(file)              lint + proof: the start fails the final checks, the solution passes all
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DiagnosticError, formatHeadline, type Diagnostic } from '../diag.js';
import { KwbError, UsageError } from '../errors.js';
import { exercisesDir } from '../paths.js';
import { Session } from './checks.js';
import { readLabFile } from './load.js';
import { findLabWorkspace, readProgress, writeProgress, type FailureNote } from './progress.js';
import type { Check, CheckResult, GradeEvent, GradeReport, Hint, Lab, LabSummary, StepResult, ValidationReport } from './types.js';
import { absWorkspace, resetLabWorkspace, solveLabWorkspace, startLabWorkspace } from './workspace.js';

export type * from './types.js';
export { parseLab, readLabFile } from './load.js';
export { findLabWorkspace } from './progress.js';

/** The lab files of exercises/ in order (their names sort: 01-..., 02-...). */
function labFiles(): string[] {
  let names: string[];
  try {
    names = readdirSync(exercisesDir());
  } catch {
    return [];
  }
  return names.filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => join(exercisesDir(), n));
}

/** Every lab that loads, and the problems of those that do not. */
export function scanLabs(): { labs: Lab[]; problems: Diagnostic[] } {
  const labs: Lab[] = [];
  const problems: Diagnostic[] = [];
  for (const f of labFiles()) {
    try {
      labs.push(readLabFile(f));
    } catch (e) {
      if (e instanceof DiagnosticError) problems.push(...e.diagnostics);
      else throw e;
    }
  }
  return { labs, problems };
}

export function listLabs(): LabSummary[] {
  return scanLabs().labs.map((l) => ({ id: l.id, title: l.title, summary: l.summary, points: l.points, file: l.file }));
}

/** The number a lab file's name starts with (06-read-an-oops.yaml → 6), or null. */
export function labNumber(file: string): number | null {
  const m = /^(\d+)-/.exec(file.slice(file.lastIndexOf('/') + 1));
  return m ? Number(m[1]) : null;
}

/** A lab by id, by its number (the file name's prefix: 1, 2, ...), or from a file path (anything with '/' or .yaml). */
export function loadLab(idOrFile: string): Lab {
  if (idOrFile.includes('/') || /\.ya?ml$/.test(idOrFile)) return readLabFile(idOrFile);
  const files = labFiles();
  for (const f of files) {
    const base = f.slice(f.lastIndexOf('/') + 1).replace(/\.ya?ml$/, '');
    const num = /^(\d+)-/.exec(base)?.[1];
    if ((num !== undefined && /^\d+$/.test(idOrFile) && Number(num) === Number(idOrFile)) || base === idOrFile || base.replace(/^\d+-/, '') === idOrFile) return readLabFile(f);
  }
  const lab = scanLabs().labs.find((l) => l.id === idOrFile);
  if (lab) return lab;
  throw new UsageError(`kwb lab: there is no lab '${idOrFile}'; 'kwb lab list' shows the labs`);
}

export async function startLab(id: string, dir: string): Promise<void> {
  await startLabWorkspace(loadLab(id), dir);
}

function rootOf(dir: string): string {
  const root = findLabWorkspace(absWorkspace(dir));
  if (!root) throw new KwbError(`kwb lab: ${dir} is not a lab workspace; start one with 'kwb lab start ID DIR'`, 2);
  return root;
}

function labOf(root: string): Lab {
  const p = readProgress(root);
  try {
    return readLabFile(p.file);
  } catch (e) {
    // The package moved (a reinstall): find the lab by its id instead.
    if (e instanceof DiagnosticError && e.diagnostics.every((d) => d.line === 0)) return loadLab(p.lab);
    throw e;
  }
}

export function workspaceLab(dir: string): Lab | null {
  const root = findLabWorkspace(dir);
  return root ? labOf(root) : null;
}

/** The workspace root for `dir` (a lab workspace or inside one); throws when there is none. */
export function labWorkspaceRoot(dir: string): string {
  return rootOf(dir);
}

async function grade(root: string, lab: Lab, opts: { signal?: AbortSignal; onEvent?: (e: GradeEvent) => void }): Promise<GradeReport> {
  const session = new Session(root, opts.onEvent, opts.signal);
  const run = async (c: Check, step: number | null): Promise<CheckResult> => {
    const o = await session.evaluate(c);
    const result: CheckResult = { id: c.id, description: c.description, passed: o.passed, points: c.points };
    if (!o.passed) {
      result.reason = o.reason;
      result.message = o.message;
    }
    opts.onEvent?.({ type: 'check', step, result });
    return result;
  };
  const steps: StepResult[] = [];
  for (const [index, s] of lab.steps.entries()) {
    const checks: CheckResult[] = [];
    for (const c of s.checks) checks.push(await run(c, index));
    steps.push({ index, title: s.title, instructions: s.instructions, files: [...s.files], checks, passed: checks.every((c) => c.passed) });
  }
  const final: CheckResult[] = [];
  for (const c of lab.final) final.push(await run(c, null));
  const all = [...steps.flatMap((s) => s.checks), ...final];
  const earned = all.filter((c) => c.passed).reduce((a, c) => a + c.points, 0);
  const current = steps.findIndex((s) => !s.passed);
  return {
    lab: { id: lab.id, title: lab.title },
    steps,
    final,
    points: { earned, total: lab.points },
    currentStep: current < 0 ? null : current,
    complete: all.every((c) => c.passed),
  };
}

export async function gradeWorkspace(dir: string, opts: { signal?: AbortSignal; onEvent?: (e: GradeEvent) => void } = {}): Promise<GradeReport> {
  const root = rootOf(dir);
  const lab = labOf(root);
  const report = await grade(root, lab, opts);
  const failures: FailureNote[] = [];
  for (const s of report.steps) for (const c of s.checks) if (!c.passed) failures.push({ step: s.index, check: c.id, reason: c.reason ?? 'failed' });
  for (const c of report.final) if (!c.passed) failures.push({ step: null, check: c.id, reason: c.reason ?? 'failed' });
  const p = readProgress(root);
  p.last = { at: new Date().toISOString(), earned: report.points.earned, total: report.points.total, currentStep: report.currentStep, complete: report.complete, failures };
  writeProgress(root, p);
  return report;
}

/** Whether the workspace has been graded since it was started or reset. */
export function hasGrade(dir: string): boolean {
  return readProgress(rootOf(dir)).last !== undefined;
}

export function nextHint(dir: string): Hint | null {
  const root = rootOf(dir);
  const lab = labOf(root);
  const p = readProgress(root);
  if (!p.last || p.last.complete) return null;
  const step = p.last.currentStep;
  const failing = p.last.failures.filter((f) => f.step === step);
  const hints = step === null ? lab.finalHints : lab.steps[step]?.hints ?? {};
  const f = failing.find((x) => hints[x.reason]?.length);
  if (!f) return null;
  const tiers = hints[f.reason]!;
  const key = `${step ?? 'final'}:${f.reason}`;
  const tier = Math.min((p.hints[key] ?? 0) + 1, tiers.length);
  p.hints[key] = tier;
  writeProgress(root, p);
  return { reason: f.reason, tier, tiers: tiers.length, text: tiers[tier - 1]! };
}

export function resetWorkspace(dir: string): { backup: string } {
  const root = rootOf(dir);
  const { backup } = resetLabWorkspace(root, labOf(root));
  return { backup };
}

export async function solveWorkspace(dir: string): Promise<void> {
  const root = rootOf(dir);
  solveLabWorkspace(root, labOf(root));
}

function failedLines(r: GradeReport): string[] {
  const out: string[] = [];
  r.steps.forEach((s) => s.checks.filter((c) => !c.passed).forEach((c) => out.push(`step ${s.index + 1} check '${c.id}' (${c.description}): ${c.reason}: ${c.message?.split('\n')[0] ?? ''}`)));
  r.final.filter((c) => !c.passed).forEach((c) => out.push(`final check '${c.id}' (${c.description}): ${c.reason}: ${c.message?.split('\n')[0] ?? ''}`));
  return out;
}

/**
 * Lints the lab (everything the loader checks) and proves it in a scratch workspace: the
 * starting state must fail the final checks, and the reference solution must pass every check.
 */
export async function validateLab(file: string, opts: { onEvent?: (e: GradeEvent) => void; keep?: boolean } = {}): Promise<ValidationReport> {
  let lab: Lab;
  try {
    lab = readLabFile(file);
  } catch (e) {
    if (e instanceof DiagnosticError) return { file, ok: false, errors: e.diagnostics.map(formatHeadline) };
    throw e;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'kwb-lab-validate-'));
  const ws = join(tmp, 'ws');
  const errors: string[] = [];
  try {
    const root = await startLabWorkspace(lab, ws);
    const start = await grade(root, lab, opts);
    if (start.final.every((c) => c.passed)) errors.push(`${file}: error: the starting state already passes the final checks; the lab asks nothing of the student`);
    solveLabWorkspace(root, lab);
    const solved = await grade(root, lab, opts);
    if (!solved.complete) {
      errors.push(`${file}: error: the reference solution does not pass every check:`);
      errors.push(...failedLines(solved).map((l) => '  ' + l));
    }
    for (const [i, s] of lab.steps.entries()) {
      for (const f of s.files) {
        if (!existsSync(join(root, f))) {
          errors.push(`${file}: error: step ${i + 1} names ${f} in its files, but the solved workspace has no such file`);
        }
      }
    }
    return { file, ok: errors.length === 0, errors, start, solved };
  } catch (e) {
    if (e instanceof KwbError) return { file, ok: false, errors: [...errors, `${file}: error: ${e.message}`] };
    throw e;
  } finally {
    if (!opts.keep) rmSync(tmp, { recursive: true, force: true });
    else errors.push(`(scratch workspace kept in ${relative(process.cwd(), ws) || ws})`);
  }
}
