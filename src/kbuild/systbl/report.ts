// The machine-readable report of `kwb tbl check --json`. Its shape is a contract (labs and graders
// read it): fields are only ever added, never renamed; `version` changes if that ever breaks.
import { nextFree } from './check.js';
import type { Table, TblDiagnostic } from './types.js';

export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'note';
  rule: string;
  message: string;
  source?: string;
}

export interface JsonReport {
  version: 1;
  tables: { file: string; arch: string; format: string; entries: number; nextFree: number }[];
  diagnostics: JsonDiagnostic[];
  summary: { errors: number; warnings: number; notes: number };
  /** The exit status `kwb tbl check` returns with this report. */
  status: number;
}

export function summarize(ds: readonly TblDiagnostic[]): JsonReport['summary'] {
  const s = { errors: 0, warnings: 0, notes: 0 };
  for (const d of ds) {
    if (d.severity === 'error') s.errors++;
    else if (d.severity === 'warning') s.warnings++;
    else s.notes++;
  }
  return s;
}

export function jsonReport(tables: readonly Table[], ds: readonly TblDiagnostic[], status: number): JsonReport {
  return {
    version: 1,
    tables: tables.map((t) => ({ file: t.file, arch: t.arch, format: t.format, entries: t.entries.length, nextFree: nextFree(t) })),
    diagnostics: ds.map((d) => {
      const j: JsonDiagnostic = { file: d.file, line: d.line, column: d.col, severity: d.severity, rule: d.rule, message: d.message };
      if (d.sourceLine !== undefined && d.line > 0) j.source = d.sourceLine;
      return j;
    }),
    summary: summarize(ds),
    status,
  };
}

/** `2 errors and 1 warning generated.` — the closing line clang prints; nothing when clean. */
export function summaryLine(ds: readonly TblDiagnostic[]): string {
  const s = summarize(ds);
  const parts: string[] = [];
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (s.errors) parts.push(plural(s.errors, 'error'));
  if (s.warnings) parts.push(plural(s.warnings, 'warning'));
  if (parts.length === 0) return '';
  return `${parts.join(' and ')} generated.`;
}
