// Helpers comparing our preprocessor with the host's `gcc -E` (the oracle).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { host } from '../helpers/kwb.js';
import { preprocess, type PreprocessOptions } from '../../src/toolchain/cc/preprocess.js';
import { predefinedSource } from '../../src/toolchain/cc/pp/predefined.js';
import { lex } from '../../src/toolchain/cc/pp/lexer.js';

export const CASES = join(import.meta.dirname, 'cases');

/**
 * The corpus, as paths relative to CASES (where gcc and ours both run): every case file, plus the
 * acceptance program the C corpus already keeps a copy of (test/c/acc_preproc.c).
 */
export function caseFiles(): string[] {
  return [...readdirSync(CASES).filter((f) => /\.[cS]$/.test(f)), '../../c/acc_preproc.c'];
}

/** Our predefined macros as gcc -D flags, so `gcc -undef` sees the same set we do. */
export function predefineFlags(o: { kernel?: boolean; assembler?: boolean; freestanding?: boolean } = {}): string[] {
  const text = predefinedSource({ kernel: !!o.kernel, assembler: !!o.assembler, freestanding: !!o.freestanding });
  const flags: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^#define (\S+(?:\([^)]*\))?) ?(.*)$/.exec(line);
    if (m) flags.push(`-D${m[1]}=${m[2]}`);
  }
  return flags;
}

/** The token texts of preprocessed output, linemarkers dropped. */
export function tokensOf(text: string, asm = false): string[] {
  const body = text
    .split('\n')
    .filter((l) => !/^# \d+ "/.test(l))
    .join('\n');
  const f = { name: 'out', text: body, raw: body, system: false };
  return lex(f, [], asm).tokens.filter((t) => t.kind !== 'eof').map((t) => t.text);
}

export interface CaseRun {
  ours: string;
  gcc: string;
  gccStderr: string;
}

/** Preprocesses `file` (in CASES) both ways with the same -I/-D flags. */
export function runBoth(file: string, extra: Partial<PreprocessOptions> = {}): CaseRun {
  const asm = file.endsWith('.S');
  const includeDirs = extra.includeDirs ?? ['inc', 'inc2'];
  const defines = extra.defines ?? [];
  const gccArgs = ['-E', '-undef', '-nostdinc', ...predefineFlags({ kernel: extra.kernel, assembler: asm })];
  if (asm) gccArgs.push('-x', 'assembler-with-cpp');
  for (const d of includeDirs) gccArgs.push(`-I${d}`);
  for (const [n, v] of defines) gccArgs.push(v === undefined ? `-D${n}` : `-D${n}=${v}`);
  gccArgs.push(file);
  const g = host('gcc', gccArgs, { cwd: CASES });
  if (g.status !== 0) throw new Error(`gcc failed on ${file}:\n${g.stderr}`);
  const r = preprocess({ file, includeDirs, systemIncludeDirs: [], defines, undefs: [], assembler: asm, cwd: CASES, ...extra });
  return { ours: r.text, gcc: g.stdout, gccStderr: g.stderr };
}

export function readCase(name: string): string {
  return readFileSync(join(CASES, name), 'utf8');
}
