// Checking one or more tables together: parse each, run the per-table rules, and — when both
// syscall_64.tbl and syscall_32.tbl are given — the rules that need the pair.
import { checkTable, checkTablePair, type CheckOptions } from './check.js';
import { parseTable } from './parse.js';
import type { Arch, Table, TableFormat, TblDiagnostic } from './types.js';

export interface TableInput {
  file: string; // as the user named it; diagnostics use it verbatim
  text: string;
  arch: Arch;
  format?: TableFormat;
}

export interface TablesResult {
  tables: Table[];
  diagnostics: TblDiagnostic[];
}

export function checkTables(inputs: readonly TableInput[], opts: CheckOptions = {}): TablesResult {
  const tables: Table[] = [];
  const diagnostics: TblDiagnostic[] = [];
  for (const input of inputs) {
    const { table, diagnostics: parsed } = parseTable(input.text, input.file, input.arch, { format: input.format });
    tables.push(table);
    diagnostics.push(...inOrder([...parsed, ...checkTable(table, opts)]));
  }
  const t64 = tables.find((t) => t.arch === 'x86_64');
  const t32 = tables.find((t) => t.arch === 'i386');
  if (t64 && t32) diagnostics.push(...checkTablePair(t64, t32));
  return { tables, diagnostics };
}

/**
 * Diagnostics in file order (files in the order they first appear) and line order, each note
 * kept right after the diagnostic it explains (a note may point at an earlier line or another
 * file, as gcc's "previous definition is here" does).
 */
export function inOrder(ds: readonly TblDiagnostic[]): TblDiagnostic[] {
  const groups: TblDiagnostic[][] = [];
  for (const d of ds) {
    const last = groups[groups.length - 1];
    if (d.severity === 'note' && last && d.rule === last[0]!.rule && last[0]!.severity !== 'note') last.push(d);
    else groups.push([d]);
  }
  const fileRank = new Map<string, number>();
  for (const g of groups) if (!fileRank.has(g[0]!.file)) fileRank.set(g[0]!.file, fileRank.size);
  // stable: same-line diagnostics keep their order
  groups.sort((a, b) => fileRank.get(a[0]!.file)! - fileRank.get(b[0]!.file)! || a[0]!.line - b[0]!.line);
  return groups.flat();
}
