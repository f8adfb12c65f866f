// Making one kbuild target with the toolchain: the actions behind cc_o_c, cc_s_c, as_o_S,
// link_o_target and link_l_target, each preceded by its up-to-date check (if_changed /
// if_changed_dep) and followed by its .cmd file.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticError, renderDiagnostics, type Diagnostic } from '../diag.js';
import { writeOutput } from './output.js';
import { formatCmdOnly, formatCmdWithDeps, staleness, writeCmdFile } from './cmdfile.js';
import { BuildFailed, makeErrorLine, type Ctx } from './context.js';
import { parseCcFlags, shellWords, type Resolved } from './rules.js';
import type { CompileRequest } from './toolchain.js';

/** Where kbuild finds the compiler's own headers (what `gcc -print-file-name=include` names). */
export interface CompilerDirs {
  systemInclude: string;
}

export interface TargetJob {
  /** cmd_NAME / quiet_cmd_NAME expanded for this target by its directory's makefiles. */
  command: (kind: 'cmd' | 'quiet_cmd', name: string) => string;
  resolved: Resolved;
  /** make's nesting level for error lines: 1 inside a descended directory, 0 at the top. */
  level: number;
  compilerDirs: CompilerDirs;
}

/** A failure inside a directory: the caller adds `make: *** [Makefile:N: dir] Error 2`. */
export class RecipeFailed extends BuildFailed {}

function warn(ctx: Ctx, ds: Diagnostic[]): void {
  if (ds.length) ctx.err(renderDiagnostics(ds));
}

/**
 * A toolchain's located error. Tested by shape as well as by class: the toolchain loaded from
 * dist/toolchain.cjs (toolchain.ts) has its own copy of the DiagnosticError class.
 */
export function isDiagnosticError(e: unknown): e is DiagnosticError {
  return e instanceof DiagnosticError || (e instanceof Error && Array.isArray((e as { diagnostics?: unknown }).diagnostics));
}

/** Runs `fn`, turning a toolchain error into its diagnostics plus make's error line. */
function guarded<T>(ctx: Ctx, job: TargetJob, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isDiagnosticError(e)) {
      const text = 'render' in e && typeof (e as { render?: unknown }).render === 'function' ? (e as unknown as { render(p: string): string }).render('') : renderDiagnostics(e.diagnostics);
      ctx.err(text);
      ctx.err(makeErrorLine(job.level, job.resolved.where, job.resolved.target, 1));
      throw new RecipeFailed();
    }
    throw e;
  }
}

function compileRequest(ctx: Ctx, cmd: string, source: string, dirs: CompilerDirs, assembler: boolean): CompileRequest {
  const f = parseCcFlags(shellWords(cmd));
  return {
    file: source,
    cwd: ctx.root,
    includeDirs: f.includeDirs,
    systemIncludeDirs: [...f.systemIncludeDirs, ...(f.nostdinc ? [dirs.systemInclude] : [])],
    defines: f.defines,
    undefs: f.undefs,
    forceIncludes: f.forceIncludes,
    assembler,
    std: f.std,
    warnUndef: f.warnUndef,
  };
}

/** The command as recorded and shown: gcc's line with kwb's -isystem, as kbuild's NOSTDINC_FLAGS gives it. */
function shownCommand(cmd: string, dirs: CompilerDirs): string {
  return cmd.replace(/(^| )-nostdinc( |$)/, `$1-nostdinc -isystem ${dirs.systemInclude}$2`);
}

