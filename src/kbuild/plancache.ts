// What the makefiles said last time, kept in .kwb/kbuild-cache.json so that a build with nothing to
// do need not interpret the top Makefile and scripts/Makefile.build once per directory again.
//
// Every answer kbuild asks of make (a variable's value, the rule for a target, a command line) is
// recorded per directory together with the modification times of the files that answer came from
// (the makefiles read, auto.conf, and whether DIR/Kbuild exists). An answer is reused only while
// all of those files are unchanged and the command line and environment are the same; otherwise
// the makefiles are read again, as make would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic.js';
import type { CmdFile, StatCache } from './cmdfile.js';

const FILE = '.kwb/kbuild-cache.json';
const VERSION = 1;

/** File → modification time (ns, as text) or null for "does not exist". */
type Inputs = Record<string, string | null>;

interface Entry {
  inputs: Inputs;
  answers: Record<string, unknown>;
}

interface CacheFile {
  version: number;
  key: string;
  entries: Record<string, Entry>;
  /** Parsed .cmd files by target, each with the .cmd file's modification time it was read at. */
  cmds?: Record<string, { m: string; cmd: CmdFile }>;
}

export class PlanCache {
  private old: Record<string, Entry> = {};
  private fresh: Record<string, Entry> = {};
  private valid = new Map<string, boolean>();
  /** Scopes read afresh in this run: whatever depends on them must be read afresh too. */
  private wasReset = new Set<string>();
  private cmds: Record<string, { m: string; cmd: CmdFile }> = {};

  constructor(
    private readonly root: string,
    private readonly key: string,
    private readonly stats: StatCache,
  ) {
    try {
      const f = JSON.parse(readFileSync(join(root, FILE), 'utf8')) as CacheFile;
      if (f.version === VERSION && f.key === key) this.old = f.entries;
      if (f.version === VERSION) this.cmds = f.cmds ?? {};
    } catch {
      /* no cache yet, or unreadable: start afresh */
    }
  }

  private stamp(path: string): string | null {
    const m = this.stats.get(this.root, path);
    return m === undefined ? null : m.toString();
  }

  /** Whether the recorded answers of `scope` still hold (its input files are unchanged). */
  isValid(scope: string, dependsOn?: string): boolean {
    const hit = this.valid.get(scope);
    if (hit !== undefined) return hit;
    let ok = false;
    const e = this.old[scope];
    if (e && (dependsOn === undefined || (!this.wasReset.has(dependsOn) && this.isValid(dependsOn)))) {
      ok = Object.entries(e.inputs).every(([p, t]) => this.stamp(p) === t);
    }
    this.valid.set(scope, ok);
    if (ok) this.fresh[scope] = e!;
    return ok;
  }

  get<T>(scope: string, key: string): T | undefined {
    return this.isValidKnown(scope) ? (this.fresh[scope]!.answers[key] as T | undefined) : undefined;
  }

  private isValidKnown(scope: string): boolean {
    return this.valid.get(scope) === true && this.fresh[scope] !== undefined;
  }

  /** Starts recording a scope read afresh from these input files. */
  reset(scope: string, files: string[]): void {
    const inputs: Inputs = {};
    for (const f of files) inputs[f] = this.stamp(f);
    this.fresh[scope] = { inputs, answers: {} };
    this.valid.set(scope, true);
    this.wasReset.add(scope);
  }

  put(scope: string, key: string, value: unknown): void {
    const e = this.fresh[scope];
    if (e) e.answers[key] = value;
  }

  /** A .cmd file's contents as last parsed, if the file is unchanged since (`mtime` of the .cmd file). */
  cmdFile(target: string, mtime: bigint): CmdFile | undefined {
    const e = this.cmds[target];
    return e && e.m === mtime.toString() ? e.cmd : undefined;
  }

  rememberCmdFile(target: string, mtime: bigint, cmd: CmdFile): void {
    this.cmds[target] = { m: mtime.toString(), cmd };
  }

  forgetCmdFile(target: string): void {
    delete this.cmds[target];
  }

  save(): void {
    try {
      const f: CacheFile = { version: VERSION, key: this.key, entries: this.fresh, cmds: this.cmds };
      writeFileAtomic(join(this.root, FILE), JSON.stringify(f));
    } catch {
      /* the cache is only an optimisation */
    }
  }
}
