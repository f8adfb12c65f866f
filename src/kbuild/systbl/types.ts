// The shapes a syscall table takes once parsed. A table is a list of entries, each tied to the
// line it came from, so that every later rule can point at the exact column it is about.
import type { Diagnostic } from '../../diag.js';

/** x86 has two tables: syscall_64.tbl (x86_64 and x32) and syscall_32.tbl (i386). */
export type Arch = 'x86_64' | 'i386';

/** The ABIs a table may name. Which are valid depends on the arch (see rules.ts). */
export type Abi = 'common' | '64' | 'x32' | 'i386';

/**
 * 4.4: `<number> <abi> <name> [<entry point> [<compat entry point>]]`.
 * 6.x: `<number> <abi> <name> [<entry point> [<compat entry point> [noreturn]]]`, where a compat
 * entry point of `-` means "none" (it only exists so that `noreturn` can follow).
 */
export type TableFormat = '4.4' | '6.x';

/** Where a field sits on its line: 0-based character offset and length (for the caret). */
export interface Span {
  index: number;
  length: number;
}

export interface Field extends Span {
  text: string;
}

export interface Entry {
  line: number; // 1-based
  number: number;
  abi: Abi;
  name: string;
  /** Empty when the table leaves the syscall unimplemented (the kernel wires it to sys_ni_syscall). */
  entry: string;
  /** Empty when absent (or `-` in the 6.x format). */
  compat: string;
  noreturn: boolean;
  /** Spans of the fields as written, for diagnostics. */
  at: {
    number: Span;
    abi: Span;
    name: Span;
    entry?: Span;
    compat?: Span;
    flags?: Span;
  };
}

export interface Table {
  file: string; // as the user named it
  arch: Arch;
  format: TableFormat;
  /** The raw lines (without newline characters), for quoting in diagnostics. */
  lines: string[];
  /** Entries that parsed; lines with errors are left out, so later rules see only sound entries. */
  entries: Entry[];
}

/** Every rule the checker knows. The id is printed as `[rule-id]` after each message. */
export type RuleId =
  // errors: the line itself
  | 'malformed-line'
  | 'bad-number'
  | 'bad-name'
  | 'bad-abi'
  | 'format-mismatch'
  // errors: the table as a whole
  | 'duplicate-number'
  | 'duplicate-name'
  | 'x32-range'
  | 'reserved-range'
  | 'entry-point-naming'
  // warnings and notes
  | 'number-order'
  | 'number-gap'
  | 'entry-point-name'
  | 'missing-i386'
  | 'upstream-number'
  | 'upstream-name'
  // --tree
  | 'undefined-entry-point'
  | 'unbuilt-definition'
  | 'unused-definition'
  | 'build-approximated';

/** A diagnostic that knows which rule produced it (the `tag` is `[rule]`). */
export interface TblDiagnostic extends Diagnostic {
  /** The table checker never stops a run on its own: no 'fatal error'. */
  severity: 'error' | 'warning' | 'note';
  rule: RuleId;
}

/** A syscall as the upstream kernel numbers it (the data behind --against and the naming rules). */
export interface UpstreamEntry {
  number: number;
  abi: Abi;
  name: string;
  entry: string;
  compat: string;
  noreturn: boolean;
}

export type UpstreamVersion = '4.4' | '6.19';
