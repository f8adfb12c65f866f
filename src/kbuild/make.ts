// `kwb make [TARGET...]`: the targets of the 4.4 top-level Makefile that the workbench supports,
// run in the order given (make's "mixed targets": `make defconfig all` configures, then builds).
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from './build.js';
import { defconfig, olddefconfig, oldconfig, savedefconfig } from './conf.js';
import { BuildFailed, Ctx, type KbuildOptions } from './context.js';
import { MakeError, MissingIncludeError } from './make/errors.js';
import { splitWords } from './make/expand.js';
import { readTop } from './tree.js';

export const TARGETS = ['all', 'vmlinux', 'bzImage', 'defconfig', 'oldconfig', 'olddefconfig', 'savedefconfig', 'clean', 'mrproper', 'help'] as const;
export type Target = (typeof TARGETS)[number];

export const HELP = `Cleaning targets:
  clean		  - Remove most generated files but keep the config
  mrproper	  - Remove all generated files + config

Configuration targets:
  oldconfig	  - Update current config utilising a provided .config as base
  olddefconfig	  - Same as silentoldconfig but sets new symbols to their default value
  defconfig	  - New config with default from ARCH supplied defconfig
  savedefconfig   - Save current config as ./defconfig (minimal config)

Other generic targets:
  all		  - Build all targets marked with [*]
* vmlinux	  - Build the bare kernel

Architecture specific targets (x86):
* bzImage      - Compressed kernel image (arch/x86/boot/bzImage)

  make V=0|1 [targets] 0 => quiet build (default), 1 => verbose build
  make LOCALVERSION=-x   append -x to the kernel release (uname -r)

Execute "make" or "make all" to build all targets marked with [*]
For further info see the ./README file
`;

/** Runs the targets; resolves to make's exit status (0, or 2 after printing the error). */
export async function runMake(opts: KbuildOptions, targets: string[]): Promise<number> {
  const ctx = new Ctx(opts);
  const list = targets.length ? targets : ['all'];
  for (const t of list) {
    if (!(TARGETS as readonly string[]).includes(t)) {
      ctx.err(`make: *** No rule to make target '${t}'.  Stop.`);
      return 2;
    }
  }
  try {
    for (const t of list as Target[]) {
      switch (t) {
        case 'help':
          ctx.opts.io.out(HELP);
          break;
        case 'defconfig':
          defconfig(ctx);
          break;
        case 'oldconfig':
          await oldconfig(ctx);
          break;
        case 'olddefconfig':
          olddefconfig(ctx);
          break;
        case 'savedefconfig':
          savedefconfig(ctx);
          break;
        case 'all':
        case 'bzImage':
          await build(ctx, true);
          break;
        case 'vmlinux':
          await build(ctx, false);
          break;
        case 'clean':
          clean(ctx, false);
          break;
        case 'mrproper':
          clean(ctx, true);
          break;
      }
    }
  } catch (e) {
    if (e instanceof BuildFailed) return 2;
    if (e instanceof MakeError || e instanceof MissingIncludeError) {
      ctx.err(e.message);
      return 2;
    }
    throw e;
  }
  return 0;
}

/** Files `make clean` finds and deletes everywhere (the find in the top Makefile's clean rule). */
function cleanable(name: string): boolean {
  return /\.[oas]$/.test(name) || /^\..*\.cmd$/.test(name) || /^\..*\.d$/.test(name) || /^\..*\.tmp$/.test(name) || /\.ko$/.test(name) || name === 'modules.order';
}

function walkClean(root: string, rel: string): void {
  let entries: string[];
  try {
    entries = readdirSync(join(root, rel));
  } catch {
    return;
  }
  for (const e of entries) {
    const p = rel ? `${rel}/${e}` : e;
    if (!rel && e === '.kwb') continue; // the workbench's own state
    let st;
    try {
      st = statSync(join(root, p));
    } catch {
      continue;
    }
    if (st.isDirectory()) walkClean(root, p);
    else if (cleanable(e)) rmSync(join(root, p), { force: true });
  }
}

/** Expands a make wildcard pattern with '*' in any path component. */
function globPaths(root: string, pattern: string): string[] {
  const parts = pattern.split('/');
  let acc = [''];
  for (const part of parts) {
    const next: string[] = [];
    for (const base of acc) {
      if (!/[*?]/.test(part)) {
        const p = base ? `${base}/${part}` : part;
        if (existsSync(join(root, p))) next.push(p);
        continue;
      }
      const re = new RegExp('^' + part.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
      let names: string[] = [];
      try {
        names = readdirSync(join(root, base || '.'));
      } catch {
        /* not a directory */
      }
      for (const n of names.sort()) if (re.test(n)) next.push(base ? `${base}/${n}` : n);
    }
    acc = next;
  }
  return acc;
}

/** `make clean` / `make mrproper`, removing what 4.4 removes. */
function clean(ctx: Ctx, mrproper: boolean): void {
  const { root } = ctx;
  // archclean: the boot images
  if (existsSync(join(root, 'arch/x86/boot/bzImage'))) {
    rmSync(join(root, 'arch/x86/boot/bzImage'), { force: true });
    ctx.step('CLEAN', 'arch/x86/boot', 'rm -f arch/x86/boot/bzImage');
  }
  // vmlinuxclean: scripts/link-vmlinux.sh clean
  for (const f of ['.old_version', '.tmp_System.map', '.tmp_version', 'System.map', 'vmlinux']) rmSync(join(root, f), { force: true });
  walkClean(root, '');
  if (!mrproper) return;
  let dirs: string[] = [];
  let files: string[] = [];
  try {
    const top = readTop({ cwd: root, commandLine: ctx.opts.commandLine, environment: ctx.opts.environment });
    dirs = splitWords(top.value('MRPROPER_DIRS'));
    files = splitWords(top.value('MRPROPER_FILES'));
  } catch {
    dirs = ['include/config', 'include/generated', 'arch/*/include/generated'];
    files = ['.config', '.config.old', '.version', '.old_version'];
  }
  const existingDirs = dirs.flatMap((d) => globPaths(root, d));
  if (existingDirs.length) {
    ctx.step('CLEAN', existingDirs.join(' '), `rm -rf ${dirs.join(' ')}`);
    for (const d of existingDirs) rmSync(join(root, d), { recursive: true, force: true });
  }
  const existingFiles = files.flatMap((f) => globPaths(root, f));
  if (existingFiles.length) {
    ctx.step('CLEAN', existingFiles.join(' '), `rm -f ${files.join(' ')}`);
    for (const f of existingFiles) rmSync(join(root, f), { force: true });
  }
}
