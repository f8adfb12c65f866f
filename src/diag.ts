// Located diagnostics, rendered the way gcc prints them, so that students see the format they
// will meet on a real machine:
//
//   newsys/nsys.c: In function 'sys_nsys':
//   newsys/nsys.c:4:9: error: expected ';' before 'return'
//       4 |         return 0
//         |         ^~~~~~
//
// Every stage (cc, as, ld, tbl check, kbuild, labs) reports through this one type.

/** gcc's severities; a 'fatal error' ends the compilation (gcc then prints "compilation terminated."). */
export type Severity = 'fatal error' | 'error' | 'warning' | 'note';

export interface Diagnostic {
  file: string; // as the user named it (relative paths stay relative)
  line: number; // 1-based; 0 when the problem is about the whole file
  /** 1-based display column as gcc counts it (a tab advances to the next multiple of 8); 0 = none. */
  col: number;
  severity: Severity;
  message: string;
  /** The full text of the source line, when known (for the quoted line and caret). */
  sourceLine?: string;
  /** How many columns the caret's underline covers (1 = a lone '^'). */
  length?: number;
  /** A line printed before the diagnostic, e.g. "In function 'sys_nsys':". */
  context?: string;
  /**
   * Where the file was included from, innermost first, printed as gcc does before everything else:
   * `In file included from b.h:1,` / `                 from t.c:1:`.
   */
  includedFrom?: { file: string; line: number }[];
  /** gcc's fix-it hint: text to insert at the caret, printed on its own line under it (`      |  ;`). */
  fixit?: string;
  /**
   * gcc's secondary ranges, underlined with '~': on the caret's line (the operands of a binary
   * operator: `~ ^ ~`) or on a later line of the same file with its text (the token an
   * "expected ';' before" error stands before). Display columns, 1-based, `endCol` inclusive;
   * a range with `col` 0 only quotes its line (gcc shows a one-line gap between two lines).
   */
  ranges?: { line: number; col: number; endCol: number; sourceLine?: string }[];
  /** A location with a line and no column (col 0) whose line is quoted: gcc then prints an empty
   *  caret line under it (`      | `), as for the preprocessor's "the conditional began here". */
  emptyCaretLine?: boolean;
  /** A trailing tag such as "[rule-id]" or gcc's "[-Wimplicit-function-declaration]". */
  tag?: string;
}

/** Thrown by a stage when it stops on errors; carries every diagnostic it produced (warnings too). */
export class DiagnosticError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.filter((d) => d.severity === 'error' || d.severity === 'fatal error').map((d) => d.message).join('; ') || 'failed');
    this.name = 'DiagnosticError';
  }
}

/** `file:line:col: severity: message [tag]` — the first line of a diagnostic. */
export function formatHeadline(d: Diagnostic): string {
  let where = d.file;
  if (d.line > 0) where += `:${d.line}`;
  if (d.line > 0 && d.col > 0) where += `:${d.col}`;
  return `${where}: ${d.severity}: ${d.message}${d.tag ? ` ${d.tag}` : ''}`;
}

/** The gcc-style rendering: optional context line, headline, then the quoted source line with a caret. */
export function renderDiagnostic(d: Diagnostic): string {
  const out: string[] = [];
  const chain = d.includedFrom ?? [];
  chain.forEach((at, i) => {
    const lead = i === 0 ? 'In file included from ' : '                 from ';
    out.push(`${lead}${at.file}:${at.line}${i === chain.length - 1 ? ':' : ','}`);
  });
  if (d.context) out.push(`${d.file}: ${d.context}`);
  out.push(formatHeadline(d));
  if (d.sourceLine !== undefined && d.line > 0) {
    const ranges = d.ranges ?? [];
    const later = ranges.filter((r) => r.line > d.line && r.sourceLine !== undefined);
    const widest = String(Math.max(d.line, ...later.map((r) => r.line)));
    const margin = (n: number) => String(n).padStart(Math.max(5, widest.length));
    const blank = ' '.repeat(Math.max(5, widest.length));
    out.push(`${margin(d.line)} | ${expandTabs(d.sourceLine)}`);
    if (d.col === 0 && d.emptyCaretLine) out.push(`${blank} | `);
    if (d.col > 0) {
      const len = Math.max(1, d.length ?? 1);
      const row = underline(ranges.filter((r) => r.line === d.line), ' '.repeat(d.col - 1) + '^' + '~'.repeat(len - 1));
      out.push(`${blank} | ${row}`);
      if (d.fixit !== undefined) out.push(`${blank} | ${' '.repeat(d.col - 1)}${d.fixit}`);
      // gcc pads the later underline rows to the widest column above; a line more than one line
      // below the last one quoted follows "......".
      const width = Math.max(row.length, d.fixit !== undefined ? d.col - 1 + d.fixit.length : 0);
      let last = d.line;
      for (const r of later) {
        if (r.line > last + 2) out.push('.'.repeat(blank.length + 1));
        last = r.line;
        out.push(`${margin(r.line)} | ${expandTabs(r.sourceLine!)}`);
        if (r.col > 0) out.push(`${blank} | ${underline([r], '').padEnd(width)}`);
      }
    }
  }
  return out.join('\n');
}

/** `row` with '~' under each range where it has no '^' or '~' already. */
function underline(ranges: { col: number; endCol: number }[], row: string): string {
  const cells = [...row];
  for (const r of ranges) {
    if (r.col <= 0) continue;
    for (let c = r.col; c <= r.endCol; c++) {
      while (cells.length < c) cells.push(' ');
      if (cells[c - 1] === ' ') cells[c - 1] = '~';
    }
  }
  return cells.join('');
}

export function renderDiagnostics(ds: readonly Diagnostic[]): string {
  return ds.map(renderDiagnostic).join('\n');
}

export function countErrors(ds: readonly Diagnostic[]): number {
  return ds.filter(isError).length;
}

/** Errors and fatal errors stop a stage; warnings and notes do not. */
export function isError(d: Diagnostic): boolean {
  return d.severity === 'error' || d.severity === 'fatal error';
}

/** gcc quotes source lines with tabs expanded to 8-column stops (and counts columns that way). */
export function expandTabs(line: string): string {
  let out = '';
  for (const ch of line) {
    if (ch === '\t') out += ' '.repeat(8 - (out.length % 8));
    else out += ch;
  }
  return out;
}

/** The 1-based display column of the character at `index` (0-based) of `line`. */
export function displayColumn(line: string, index: number): number {
  return expandTabs(line.slice(0, index)).length + 1;
}
