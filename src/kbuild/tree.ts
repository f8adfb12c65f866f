// What the tree's Makefiles say to build: the top-level Makefile (with arch/$(SRCARCH)/Makefile)
// names the directories and the order of vmlinux's parts; scripts/Makefile.build, read once per
// directory with obj=DIR, includes that directory's Kbuild or Makefile and leaves the lists
// (obj-y, lib-y, extra-y, subdir-ym) kbuild builds. Nothing here knows any file of the tree by name
// except the two makefiles make itself starts from.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Make, type Rule } from './make/eval.js';

export interface DirPlan {
  dir: string; // 'kernel', 'arch/x86/entry', '.'
  /** Objects linked into DIR/built-in.o, in order (DIR/x.o or DIR/sub/built-in.o). */
  objY: string[];
  /** Objects archived into DIR/lib.a. */
  libY: string[];
  /** Objects built but linked elsewhere (head objects). */
  extraY: string[];
  /** Targets built unconditionally (the top-level Kbuild's generated headers). */
  always: string[];
  subdirs: string[];
  hasLib: boolean;
  /** The makefiles read for this directory (their changes rebuild DIR/built-in.o). */
  makefiles: string[];
  /** make's state after reading them: rules and variables for the directory's command lines. */
  make: Make;
}

export interface Plan {
  top: Make;
  /** vmlinux-dirs in the order the top Makefile lists them. */
  dirs: string[];
  /** Every directory visited, parents after their subdirectories (the order objects are built). */
  plans: DirPlan[];
  /** KBUILD_VMLINUX_INIT then KBUILD_VMLINUX_MAIN: vmlinux's link order. */
  vmlinuxInit: string[];
  vmlinuxMain: string[];
  /** The vmlinux rule's recipe line (make names it when the link fails). */
  vmlinuxRule: Rule | undefined;
  /** The $(vmlinux-dirs) rule (make names it when descending into a directory fails). */
  dirsRule: Rule | undefined;
}

export interface TreeOptions {
  cwd: string;
  commandLine?: Record<string, string>;
  environment?: Record<string, string>;
  /** Serves include/config/auto.conf from memory when kbuild has computed it but not written it. */
  autoConf?: string;
}

function makeFor(opts: TreeOptions): Make {
  return new Make({
    cwd: opts.cwd,
    commandLine: opts.commandLine,
    environment: opts.environment,
    readFile:
      opts.autoConf === undefined
        ? undefined
        : (rel) => {
            if (rel === 'include/config/auto.conf') return opts.autoConf;
            return defaultRead(opts.cwd, rel);
          },
  });
}

function defaultRead(cwd: string, rel: string): string | undefined {
  try {
    return readFileSync(join(cwd, rel), 'utf8');
  } catch {
    return undefined;
  }
}

/** Reads the top-level Makefile (which includes auto.conf and the arch Makefile). */
export function readTop(opts: TreeOptions): Make {
  const m = makeFor(opts);
  m.include('Makefile');
  return m;
}

/** Reads scripts/Makefile.build for one directory, as `make -f scripts/Makefile.build obj=DIR` would. */
export function readDir(opts: TreeOptions, dir: string, exported: Record<string, string> = {}): DirPlan {
  const m = makeFor({ ...opts, environment: { ...opts.environment, ...exported } });
  m.define('obj', dir, 'command line');
  m.define('srctree', '.', 'file');
  m.include('scripts/Makefile.build');
  const norm = (w: string): string => (w.startsWith('./') ? w.slice(2) : w);
  return {
    dir,
    objY: m.words('obj-y').map(norm),
    libY: m.words('lib-y').map(norm),
    extraY: m.words('extra-y').map(norm),
    always: m.words('always').map(norm),
    subdirs: m.words('subdir-ym').map(norm),
    hasLib: m.value('lib-target').trim() !== '',
    makefiles: m.files.filter((f) => f !== 'include/config/auto.conf'),
    make: m,
  };
}

/** The whole plan: directories from the top Makefile, then each directory's lists, recursively. */
export function readPlan(opts: TreeOptions): Plan {
  const top = readTop(opts);
  const dirs = top.words('vmlinux-dirs');
  const exported = top.exports();
  const plans: DirPlan[] = [];
  const seen = new Set<string>();
  const dirsRule = top.rules.find((r) => dirs.length > 0 && r.targets.includes(dirs[0]!));
  const visit = (dir: string): void => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const p = readDir(opts, dir, exported);
    for (const s of p.subdirs) visit(s);
    plans.push(p);
  };
  for (const d of dirs) visit(d);
  return {
    top,
    dirs,
    plans,
    vmlinuxInit: top.words('KBUILD_VMLINUX_INIT'),
    vmlinuxMain: top.words('KBUILD_VMLINUX_MAIN'),
    vmlinuxRule: top.ruleFor('vmlinux'),
    dirsRule,
  };
}

/** The source an object is built from: x.o ← x.c or x.S (as kbuild's pattern rules). */
export function sourceOf(cwd: string, obj: string): string | undefined {
  const stem = obj.slice(0, -2);
  for (const ext of ['.c', '.S']) if (existsSync(join(cwd, stem + ext))) return stem + ext;
  return undefined;
}
