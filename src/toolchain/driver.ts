// The gcc-like driver behind `kwb cc`: it reads gcc's command line, sends each input through the
// stages its kind needs (preprocess → compile → assemble, or straight to the linker), and links
// crt1.o + the objects + libc.a into a static x86-64 executable at 0x400000, as
// `gcc -static -no-pie` would. Messages are gcc's, word for word, with "kwb cc" in place of "gcc".
//
// The stages are in-process functions (docs/architecture.md); the driver only decides what runs,
// names the outputs, and turns stage failures into gcc's messages and exit status 1.
import { readFileSync, existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { DiagnosticError, renderDiagnostics, type Diagnostic } from '../diag.js';
import { KwbError } from '../errors.js';
import { userIncludeDir, userlandBuildDir } from '../paths.js';
import { writeFileAtomic } from '../util/atomic.js';
import { link, LinkError, LinkInputError, type LinkInput } from './ld/link.js';
import { preprocess } from './cc/preprocess.js';
import { compile } from './cc/compile.js';
import { assemble } from './as/assemble.js';

/** What an input file is, from -x or its name, as gcc decides. */
export type Language = 'c' | 'cpp-output' | 'assembler' | 'assembler-with-cpp' | 'object';

/** Where the driver stops: -E, -S, -c, or a full link. */
export type StopAfter = 'preprocess' | 'compile' | 'assemble' | 'link';

export interface InputFile {
  path: string;
  language: Language;
}

/** Everything a `kwb cc` command line asks for. */
export interface CcInvocation {
  stopAfter: StopAfter;
  inputs: InputFile[];
  output?: string;
  includeDirs: string[];
  systemIncludeDirs: string[];
  /** -include FILE: read before each source's first line, in order. */
  forceIncludes: string[];
  defines: [string, string?][];
  undefs: string[];
  nostdlib: boolean;
  nostdinc: boolean;
  freestanding: boolean;
  noLinemarkers: boolean;
  /** -L directories, searched for -lNAME (which stays among the inputs, in order). */
  libDirs: string[];
  /** Make dependencies: -M/-MM (instead of compiling) or -MD/-MMD (beside it). */
  deps?: DepsRequest;
  /** -w: no warnings at all. */
  noWarnings: boolean;
  /** -Werror: every warning is an error (gcc's "all warnings being treated as errors"). */
  warningsAreErrors: boolean;
}

/** What -M, -MM, -MD, -MMD, -MF, -MT, -MQ and -MP ask for. */
export interface DepsRequest {
  /** -M/-MM: print the rule instead of compiling; -MD/-MMD: write it while compiling. */
  only: boolean;
  /** -MM/-MMD: leave out headers found in system directories. */
  userOnly: boolean;
  file?: string;
  targets: string[];
  phony: boolean;
}

/** Options shared by the programmatic entry points (kbuild's user programs, `kwb run x.c`). */
export interface CcOptions {
  /** -I directories, searched before the libc headers. */
  includeDirs?: string[];
  /** Extra system directories (-isystem), searched after -I and before the libc headers. */
  systemIncludeDirs?: string[];
  /** -include FILE (kbuild: include/linux/kconfig.h), before the first line of each source. */
  forceIncludes?: string[];
  /** -D: [name, value]; a missing value means 1, as gcc's -DNAME. */
  defines?: [string, string?][];
  undefs?: string[];
  /** -nostdinc: do not search userland/include. */
  nostdinc?: boolean;
  /** -ffreestanding: __STDC_HOSTED__ is 0. */
  freestanding?: boolean;
  /** -P with -E: no linemarkers. */
  noLinemarkers?: boolean;
  /** Predefine __KERNEL__ (kernel code built through these helpers). */
  kernel?: boolean;
  /** The directory relative paths are resolved against (default: process.cwd()). */
  cwd?: string;
}

export interface BuildProgramOptions extends CcOptions {
  /** .c, .s, .S, .o and .a files, in link order. */
  sources: string[];
  /** The executable to write (mode 0755, atomically). */
  output: string;
  /** -nostdlib: no crt1.o and no libc.a. */
  nostdlib?: boolean;
}

export interface BuildResult {
  /** Warnings from every stage, in order (errors are thrown as DiagnosticError / LinkError). */
  diagnostics: Diagnostic[];
  /** The linker's warnings, worded as ld prints them. */
  linkWarnings: string[];
}

/** The gcc-style failure of a whole `kwb cc` run: lines for stderr, exit status 1. */
export class DriverError extends KwbError {
  constructor(lines: string[]) {
    super(lines.join('\n'), 1);
    this.name = 'DriverError';
  }
}

const PROG = 'kwb cc';

/** Text base of user programs: GNU ld's default for x86-64 executables. */
export const USER_TEXT_BASE = 0x400000n;

// ---------------------------------------------------------------------------------------------
// Command line

const LANGUAGES: Record<string, Language | null> = {
  c: 'c',
  'cpp-output': 'cpp-output',
  assembler: 'assembler',
  'assembler-with-cpp': 'assembler-with-cpp',
  none: null,
};

/** gcc's choice by suffix; anything unknown is handed to the linker. */
export function languageOf(path: string): Language {
  if (path.endsWith('.c') || path.endsWith('.h')) return 'c';
  if (path.endsWith('.i')) return 'cpp-output';
  if (path.endsWith('.s')) return 'assembler';
  if (path.endsWith('.S') || path.endsWith('.sx')) return 'assembler-with-cpp';
  return 'object';
}

// Flags gcc understands that change nothing for a static x86-64 program built by our compiler.
function ignoredFlag(a: string): boolean {
  return (
    /^-O([0-3sgz]|fast)?$/.test(a) ||
    /^-g(gdb|dwarf(-[2-5])?|[0-3])?$/.test(a) ||
    (/^-W/.test(a) && !/^-W[lap],/.test(a)) ||
    a === '-w' ||
    a === '-static' ||
    a === '-no-pie' ||
    a === '-pthread' ||
    a === '-pipe' ||
    a === '-m64' ||
    /^-std=/.test(a) ||
    a === '-ansi' ||
    a === '-pedantic' ||
    a === '-pedantic-errors' ||
    /^-fno-/.test(a) ||
    /^-m(arch|tune)=/.test(a) ||
    /^-f(PIC|pic|PIE|pie)$/.test(a) ||
    /^-fstack-protector(-all|-strong|-explicit)?$/.test(a) ||
    a === '-fomit-frame-pointer' ||
    a === '-fcommon' ||
    a === '-fwrapv' ||
    a === '-fsigned-char'
  );
}

// Flags that ask for something this toolchain does not build: said plainly, exit 1.
const UNSUPPORTED: Record<string, string> = {
  '-m32': 'only x86-64 programs are built (-m32 is not supported)',
  '-mx32': 'only x86-64 programs are built (-mx32 is not supported)',
  '-shared': 'only static executables are built (-shared is not supported)',
  '-pie': 'only static, non-PIE executables are built (-pie is not supported)',
  '-static-pie': 'only static, non-PIE executables are built (-static-pie is not supported)',
  '-funsigned-char': 'char is signed on x86-64 Linux and in kwb cc (-funsigned-char is not supported)',
};

/**
 * Parses gcc's command line. Problems are collected as gcc reports them: every bad option is an
 * "error:", a missing input is "fatal error: no input files" plus "compilation terminated.".
 */
export function parseCcArgs(argv: readonly string[]): CcInvocation {
  const inv: CcInvocation = {
    stopAfter: 'link',
    inputs: [],
    includeDirs: [],
    systemIncludeDirs: [],
    forceIncludes: [],
    defines: [],
    undefs: [],
    nostdlib: false,
    nostdinc: false,
    freestanding: false,
    noLinemarkers: false,
    libDirs: [],
    noWarnings: false,
    warningsAreErrors: false,
  };
  const errors: string[] = [];
  const stops: StopAfter[] = [];
  let language: Language | null = null;

  // The value of a flag written either joined (-Ifoo) or as the next word (-I foo).
  const joinedOrNext = (i: number, flag: string, missing: string): [string | undefined, number] => {
    const a = argv[i]!;
    if (a.length > flag.length) return [a.slice(flag.length), i];
    if (i + 1 < argv.length) return [argv[i + 1], i + 1];
    errors.push(`${PROG}: error: ${missing}`);
    return [undefined, i];
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-' || !a.startsWith('-')) {
      if (a === '-') {
        errors.push(`${PROG}: error: reading a program from standard input is not supported; name a file`);
        continue;
      }
      inv.inputs.push({ path: a, language: language ?? languageOf(a) });
      continue;
    }
    if (a === '-c') stops.push('assemble');
    else if (a === '-S') stops.push('compile');
    else if (a === '-E') stops.push('preprocess');
    else if (a.startsWith('-o')) {
      const [v, j] = joinedOrNext(i, '-o', `missing filename after '-o'`);
      i = j;
      if (v !== undefined) inv.output = v;
    } else if (a.startsWith('-I')) {
      const [v, j] = joinedOrNext(i, '-I', `missing path after '-I'`);
      i = j;
      if (v !== undefined) inv.includeDirs.push(v);
    } else if (a === '-isystem') {
      const [v, j] = joinedOrNext(i, '-isystem', `missing path after '-isystem'`);
      i = j;
      if (v !== undefined) inv.systemIncludeDirs.push(v);
    } else if (a.startsWith('-include')) {
      const [v, j] = joinedOrNext(i, '-include', `missing filename after '-include'`);
      i = j;
      if (v !== undefined) inv.forceIncludes.push(v);
    } else if (a.startsWith('-D')) {
      const [v, j] = joinedOrNext(i, '-D', `macro name missing after '-D'`);
      i = j;
      if (v !== undefined) {
        const eq = v.indexOf('=');
        inv.defines.push(eq < 0 ? [v, '1'] : [v.slice(0, eq), v.slice(eq + 1)]);
      }
    } else if (a.startsWith('-U')) {
      const [v, j] = joinedOrNext(i, '-U', `macro name missing after '-U'`);
      i = j;
      if (v !== undefined) inv.undefs.push(v);
    } else if (a.startsWith('-L')) {
      const [v, j] = joinedOrNext(i, '-L', `missing path after '-L'`);
      i = j;
      if (v !== undefined) inv.libDirs.push(v);
    } else if (a.startsWith('-l')) {
      const [v, j] = joinedOrNext(i, '-l', `argument to '-l' is missing`);
      i = j;
      if (v !== undefined) inv.inputs.push({ path: '-l' + v, language: 'object' });
    } else if (a.startsWith('-x')) {
      const [v, j] = joinedOrNext(i, '-x', `missing argument to '-x'`);
      i = j;
      if (v !== undefined) {
        if (v in LANGUAGES) language = LANGUAGES[v]!;
        else errors.push(`${PROG}: error: language ${v} not recognized`);
      }
    } else if (/^-M(M?D?)$/.test(a)) {
      const d = (inv.deps ??= { only: false, userOnly: false, targets: [], phony: false });
      d.only ||= !a.endsWith('D');
      d.userOnly ||= a.startsWith('-MM');
    } else if (a.startsWith('-MF') || a.startsWith('-MT') || a.startsWith('-MQ')) {
      const flag = a.slice(0, 3);
      const [v, j] = joinedOrNext(i, flag, `missing ${flag === '-MF' ? 'filename' : 'makefile target'} after '${flag}'`);
      i = j;
      if (v !== undefined) {
        const d = (inv.deps ??= { only: false, userOnly: false, targets: [], phony: false });
        if (flag === '-MF') d.file = v;
        else d.targets.push(flag === '-MQ' ? quoteTarget(v) : v);
      }
    } else if (a === '-MP') (inv.deps ??= { only: false, userOnly: false, targets: [], phony: false }).phony = true;
    else if (a === '-nostdlib') inv.nostdlib = true;
    else if (a === '-nostdinc') inv.nostdinc = true;
    else if (a === '-w') inv.noWarnings = true;
    else if (a === '-Werror') inv.warningsAreErrors = true;
    else if (a === '-Wno-error') inv.warningsAreErrors = false;
    else if (a === '-ffreestanding') inv.freestanding = true;
    else if (a === '-P') inv.noLinemarkers = true;
    else if (UNSUPPORTED[a]) errors.push(`${PROG}: error: ${UNSUPPORTED[a]}`);
    else if (/^-W[lap],/.test(a)) errors.push(`${PROG}: error: passing options through to the ${{ l: 'linker', a: 'assembler', p: 'preprocessor' }[a[2]!]} (${a}) is not supported`);
    else if (ignoredFlag(a)) continue;
    else errors.push(`${PROG}: error: unrecognized command-line option '${a}'`);
  }

  // gcc: whichever of -E, -S, -c stops earliest wins, in any order.
  if (stops.includes('preprocess')) inv.stopAfter = 'preprocess';
  else if (stops.includes('compile')) inv.stopAfter = 'compile';
  else if (stops.includes('assemble')) inv.stopAfter = 'assemble';

  const realInputs = inv.inputs.filter((f) => !f.path.startsWith('-l'));
  if (errors.length) {
    if (realInputs.length === 0 && errors.some((e) => /missing|after/.test(e))) {
      errors.push(`${PROG}: fatal error: no input files`, 'compilation terminated.');
    }
    throw new DriverError(errors);
  }
  if (realInputs.length === 0) throw new DriverError([`${PROG}: fatal error: no input files`, 'compilation terminated.']);
  if (inv.output !== undefined && inv.stopAfter !== 'link' && realInputs.filter((f) => f.language !== 'object').length > 1) {
    throw new DriverError([`${PROG}: fatal error: cannot specify '-o' with '-c', '-S' or '-E' with multiple files`, 'compilation terminated.']);
  }
  return inv;
}

