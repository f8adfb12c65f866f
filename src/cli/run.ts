// `kwb run --user-mode [--trace-insn] [--max-insns N] [--timeout SECONDS] PROG [ARGS...]`:
// runs a static x86-64 Linux program on the emulated CPU with host-emulated system calls (like
// qemu-user) and exits with its status as a shell reports it: the program's own status, or
// 128+signal with bash's message ("Segmentation fault") on stderr. A program stopped by the
// instruction budget or the time limit exits 124, as timeout(1) does.
//
// Arguments are parsed by hand: everything after PROG belongs to the program, flags included.
import { mkdtempSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { UsageError } from '../errors.js';
import type { KwbCommand } from './command.js';

const HELP = `Usage: kwb run [options] PROG|PROG.c [ARGS...]
Runs a static x86-64 Linux program: on the workspace's booted kernel (its own output only; the
kernel log goes to kwb dmesg), or with --user-mode on kwb's emulated CPU with the Linux system
calls emulated on the host (like qemu-user). A .c file is compiled first with kwb cc.

  --user-mode          no kernel: host-emulated system calls (default: boot the workspace's
                       bzImage with PROG in the initramfs and run it there)
  -C DIR               the workspace whose kernel boots (default: the current directory)
  --console            with the kernel: show its console messages too
  --trace-insn         print every executed instruction (address, bytes, disassembly, changed
                       registers) on stderr
  --max-insns N        stop after N instructions (default 5000000000)
  --timeout SECONDS    stop after SECONDS of wall-clock time (default 10)
  --dmesg              also print the lines the kernel would log (segfault and trap reports)

Exit status: the program's; 128+N when it dies of signal N (bash's message on stderr);
124 when a limit stopped it (as timeout(1)); 2 for bad arguments or an unloadable program.
`;

interface RunArgs {
  userMode: boolean;
  trace: boolean;
  dmesg: boolean;
  console: boolean;
  dir: string;
  maxInsns: number;
  timeout: number;
  prog: string;
  args: string[];
}

function parse(argv: string[]): RunArgs | null {
  const r: RunArgs = { userMode: false, trace: false, dmesg: false, console: false, dir: '.', maxInsns: 5e9, timeout: 10, prog: '', args: [] };
  let i = 0;
  const value = (flag: string, inline: string | undefined): string => {
    if (inline !== undefined) return inline;
    const v = argv[++i];
    if (v === undefined) throw new UsageError(`kwb run: option '${flag}' needs a value\nTry 'kwb run --help'.`);
    return v;
  };
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const eq = a.indexOf('=');
    const flag = eq > 0 && a.startsWith('--') ? a.slice(0, eq) : a;
    const inline = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : undefined;
    switch (flag) {
      case '--help':
      case '-h':
        process.stdout.write(HELP);
        return null;
      case '--user-mode':
        r.userMode = true;
        break;
      case '--trace-insn':
        r.trace = true;
        break;
      case '--dmesg':
        r.dmesg = true;
        break;
      case '--console':
        r.console = true;
        break;
      case '--max-insns': {
        const v = value(flag, inline);
        const n = Number(v);
        if (!/^\d+(e\d+)?$/.test(v) || !Number.isSafeInteger(n) || n <= 0) {
          throw new UsageError(`kwb run: --max-insns wants a positive whole number, not '${v}'`);
        }
        r.maxInsns = n;
        break;
      }
      case '--timeout': {
        const v = value(flag, inline);
        const n = Number(v);
        if (!Number.isFinite(n) || n <= 0) throw new UsageError(`kwb run: --timeout wants a positive number of seconds, not '${v}'`);
        r.timeout = n;
        break;
      }
      case '-C':
        r.dir = value(flag, inline);
        break;
      case '--strace':
        throw new UsageError('kwb run: --strace is not available yet');
      default:
        throw new UsageError(`kwb run: unknown option '${a}'\nTry 'kwb run --help'.`);
    }
  }
  if (i >= argv.length) throw new UsageError("kwb run: no program given\nTry 'kwb run --help'.");
  r.prog = argv[i]!;
  r.args = argv.slice(i + 1);
  return r;
}

/** Compiles PROG.c with kwb cc into a temporary executable. */
async function compile(src: string): Promise<{ path: string; cleanup: () => void }> {
  const { buildProgram } = await import('../toolchain/driver.js');
  const dir = mkdtempSync(join(tmpdir(), 'kwb-run-'));
  const out = join(dir, basename(src).replace(/\.c$/, ''));
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    const r = await buildProgram({ sources: [src], output: out });
    const { renderDiagnostics } = await import('../diag.js');
    if (r.diagnostics.length) process.stderr.write(renderDiagnostics(r.diagnostics));
  } catch (e) {
    cleanup();
    throw e;
  }
  return { path: out, cleanup };
}

const command: KwbCommand = {
  name: 'run',
  synopsis: 'run [-C DIR] [--user-mode] [--console] [--dmesg] [--trace-insn] [--max-insns N] [--timeout S] PROG|PROG.c [ARGS...]',
  describe: 'run a program (on the booted workspace kernel, or --user-mode)',
  async run(argv) {
    const a = parse(argv);
    if (!a) return 0;
    if (!a.userMode) {
      // The workspace's bzImage boots with PROG in the initramfs (src/kernel/machine).
      const { runOnKernel, formatDmesg } = await import('../kernel/machine/index.js');
      const { writeAllSync } = await import('../kernel/user/process.js');
      const r = await runOnKernel({ dir: a.dir, prog: a.prog, args: a.args, console: a.console, write: (b) => void writeAllSync(1, b) });
      if (a.dmesg) writeAllSync(2, formatDmesg(r.log));
      if (r.message) writeAllSync(2, r.message + '\n');
      return r.status;
    }
    let path = a.prog;
    let cleanup = (): void => {};
    if (a.prog.endsWith('.c')) ({ path, cleanup } = await compile(a.prog));
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(path));
    } catch (e) {
      cleanup();
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'No such file or directory' : code === 'EISDIR' ? 'Is a directory' : code === 'EACCES' ? 'Permission denied' : String(code);
      throw new UsageError(`kwb run: ${a.prog}: ${why}`);
    }
    cleanup();
    const { runUserProgram, writeAllSync } = await import('../kernel/user/process.js');
    const { LoadError } = await import('../kernel/user/load.js');
    const { ElfFormatError } = await import('../toolchain/elf/read.js');
    const { installTracer } = await import('../kernel/user/trace.js');
    const env = Object.entries(process.env).map(([k, v]) => `${k}=${v}`);
    let result;
    try {
      result = runUserProgram({
        program: bytes,
        argv: [a.prog.endsWith('.c') ? a.prog.replace(/\.c$/, '') : a.prog, ...a.args],
        envp: env,
        execfn: a.prog,
        maxInsns: a.maxInsns,
        timeoutMs: a.timeout * 1000,
        trace: a.trace ? (cpu) => installTracer(cpu, (line) => writeAllSync(2, line + '\n')) : undefined,
      });
    } catch (e) {
      if (e instanceof LoadError || e instanceof ElfFormatError) throw new UsageError(`kwb run: ${a.prog}: ${e.message}`);
      throw e;
    }
    if (a.dmesg) for (const line of result.kernelLog) writeSync(2, line + '\n');
    const x = result.exit;
    switch (x.kind) {
      case 'exit':
        return x.status;
      case 'signal':
        if (x.message) writeSync(2, x.message + '\n');
        return x.status;
      default:
        writeSync(2, x.message + '\n');
        return x.status;
    }
  },
};

export default command;

