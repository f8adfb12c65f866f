// The machine's API for the CLI: boot a workspace's kernel with an initramfs, run a program
// under it, save and read the kernel log.
//
//   boot(opts)          → BootResult: a whole boot, console to a callback, until power-off
//   runProgram(opts)    → { status, message, log }: `kwb run` on the booted kernel
//   runOnKernel(...)    → the same, for src/cli/run.ts (compiles PROG.c first)
//   saveLog / readSavedLog: the log of a workspace's last boot (.kwb/dmesg)
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { writeFileAtomic } from '../../util/atomic.js';
import { KwbError } from '../../errors.js';
import { S_IFREG, writeCpio, type CpioEntry } from './cpio.js';
import { KernelImageError } from './image.js';
import { parseSyslogText, syslogText, type LogRecord } from './log.js';
import { Machine, type ExitRecord, type StopReason } from './machine.js';
import { buildCached, userlandEntries } from './userland.js';

export { Machine, normalize } from './machine.js';
export { buildCached } from './userland.js';
export { writeCpio, readCpio, CpioError } from './cpio.js';
export { KernelImageError } from './image.js';
export { formatDmesg, parseLevels, parseSyslogText, syslogText, timePrefix } from './log.js';
export type { LogRecord } from './log.js';
export type { ExitRecord, StopReason } from './machine.js';

export interface BootOptions {
  kernel: Uint8Array;
  initrd: Uint8Array;
  cmdline: string;
  memoryMb?: number;
  console: (bytes: Uint8Array) => void;
  input?: Uint8Array;
  maxInsns?: number;
  timeoutMs?: number;
}

export interface BootResult {
  reason: StopReason;
  log: LogRecord[];
  exits: ExitRecord[];
  /** Guest time at the end, in instructions (= ns), and how much of it the CPU spent halted. */
  instructions: number;
  idle: number;
}

/** Boots to power-off (or a stop condition), non-interactively: input then end of file. */
export function boot(opts: BootOptions): BootResult {
  const m = new Machine({ ...opts, eof: true });
  const reason = m.run();
  return finish(m, reason);
}

export function finish(m: Machine, reason: StopReason): BootResult {
  const log = m.kernelLog();
  if (reason === 'lockup') {
    const ts = BigInt(m.instructions);
    // What 4.4's watchdog prints when a CPU does not get back to the scheduler's watchdog thread;
    // here the machine's instruction budget plays that part.
    log.push({ ts, level: 0, facility: 0, text: `NMI watchdog: BUG: soft lockup - CPU#0 stuck for ${Math.max(1, Math.round((m.instructions - m.idleNs) / 1e9))}s! [${m.currentTask()}]` });
  }
  return { reason, log, exits: m.exits, instructions: m.instructions, idle: m.idleNs };
}

/** The initramfs: /init and /bin from userland/bin, plus extra files (the user's program). */
export async function buildInitramfs(extra: CpioEntry[] = []): Promise<Uint8Array> {
  const base = await userlandEntries();
  const names = new Set(extra.map((e) => e.name));
  return writeCpio([...base.filter((e) => !names.has(e.name)), ...extra]);
}

export function workspaceKernel(workspace: string): Uint8Array {
  const p = join(workspace, 'arch/x86/boot/bzImage');
  if (!existsSync(p)) throw new KwbError(`kwb run: ${p}: No such file or directory; build the kernel with 'kwb make' first`, 1);
  return new Uint8Array(readFileSync(p));
}

const LOG_FILE = join('.kwb', 'dmesg');

export function saveLog(workspace: string, log: LogRecord[]): void {
  const dir = join(workspace, '.kwb');
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(workspace, LOG_FILE), syslogText(log));
}

export function readSavedLog(workspace: string): LogRecord[] | null {
  const p = join(workspace, LOG_FILE);
  if (!existsSync(p)) return null;
  return parseSyslogText(readFileSync(p, 'utf8'));
}

export interface RunOptions {
  workspace: string;
  /** A static executable (path) to run; its base name is its name in the initramfs (/NAME). */
  program: string;
  args: string[];
  /** Show the kernel's console messages too (boots with `quiet` instead of `loglevel=0`). */
  console?: boolean;
  /** Where the console goes. */
  write: (bytes: Uint8Array) => void;
  maxInsns?: number;
  timeoutMs?: number;
  memoryMb?: number;
  /** The program's standard input (the console's), then end of file. */
  input?: Uint8Array;
}

export interface RunResult {
  /** As a shell reports it: the exit status, or 128+signal. */
  status: number;
  /** bash's words for a signal ("Segmentation fault"), or why the machine stopped. */
  message: string | null;
  log: LogRecord[];
  reason: StopReason;
}

