// The TUI's window onto the core: one interface (`Core`) the components call, so that tests give
// them a scripted fake and `startTui` gives them the real thing. Nothing here renders.
//
// Long work (build, run, grading) runs in a child `kwb` process, not in this one: booting the
// emulator is synchronous and would stop the UI from reading keys. A child keeps input live, its
// output streams into the panes as it comes, and cancelling is killing it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { homedir } from 'node:os';
import { packageRoot } from '../paths.js';
import { writeFileAtomic } from '../util/atomic.js';
import type { Diagnostic } from '../diag.js';
import type { GradeReport, LabSummary } from '../lab/types.js';

export type { GradeReport, LabSummary };
export type { CheckResult, StepResult } from '../lab/types.js';

export interface Hint {
  reason: string;
  tier: number;
  tiers: number;
  text: string;
}

/** A running child job: its output arrives through `onOutput`; `done` resolves to its exit status. */
export interface Job {
  done: Promise<number>;
  cancel(): void;
}

export interface JobOptions {
  onOutput(text: string, stream: 'out' | 'err'): void;
}

export interface LabInfo {
  id: string;
  title: string;
  steps: { title: string; files: string[] }[];
  program: string | null;
}

export interface DmesgLine {
  level: number;
  text: string; // `[    0.000000] message`
}

/** Either the thing, or a plain sentence saying why it is not available. */
export type Maybe<T> = { ok: true; value: T } | { ok: false; why: string };

export interface Core {
  /** The labs on offer (or why there are none). */
  listLabs(): Promise<Maybe<LabSummary[]>>;
  /** The workspace the student used last, if it still exists. */
  lastWorkspace(): { dir: string; lab: string } | null;
  /** Where a new lab's workspace goes. */
  defaultWorkspace(labId: string): string;
  startLab(id: string, dir: string): Promise<void>;
  grade(dir: string, o: JobOptions): { job: Job; report: Promise<GradeReport | null> };
  nextHint(dir: string): Promise<Maybe<Hint | null>>;
  build(dir: string, o: JobOptions): Job;
  run(dir: string, program: string, o: JobOptions): Job;
  /** What the workspace's lab says about itself: steps and their files, the program it runs. */
  labInfo(dir: string): Promise<LabInfo | null>;
  /** Objects a full build compiles (for the progress bar), if it can be estimated. */
  buildTotal(dir: string): Promise<number | null>;
  dmesg(dir: string): DmesgLine[] | null;
  /** The syscall-table checker's findings for the workspace's tables. */
  tableDiagnostics(dir: string): Promise<Diagnostic[]>;
  /** Files of the workspace (relative), for the tree. */
  listFiles(dir: string): string[];
  readFile(dir: string, rel: string): string;
  writeFile(dir: string, rel: string, text: string): void;
  /** Autosave: unsaved text kept under .kwb/autosave/ until saved or discarded. */
  autosave(dir: string, rel: string, text: string | null): void;
  recovered(dir: string, rel: string): string | null;
}

const AUTOSAVE = join('.kwb', 'autosave');
const STATE = () => join(process.env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'kwb', 'tui.json');

/** Runs `kwb ARGS` as a child process (the same bin this process runs from). */
export function spawnKwb(args: string[], cwd: string, o: JobOptions): Job {
  const bin = join(packageRoot(), 'bin', 'kwb.mjs');
  const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  child.stdout.setEncoding('utf8').on('data', (t: string) => o.onOutput(t, 'out'));
  child.stderr.setEncoding('utf8').on('data', (t: string) => o.onOutput(t, 'err'));
  const done = new Promise<number>((resolve) => {
    child.on('error', (e) => {
      o.onOutput(`kwb: cannot start ${bin}: ${e.message}\n`, 'err');
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 130 : 1)));
  });
  return { done, cancel: () => child.kill('SIGTERM') };
}

