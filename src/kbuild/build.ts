// `make` / `make vmlinux` / `make bzImage`, in the order the 4.4 top-level Makefile runs them:
//
//   silentoldconfig   .config → include/config/auto.conf, autoconf.h (when .config or Kconfig changed)
//   prepare           kernel.release, version.h, utsrelease.h (filechk: CHK/UPD);
//                     archheaders: the syscall tables → SYSTBL/SYSHDR headers;
//                     prepare0: `$(build)=.` → the top Kbuild's asm-offsets.h
//   $(vmlinux-dirs)   descend into each directory: CC/AS objects, LD built-in.o, AR lib.a
//   vmlinux           LINK (scripts/link-vmlinux.sh's steps): GEN .version, rebuild init/ with the new
//                     compile.h, LD vmlinux, SYSMAP System.map
//   bzImage           BUILD arch/x86/boot/bzImage, "Kernel: arch/x86/boot/bzImage is ready  (#N)"
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { renderDiagnostics } from '../diag.js';
import { compilerIncludeDir } from '../toolchain/cc/include.js';
import { writeOutput } from './output.js';
import { formatCmdOnly, mtime, staleness, writeCmdFile } from './cmdfile.js';
import { syncConfig } from './conf.js';
import { BuildFailed, makeErrorLine, type Ctx } from './context.js';
import { compileH, compileHChanged, dateText, filechk, offsetsH, utsreleaseH, versionH } from './filechk.js';
import { buildBzImage } from './image.js';
import { MakeError, MissingIncludeError } from './make/errors.js';
import { makeTarget, readLinkInputs, RecipeFailed, type CompilerDirs } from './objects.js';
import { PlanCache } from './plancache.js';
import type { Resolved } from './rules.js';
import type { TreeOptions } from './tree.js';
import { DirView, TopView } from './views.js';

const TEXT_BASE = 0xffffffff81000000n;
const LOAD_OFFSET = 0xffffffff80000000n; // __START_KERNEL_map: physical = virtual - this

export function compilerDirs(): CompilerDirs {
  return { systemInclude: compilerIncludeDir() };
}

interface BuildState {
  ctx: Ctx;
  tree: TreeOptions;
  cache: PlanCache;
  top: TopView;
  dirs: CompilerDirs;
  plans: Map<string, DirView>;
  built: Set<string>;
  release: string;
  /** vmlinux as linked in this run (the image is made from it without reading it back). */
  vmlinux?: Uint8Array;
}

/** The kernel release: KERNELVERSION + CONFIG_LOCALVERSION + $(LOCALVERSION) (scripts/setlocalversion). */
export function kernelRelease(top: { value(name: string): string }, localversionConfig: string): string {
  return `${top.value('KERNELVERSION')}${localversionConfig}${top.value('LOCALVERSION')}`;
}

/** include/config/auto.conf as this build read it (once). */
const autoConfText = new WeakMap<Ctx, string>();

function autoConfValue(ctx: Ctx, name: string): string | undefined {
  try {
    let text = autoConfText.get(ctx);
    if (text === undefined) {
      text = readFileSync(join(ctx.root, 'include/config/auto.conf'), 'utf8');
      autoConfText.set(ctx, text);
    }
    const m = new RegExp(`^CONFIG_${name}=(.*)$`, 'm').exec(text);
    if (!m) return undefined;
    return m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/\\(.)/g, '$1') : m[1]!;
  } catch {
    return undefined;
  }
}

/** Builds `vmlinux` (and the bzImage when `image`). Throws BuildFailed after printing make's error. */
export async function build(ctx: Ctx, image: boolean): Promise<void> {
  await syncConfig(ctx);
  autoConfText.delete(ctx); // read afresh after silentoldconfig (`make oldconfig all` runs two)
  const tree: TreeOptions = { cwd: ctx.root, commandLine: ctx.opts.commandLine, environment: ctx.opts.environment };
  const cache = new PlanCache(ctx.root, JSON.stringify([ctx.opts.commandLine, ctx.opts.environment]), ctx.stats);
  ctx.cmdMemo = cache;
  try {
    const top = wrapMake(ctx, () => new TopView(cache, tree));
    const st: BuildState = {
      ctx,
      tree,
      cache,
      top,
      dirs: compilerDirs(),
      plans: new Map(),
      built: new Set(),
      release: kernelRelease(top, autoConfValue(ctx, 'LOCALVERSION') ?? ''),
    };
    await prepare(st);
    for (const d of top.words('vmlinux-dirs')) {
      try {
        await buildDir(st, d);
      } catch (e) {
        if (e instanceof RecipeFailed) {
          ctx.err(makeErrorLine(0, top.dirsWhere(), d, 2));
          throw new BuildFailed();
        }
        throw e;
      }
    }
    await linkVmlinux(st);
    if (image) await bzImage(st);
  } finally {
    cache.save();
  }
}