// ---------------------------------------------------------------------------------------------
// Stages

/** What the driver hands the preprocessor and compiler (PreprocessOptions in docs/architecture.md). */
export interface StageSourceOptions {
  file: string;
  source?: string;
  includeDirs: string[];
  systemIncludeDirs: string[];
  defines: [string, string?][];
  undefs: string[];
  /** .S files: the preprocessor keeps assembler comments and '#' lines it does not know. */
  assembler?: boolean;
  /** Already-preprocessed text (.i files): compile it as is. */
  preprocessed?: string;
  freestanding?: boolean;
  noLinemarkers?: boolean;
  kernel?: boolean;
  cwd?: string;
}

/** The three in-process stages before the linker. */
export interface Stages {
  preprocess(o: StageSourceOptions): { text: string; deps: string[]; diagnostics: Diagnostic[] };
  compile(o: StageSourceOptions): { asm: string; deps: string[]; diagnostics: Diagnostic[] };
  assemble(source: string, o: { file: string }): { object: Uint8Array; diagnostics: Diagnostic[] };
}

// The stages as the driver uses them (the real modules satisfy this shape).
const stages: Stages = { preprocess, compile, assemble };

function searchDirs(opts: CcOptions): { includeDirs: string[]; systemIncludeDirs: string[] } {
  const system = [...(opts.systemIncludeDirs ?? [])];
  if (!opts.nostdinc) system.push(userIncludeDir());
  return { includeDirs: [...(opts.includeDirs ?? [])], systemIncludeDirs: system };
}