/** Relative files of a tree, skipping build products and the workbench's own state. */
export function walkFiles(root: string): string[] {
  const out: string[] = [];
  const skip = (name: string) => name === '.kwb' || name === '.git' || /\.(o|a|cmd|d|tmp)$/.test(name) || name.startsWith('.tmp') || name === 'vmlinux' || name === 'bzImage';
  const walk = (rel: string) => {
    let names: string[];
    try {
      names = readdirSync(join(root, rel)).sort();
    } catch {
      return;
    }
    for (const n of names) {
      if (skip(n) || (n.startsWith('.') && n !== '.config')) continue;
      const p = rel ? `${rel}/${n}` : n;
      let st;
      try {
        st = statSync(join(root, p));
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk('');
  return out;
}

// The lab API (src/lab/index.ts), loaded when first needed; a plain sentence if it is not there.
type LabModule = {
  listLabs(): LabSummary[];
  startLab(id: string, dir: string): Promise<void>;
  nextHint(dir: string): Hint | null;
  workspaceLab(dir: string): {
    id: string;
    title: string;
    steps: { title: string; files: string[]; checks: { spec: { kind: string; program?: string } }[] }[];
    final: { spec: { kind: string; program?: string } }[];
  } | null;
};
let labModule: Promise<LabModule | string> | undefined;
function labs(): Promise<LabModule | string> {
  labModule ??= (async () => {
    try {
      // Loaded lazily (and reported in words if it fails) so a broken lab file cannot stop the UI.
      const m: LabModule = await import('../lab/index.js');
      return m;
    } catch (e) {
      return `the labs module is not available yet (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`;
    }
  })();
  return labModule;
}

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function realCore(): Core {
  return {
    async listLabs() {
      const m = await labs();
      if (typeof m === 'string') return { ok: false, why: m };
      try {
        return { ok: true, value: m.listLabs() };
      } catch (e) {
        return { ok: false, why: describeError(e) };
      }
    },
    lastWorkspace() {
      try {
        const s = JSON.parse(readFileSync(STATE(), 'utf8')) as { dir?: string; lab?: string };
        if (s.dir && s.lab && existsSync(join(s.dir, '.kwb'))) return { dir: s.dir, lab: s.lab };
      } catch {
        /* no state yet */
      }
      return null;
    },
    defaultWorkspace(id) {
      return join(process.env.KWB_WORKSPACES || join(homedir(), 'kwb-labs'), id);
    },
    async startLab(id, dir) {
      const m = await labs();
      if (typeof m === 'string') throw new Error(m);
      await m.startLab(id, dir);
      mkdirSync(dirname(STATE()), { recursive: true });
      writeFileAtomic(STATE(), JSON.stringify({ dir, lab: id }) + '\n');
    },
    grade(dir, o) {
      let out = '';
      const job = spawnKwb(['lab', 'check', '--json'], dir, {
        onOutput: (t, s) => {
          if (s === 'out') out += t;
          else o.onOutput(t, s);
        },
      });
      const report = job.done.then(() => {
        try {
          return JSON.parse(out) as GradeReport;
        } catch {
          if (out.trim()) o.onOutput(out, 'out');
          return null;
        }
      });
      return { job, report };
    },
    async nextHint(dir) {
      const m = await labs();
      if (typeof m === 'string') return { ok: false, why: m };
      try {
        return { ok: true, value: m.nextHint(dir) };
      } catch (e) {
        return { ok: false, why: describeError(e) };
      }
    },
    build(dir, o) {
      return spawnKwb(['make'], dir, o);
    },
    run(dir, program, o) {
      return spawnKwb(['run', '--dmesg', program], dir, o);
    },
    async buildTotal(dir) {
      try {
        const { approximateBuiltSources } = await import('../kbuild/systbl/index.js');
        return approximateBuiltSources(dir).sources.length || null;
      } catch {
        return null;
      }
    },
    async labInfo(dir) {
      const m = await labs();
      if (typeof m === 'string') return null;
      let lab;
      try {
        lab = m.workspaceLab(dir);
      } catch {
        return null;
      }
      if (!lab) return null;
      const all = [...lab.steps.flatMap((s) => s.checks), ...lab.final];
      const find = (cs: typeof all): string | null => {
        for (const c of cs) {
          const spec = c.spec as { kind: string; program?: string; checks?: typeof all; check?: (typeof all)[number] };
          if (spec.kind === 'run' && spec.program) return spec.program;
          const inner = spec.checks ?? (spec.check ? [spec.check] : []);
          const f = find(inner);
          if (f) return f;
        }
        return null;
      };
      return { id: lab.id, title: lab.title, steps: lab.steps.map((s) => ({ title: s.title, files: s.files.slice() })), program: find(all) };
    },
    dmesg(dir) {
      const p = join(dir, '.kwb', 'dmesg');
      if (!existsSync(p)) return null;
      // The saved log is syslog text: `<LEVEL>[ts] message` per record (src/kernel/machine/log.ts).
      return readFileSync(p, 'utf8')
        .split('\n')
        .filter((l) => l)
        .map((l) => {
          const m = /^<(\d+)>(.*)$/.exec(l);
          return m ? { level: Number(m[1]) & 7, text: m[2]! } : { level: 4, text: l };
        });
    },
    async tableDiagnostics(dir) {
      const { checkWorkspaceTables } = await import('../kbuild/systbl/index.js');
      try {
        return checkWorkspaceTables(dir);
      } catch {
        return [];
      }
    },
    listFiles: walkFiles,
    readFile(dir, rel) {
      return readFileSync(join(dir, rel), 'utf8');
    },
    writeFile(dir, rel, text) {
      // A step may ask for a file that does not exist yet (newsys/nsys.c): make its directory.
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileAtomic(join(dir, rel), text);
    },
    autosave(dir, rel, text) {
      const p = join(dir, AUTOSAVE, rel);
      if (text === null) {
        rmSync(p, { force: true });
        return;
      }
      mkdirSync(dirname(p), { recursive: true });
      writeFileAtomic(p, text);
    },
    recovered(dir, rel) {
      const p = join(dir, AUTOSAVE, rel);
      if (!existsSync(p)) return null;
      const text = readFileSync(p, 'utf8');
      let disk = '';
      try {
        disk = readFileSync(join(dir, rel), 'utf8');
      } catch {
        /* the file is gone; the autosave is all there is */
      }
      return text === disk ? null : text;
    },
  };
}

export const relativeTo = relative;
