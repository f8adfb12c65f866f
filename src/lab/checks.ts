// The check engine. Every check runs inside the workbench — reading workspace files, the
// syscall table checker, kbuild in-process, the emulated machine — never a host command.
//
// One grading is one Session: the kernel is built at most once (incrementally, by kbuild's own
// up-to-date checks) and each distinct program run boots the kernel once, however many checks
// look at its output, its status or the kernel log it left.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { renderDiagnostic } from '../diag.js';
import { KwbError } from '../errors.js';
import { resolveInside } from './safety.js';
import type { Check, CheckSpec, GradeEvent, WsPath } from './types.js';

export interface Outcome {
  passed: boolean;
  reason?: string;
  message?: string;
}

interface BuildOutcome {
  ok: boolean;
  output: string;
  errors: string;
}

interface RunOutcome {
  ok: boolean; // the program ran (compiled, kernel booted, it exited)
  status: number;
  output: string;
  log: { level: number; text: string }[];
  /** Why it could not run, worded for a student (when !ok). */
  reason?: string;
  message?: string;
}

const LEVEL_NAMES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];

function quote(s: string, max = 60): string {
  const t = s.length > max ? s.slice(0, max - 1) + '…' : s;
  return JSON.stringify(t);
}

function lineCount(s: string): number {
  return s === '' ? 0 : s.replace(/\n$/, '').split('\n').length;
}

/** Program output shown to a student: indented, at most 20 lines, the end of the output marked. */
function block(s: string): string {
  if (s === '') return '    (nothing)';
  const lines = s.replace(/\n$/, '').split('\n');
  const shown = lines.slice(0, 20).map((l) => '    ' + l);
  if (lines.length > 20) shown.push(`    ... (${lines.length - 20} more lines)`);
  if (!s.endsWith('\n')) shown.push('    (no newline at the end)');
  return shown.join('\n');
}

/** The lines of a failed build a student should read first: the errors, not the CC lines. */
function buildErrors(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  return lines.slice(0, 12).join('\n');
}

export class Session {
  private build?: Promise<BuildOutcome>;
  private runs = new Map<string, Promise<RunOutcome>>();
  private lastRun?: RunOutcome;

  constructor(
    readonly root: string,
    private readonly onEvent?: (e: GradeEvent) => void,
    private readonly signal?: AbortSignal,
  ) {}

  private aborted(): void {
    if (this.signal?.aborted) throw new KwbError('kwb lab: grading interrupted', 130);
  }

  /** `make` (all) in-process, once per session. */
  buildKernel(): Promise<BuildOutcome> {
    this.build ??= (async () => {
      this.aborted();
      this.onEvent?.({ type: 'build-start' });
      if (!existsSync(join(this.root, '.config'))) {
        const errors = 'The kernel is not configured yet (there is no .config): run kwb make defconfig first.';
        this.onEvent?.({ type: 'build-done', ok: false });
        return { ok: false, output: '', errors };
      }
      const [{ runMake }, { realToolchain }] = await Promise.all([import('../kbuild/make.js'), import('../kbuild/toolchain.js')]);
      let out = '';
      let err = '';
      const status = await runMake(
        {
          root: this.root,
          commandLine: {},
          environment: {},
          interactive: false,
          toolchain: realToolchain,
          io: { out: (t) => void (out += t), err: (t) => void (err += t) },
        },
        ['all'],
      );
      const ok = status === 0;
      this.onEvent?.({ type: 'build-done', ok });
      return { ok, output: out + err, errors: buildErrors(err) };
    })();
    return this.build;
  }

  /** Builds the kernel, compiles the program, boots and runs it; once per (program, args, input). */
  run(program: WsPath, args: string[], input?: string): Promise<RunOutcome> {
    const key = JSON.stringify([program, args, input ?? null]);
    let p = this.runs.get(key);
    if (!p) {
      p = this.doRun(program, args, input);
      this.runs.set(key, p);
    }
    return p.then((r) => (this.lastRun = r));
  }

