// `kwb boot [-C DIR] [--kernel IMG] [--initrd IMG] [--append CMDLINE] [-m MEM] [--exec "CMD; CMD"]`:
// boots the workspace's bzImage with an initramfs of /init (a small shell) and /bin. The console is
// stdout; on a terminal the shell is interactive, --exec runs the commands and powers off. The
// kernel log is saved for `kwb dmesg`.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KwbError, UsageError } from '../errors.js';
import type { KwbCommand } from './command.js';

const HELP = `Usage: kwb boot [-C DIR] [--kernel IMG] [--initrd IMG] [--append CMDLINE] [-m MEM] [--exec "CMD; CMD"]
Boots the workspace's kernel (arch/x86/boot/bzImage) on kwb's machine, with /init (a small shell)
and /bin (dmesg, uname, cat, echo, ls) in the initramfs. The console is this terminal.

  -C DIR             the workspace (default: the current directory)
  --kernel IMG       boot this bzImage or vmlinux instead
  --initrd IMG       use this cpio (newc) archive as the initramfs
  --append CMDLINE   more kernel command line (e.g. "quiet", "loglevel=3")
  -m MEM             memory in MiB (default 128)
  --exec "CMDS"      run the commands with /init's shell, then power off
  --max-insns N      stop the machine after N instructions (default 4000000000)
`;

interface BootArgs {
  dir: string;
  kernel: string | null;
  initrd: string | null;
  append: string;
  mem: number;
  exec: string | null;
  maxInsns: number;
}

function parse(argv: string[]): BootArgs | null {
  const a: BootArgs = { dir: '.', kernel: null, initrd: null, append: '', mem: 128, exec: null, maxInsns: 4e9 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`kwb boot: option '${flag}' needs a value\nTry 'kwb boot --help'.`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        process.stdout.write(HELP);
        return null;
      case '-C':
        a.dir = value();
        break;
      case '--kernel':
        a.kernel = value();
        break;
      case '--initrd':
        a.initrd = value();
        break;
      case '--append':
        a.append += (a.append ? ' ' : '') + value();
        break;
      case '-m': {
        const v = value();
        const n = Number(v.replace(/[mM]$/, ''));
        if (!Number.isInteger(n) || n < 16 || n > 4096) throw new UsageError(`kwb boot: -m wants a memory size in MiB (16-4096), not '${v}'`);
        a.mem = n;
        break;
      }
      case '--exec':
        a.exec = value();
        break;
      case '--max-insns': {
        const v = value();
        const n = Number(v);
        if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`kwb boot: --max-insns wants a positive whole number, not '${v}'`);
        a.maxInsns = n;
        break;
      }
      default:
        throw new UsageError(`kwb boot: unknown option '${arg}'\nTry 'kwb boot --help'.`);
    }
  }
  return a;
}

function readImage(path: string, what: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new KwbError(`kwb boot: ${path}: ${code === 'ENOENT' ? 'No such file or directory' : String(code)}${what}`, 1);
  }
}

const command: KwbCommand = {
  name: 'boot',
  synopsis: 'boot [-C DIR] [--kernel IMG] [--initrd IMG] [--append CMDLINE] [-m MEM] [--exec "CMD; CMD"]',
  describe: "boot the workspace's kernel with a shell (interactive, or --exec and power off)",
  async run(argv) {
    const a = parse(argv);
    if (!a) return 0;
    const ws = resolve(a.dir);
    const kernelPath = a.kernel ?? join(ws, 'arch/x86/boot/bzImage');
    const kernel = readImage(kernelPath, a.kernel ? '' : "; build the kernel with 'kwb make' first");
    const m = await import('../kernel/machine/index.js');
    const initrd = a.initrd ? readImage(a.initrd, '') : await m.buildInitramfs();
    if (a.exec !== null && a.exec.includes('"')) throw new UsageError('kwb boot: --exec commands cannot contain a double quote (they travel on the kernel command line)');
    const cmdline = ['console=ttyS0', a.append, a.exec !== null ? `rdinit=/init -- -c "${a.exec}"` : ''].filter(Boolean).join(' ');
    const write = (b: Uint8Array): void => void process.stdout.write(b);
    const interactive = a.exec === null && process.stdin.isTTY === true;
    let result;
    try {
      if (interactive) result = await bootInteractive(m, { kernel, initrd, cmdline, memoryMb: a.mem, console: write, maxInsns: a.maxInsns });
      else {
        const input = a.exec === null ? new Uint8Array(readFileSync(0)) : undefined;
        result = m.boot({ kernel, initrd, cmdline, memoryMb: a.mem, console: write, input, maxInsns: a.maxInsns });
      }
    } catch (e) {
      if (e instanceof m.KernelImageError || e instanceof m.CpioError) throw new KwbError(`kwb boot: ${e.message}`, 1);
      throw e;
    }
    if (existsSync(join(ws, '.kwb'))) m.saveLog(ws, result.log);
    if (result.reason === 'poweroff') return 0;
    const why: Record<string, string> = {
      lockup: 'the machine was stopped by the watchdog (soft lockup: the instruction budget ran out)',
      'triple-fault': 'the machine reset (triple fault)',
      halted: 'the kernel halted (panic; see kwb dmesg)',
      deadlock: 'every process is blocked and nothing can wake them',
    };
    process.stderr.write(`kwb boot: ${why[result.reason]}\n`);
    return 1;
  },
};

type MachineModule = typeof import('../kernel/machine/index.js');

/** The console on a terminal: stdin lines go to the UART; the machine runs between them. */
async function bootInteractive(m: MachineModule, o: Parameters<MachineModule['boot']>[0]) {
  const machine = new m.Machine({ ...o });
  process.stdin.on('data', (d: Buffer) => machine.feed(new Uint8Array(d)));
  process.stdin.on('end', () => machine.feed(Uint8Array.of(4)));
  try {
    for (;;) {
      const r = machine.slice(2_000_000);
      if (r === 'running') await new Promise((res) => setImmediate(res));
      else if (r === 'idle') await new Promise((res) => setTimeout(res, 1));
      else return m.finish(machine, r);
    }
  } finally {
    process.stdin.pause();
    process.stdin.removeAllListeners('data');
  }
}

export default command;
