// Test helpers for the components: a scripted Core whose jobs the test finishes by hand, and a
// way to wait for Ink to draw after a key.
import type { Core, GradeReport, Job, JobOptions, LabInfo, LabSummary, DmesgLine, Hint } from './core.js';

export const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

/**
 * Retries `check` until it passes (or 3 s have gone by, then its failure stands): for a frame that
 * a loaded machine draws later than usual. Not a timed assertion — only how long to wait.
 */
export async function eventually(check: () => void, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
      await tick(20);
    }
  }
}

export interface FakeJob extends Job {
  out(text: string): void;
  finish(code: number): void;
  cancelled: boolean;
}

function fakeJob(o: JobOptions): FakeJob {
  let resolve!: (n: number) => void;
  const done = new Promise<number>((r) => (resolve = r));
  const j: FakeJob = {
    done,
    cancelled: false,
    cancel() {
      j.cancelled = true;
      resolve(143);
    },
    out: (t) => o.onOutput(t, 'out'),
    finish: (c) => resolve(c),
  };
  return j;
}

export const LAB: LabSummary = { id: 'nsys', title: 'Add the nsys system call', summary: 'table, Makefile, SYSCALL_DEFINE0', points: 10, file: '/x/nsys.yaml' };

export function report(passed: boolean[], complete = false): GradeReport {
  return {
    lab: { id: 'nsys', title: LAB.title },
    steps: [
      { index: 0, title: 'Table entry', instructions: '', files: ['arch/x86/entry/syscalls/syscall_64.tbl'], checks: [{ id: 'a', description: '326 is nsys', passed: passed[0]!, points: 3, message: passed[0] ? undefined : 'no entry 326' }], passed: passed[0]! },
      { index: 1, title: 'The call', instructions: 'Create `newsys/nsys.c` with\nSYSCALL_DEFINE0(nsys).\n', files: ['newsys/nsys.c'], checks: [{ id: 'b', description: 'sys_nsys defined', passed: passed[1]!, points: 7 }], passed: passed[1]! },
    ],
    final: [],
    points: { earned: (passed[0] ? 3 : 0) + (passed[1] ? 7 : 0), total: 10 },
    currentStep: complete ? null : passed[0] ? 1 : 0,
    complete,
  };
}

export class FakeCore implements Core {
  files = new Map<string, string>([
    ['Makefile', 'core-y\t\t+= kernel/ mm/\n'],
    ['arch/x86/entry/syscalls/syscall_64.tbl', '0\tcommon\tread\t\t\tsys_read\n'],
    ['newsys/nsys.c', '#include <linux/kernel.h>\n'],
  ]);
  autosaved = new Map<string, string>();
  jobs: { kind: string; job: FakeJob }[] = [];
  grades: { job: FakeJob; resolve: (r: GradeReport | null) => void }[] = [];
  started: string[] = [];
  labs: LabSummary[] | string = [LAB];
  last: { dir: string; lab: string } | null = null;
  log: DmesgLine[] | null = null;
  hints: Hint[] = [];
  info: LabInfo | null = { id: 'nsys', title: LAB.title, steps: [{ title: 'Table entry', files: ['arch/x86/entry/syscalls/syscall_64.tbl'] }, { title: 'The call', files: ['newsys/nsys.c'] }], program: 'test_nsys.c' };

  async listLabs() {
    return typeof this.labs === 'string' ? { ok: false as const, why: this.labs } : { ok: true as const, value: this.labs };
  }
  lastWorkspace() {
    return this.last;
  }
  defaultWorkspace(id: string) {
    return `/ws/${id}`;
  }
  async startLab(id: string, dir: string) {
    this.started.push(`${id}@${dir}`);
  }
  grade(_dir: string, o: JobOptions) {
    const job = fakeJob(o);
    let resolve!: (r: GradeReport | null) => void;
    const rep = new Promise<GradeReport | null>((r) => (resolve = r));
    this.grades.push({ job, resolve });
    return { job, report: rep };
  }
  async nextHint() {
    return { ok: true as const, value: this.hints.shift() ?? null };
  }
  build(_dir: string, o: JobOptions) {
    const job = fakeJob(o);
    this.jobs.push({ kind: 'build', job });
    return job;
  }
  run(_dir: string, program: string, o: JobOptions) {
    const job = fakeJob(o);
    this.jobs.push({ kind: `run ${program}`, job });
    return job;
  }
  async labInfo() {
    return this.info;
  }
  async buildTotal() {
    return 4;
  }
  dmesg() {
    return this.log;
  }
  async tableDiagnostics() {
    return [];
  }
  listFiles() {
    return [...this.files.keys()].sort();
  }
  readFile(_dir: string, rel: string) {
    const t = this.files.get(rel);
    if (t === undefined) throw new Error(`${rel}: No such file`);
    return t;
  }
  writeFile(_dir: string, rel: string, text: string) {
    this.files.set(rel, text);
  }
  autosave(_dir: string, rel: string, text: string | null) {
    if (text === null) this.autosaved.delete(rel);
    else this.autosaved.set(rel, text);
  }
  recovered(_dir: string, rel: string) {
    const t = this.autosaved.get(rel);
    return t !== undefined && t !== this.files.get(rel) ? t : null;
  }
}

/** Every line of a frame fits `width` columns and the frame `height` rows (nothing garbles the screen). */
export function fits(frame: string | undefined, width: number, height: number): boolean {
  const lines = (frame ?? '').split('\n');
  return lines.length <= height && lines.every((l) => stringWidth(l) <= width);
}

/** Display width without escape sequences (the frames of ink-testing-library keep colours). */
function stringWidth(s: string): number {
  // eslint-disable-next-line no-control-regex
  return [...s.replace(/\x1b\[[0-9;]*m/g, '')].length;
}

/** Key sequences as a terminal sends them. */
export const KEY = {
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  enter: '\r',
  esc: '\x1b',
  tab: '\t',
  backspace: '\x7f',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  home: '\x1b[H',
  end: '\x1b[F',
  ctrl: (c: string) => String.fromCharCode(c.charCodeAt(0) & 0x1f),
};