  private async doRun(program: WsPath, args: string[], input?: string): Promise<RunOutcome> {
    const fail = (reason: string, message: string): RunOutcome => ({ ok: false, status: -1, output: '', log: [], reason, message });
    const b = await this.buildKernel();
    if (!b.ok) return fail('build-failed', `The kernel does not build yet, so ${program} cannot run on it:\n${b.errors}`);
    const abs = resolveInside(this.root, program);
    if (!existsSync(abs)) return fail('program-missing', `There is no ${program} in the workspace.`);
    this.aborted();
    this.onEvent?.({ type: 'run-start', program, args });
    const { runOnKernel } = await import('../kernel/machine/index.js');
    const chunks: Uint8Array[] = [];
    let r;
    try {
      r = await runOnKernel({
        dir: this.root,
        prog: abs,
        args,
        write: (b) => void chunks.push(new Uint8Array(b)),
        input: input !== undefined ? new TextEncoder().encode(input) : undefined,
      });
    } catch (e) {
      const { formatBuildFailure } = await import('../toolchain/driver.js');
      const text = formatBuildFailure(e);
      if (text === undefined) {
        if (e instanceof KwbError) return fail('program-failed', e.message);
        throw e;
      }
      const shown = text.split(this.root + '/').join('');
      this.onEvent?.({ type: 'run-done', program, status: -1 });
      return fail('program-compile', `${program} does not compile:\n${shown.trimEnd()}`);
    }
    const output = Buffer.concat(chunks).toString('utf8');
    this.onEvent?.({ type: 'run-done', program, status: r.status });
    const log = r.log.map((l) => ({ level: l.level, text: l.text }));
    if (r.message && r.status >= 124) {
      return { ok: true, status: r.status, output, log, reason: 'program-crashed', message: `${program} did not finish normally: ${r.message}` };
    }
    return { ok: true, status: r.status, output, log };
  }

  async evaluate(check: Check): Promise<Outcome> {
    this.aborted();
    const o = await this.evalSpec(check.spec);
    if (o.passed) return { passed: true };
    return { passed: false, reason: check.reason ?? o.reason, message: check.message ?? o.message };
  }

  private readFile(path: WsPath): string | null {
    const abs = resolveInside(this.root, path);
    try {
      if (!statSync(abs).isFile()) return null;
      return readFileSync(abs, 'utf8');
    } catch {
      return null;
    }
  }

  private async evalSpec(spec: CheckSpec): Promise<Outcome> {
    const no = (reason: string, message: string): Outcome => ({ passed: false, reason, message });
    switch (spec.kind) {
      case 'file-exists': {
        const abs = resolveInside(this.root, spec.path);
        const there = existsSync(abs);
        if (there === spec.exists) return { passed: true };
        return spec.exists ? no('file-missing', `There is no ${spec.path} yet.`) : no('file-present', `${spec.path} should not exist.`);
      }
      case 'file-contains':
      case 'file-matches': {
        const text = this.readFile(spec.path);
        if (text === null) return no('file-missing', `There is no ${spec.path} yet.`);
        if (spec.kind === 'file-contains') {
          return text.includes(spec.text) ? { passed: true } : no('file-content', `${spec.path} does not contain ${quote(spec.text)} yet.`);
        }
        return spec.pattern.test(text) ? { passed: true } : no('file-content', `${spec.path} has nothing matching /${spec.pattern.source}/ yet.`);
      }
      case 'table':
        return this.table(spec);
      case 'build-ok': {
        const b = await this.buildKernel();
        if (b.ok) return { passed: true };
        return no(b.output === '' ? 'not-configured' : 'build-failed', b.output === '' ? b.errors : `The kernel does not build:\n${b.errors}`);
      }
      case 'build-fails': {
        const b = await this.buildKernel();
        if (b.ok) return no('build-succeeded', 'The build succeeds, but this step expects it to fail.');
        const hit = spec.contains !== undefined ? b.output.includes(spec.contains) : spec.pattern!.test(b.output);
        if (hit) return { passed: true };
        return no('build-wrong-error', `The build fails, but not with ${spec.contains !== undefined ? quote(spec.contains) : `/${spec.pattern!.source}/`}:\n${b.errors}`);
      }
      case 'symbol': {
        const b = await this.buildKernel();
        if (!b.ok) return no('build-failed', `The kernel does not build yet, so there is no System.map to look in:\n${b.errors}`);
        const map = this.readFile('System.map' as WsPath) ?? '';
        const found = map.split('\n').map((l) => l.split(' ')).find((f) => f[2] === spec.name);
        if (!found) return no('symbol-missing', `System.map has no symbol ${spec.name}: the kernel was built without it.`);
        if (spec.type && found[1] !== spec.type) return no('symbol-type', `System.map lists ${spec.name} with type ${found[1]}, not ${spec.type}.`);
        return { passed: true };
      }
      case 'run': {
        const r = await this.run(spec.program, spec.args, spec.input);
        if (!r.ok) return no(r.reason!, r.message!);
        const cmd = [spec.program, ...spec.args].join(' ');
        const extra = r.message ? `\n${r.message}` : '';
        const crashed = r.reason === 'program-crashed' && ((spec.output !== undefined && r.output !== spec.output) || (spec.outputPattern && !spec.outputPattern.test(r.output)) || (spec.status !== undefined && r.status !== spec.status));
        if (crashed) return no('program-crashed', `${r.message}\nIt printed:\n${block(r.output)}`);
        if (spec.output !== undefined && r.output !== spec.output) {
          if (lineCount(r.output) <= 1 && lineCount(spec.output) <= 1) return no(r.reason ?? 'program-output', `${cmd} printed ${quote(r.output, 200)}, expected ${quote(spec.output, 200)}.${extra}`);
          return no(r.reason ?? 'program-output', `${cmd} printed:\n${block(r.output)}\nexpected:\n${block(spec.output)}${extra}`);
        }
        if (spec.outputPattern && !spec.outputPattern.test(r.output)) {
          return no(r.reason ?? 'program-output', `${cmd} printed no line matching /${spec.outputPattern.source}/; it printed:\n${block(r.output)}${extra}`);
        }
        if (spec.status !== undefined && r.status !== spec.status) {
          return no(r.reason ?? 'program-status', `${cmd} exited with status ${r.status}, expected ${spec.status}.${r.message ? `\n${r.message}` : ''}`);
        }
        return { passed: true };
      }
      case 'dmesg': {
        const r = this.lastRun;
        if (!r) return no('no-run', 'No program has run yet, so there is no kernel log to read.');
        if (!r.ok) return no(r.reason!, r.message!);
        const hit = r.log.some((l) => (spec.level === undefined || l.level === spec.level) && (spec.contains !== undefined ? l.text.includes(spec.contains) : spec.pattern!.test(l.text)));
        const what = spec.contains !== undefined ? quote(spec.contains) : `a line matching /${spec.pattern!.source}/`;
        const lvl = spec.level !== undefined ? ` at level ${LEVEL_NAMES[spec.level]} (KERN_${LEVEL_NAMES[spec.level]!.toUpperCase().replace('WARNING', 'WARNING')})` : '';
        if (hit && !spec.absent) return { passed: true };
        if (!hit && spec.absent) return { passed: true };
        if (spec.absent) return no('dmesg-present', `The kernel log has ${what}${lvl}, and it should not.`);
        const sameText = spec.level !== undefined && r.log.some((l) => (spec.contains !== undefined ? l.text.includes(spec.contains) : spec.pattern!.test(l.text)));
        if (sameText) return no('dmesg-level', `The kernel log has ${what}, but not${lvl}.`);
        return no('dmesg-missing', `The kernel log has no ${what}${lvl}.`);
      }
      case 'all': {
        let first: Outcome | undefined;
        for (const c of spec.checks) {
          const o = await this.evaluate(c);
          if (!o.passed && !first) first = o;
        }
        return first ?? { passed: true };
      }
      case 'any': {
        let first: Outcome | undefined;
        let any = false;
        for (const c of spec.checks) {
          const o = await this.evaluate(c);
          if (o.passed) any = true;
          else first ??= o;
        }
        return any ? { passed: true } : first!;
      }
      case 'not': {
        const o = await this.evaluate(spec.check);
        return o.passed ? no('not-satisfied', `This should not be so: ${spec.check.description}.`) : { passed: true };
      }
    }
  }