// gcc's cc1 cannot open its input: a fatal error that ends the whole run.
// Read as UTF-8, as the preprocessor reads the headers it includes.
function readSource(path: string, cwd?: string): string {
  try {
    return readFileSync(resolve(cwd ?? process.cwd(), path), 'utf8');
  } catch (e) {
    throw new DriverError([`cc1: fatal error: ${path}: ${errnoText(e)}`, 'compilation terminated.']);
  }
}

function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'No such file or directory';
  if (code === 'EACCES') return 'Permission denied';
  if (code === 'EISDIR') return 'Is a directory';
  return (e as Error).message;
}

function preprocessOptions(file: string, source: string, opts: CcOptions, assembler: boolean) {
  const dirs = searchDirs(opts);
  const o = {
    file,
    source,
    includeDirs: dirs.includeDirs,
    systemIncludeDirs: dirs.systemIncludeDirs,
    forceIncludes: [...(opts.forceIncludes ?? [])],
    defines: (opts.defines ?? []).map(([n, v]): [string, string?] => [n, v ?? '1']),
    undefs: [...(opts.undefs ?? [])],
    assembler,
    freestanding: opts.freestanding ?? false,
    noLinemarkers: opts.noLinemarkers ?? false,
    kernel: opts.kernel ?? false,
    // -nostdinc also drops the compiler's own directory (stdarg.h, stddef.h), as with gcc.
    nostdinc: opts.nostdinc ?? false,
    ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
  };
  return o;
}

