// The C preprocessor's API: source text in, what `gcc -E` prints out (linemarkers and source
// lines laid out so that lines no macro touched keep their columns). The work happens in pp/.

import type { Diagnostic } from '../../diag.js';
import { compilerIncludeDir } from './include.js';
import { Engine } from './pp/engine.js';

export interface PreprocessOptions {
  /** The path as the user named it (used in linemarkers, __FILE__ and diagnostics). */
  file: string;
  /** The contents, if already read (otherwise `file` is read). */
  source?: string;
  /** -I directories: searched for "..." (after the including file's directory) and <...>. */
  includeDirs: string[];
  /** Searched for <...> and "..." after includeDirs; files found here are system headers.
   *  The compiler's own include directory (./include.ts) follows them unless `nostdinc`. */
  systemIncludeDirs: string[];
  /** -nostdinc: only the directories given are searched, not the compiler's own. */
  nostdinc?: boolean;
  /** -D NAME[=VALUE] in order (no value: 1; '' defines it empty). NAME may be `F(x)`. */
  defines: [string, string?][];
  /** -U NAME, applied after the defines. */
  undefs: string[];
  /** Predefine __KERNEL__ (kbuild may also pass -D__KERNEL__; both are fine). */
  kernel?: boolean;
  /** Preprocessing a .S file (gcc -x assembler-with-cpp): __ASSEMBLER__, `$` is not an identifier
   *  character, unknown `# ...` lines pass through, lone quotes are not errors. */
  assembler?: boolean;
  /** -ffreestanding: __STDC_HOSTED__ is 0. */
  freestanding?: boolean;
  /** `-include FILE` (kbuild: include/linux/kconfig.h): read before the main file's first line;
   *  looked up in the working directory first, then along the "..." search chain. */
  forceIncludes?: string[];
  /** -std=: c89/gnu89, c99/gnu99, c11/gnu11 (default), c17/gnu17; sets __STDC_VERSION__,
   *  __STRICT_ANSI__, linux/unix and the inline-semantics macro as gcc does. */
  std?: string;
  /** -Wundef: warn when #if evaluates an identifier that is not a macro. */
  warnUndef?: boolean;
  /** -P: no linemarkers. */
  noLinemarkers?: boolean;
  /** The directory relative paths are resolved against, as if the compiler ran there (default: process.cwd()). */
  cwd?: string;
}

export interface PreprocessResult {
  text: string;
  /** Every file read: the main file first, then each include once, named as resolved (dir as given + name). */
  deps: string[];
  /** Warnings (errors are thrown as DiagnosticError). */
  diagnostics: Diagnostic[];
}

/** Preprocesses one translation unit. Throws DiagnosticError (with every diagnostic) on errors. */
export function preprocess(opts: PreprocessOptions): PreprocessResult {
  return engineFor(opts).run();
}

/** What the compiler needs to go on after preprocessing errors, as gcc does. */
export interface RecoveringResult extends PreprocessResult {
  /** Errors as well as warnings, in the order reported. */
  diagnostics: Diagnostic[];
  /** Where each diagnostic happened: its offset in `text` (it belongs before the first token
   *  at or after it) and the whole include chain at that point. */
  anchors: Map<Diagnostic, { offset: number; chain: { file: string; line: number }[] }>;
  /** A fatal error (a missing #include file) ended preprocessing there: `text` stops at it. */
  fatal: boolean;
}

/** Preprocesses for the compiler: errors do not stop it (a fatal one ends the text there). */
export function preprocessRecovering(opts: PreprocessOptions): RecoveringResult {
  const engine = engineFor(opts);
  return { ...engine.runRecovering(), anchors: engine.anchors };
}

function engineFor(opts: PreprocessOptions): Engine {
  return new Engine({
    file: opts.file,
    source: opts.source,
    includeDirs: opts.includeDirs,
    systemIncludeDirs: opts.nostdinc ? opts.systemIncludeDirs : withCompilerDir(opts.systemIncludeDirs),
    defines: opts.defines,
    undefs: opts.undefs,
    kernel: opts.kernel ?? false,
    assembler: opts.assembler ?? false,
    freestanding: opts.freestanding ?? false,
    linemarkers: !opts.noLinemarkers,
    cwd: opts.cwd ?? process.cwd(),
    forceIncludes: opts.forceIncludes ?? [],
    std: opts.std,
    warnUndef: opts.warnUndef ?? false,
  });
}

/** gcc's order: -I, then -isystem and the system directories, then the compiler's own headers. */
function withCompilerDir(dirs: string[]): string[] {
  const own = compilerIncludeDir();
  return dirs.includes(own) ? dirs : [...dirs, own];
}

/** gcc prints this line after a fatal error (a missing #include file). */
export const FATAL_TRAILER = 'compilation terminated.';