  private async table(spec: Extract<CheckSpec, { kind: 'table' }>): Promise<Outcome> {
    const no = (reason: string, message: string): Outcome => ({ passed: false, reason, message });
    const { parseTable, checkTable, TABLE_64, TABLE_32 } = await import('../kbuild/systbl/index.js');
    const file = spec.arch === 'x86_64' ? TABLE_64 : TABLE_32;
    const text = this.readFile(file as WsPath);
    if (text === null) return no('table-file-missing', `There is no ${file}.`);
    const { table, diagnostics } = parseTable(text, file, spec.arch);
    const entry = table.entries.find((e) => e.number === spec.number);
    const short = file.replace(/.*\//, '');
    if (!entry) {
      const bad = diagnostics.find((d) => d.severity === 'error');
      if (bad) return no('table-invalid', `${short} has a line the kernel's scripts cannot read:\n${renderDiagnostic(bad)}`);
      return no('table-missing', `${short} has no entry numbered ${spec.number} yet.`);
    }
    if (spec.name !== undefined && entry.name !== spec.name) return no('table-name', `Entry ${spec.number} in ${short} is named '${entry.name}', expected '${spec.name}'.`);
    const abiOk = spec.abi !== undefined ? entry.abi === spec.abi : spec.arch === 'x86_64' ? entry.abi === '64' || entry.abi === 'common' : entry.abi === 'i386';
    if (!abiOk) return no('table-abi', `Entry ${spec.number} in ${short} has ABI '${entry.abi}', expected ${spec.abi !== undefined ? `'${spec.abi}'` : spec.arch === 'x86_64' ? "'64' or 'common'" : "'i386'"}.`);
    if (spec.entry !== undefined && entry.entry !== spec.entry) {
      return no('table-entry', `Entry ${spec.number} in ${short} points at '${entry.entry || '(nothing)'}', expected '${spec.entry || '(nothing)'}'.`);
    }
    if (spec.valid) {
      const errors = [...diagnostics, ...checkTable(table)].filter((d) => d.severity === 'error');
      if (errors.length) return no('table-invalid', `${short} breaks the table's rules:\n${renderDiagnostic(errors[0]!)}`);
    }
    return { passed: true };
  }
}
