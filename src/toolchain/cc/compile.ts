// The C compiler's API: one translation unit in, AT&T assembly out.
//
//   preprocess (./preprocess.ts) → tokenize → parse (+ typecheck) → codegen
//
// Errors are thrown as DiagnosticError carrying every diagnostic (warnings first, in order);
// warnings of a successful compilation come back in `diagnostics`. No other exception escapes:
// an internal failure becomes a located "internal compiler error" like gcc's.

import { countErrors, DiagnosticError, type Diagnostic } from '../../diag.js';
import { codegen } from './codegen.js';
import { CompileError } from './diagnostics.js';
import { parse, type PlacedDiagnostic } from './parse.js';
import { preprocessRecovering, type PreprocessOptions, type RecoveringResult } from './preprocess.js';
import { tokenize, type TokenizeContext } from './tokenize.js';

export interface CompileOptions extends PreprocessOptions {
  /** Already-preprocessed text (e.g. from `gcc -E`); then preprocess() is not called. */
  preprocessed?: string;
}

export interface CompileResult {
  asm: string;
  deps: string[];
  diagnostics: Diagnostic[];
}

export function compile(opts: CompileOptions): CompileResult {
  let text: string;
  let deps: string[] = [opts.file];
  let pp: RecoveringResult | null = null;
  try {
    if (opts.preprocessed !== undefined) text = opts.preprocessed;
    else {
      // Like gcc's integrated preprocessor: errors do not stop the compilation (a fatal one ends
      // the text where it happened); the parser reports them in order with its own.
      pp = preprocessRecovering(opts); // throws DiagnosticError itself only for a bad -std=
      text = pp.text;
      deps = pp.deps;
    }
    const ctx: TokenizeContext = { mainFile: opts.file, mainSource: opts.source, cwd: opts.cwd, known: pp ? new Set(pp.deps) : undefined };
    if (pp && pp.diagnostics.length) ctx.anchors = pp.diagnostics.map((d) => pp!.anchors.get(d)?.offset ?? 0);
    const toks = tokenize(text, ctx);
    const placed: PlacedDiagnostic[] = [];
    if (pp) {
      pp.diagnostics.forEach((d, i) => {
        // The whole include chain: which part of it is printed depends on what comes before, once
        // the parser's diagnostics are in between (quoteOnce below).
        const chain = pp!.anchors.get(d)?.chain;
        placed.push({ d: chain && chain.length ? { ...d, includedFrom: chain } : d, at: ctx.anchorTokens![i]! });
      });
    }
    const prog = parse(toks, placed);
    if (countErrors(prog.diagnostics) > 0) throw new DiagnosticError(quoteOnce(prog.diagnostics));
    const asm = codegen({ file: opts.file, globals: prog.globals, toplevelAsm: prog.toplevelAsm });
    return { asm, deps, diagnostics: quoteOnce(prog.diagnostics) };
  } catch (e) {
    if (e instanceof CompileError) throw new DiagnosticError(quoteOnce(e.diagnostics));
    if (e instanceof DiagnosticError) throw e;
    const warnings = pp ? pp.diagnostics : [];
    if (e instanceof RangeError && /call stack/.test(e.message)) {
      throw new DiagnosticError([
        ...warnings,
        { file: opts.file, line: 0, col: 0, severity: 'error', message: 'the program is nested too deeply for kwb to compile' },
      ]);
    }
    // A bug in the compiler, not in the user's program: say so, gcc-style, without a stack trace.
    const msg = e instanceof Error ? e.message : String(e);
    throw new DiagnosticError([
      ...warnings,
      { file: opts.file, line: 0, col: 0, severity: 'error', message: `internal compiler error: ${msg} (please report this to the kwb maintainers with the source file)` },
    ]);
  }
}

/**
 * Like gcc, a diagnostic at the same spot as the one before it does not quote the line again, and
 * the "In file included from" chain is printed only when the diagnostics move into another inclusion.
 */
function quoteOnce(ds: Diagnostic[]): Diagnostic[] {
  let prev: Diagnostic | null = null;
  let module = '';
  const out: Diagnostic[] = [];
  for (const d0 of ds) {
    let d = d0;
    const key = d.includedFrom ? `${d.file}\0${d.includedFrom.map((c) => `${c.file}:${c.line}`).join('\0')}` : d.file;
    if (d.includedFrom && key === module) d = { ...d, includedFrom: undefined };
    module = key;
    if (prev && d.sourceLine !== undefined && prev.file === d.file && prev.line === d.line && prev.col === d.col) {
      out.push({ ...d, sourceLine: undefined, length: undefined, fixit: undefined, ranges: undefined, emptyCaretLine: undefined });
    } else out.push(d);
    prev = d0;
  }
  return out;
}