/** Reads makefiles, turning make's own errors into its words and exit status. */
function wrapMake<T>(ctx: Ctx, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof MakeError || e instanceof MissingIncludeError) {
      ctx.err(e.message);
      throw new BuildFailed();
    }
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// prepare

async function prepare(st: BuildState): Promise<void> {
  const { ctx, top } = st;
  // include/config/kernel.release, include/generated/uapi/linux/version.h, include/generated/utsrelease.h
  for (const r of top.filechkRules()) {
    const target = r.target;
    switch (r.name) {
      case 'kernel.release':
        filechk(ctx, target, st.release + '\n');
        break;
      case 'version.h':
        filechk(ctx, target, versionH(Number(top.value('VERSION')), Number(top.value('PATCHLEVEL')), Number(top.value('SUBLEVEL'))));
        break;
      case 'utsrelease.h':
        if (st.release.length > Number(top.value('uts_len') || 64)) {
          ctx.err(`"${st.release}" exceeds ${top.value('uts_len') || 64} characters`);
          ctx.err(makeErrorLine(0, r.where, target, 1));
          throw new BuildFailed();
        }
        filechk(ctx, target, utsreleaseH(st.release));
        break;
    }
  }
  // archheaders: `$(Q)$(MAKE) $(build)=arch/x86/entry/syscalls all`
  const sub = top.subMake('archheaders');
  if (sub) await syscallHeaders(st, sub.dir, sub.goal, sub.where);
  // prepare0: `$(Q)$(MAKE) $(build)=.` — the top-level Kbuild's `always` targets (asm-offsets.h)
  try {
    const plan = readPlanFor(st, '.');
    for (const t of plan.lists().always) await makeGeneric(st, plan, t, 1);
  } catch (e) {
    if (e instanceof RecipeFailed) {
      ctx.err(makeErrorLine(0, top.recipeWhere('prepare0'), 'prepare0', 2));
      throw new BuildFailed();
    }
    throw e;
  }
}

/** SYSTBL/SYSHDR: the targets of `all` in the syscalls Makefile, regenerated when a table changed. */
async function syscallHeaders(st: BuildState, dir: string, goal: string, from: { file: string; line: number }): Promise<void> {
  const { ctx } = st;
  const plan = readPlanFor(st, dir);
  // make puts the prerequisites of the rule that has the recipe first, then the other rules' in order.
  const targets = plan.goalPrereqs(goal);
  let checked = false;
  let gen: typeof import('./systbl/generate.js') | undefined;
  for (const t of targets) {
    const resolved = plan.resolve(ctx.root, t);
    if (!resolved?.call) continue;
    const file = normalize(t);
    const cmd = plan.command('cmd', resolved.call.name, t, resolved.prereqs);
    if (!staleness(ctx.root, file, cmd, resolved.prereqs, false, ctx.stats, ctx.cmdMemo).stale) continue;
    if (!checked) {
      // The table check runs before anything is generated from a changed table.
      const { checkWorkspaceTables } = await import('./systbl/index.js');
      const ds = checkWorkspaceTables(ctx.root);
      // Warnings alone do not stop a build and a real build log has none: they are shown with errors.
      if (ds.some((d) => d.severity === 'error')) {
        ctx.err(renderDiagnostics(ds));
        ctx.err(makeErrorLine(1, resolved.where, t, 1));
        ctx.err(makeErrorLine(0, from, 'archheaders', 2));
        throw new BuildFailed();
      }
      checked = true;
      gen = await import('./systbl/generate.js');
    }
    const quiet = plan.command('quiet_cmd', resolved.call.name, t, resolved.prereqs);
    ctx.step(quiet.split(' ')[0]!, t, cmd);
    const table = readFileSync(join(ctx.root, resolved.prereqs[0]!), 'utf8');
    const base = file.slice(file.lastIndexOf('/') + 1);
    const stem = base.replace(/\.[^.]*$/, '');
    let text: string;
    if (resolved.call.name === 'systbl') text = gen!.syscallTable(table);
    else {
      const v = (n: string): string => plan.value(`syshdr_${n}_${stem}`);
      text = gen!.syscallHeader(table, base, v('abi'), v('pfx'), v('offset'));
    }
    writeOutput(join(ctx.root, file), text);
    ctx.stats.forget(file);
    writeCmdFile(ctx.root, file, formatCmdOnly(file, cmd), ctx.stats, ctx.cmdMemo);
  }
}