/** `cc -E`: the preprocessed text of a C or .S file, with gcc's linemarkers. */
export function preprocessFile(
  path: string,
  opts: CcOptions & { language?: Language } = {},
): { text: string; deps: string[]; diagnostics: Diagnostic[] } {
  const language = opts.language ?? languageOf(path);
  const source = readSource(path, opts.cwd);
  const r = stages.preprocess(preprocessOptions(path, source, opts, language === 'assembler' || language === 'assembler-with-cpp'));
  return { text: r.text, deps: r.deps, diagnostics: r.diagnostics };
}

/** `cc -S`: the AT&T assembly our compiler makes from a C file. */
export function compileToAssembly(path: string, opts: CcOptions = {}): { asm: string; deps: string[]; diagnostics: Diagnostic[] } {
  const source = readSource(path, opts.cwd);
  const r = stages.compile(preprocessOptions(path, source, opts, false));
  return { asm: r.asm, deps: r.deps, diagnostics: r.diagnostics };
}

/** `cc -c`: an ELF64 relocatable object from a .c, .i, .s or .S file. */
export function compileObject(
  path: string,
  opts: CcOptions & { language?: Language } = {},
): { object: Uint8Array; deps: string[]; diagnostics: Diagnostic[] } {
  const language = opts.language ?? languageOf(path);
  const diagnostics: Diagnostic[] = [];
  let deps: string[] = [path];
  let asm: string;
  let asmName: string;
  if (language === 'c' || language === 'cpp-output') {
    const source = readSource(path, opts.cwd);
    const o = preprocessOptions(path, source, opts, false);
    const r = stages.compile(language === 'cpp-output' ? { ...o, preprocessed: source } : o);
    diagnostics.push(...r.diagnostics);
    deps = r.deps;
    asm = r.asm;
    // gcc's assembler sees a temporary file; messages about it name the source's .s.
    asmName = basename(path).replace(/\.[ci]$/, '') + '.s';
  } else if (language === 'assembler-with-cpp') {
    const source = readSource(path, opts.cwd);
    const r = stages.preprocess(preprocessOptions(path, source, opts, true));
    diagnostics.push(...r.diagnostics);
    deps = r.deps;
    asm = r.text;
    asmName = path;
  } else if (language === 'assembler') {
    try {
      asm = readFileSync(resolve(opts.cwd ?? process.cwd(), path), 'utf8');
    } catch (e) {
      throw new DriverError(['Assembler messages:', `Error: can't open ${path} for reading: ${errnoText(e)}`]);
    }
    asmName = path;
  } else {
    throw new DriverError([`${PROG}: error: ${path}: not a source file`]);
  }
  const a = stages.assemble(asm, { file: asmName });
  diagnostics.push(...a.diagnostics);
  return { object: a.object, deps, diagnostics };
}

