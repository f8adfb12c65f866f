// What one `kwb make` run carries around: the workspace, verbosity, the variables from the
// command line, where output goes, and the toolchain (loaded only when first needed).
//
// Output follows kbuild: in quiet mode each step prints `  TAG     target` (two spaces, the tag
// padded to 8 columns); with V=1 the full command is printed instead. Build lines go to stdout,
// diagnostics and make's error lines to stderr, as with the real tools.
import { KwbError, EXIT } from '../errors.js';
import { ConfigScanner, StatCache, type CmdFileMemo } from './cmdfile.js';
import type { Toolchain } from './toolchain.js';

export interface BuildIO {
  out(text: string): void; // stdout, text includes its newline
  err(text: string): void; // stderr
}

export interface KbuildOptions {
  /** The workspace directory (absolute). */
  root: string;
  /** Variables given on the command line (V=1, LOCALVERSION=-x, ...). */
  commandLine: Record<string, string>;
  /** Environment variables make would import (LOCALVERSION, KBUILD_BUILD_TIMESTAMP, ...). */
  environment: Record<string, string>;
  io: BuildIO;
  toolchain: () => Promise<Toolchain>;
  /** stdin and stdout are a terminal (oldconfig asks questions; silentoldconfig may). */
  interactive: boolean;
  /** Reads one answer line (interactive only). */
  ask?: (prompt: string) => Promise<string>;
  /** The build's clock, for compile.h's timestamp (tests pin it). */
  now?: () => Date;
}

export class Ctx {
  readonly root: string;
  readonly verbose: boolean;
  readonly scanner = new ConfigScanner();
  readonly stats = new StatCache();
  /** Targets already brought up to date in this run (make considers each target once). */
  readonly done = new Set<string>();
  /** Parsed .cmd files remembered between runs (set by the build from its plan cache). */
  cmdMemo: CmdFileMemo | undefined;
  private tc: Toolchain | undefined;

  constructor(readonly opts: KbuildOptions) {
    this.root = opts.root;
    this.verbose = (opts.commandLine.V ?? opts.environment.KBUILD_VERBOSE ?? '0') === '1';
  }

  async toolchain(): Promise<Toolchain> {
    this.tc ??= await this.opts.toolchain();
    return this.tc;
  }

  /** `  TAG     target` in quiet mode, `command` with V=1. */
  step(tag: string, target: string, command?: string): void {
    if (this.verbose) {
      if (command !== undefined) this.opts.io.out(command + '\n');
    } else this.opts.io.out(`  ${tag.padEnd(7)} ${target}\n`);
  }

  /** A line printed in both modes (make's own messages, "Kernel: ... is ready"). */
  say(text: string): void {
    this.opts.io.out(text + '\n');
  }

  /** kecho: printed only in quiet mode (CHK/UPD of filechk). */
  kecho(text: string): void {
    if (!this.verbose) this.opts.io.out(text + '\n');
  }

  err(text: string): void {
    this.opts.io.err(text.endsWith('\n') ? text : text + '\n');
  }

  now(): Date {
    return this.opts.now ? this.opts.now() : new Date();
  }
}

/** The build stopped; make's last lines have been printed already. Exit status 2, as make. */
export class BuildFailed extends KwbError {
  constructor() {
    super('', EXIT.usage);
    this.name = 'BuildFailed';
  }
}

/** make's summary of a failed recipe: `make[1]: *** [FILE:LINE: target] Error N`. */
export function makeErrorLine(level: number, where: { file: string; line: number } | undefined, target: string, code: number): string {
  const who = level === 0 ? 'make' : `make[${level}]`;
  return where ? `${who}: *** [${where.file}:${where.line}: ${target}] Error ${code}` : `${who}: *** [${target}] Error ${code}`;
}