/** Builds one object/assembly target if it is out of date. Returns whether it was rebuilt. */
export async function makeTarget(ctx: Ctx, job: TargetJob): Promise<boolean> {
  const { resolved } = job;
  const call = resolved.call!;
  const name = call.name;
  const target = resolved.target;
  const cmd = shownCommand(job.command('cmd', name), job.compilerDirs);
  const known = ['cc_o_c', 'cc_s_c', 'as_o_S', 'link_o_target', 'link_l_target'];
  if (!known.includes(name)) {
    const w = resolved.where;
    ctx.err(`${w ? `${w.file}:${w.line}: ` : ''}*** kwb's make has no cmd_${name} (it runs ${known.join(', ')}), needed for '${target}'.  Stop.`);
    throw new RecipeFailed();
  }
  const useDeps = call.fn !== 'if_changed';
  const s = staleness(ctx.root, target, cmd, resolved.prereqs, useDeps, ctx.stats, ctx.cmdMemo);
  if (!s.stale) return false;
  const quiet = job.command('quiet_cmd', name);
  const [tag = name] = quiet.split(' ');
  ctx.step(tag, target, cmd);
  ctx.stats.forget(target);

  switch (name) {
    case 'cc_o_c':
    case 'cc_s_c':
    case 'as_o_S': {
      const source = resolved.prereqs[0]!;
      const tc = await ctx.toolchain();
      const req = compileRequest(ctx, cmd, source, job.compilerDirs, name === 'as_o_S');
      const r = guarded(ctx, job, () => tc.compile(req));
      warn(ctx, r.diagnostics);
      if (name === 'cc_s_c') writeOutput(join(ctx.root, target), r.asm);
      else {
        const asmName = name === 'as_o_S' ? source : source.replace(/\.c$/, '.s');
        const a = guarded(ctx, job, () => tc.assemble(r.asm, asmName));
        warn(ctx, a.diagnostics);
        writeOutput(join(ctx.root, target), a.object);
      }
      writeCmdFile(ctx.root, target, formatCmdWithDeps(ctx.root, target, cmd, r.deps, ctx.scanner), ctx.stats, ctx.cmdMemo);
      return true;
    }
    case 'link_o_target': {
      const members = resolved.prereqs.filter((p) => p.endsWith('.o'));
      let bytes: Uint8Array;
      if (members.length === 0) {
        // "If the list of objects to link is empty just create an empty built-in.o": an empty archive.
        bytes = new TextEncoder().encode('!<arch>\n');
      } else {
        const tc = await ctx.toolchain();
        const inputs = readLinkInputs(ctx.root, members, false);
        bytes = inputs.length ? guarded(ctx, job, () => tc.link(inputs, { relocatable: true })).output : new TextEncoder().encode('!<arch>\n');
      }
      writeOutput(join(ctx.root, target), bytes);
      writeCmdFile(ctx.root, target, formatCmdOnly(target, cmd), ctx.stats, ctx.cmdMemo);
      return true;
    }
    case 'link_l_target': {
      const tc = await ctx.toolchain();
      const members = resolved.prereqs.filter((p) => p.endsWith('.o')).map((m) => ({ name: m, data: readFileSync(join(ctx.root, m)) }));
      rmSync(join(ctx.root, target), { force: true });
      writeOutput(join(ctx.root, target), tc.archive(members));
      writeCmdFile(ctx.root, target, formatCmdOnly(target, cmd), ctx.stats, ctx.cmdMemo);
      return true;
    }
  }
  const w = resolved.where;
  ctx.err(`${w ? `${w.file}:${w.line}: ` : ''}*** kwb's make has no cmd_${name} (it runs cc_o_c, cc_s_c, as_o_S, link_o_target and link_l_target), needed for '${target}'.  Stop.`);
  throw new RecipeFailed();
}

/** An empty built-in.o (an archive with no members) adds nothing to a link. */
export function isEmptyArchive(bytes: Uint8Array): boolean {
  return bytes.length === 8 && Buffer.from(bytes.buffer, bytes.byteOffset, 8).toString('latin1') === '!<arch>\n';
}

/** The files of a link, each read once, without empty archives (and without missing files when `skipMissing`). */
export function readLinkInputs(root: string, names: string[], skipMissing: boolean): { name: string; data: Uint8Array }[] {
  const out: { name: string; data: Uint8Array }[] = [];
  for (const name of names) {
    let data: Buffer;
    try {
      data = readFileSync(join(root, name));
    } catch (e) {
      if (skipMissing && (e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw e;
    }
    if (!isEmptyArchive(data)) out.push({ name, data });
  }
  return out;
}