/** crt1.o and libc.a as built into dist/userland by scripts/build-userland.mjs. */
export function userlandRuntime(): { crt1: string; libc: string } {
  const dir = userlandBuildDir();
  return { crt1: join(dir, 'crt1.o'), libc: join(dir, 'libc.a') };
}

function readRuntime(path: string): LinkInput {
  if (!existsSync(path)) {
    throw new DriverError([
      `${PROG}: fatal error: ${basename(path)}: the C library has not been built (expected ${path})`,
      `note: 'npm run build' builds it with kwb's own toolchain`,
      'compilation terminated.',
    ]);
  }
  return { name: path, data: new Uint8Array(readFileSync(path)) };
}

/** Links objects into a static executable: crt1.o first, libc.a last, unless nostdlib. */
export function linkProgram(objects: LinkInput[], opts: { nostdlib?: boolean } = {}): { output: Uint8Array; warnings: string[] } {
  const inputs: LinkInput[] = [];
  if (!opts.nostdlib) inputs.push(readRuntime(userlandRuntime().crt1));
  inputs.push(...objects);
  if (!opts.nostdlib) inputs.push(readRuntime(userlandRuntime().libc));
  const r = link(inputs, { textBase: USER_TEXT_BASE, entry: '_start' });
  return { output: r.output, warnings: r.warnings ?? [] };
}