function normalize(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '.' || part === '') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

function readPlanFor(st: BuildState, dir: string): DirView {
  let p = st.plans.get(dir);
  if (!p) {
    p = wrapDescend(st.ctx, dir, () => new DirView(st.cache, st.tree, dir, () => st.top.exports()));
    st.plans.set(dir, p);
  }
  return p;
}

/** A directory whose Makefile cannot be read: make's include error, then "No rule to make target". */
function wrapDescend<T>(ctx: Ctx, dir: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof MissingIncludeError) {
      ctx.err(e.message);
      ctx.err(`make[1]: *** No rule to make target '${e.missing}'.  Stop.`);
      throw new RecipeFailed();
    }
    if (e instanceof MakeError) {
      ctx.err(e.message.replace(/^make: /, 'make[1]: '));
      throw new RecipeFailed();
    }
    throw e;
  }
}

/** Makes one target of a directory by its rule (objects, .s files, filechk'd headers). */
async function makeGeneric(st: BuildState, plan: DirView, target: string, level: number): Promise<boolean> {
  const { ctx } = st;
  if (ctx.done.has(target)) return false;
  ctx.done.add(target);
  const resolved = plan.resolve(ctx.root, target);
  if (resolved && !resolved.call && resolved.where) {
    ctx.err(
      `${resolved.where.file}:${resolved.where.line}: *** kwb's make runs kbuild's own commands only ($(call if_changed,...), $(call if_changed_dep,...), $(call filechk,...)); this recipe for '${target}' is not one of them.  Stop.`,
    );
    throw new RecipeFailed();
  }
  if (!resolved || !resolved.call) {
    const parent = plan.dir === '.' ? target : `${plan.dir}/built-in.o`;
    ctx.err(`make[${level}]: *** No rule to make target '${target}', needed by '${parent}'.  Stop.`);
    throw new RecipeFailed();
  }
  // Prerequisites that are themselves targets here (asm-offsets.h needs asm-offsets.s, init/version.o
  // needs compile.h) come first.
  for (const p of resolved.prereqs) {
    if (plan.isMkcompileH(p)) {
      if (!ctx.done.has(p)) {
        ctx.done.add(p);
        compileHStep(st, p);
      }
      continue;
    }
    const sub = plan.resolve(ctx.root, p);
    if (sub?.call && p !== target && !existsSourceFile(p)) await makeGeneric(st, plan, p, level);
  }
  if (resolved.call.fn === 'filechk') return filechkTarget(st, resolved);
  return makeTarget(ctx, { command: (kind, name) => plan.command(kind, name, resolved.target, resolved.prereqs), resolved, level, compilerDirs: st.dirs });
}

function existsSourceFile(p: string): boolean {
  return /\.(c|S|tbl|sh|h)$/.test(p) && !p.startsWith('include/generated/');
}

function filechkTarget(st: BuildState, r: Resolved): boolean {
  const { ctx } = st;
  if (r.call!.name === 'offsets') {
    const asm = readFileSync(join(ctx.root, r.prereqs[0]!), 'utf8');
    return filechk(ctx, r.target, offsetsH(asm, r.call!.args[0] ?? '__ASM_OFFSETS_H__'));
  }
  ctx.err(`${r.where!.file}:${r.where!.line}: *** kwb's make has no filechk_${r.call!.name} (it knows filechk_offsets), needed for '${r.target}'.  Stop.`);
  throw new RecipeFailed();
}

