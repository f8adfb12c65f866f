// A workspace built in-process with the real toolchain, wrapped so tests can see what kbuild
// asked it to do (which files were compiled, what was linked).
import { cpSync, mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from '../helpers/kwb.js';
import { runMake } from '../../src/kbuild/make.js';
import { realToolchain, type Toolchain } from '../../src/kbuild/toolchain.js';
import { initWorkspace } from '../../src/kbuild/workspace.js';

export interface Run {
  status: number;
  out: string;
  err: string;
  compiled: string[];
  linked: string[][];
  /** Whether kbuild asked for the toolchain at all (a no-op build must not load the compiler). */
  toolchainLoaded: boolean;
}

export async function make(root: string, targets: string[] = [], commandLine: Record<string, string> = {}): Promise<Run> {
  const run: Run = { status: 0, out: '', err: '', compiled: [], linked: [], toolchainLoaded: false };
  const recording = async (): Promise<Toolchain> => {
    run.toolchainLoaded = true;
    const real = await realToolchain();
    return {
      ...real,
      compile(req) {
        run.compiled.push(req.file);
        return real.compile(req);
      },
      link(inputs, opts) {
        run.linked.push(inputs.map((i) => i.name));
        return real.link(inputs, opts);
      },
    };
  };
  run.status = await runMake(
    {
      root,
      commandLine,
      environment: { KBUILD_BUILD_TIMESTAMP: 'Sat Nov 21 12:00:00 UTC 2026' },
      interactive: false,
      toolchain: recording,
      io: { out: (t) => void (run.out += t), err: (t) => void (run.err += t) },
    },
    targets,
  );
  return run;
}

let pristine: string | undefined;
let committedTree: string | undefined;

/**
 * The kernel tree as last committed: other engineers edit kernel-tree/ in the shared checkout
 * while these tests run, and a half-written file of theirs must not decide what kbuild's tests see.
 */
export function committedKernelTree(): string {
  if (!committedTree) {
    const dir = mkdtempSync(join(tmpdir(), 'kwb-tree-'));
    const archive = spawnSync('git', ['archive', '--format=tar', 'HEAD', 'kernel-tree'], { cwd: ROOT, maxBuffer: 1 << 28 });
    if (archive.status !== 0) throw new Error(`git archive failed: ${archive.stderr}`);
    const tar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
    if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
    committedTree = join(dir, 'kernel-tree');
  }
  return committedTree;
}

/** A fresh workspace after `make defconfig` and a full build (built once, then copied). */
export async function builtWorkspace(): Promise<string> {
  if (!pristine) {
    const base = mkdtempSync(join(tmpdir(), 'kwb-built-'));
    pristine = initWorkspace(join(base, 'linux'), committedKernelTree());
    const d = await make(pristine, ['defconfig']);
    if (d.status !== 0) throw new Error(d.err);
    const b = await make(pristine);
    if (b.status !== 0) throw new Error(b.out + b.err);
  }
  const dir = join(mkdtempSync(join(tmpdir(), 'kwb-ws-')), 'linux');
  cpSync(pristine, dir, { recursive: true, preserveTimestamps: true });
  return dir;
}

export function freshWorkspace(): string {
  return initWorkspace(join(mkdtempSync(join(tmpdir(), 'kwb-new-')), 'linux'), committedKernelTree());
}

export function cleanup(dir: string): void {
  rmSync(join(dir, '..'), { recursive: true, force: true });
}

/** The `  TAG     path` lines of a build log. */
export function steps(out: string, tag: string): string[] {
  const re = new RegExp(`^  ${tag.padEnd(7)} (.*)$`);
  return out
    .split('\n')
    .map((l) => re.exec(l)?.[1])
    .filter((x): x is string => x !== undefined);
}

/** Sets a file's mtime into the future so make sees it as changed even within one clock tick. */
export function touchLater(path: string): void {
  const t = statSync(path).mtimeMs / 1000 + 2;
  utimesSync(path, t, t);
}