/** Compiles and links a whole program, writing the executable (mode 0755) atomically. */
export function buildProgram(opts: BuildProgramOptions): BuildResult {
  const diagnostics: Diagnostic[] = [];
  const objects: LinkInput[] = [];
  for (const src of opts.sources) {
    const lang = languageOf(src);
    if (lang === 'object') {
      objects.push(readLinkerInput(src, opts.cwd));
      continue;
    }
    const r = compileObject(src, { ...opts, language: lang });
    diagnostics.push(...r.diagnostics);
    objects.push({ name: basename(src).replace(/\.[^.]*$/, '') + '.o', data: r.object });
  }
  const l = linkProgram(objects, { nostdlib: opts.nostdlib });
  writeFileAtomic(resolve(opts.cwd ?? process.cwd(), opts.output), l.output, 0o755);
  return { diagnostics, linkWarnings: l.warnings };
}

function readLinkerInput(path: string, cwd?: string): LinkInput {
  try {
    return { name: path, data: new Uint8Array(readFileSync(resolve(cwd ?? process.cwd(), path))) };
  } catch (e) {
    throw new DriverError([`ld: cannot find ${path}: ${errnoText(e)}`, 'collect2: error: ld returned 1 exit status']);
  }
}

// -lNAME: libNAME.a in the -L directories, then beside libc; -lc is libc itself.
function findLibrary(name: string, libDirs: string[]): LinkInput | null {
  if (name === 'c') return null;
  for (const dir of [...libDirs, userlandBuildDir()]) {
    const p = join(dir, `lib${name}.a`);
    if (existsSync(p)) return { name: p, data: new Uint8Array(readFileSync(p)) };
  }
  throw new DriverError([`ld: cannot find -l${name}: No such file or directory`, 'collect2: error: ld returned 1 exit status']);
}

// ---------------------------------------------------------------------------------------------
// Make dependencies (gcc -M and friends)

// -MQ and the dependency names: what make would misread is escaped as gcc escapes it.
function quoteTarget(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (c === ' ' || c === '\t') {
      for (let k = i - 1; k >= 0 && name[k] === '\\'; k--) out += '\\';
      out += '\\' + c;
    } else if (c === '$') out += '$$';
    else if (c === '#') out += '\\#';
    else out += c;
  }
  return out;
}

/**
 * A make rule as gcc writes it (libcpp's mkdeps): names separated by spaces, a " \" line break
 * before a name that would reach column 72, and with -MP an empty rule for each header.
 */
export function formatDependencies(targets: string[], deps: string[], phony: boolean): string {
  let out = '';
  let col = 0;
  const write = (name: string) => {
    if (col) {
      if (col + name.length >= 72) {
        out += ' \\\n';
        col = 0;
      }
      col++;
      out += ' ';
    }
    col += name.length;
    out += name;
  };
  for (const t of targets) write(t);
  out += ':';
  col++;
  for (const d of deps) write(quoteTarget(d));
  out += '\n';
  if (phony) for (const d of deps.slice(1)) out += `${quoteTarget(d)}:\n`;
  return out;
}

