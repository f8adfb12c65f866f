// The assembler's entry point: AT&T x86-64 assembly text → ELF64 relocatable object bytes,
// GNU as compatible (same bytes, relocations and symbols as GNU as 2.40 for what we support).
import { DiagnosticError, type Diagnostic } from '../../diag.js';
import { Assembler } from './assembler.js';
import * as C from '../elf/constants.js';
import { AsmError } from './errors.js';
import { evaluate } from './expr.js';
import { layout } from './layout.js';
import { splitStatements, type Statement } from './lex.js';
import { writeObject } from './elf-write.js';

export interface AssembleOptions {
  /** The source file's name as the user gave it (used in diagnostics). */
  file: string;
  /** `as --noexecstack`: mark the object as not needing an executable stack. */
  noExecStack?: boolean;
  /** `as -I DIR`: where .include and .incbin look after the current directory. */
  includeDirs?: string[];
}

export interface AssembleResult {
  object: Uint8Array;
  diagnostics: Diagnostic[];
}

export function assemble(source: string, opts: AssembleOptions): AssembleResult {
  const as = new Assembler(opts.file);
  as.includeDirs = opts.includeDirs ?? [];
  // A stack of statement lists: the source, then whatever macros and .rept blocks expand to.
  const frames: { list: Statement[]; i: number }[] = [{ list: splitStatements(source, opts.file), i: 0 }];
  while (frames.length && !as.ended) {
    const f = frames[frames.length - 1]!;
    if (f.i >= f.list.length) {
      frames.pop();
      continue;
    }
    as.statement(f.list[f.i++]!);
    while (as.injected.length) frames.push({ list: as.injected.pop()!, i: 0 });
  }
  as.unterminatedBlock(source.split('\n').length);
  if (as.conds.length) {
    as.diagnostics.push({ file: opts.file, line: 0, col: 0, severity: 'error', message: 'end of file inside conditional' });
    const w = as.conds[as.conds.length - 1]!.where;
    as.diagnostics.push({ file: w.file, line: w.line, col: 0, severity: 'error', message: 'here is the start of the unterminated conditional' });
  }
  // Numeric labels referred to forward but never defined.
  for (const s of as.symbols.values()) {
    const m = /^\.L(\d+)\u0002(\d+)$/.exec(s.name);
    if (m && !s.defined) {
      as.diagnostics.push({ file: opts.file, line: 0, col: 0, severity: 'error', message: `local label \`"${m[1]}" (instance number ${m[2]} of a fb label)' is not defined` });
    }
  }
  if (as.diagnostics.some((d) => d.severity === 'error')) throw new DiagnosticError(as.diagnostics);
  // GNU adds the --noexecstack note, then .eh_frame, after reading everything.
  if (opts.noExecStack) as.section('.note.GNU-stack', C.SHT_PROGBITS, 0);
  if (as.fdes.length) {
    const eh = as.section('.eh_frame', C.SHT_PROGBITS, C.SHF_ALLOC);
    eh.align = 8;
  }
  try {
    const laid = layout(as, (where, message, warning) => {
      as.diagnostics.push({ file: where.file, line: where.line, col: 0, severity: warning ? 'warning' : 'error', message });
    });
    for (const s of as.symbols.values()) {
      if (!s.size || s.anon) continue;
      const v = evaluate(s.size, true);
      if (!v || v.sym || v.sub) as.diagnostics.push({ file: opts.file, line: 0, col: 0, severity: 'error', message: `.size expression for ${s.name} does not evaluate to a constant` });
    }
    if (as.diagnostics.some((d) => d.severity === 'error')) throw new DiagnosticError(as.diagnostics);
    return { object: writeObject(as, laid), diagnostics: as.diagnostics };
  } catch (e) {
    if (e instanceof DiagnosticError) throw e;
    // A bug of ours must not reach the user as a stack trace.
    const message = e instanceof AsmError ? e.message : `internal assembler error: ${(e as Error).message ?? String(e)}`;
    throw new DiagnosticError([...as.diagnostics, { file: opts.file, line: 0, col: 0, severity: 'error', message }]);
  }
}
