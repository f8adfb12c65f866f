// The assembler's entry point: AT&T x86-64 assembly text → ELF64 relocatable object bytes,
// GNU as compatible (same bytes, relocations and symbols as GNU as 2.40 for what we support).
import { DiagnosticError, type Diagnostic } from '../../diag.js';
import { Assembler } from './assembler.js';
import { layout } from './layout.js';
import { splitStatements } from './lex.js';
import { writeObject } from './elf-write.js';

export interface AssembleOptions {
  /** The source file's name as the user gave it (used in diagnostics). */
  file: string;
}

export interface AssembleResult {
  object: Uint8Array;
  diagnostics: Diagnostic[];
}

export function assemble(source: string, opts: AssembleOptions): AssembleResult {
  const as = new Assembler(opts.file);
  for (const st of splitStatements(source, opts.file)) {
    as.statement(st);
    if (as.ended) break;
  }
  if (as.conds.length) as.diag('error', 'end of file inside conditional');
  const laid = layout(as, (where, message, warning) => {
    as.diagnostics.push({ file: where.file, line: where.line, col: 0, severity: warning ? 'warning' : 'error', message });
  });
  if (as.diagnostics.some((d) => d.severity === 'error')) throw new DiagnosticError(as.diagnostics);
  return { object: writeObject(as, laid), diagnostics: as.diagnostics };
}