// ---------------------------------------------------------------------------------------------
// descending

/** `$(MAKE) $(build)=DIR`: builtin-target (obj-y in order, subdirectories as met), lib-target, extra-y. */
async function buildDir(st: BuildState, dir: string): Promise<void> {
  if (st.built.has(dir)) return;
  st.built.add(dir);
  const plan = readPlanFor(st, dir);
  const l = plan.lists();
  for (const o of l.objY) {
    if (o.endsWith('/built-in.o')) await buildDir(st, o.slice(0, -'/built-in.o'.length));
    else await makeGeneric(st, plan, o, 1);
  }
  await makeGeneric(st, plan, `${dir}/built-in.o`, 1);
  if (l.hasLib) {
    for (const o of l.libY) await makeGeneric(st, plan, o, 1);
    await makeGeneric(st, plan, `${dir}/lib.a`, 1);
  }
  for (const o of l.extraY) await makeGeneric(st, plan, o, 1);
  for (const s of l.subdirs) await buildDir(st, s);
}

// ---------------------------------------------------------------------------------------------
// vmlinux

function readVersion(root: string): number | undefined {
  try {
    const n = Number(readFileSync(join(root, '.version'), 'utf8').trim());
    return Number.isFinite(n) ? n : undefined;
  } catch {
    return undefined;
  }
}

/** CHK include/generated/compile.h (init/Makefile's mkcompile_h rule), UPD when more than its date changed. */
function compileHStep(st: BuildState, target: string): void {
  const { ctx } = st;
  let version = readVersion(ctx.root);
  if (version === undefined) {
    version = 0;
    writeOutput(join(ctx.root, '.version'), '0\n');
  }
  const env = ctx.opts.environment;
  const smp = autoConfValue(ctx, 'SMP') === 'y';
  const preempt = autoConfValue(ctx, 'PREEMPT') === 'y';
  const text = compileH({
    version,
    smp,
    preempt,
    machine: st.top.value('UTS_MACHINE'),
    timestamp: env.KBUILD_BUILD_TIMESTAMP ?? dateText(ctx.now()),
    by: env.KBUILD_BUILD_USER ?? 'root',
    host: env.KBUILD_BUILD_HOST ?? 'kwb',
    compiler: COMPILER_VERSION,
  });
  ctx.kecho(`  CHK     ${target}`);
  if (ctx.verbose) ctx.say(`/bin/sh ./scripts/mkcompile_h ${target} "${st.top.value('UTS_MACHINE')}" "${smp ? 'y' : ''}" "${preempt ? 'y' : ''}" "${st.top.value('CC')}"`);
  let old: string | undefined;
  try {
    old = readFileSync(join(ctx.root, target), 'utf8');
  } catch {
    old = undefined;
  }
  if (compileHChanged(old, text)) {
    ctx.say(`  UPD     ${target}`);
    writeOutput(join(ctx.root, target), text);
    ctx.stats.forget(target);
  }
}

/** The version line our compiler identifies itself with (LINUX_COMPILER, in the boot banner). */
export const COMPILER_VERSION = 'gcc version 5.4.0 (kernel-workbench kwb cc)';