// The headers -MM leaves out: those found in a system directory.
function userDeps(deps: string[], opts: CcOptions): string[] {
  const system = searchDirs(opts).systemIncludeDirs.map((d) => (d.endsWith('/') ? d : d + '/'));
  return deps.filter((d, i) => i === 0 || !system.some((s) => d.startsWith(s)));
}

// ---------------------------------------------------------------------------------------------
// The whole command

export interface CcIo {
  stdout: (s: string | Uint8Array) => void;
  stderr: (s: string) => void;
}

const processIo: CcIo = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
};

function outputBeside(path: string, ext: string): string {
  return basename(path).replace(/\.[^.]*$/, '') + ext;
}

/**
 * Runs a `kwb cc` command line; resolves to the exit status. Every failure is reported on
 * stderr the way gcc reports it; nothing is thrown for a user mistake.
 */
export async function runCc(argv: readonly string[], io: CcIo = processIo): Promise<number> {
  let inv: CcInvocation | undefined;
  // Warnings go to stderr as they come; under -Werror the first file with any stops the run.
  const warn = (ds: Diagnostic[]) => {
    let shown = inv?.noWarnings ? ds.filter((d) => d.severity !== 'warning') : ds;
    const promote = inv?.warningsAreErrors && shown.some((d) => d.severity === 'warning');
    if (promote) {
      shown = shown.map((d) =>
        d.severity === 'warning' ? { ...d, severity: 'error', tag: d.tag?.replace(/^\[-W([^\]=]+)\]$/, '[-Werror=$1]') } : d,
      );
    }
    if (shown.length) io.stderr(renderDiagnostics(shown) + '\n');
    if (promote) throw new DriverError(['cc1: all warnings being treated as errors']);
  };
  try {
    inv = parseCcArgs(argv);
    const opts: CcOptions = {
      includeDirs: inv.includeDirs,
      systemIncludeDirs: inv.systemIncludeDirs,
      forceIncludes: inv.forceIncludes,
      defines: inv.defines,
      undefs: inv.undefs,
      nostdinc: inv.nostdinc,
      freestanding: inv.freestanding,
      noLinemarkers: inv.noLinemarkers,
    };
    const sources = inv.inputs.filter((f) => f.language !== 'object');
    const others = inv.inputs.filter((f) => f.language === 'object');

    if (inv.stopAfter !== 'link') {
      for (const f of others) {
        if (f.path.startsWith('-l')) continue;
        io.stderr(`${PROG}: warning: ${f.path}: linker input file unused because linking not done\n`);
        if (!existsSync(f.path)) {
          io.stderr(`${PROG}: error: ${f.path}: linker input file not found: No such file or directory\n`);
          return 1;
        }
      }
    }

    const deps = inv.deps;
    // The rule for one source: default target NAME.o (or the -o object), deps as the stage read them.
    const rule = (read: string[], object: string) => {
      const targets = deps!.targets.length ? deps!.targets : [quoteTarget(object)];
      return formatDependencies(targets, deps!.userOnly ? userDeps(read, opts) : read, deps!.phony);
    };
    if (deps?.only) {
      let text = '';
      for (const f of sources) {
        const r = preprocessFile(f.path, { ...opts, language: f.language });
        warn(r.diagnostics);
        text += rule(r.deps, outputBeside(f.path, '.o'));
      }
      const to = deps.file ?? inv.output;
      if (to !== undefined && to !== '-') writeFileAtomic(to, text);
      else io.stdout(text);
      return 0;
    }
    // -MD/-MMD: FILE.d beside the object (-c -o x.o gives x.d), or as -MF names it.
    const withObject = inv.stopAfter === 'assemble' ? inv.output : undefined;
    const writeDeps = (src: string, read: string[]) => {
      if (!deps) return;
      const object = withObject ?? outputBeside(src, '.o');
      const file = deps.file ?? (withObject !== undefined ? withObject.replace(/\.[^./]*$/, '') + '.d' : outputBeside(src, '.d'));
      writeFileAtomic(file, rule(read, object));
    };

    if (inv.stopAfter === 'preprocess') {
      let text = '';
      for (const f of sources) {
        const r = preprocessFile(f.path, { ...opts, language: f.language });
        warn(r.diagnostics);
        text += r.text;
      }
      if (inv.output !== undefined && inv.output !== '-') writeFileAtomic(inv.output, text);
      else io.stdout(text);
      return 0;
    }

    if (inv.stopAfter === 'compile') {
      for (const f of sources) {
        if (f.language === 'assembler') {
          io.stderr(`${PROG}: warning: ${f.path}: assembler input file unused because assembler not done\n`);
          continue;
        }
        let asm: string;
        if (f.language === 'assembler-with-cpp') {
          const r = preprocessFile(f.path, { ...opts, language: f.language });
          warn(r.diagnostics);
          asm = r.text;
        } else {
          const r = compileToAssembly(f.path, opts);
          warn(r.diagnostics);
          writeDeps(f.path, r.deps);
          asm = r.asm;
        }
        const out = inv.output ?? outputBeside(f.path, '.s');
        if (out === '-') io.stdout(asm);
        else writeFileAtomic(out, asm);
      }
      return 0;
    }

    if (inv.stopAfter === 'assemble') {
      for (const f of sources) {
        const r = compileObject(f.path, { ...opts, language: f.language });
        warn(r.diagnostics);
        writeFileAtomic(inv.output ?? outputBeside(f.path, '.o'), r.object);
        writeDeps(f.path, r.deps);
      }
      return 0;
    }

    // A full link: every source becomes an object in memory, then one link in command-line order.
    const objects: LinkInput[] = [];
    for (const f of inv.inputs) {
      if (f.language === 'object') {
        if (f.path.startsWith('-l')) {
          const lib = findLibrary(f.path.slice(2), inv.libDirs);
          if (lib) objects.push(lib);
        } else {
          objects.push(readLinkerInput(f.path));
        }
        continue;
      }
      const r = compileObject(f.path, { ...opts, language: f.language });
      warn(r.diagnostics);
      writeDeps(f.path, r.deps);
      objects.push({ name: outputBeside(f.path, '.o'), data: r.object });
    }
    const l = linkProgram(objects, { nostdlib: inv.nostdlib });
    for (const w of l.warnings) io.stderr(`ld: ${w}\n`);
    writeFileAtomic(inv.output ?? 'a.out', l.output, 0o755);
    return 0;
  } catch (e) {
    return reportFailure(e, io);
  }
}

