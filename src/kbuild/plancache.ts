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
import { writeOutput } from './output.js';
import type { CmdFile, StatCache } from './cmdfile.js';

const FILE = '.kwb/kbuild-cache.json';
const VERSION = 2;

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
  /** Parsed .cmd files by target, each with the .cmd file's identity (mtime:inode:size) when read. */
  cmds?: Record<string, { i: string; cmd: CmdFile }>;
}

export class PlanCache {
  private old: Record<string, Entry> = {};
  private fresh: Record<string, Entry> = {};
  private valid = new Map<string, boolean>();
  /** Scopes read afresh in this run: whatever depends on them must be read afresh too. */
  private wasReset = new Set<string>();
  private cmds: Record<string, { i: string; cmd: CmdFile }> = {};
  /** Whether anything differs from the file as read (else save() need not write it). */
  private dirty = false;

  constructor(
    private readonly root: string,
    private readonly key: string,
    private readonly stats: StatCache,
  ) {
    try {
      const f = JSON.parse(readFileSync(join(root, FILE), 'utf8')) as CacheFile;
      if (f.version === VERSION && f.key === key) this.old = f.entries;
      else this.dirty = true;
      if (f.version === VERSION) this.cmds = f.cmds ?? {};
    } catch {
      /* no cache yet, or unreadable: start afresh */
      this.dirty = true;
    }
  }

  private stamp(path: string): string | null {
    const m = this.stats.get(this.root, path);
    return m === undefined ? null : m.toString();
  }

  /** Whether a file exists (from the build's stat cache: make stats each file once). */
  exists(path: string): boolean {
    return this.stats.get(this.root, path) !== undefined;
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
    this.dirty = true;
  }

  put(scope: string, key: string, value: unknown): void {
    const e = this.fresh[scope];
    if (e) {
      e.answers[key] = value;
      this.dirty = true;
    }
  }

  /** A .cmd file's contents as last parsed, if the file is unchanged since (`id`: its identity now). */
  cmdFile(target: string, id: string): CmdFile | undefined {
    const e = this.cmds[target];
    return e && e.i === id ? e.cmd : undefined;
  }

  rememberCmdFile(target: string, id: string, cmd: CmdFile): void {
    this.cmds[target] = { i: id, cmd };
    this.dirty = true;
  }

  forgetCmdFile(target: string): void {
    if (!(target in this.cmds)) return;
    delete this.cmds[target];
    this.dirty = true;
  }

  /** Writes the cache back, unless every answer was taken from it unchanged. */
  save(): void {
    // Scopes of the old file that were not asked about this run are dropped: that is a change.
    if (!this.dirty && Object.keys(this.old).every((s) => this.fresh[s] !== undefined)) return;
    try {
      const f: CacheFile = { version: VERSION, key: this.key, entries: this.fresh, cmds: this.cmds };
      writeOutput(join(this.root, FILE), JSON.stringify(f));
    } catch {
      /* the cache is only an optimisation */
    }
  }
}
