// The compiler stops at its first error: the parser throws CompileError, and compile() turns it
// (with the warnings gathered so far) into the shared DiagnosticError.

import type { Diagnostic } from '../../diag.js';

export class CompileError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('; '));
    this.name = 'CompileError';
  }
}