async function linkVmlinux(st: BuildState): Promise<void> {
  const { ctx, top } = st;
  const where = top.recipeWhere('vmlinux');
  const init = top.words('KBUILD_VMLINUX_INIT').map(normalize);
  const main = top.words('KBUILD_VMLINUX_MAIN').map(normalize);
  const inputs = [...init, ...main].filter((f) => existsSync(join(ctx.root, f)));
  const ld = `${top.value('LD')} ${top.value('LDFLAGS')} ${top.value('LDFLAGS_vmlinux')}`.replace(/\s+/g, ' ').trim();
  const cmd = `${ld} -Ttext 0x${TEXT_BASE.toString(16)} -o vmlinux ${inputs.join(' ')}`;
  if (!staleness(ctx.root, 'vmlinux', cmd, inputs, false, ctx.stats, ctx.cmdMemo).stale) return;

  ctx.step('LINK', 'vmlinux', `${top.value('CONFIG_SHELL')} scripts/link-vmlinux.sh ${ld}`);
  // Update version
  const old = readVersion(ctx.root);
  const version = old === undefined ? 1 : old + 1;
  // link-vmlinux.sh's info lines are printed in both modes; its commands are not echoed
  ctx.say('  GEN     .version');
  writeOutput(join(ctx.root, '.version'), `${version}\n`);
  // final build of init/
  st.built.delete('init');
  for (const t of [...ctx.done]) if (t.startsWith('init/') || t === 'include/generated/compile.h') ctx.done.delete(t);
  try {
    await buildDir(st, 'init');
  } catch (e) {
    if (e instanceof RecipeFailed) {
      ctx.err(makeErrorLine(0, where, 'vmlinux', 1));
      throw new BuildFailed();
    }
    throw e;
  }
  const linkInputs = readLinkInputs(ctx.root, [...init, ...main], true);
  ctx.say('  LD      vmlinux');
  const tc = await ctx.toolchain();
  let out: Uint8Array;
  try {
    out = tc.link(linkInputs, { textBase: TEXT_BASE, loadOffset: LOAD_OFFSET, entry: 'startup_64' }).output;
  } catch (e) {
    const msg = e as { render?: (p: string) => string; diagnostics?: { message: string }[] };
    if (typeof msg.render === 'function') ctx.err(msg.render(''));
    else if (msg.diagnostics) ctx.err(renderDiagnostics(msg.diagnostics as never));
    else throw e;
    // link-vmlinux.sh's cleanup on failure
    for (const f of ['vmlinux', 'System.map']) rmSync(join(ctx.root, f), { force: true });
    ctx.err(makeErrorLine(0, where, 'vmlinux', 1));
    throw new BuildFailed();
  }
  writeOutput(join(ctx.root, 'vmlinux'), out, 0o755);
  st.vmlinux = out;
  ctx.say('  SYSMAP  System.map');
  writeOutput(join(ctx.root, 'System.map'), systemMap(tc.nm(out)));
  writeCmdFile(ctx.root, 'vmlinux', formatCmdOnly('vmlinux', cmd), ctx.stats, ctx.cmdMemo);
}

/** scripts/mksysmap: nm -n without absolute, debugging, undefined and weak-undefined symbols, __crc_ and $a/$d/$t. */
export function systemMap(nm: string): string {
  return nm
    .split('\n')
    .filter((l) => l !== '' && !/ [aNUw] /.test(l) && !l.includes('__crc_') && !/ \$[adt]/.test(l))
    .map((l) => l + '\n')
    .join('');
}

// ---------------------------------------------------------------------------------------------
// bzImage

async function bzImage(st: BuildState): Promise<void> {
  const { ctx } = st;
  // KBUILD_IMAGE from the arch Makefile: arch/x86/boot/bzImage
  const target = normalize(st.top.value('KBUILD_IMAGE') || 'arch/x86/boot/bzImage');
  const t = mtime(ctx.root, target);
  const v = mtime(ctx.root, 'vmlinux');
  const version = readVersion(ctx.root) ?? 0;
  if (t === undefined || v === undefined || v > t) {
    const vmlinux = st.vmlinux ?? readFileSync(join(ctx.root, 'vmlinux'));
    const compile = readFileSync(join(ctx.root, 'include/generated/compile.h'), 'utf8');
    const m = /UTS_VERSION "([^"]*)"/.exec(compile);
    const by = /LINUX_COMPILE_BY "([^"]*)"/.exec(compile)?.[1] ?? 'root';
    const host = /LINUX_COMPILE_HOST "([^"]*)"/.exec(compile)?.[1] ?? 'kwb';
    const kv = `${st.release} (${by}@${host}) ${m ? m[1] : `#${version}`}`;
    const img = buildBzImage(new Uint8Array(vmlinux), kv);
    ctx.step('BUILD', target, `arch/x86/boot/tools/build arch/x86/boot/setup.bin arch/x86/boot/vmlinux.bin arch/x86/boot/zoffset.h ${target}`);
    writeOutput(join(ctx.root, target), img.bytes);
    ctx.say(`Setup is ${img.setupBytes} bytes (padded to ${img.setupPadded} bytes).`);
    ctx.say(`System is ${img.systemKb} kB`);
    ctx.say(`CRC ${img.crc.toString(16)}`);
  }
  ctx.say(`Kernel: ${target} is ready  (#${version})`);
}