/**
 * The text gcc would print for a build failure thrown by the functions above (compileObject,
 * buildProgram, ...): diagnostics with "compilation terminated." after a fatal one, ld's lines
 * with collect2's. Undefined for anything that is not a build failure (an internal error).
 */
export function formatBuildFailure(e: unknown): string | undefined {
  let text = '';
  const io: CcIo = { stdout: () => {}, stderr: (s) => void (text += s) };
  try {
    reportFailure(e, io);
  } catch {
    return undefined;
  }
  return text;
}

/** Prints a stage failure as gcc would and gives the exit status (1), or rethrows an internal error. */
function reportFailure(e: unknown, io: CcIo): number {
  if (e instanceof DriverError) {
    io.stderr(e.message + '\n');
    return 1;
  }
  if (e instanceof LinkError) {
    io.stderr(e.render('ld: ') + 'collect2: error: ld returned 1 exit status\n');
    return 1;
  }
  if (e instanceof LinkInputError) {
    io.stderr(e.message + '\ncollect2: error: ld returned 1 exit status\n');
    return 1;
  }
  if (e instanceof DiagnosticError) {
    io.stderr(renderDiagnostics(e.diagnostics) + '\n');
    // gcc stops at a fatal error (a missing #include) and says so.
    if (e.diagnostics.some((d) => (d.severity as string) === 'fatal error')) io.stderr('compilation terminated.\n');
    return 1;
  }
  if (e instanceof KwbError) {
    io.stderr(e.message.endsWith('\n') ? e.message : e.message + '\n');
    return 1;
  }
  throw e;
}
