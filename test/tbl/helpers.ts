// Shared by the tbl tests: the reference tables of the real kernels, and small table builders.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/kwb.js';
import { checkTables } from '../../src/kbuild/systbl/index.js';
import type { Arch, TableFormat, TblDiagnostic } from '../../src/kbuild/systbl/index.js';

export const REFERENCE_DIR = join(ROOT, '..', 'shared', 'reference');

/** The reference TSVs must be there: these tests compare with them and never skip. */
export function referenceFile(name: string): string {
  const p = join(REFERENCE_DIR, name);
  if (!existsSync(p)) throw new Error(`reference table ${p} is missing; the tbl tests need ../shared/reference`);
  return p;
}

export const REFERENCES = [
  { name: 'linux-4.4.121-syscall_64.tsv', arch: 'x86_64' as Arch, format: '4.4' as TableFormat },
  { name: 'linux-4.4.121-syscall_32.tsv', arch: 'i386' as Arch, format: '4.4' as TableFormat },
  { name: 'linux-6.19.9-syscall_64.tsv', arch: 'x86_64' as Arch, format: '6.x' as TableFormat },
  { name: 'linux-6.19.9-syscall_32.tsv', arch: 'i386' as Arch, format: '6.x' as TableFormat },
];

/** A TSV as .tbl text, the way the acceptance script's to_tbl writes it. */
export function tsvToTbl(name: string): string {
  const rows = readFileSync(referenceFile(name), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).slice(1);
  return rows
    .map((r) => {
      const [n, abi, nm, entry = '', compat = '', flags = ''] = r.split('\t');
      let line = `${n}\t${abi}\t${nm}`;
      if (entry) line += `\t\t\t${entry}`;
      if (compat) line += `\t${compat}`;
      if (flags) line += `\t${flags}`;
      return line;
    })
    .join('\n') + '\n';
}

export const real44x64 = () => tsvToTbl('linux-4.4.121-syscall_64.tsv');
export const real44x32 = () => tsvToTbl('linux-4.4.121-syscall_32.tsv');
export const real619x64 = () => tsvToTbl('linux-6.19.9-syscall_64.tsv');
export const real619x32 = () => tsvToTbl('linux-6.19.9-syscall_32.tsv');

/** Inserts `line` right after the line holding syscall `after` (keeps the table sorted). */
export function insertAfter(text: string, after: number, line: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.split('\t')[0] === String(after));
  if (i < 0) throw new Error(`no line ${after}`);
  lines.splice(i + 1, 0, line);
  return lines.join('\n');
}

export function check(
  text: string,
  arch: Arch,
  opts: { against?: '4.4' | '6.19'; format?: TableFormat; file?: string } = {},
): TblDiagnostic[] {
  const file = opts.file ?? (arch === 'x86_64' ? 'syscall_64.tbl' : 'syscall_32.tbl');
  return checkTables([{ file, text, arch, format: opts.format }], { against: opts.against }).diagnostics;
}

export const rules = (ds: readonly TblDiagnostic[]) => ds.map((d) => `${d.severity}:${d.rule}@${d.line}:${d.col}`);
export const ofRule = (ds: readonly TblDiagnostic[], rule: string) => ds.filter((d) => d.rule === rule);
/** The 1-based line number of the line holding syscall `n`. */
export const lineOf = (text: string, n: number) => text.split('\n').findIndex((l) => l.split(/\s+/)[0] === String(n)) + 1;