const SIGNALS: Record<number, string> = {
  1: 'Hangup', 2: 'Interrupt', 3: 'Quit', 4: 'Illegal instruction', 5: 'Trace/breakpoint trap', 6: 'Aborted',
  7: 'Bus error', 8: 'Floating point exception', 9: 'Killed', 11: 'Segmentation fault', 13: 'Broken pipe',
  14: 'Alarm clock', 15: 'Terminated',
};

function quoteArg(a: string): string {
  if (a.includes('"')) throw new KwbError(`kwb run: an argument with a double quote cannot be passed on the kernel command line: ${a}`, 2);
  return a === '' || /\s/.test(a) ? `"${a}"` : a;
}

/** `kwb run` on the booted kernel: /init -x /PROG ARGS, then power off. */
export async function runProgram(opts: RunOptions): Promise<RunResult> {
  const kernel = workspaceKernel(opts.workspace);
  const name = basename(opts.program).slice(0, 60) || 'prog';
  let data: Uint8Array;
  try {
    data = new Uint8Array(readFileSync(opts.program));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new KwbError(`kwb run: ${opts.program}: ${code === 'ENOENT' ? 'No such file or directory' : code === 'EISDIR' ? 'Is a directory' : String(code)}`, 2);
  }
  // The program lives at /NAME (or /root/NAME when that would replace /init or /bin).
  const path = name === 'init' || name === 'bin' ? `root/${name}` : name;
  const extra: CpioEntry[] = path.startsWith('root/') ? [{ name: 'root', mode: 0o40755, data: new Uint8Array(0) }] : [];
  extra.push({ name: path, mode: S_IFREG | 0o755, data });
  const initrd = await buildInitramfs(extra);
  const cmdline = [opts.console ? 'quiet' : 'loglevel=0', 'console=ttyS0', 'rdinit=/init', '--', '-x', '/' + path, ...opts.args.map(quoteArg)].join(' ');
  let r: BootResult;
  try {
    // The watchdog: 2e9 instructions (two seconds of guest time) or a minute of wall-clock time.
    r = boot({ kernel, initrd, cmdline, console: opts.write, maxInsns: opts.maxInsns ?? 2e9, timeoutMs: opts.timeoutMs ?? 60_000, memoryMb: opts.memoryMb, input: opts.input });
  } catch (e) {
    if (e instanceof KernelImageError) throw new KwbError(`kwb run: ${e.message}`, 1);
    throw e;
  }
  saveLog(opts.workspace, r.log);
  const exit = r.exits.find((x) => x.execed && x.path === '/' + path);
  if (r.reason === 'lockup') return { status: 124, message: 'kwb run: the guest was stopped by the watchdog (soft lockup); see kwb dmesg', log: r.log, reason: r.reason };
  if (!exit) {
    const why: Record<StopReason, string> = {
      poweroff: 'the program did not run (see kwb dmesg)',
      'triple-fault': 'the machine reset (triple fault)',
      deadlock: 'every process is blocked and nothing can wake them',
      halted: 'the kernel halted (see kwb dmesg)',
      lockup: '',
    };
    return { status: 1, message: `kwb run: ${why[r.reason]}`, log: r.log, reason: r.reason };
  }
  const sig = exit.code & 0x7f;
  if (sig) {
    let message = SIGNALS[sig] ?? `Unknown signal ${sig}`;
    const oops = r.log.find((l) => /^Oops: [0-9a-f]{4} \[#\d+\]/.test(l.text));
    if (oops) message += '\nkwb run: the kernel oopsed in a system call and killed the program; see kwb dmesg';
    return { status: 128 + sig, message, log: r.log, reason: r.reason };
  }
  return { status: (exit.code >> 8) & 0xff, message: null, log: r.log, reason: r.reason };
}

/** For src/cli/run.ts: PROG or PROG.c (compiled with kwb cc, cached), in the workspace `dir`. */
export async function runOnKernel(o: {
  dir: string;
  prog: string;
  args: string[];
  console?: boolean;
  write: (bytes: Uint8Array) => void;
  maxInsns?: number;
  input?: Uint8Array;
}): Promise<RunResult> {
  const ws = resolve(o.dir);
  let program = o.prog;
  if (program.endsWith('.c')) {
    const bytes = await buildCached([program], basename(program, '.c'));
    const dir = join(ws, '.kwb', 'run');
    mkdirSync(dir, { recursive: true });
    program = join(dir, basename(o.prog, '.c'));
    writeFileAtomic(program, bytes, 0o755);
  }
  return runProgram({ workspace: ws, program, args: o.args, console: o.console, write: o.write, maxInsns: o.maxInsns, input: o.input });
}
