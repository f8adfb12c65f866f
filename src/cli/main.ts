// kwb — the kernel-workbench command line. Dispatches to one module per subcommand
// (loaded on demand, so a short command does not pay for the TUI or the emulator).
import { KwbError, EXIT } from '../errors.js';
import { DiagnosticError, renderDiagnostics } from '../diag.js';
import { HelpShown, type KwbCommand } from './command.js';

type Loader = () => Promise<{ default: KwbCommand }>;

// name → [synopsis, description, loader]; the order is the order of `kwb --help`.
const COMMANDS: Record<string, [string, string, Loader]> = {
  demo: ['demo', 'the whole nsys lesson, headless, in a temporary workspace', () => import('./demo.js')],
  init: ['init DIR', 'make a new workspace: a copy of the Linux 4.4.79 tree plus .kwb/', () => import('./init.js')],
  make: ['make [TARGET...] [-C DIR] [V=1] [LOCALVERSION=-x]', 'build the workspace (defconfig, all, vmlinux, bzImage, clean, ...)', () => import('./make.js')],
  cc: ['cc [-c|-S|-E] [-o OUT] [-I DIR] [-D N[=V]] FILE...', 'gcc-compatible C compiler for static x86-64 Linux programs', () => import('./cc.js')],
  as: ['as [-o OUT] FILE', 'GNU-compatible x86-64 assembler (AT&T syntax)', () => import('./as.js')],
  ld: ['ld [-r] [-o OUT] [-Ttext ADDR] [-e SYM] FILE...', 'static linker for ELF64 objects and archives', () => import('./ld.js')],
  ar: ['ar rcs ARCHIVE FILE...', 'create an archive of objects', () => import('./ar.js')],
  objdump: ['objdump -d|-t|-h|-r [-j SECTION] FILE', 'disassemble an ELF file, or list its symbols, headers and relocations, as GNU objdump does', () => import('./objdump.js')],
  nm: ['nm [-n] [-g] [-u] [-a] [-S] FILE', 'list the symbols of an ELF file as GNU nm does', () => import('./nm.js')],
  run: ['run [-C DIR] [--user-mode] [--dmesg] PROG|PROG.c [ARGS...]', 'run a program (on the booted workspace kernel, or --user-mode)', () => import('./run.js')],
  boot: ['boot [-C DIR] [--kernel IMG] [--initrd IMG] [--append CMDLINE] [--exec CMDS]', 'boot the workspace kernel', () => import('./boot.js')],
  dmesg: ['dmesg [-C DIR] [-x] [-l LEVELS] [-r]', 'the kernel log of the last boot', () => import('./dmesg.js')],
  tbl: ['tbl check [FILE...] [--tree DIR] [--against 4.4|6.19] [--json]', 'check syscall tables against the rules', () => import('./tbl.js')],
  lab: ['lab list|show|start|status|check|hint|reset|validate|solve', 'guided labs and their grading', () => import('./lab.js')],
};

function help(): string {
  const lines = [
    'kwb — kernel-workbench: build a miniature Linux 4.4.79, add a syscall, boot it, see it work.',
    '',
    'Usage: kwb <command> [options]',
    '',
    'Commands:',
  ];
  for (const [synopsis, describe] of Object.values(COMMANDS)) {
    lines.push(`  kwb ${synopsis}`, `      ${describe}`);
  }
  lines.push('', "Run 'kwb <command> --help' for a command's options.", 'On a terminal, `kwb` alone opens the workbench.');
  return lines.join('\n') + '\n';
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  // `kwb` alone on a terminal is the workbench; anywhere else (a pipe, CI) it is the help text.
  if (name === undefined && process.stdin.isTTY && process.stdout.isTTY) {
    const { startTui } = await import('../tui/index.js');
    return startTui();
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help());
    return EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write('kwb (kernel-workbench) 0.1.0\n');
    return EXIT.ok;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    process.stderr.write(`kwb: '${name}' is not a kwb command. See 'kwb --help'.\n`);
    return EXIT.usage;
  }
  const mod = await entry[2]();
  return mod.default.run(rest);
}

/** Turns whatever a command threw into words and an exit status; never a stack trace. */
export function report(e: unknown): number {
  if (e instanceof HelpShown) return EXIT.ok;
  if (e instanceof DiagnosticError) {
    process.stderr.write(renderDiagnostics(e.diagnostics) + '\n');
    return EXIT.failed;
  }
  if (e instanceof KwbError) {
    process.stderr.write(e.message.endsWith('\n') ? e.message : e.message + '\n');
    return e.exitCode;
  }
  const what = e instanceof Error ? e.message : String(e);
  process.stderr.write(
    `kwb: internal error: ${what}\n` +
      'This is a bug in kernel-workbench, not in your code. Please report it with the command you ran\n' +
      '(set KWB_DEBUG=1 to include the internal details in the report).\n',
  );
  if (process.env.KWB_DEBUG && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
  return EXIT.failed;
}

