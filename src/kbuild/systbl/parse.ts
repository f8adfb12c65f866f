// Reading a syscall table. The kernel's own scripts (syscalltbl.sh, syscallhdr.sh) take every
// line that starts with a digit and split it on blanks; everything else is silently skipped. We
// read the same lines the same way, but say so when a line would be skipped or misread, because
// a silently dropped entry is exactly the mistake a student cannot see.
import { displayColumn } from '../../diag.js';
import { ABIS, IDENTIFIER, RULES } from './rules.js';
import type { Abi, Arch, Entry, Field, RuleId, Span, Table, TableFormat, TblDiagnostic } from './types.js';

export interface ParseResult {
  table: Table;
  diagnostics: TblDiagnostic[];
}

/** A diagnostic about `span` of line `line` (1-based) of `lines`. */
export function diagAt(
  file: string,
  lines: readonly string[],
  line: number,
  span: Span | undefined,
  rule: RuleId,
  message: string,
  severity = RULES[rule].severity,
): TblDiagnostic {
  const text = lines[line - 1] ?? '';
  return {
    file,
    line,
    col: span ? displayColumn(text, span.index) : 0,
    severity,
    message,
    sourceLine: text,
    length: span ? Math.max(1, displayColumn(text, span.index + span.length) - displayColumn(text, span.index)) : undefined,
    tag: `[${rule}]`,
    rule,
  };
}

/** The blank-separated fields of a line, with where each one starts. */
export function splitFields(line: string): Field[] {
  const out: Field[] = [];
  const re = /[^ \t\r\f\v]+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push({ text: m[0], index: m.index, length: m[0].length });
  return out;
}

// A 6.x table announces itself by syntax 4.4 does not have: a sixth column (`noreturn`), a `-`
// compat placeholder, or the 6.x header comment that documents them.
/** The format of a table's text: 6.x when it uses 6.x-only syntax, else 4.4. */
export function detectFormat(text: string): TableFormat {
  if (!/noreturn|[ \t]-(?:[ \t\r]|$)/m.test(text)) return '4.4'; // the common case, without splitting lines
  for (const line of text.split('\n')) {
    const t = line.trimStart();
    if (t.startsWith('#')) {
      if (t.includes('[noreturn]')) return '6.x';
      continue;
    }
    const f = splitFields(line);
    if (f.length >= 6 || f.some((x, i) => i >= 3 && (x.text === 'noreturn' || (i === 4 && x.text === '-')))) return '6.x';
  }
  return '4.4';
}

/** The arch a table's file name implies (syscall_64.tbl → x86_64, syscall_32.tbl → i386). */
export function archFromFileName(file: string): Arch | undefined {
  const base = file.split(/[\\/]/).pop() ?? '';
  if (/syscall_64\.tbl$/.test(base)) return 'x86_64';
  if (/syscall_32\.tbl$/.test(base)) return 'i386';
  return undefined;
}

export interface ParseOptions {
  /** Default: detected from the text (see detectFormat). */
  format?: TableFormat;
}

// table := { line '\n' }
// line  := blank | comment | entry
// comment := '#' ...                                   (only at the start of the line)
// entry := number abi name [ entry-point [ compat [ 'noreturn' ] ] ]     (6.x)
//        | number abi name [ entry-point [ compat ] ]                    (4.4)
/** Parses a table; lines with errors are reported and left out of `table.entries`. */
export function parseTable(text: string, file: string, arch: Arch, opts: ParseOptions = {}): ParseResult {
  const format = opts.format ?? detectFormat(text);
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);
  const table: Table = { file, arch, format, lines, entries: [] };
  const diagnostics: TblDiagnostic[] = [];
  const report = (line: number, span: Span | undefined, rule: RuleId, message: string) =>
    diagnostics.push(diagAt(file, lines, line, span, rule, message));

  for (let i = 0; i < lines.length; i++) {
    const entry = parseLine(lines[i]!, i + 1, arch, format, report);
    if (entry) table.entries.push(entry);
  }
  return { table, diagnostics };
}

type Report = (line: number, span: Span | undefined, rule: RuleId, message: string) => void;

// Blanks the kernel's scripts do not split on; they arrive by copy and paste from web pages.
const ODD_BLANK = /[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]/;

function parseLine(text: string, line: number, arch: Arch, format: TableFormat, report: Report): Entry | undefined {
  const bom = line === 1 && text.startsWith('\ufeff');
  const fields = splitFields(bom ? ' ' + text.slice(1) : text);
  if (fields.length === 0 || fields[0]!.text.startsWith('#')) return undefined;
  if (bom) {
    report(line, { index: 0, length: 1 }, 'malformed-line',
      "the file starts with a byte-order mark; the kernel's scripts only read lines that start with a digit, so this entry would be silently left out");
    return undefined;
  }
  const odd = ODD_BLANK.exec(text);
  if (odd) {
    const code = odd[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    report(line, { index: odd.index, length: 1 }, 'malformed-line',
      `U+${code} is not a space or a tab (pasted from a web page?); the kernel's scripts split fields only on spaces and tabs`);
    return undefined;
  }
  const [num, abi, name, entry, compat, flags] = fields as [Field, Field?, Field?, Field?, Field?, Field?];
  let ok = true;

  if (num.index > 0) {
    report(line, num, 'malformed-line',
      "the line starts with a blank; the kernel's scripts only read lines that start with a digit, so this entry would be silently left out");
    ok = false;
  }
  if (!/^[0-9]+$/.test(num.text)) {
    report(line, num, 'bad-number', `'${num.text}' is not a syscall number; the first column must be a decimal number`);
    ok = false;
  } else if (num.text.length > 1 && num.text.startsWith('0')) {
    report(line, num, 'bad-number',
      `'${num.text}' has a leading zero; the generated headers would define __NR_${name?.text ?? 'name'} as an octal constant in C`);
    ok = false;
  } else if (num.text.length > 6) {
    report(line, num, 'bad-number', `${num.text} is far beyond any syscall number; the table is indexed by it`);
    ok = false;
  }

  if (!name) {
    const end: Span = { index: text.trimEnd().length, length: 1 };
    const missing = !abi ? 'an ABI and a name' : 'a name';
    report(line, end, 'malformed-line', `expected ${missing} after '${(abi ?? num).text}': a table line is <number> <abi> <name> [<entry point>]`);
    return undefined;
  }

  const maxColumns = format === '6.x' ? 6 : 5;
  if (fields.length > maxColumns) {
    const extra = fields[maxColumns]!;
    const what = format === '6.x'
      ? '<number> <abi> <name> <entry point> [<compat entry point> [noreturn]]'
      : '<number> <abi> <name> <entry point> [<compat entry point>]';
    report(line, extra, 'malformed-line', `too many columns: a ${format} table line is ${what}`);
    ok = false;
  }

  const abiOk = (ABIS[arch] as readonly string[]).includes(abi!.text);
  if (!abiOk) {
    report(line, abi, 'bad-abi', badAbiMessage(abi!.text, arch));
    ok = false;
  }
  if (!IDENTIFIER.test(name.text)) {
    report(line, name, 'bad-name', `'${name.text}' is not a C identifier; the name becomes the macro __NR_<name>`);
    ok = false;
  }

  let compatText = compat?.text ?? '';
  let noreturn = false;
  if (format === '6.x') {
    if (compatText === '-') compatText = '';
    if (flags) {
      if (flags.text === 'noreturn') noreturn = true;
      else {
        report(line, flags, 'malformed-line', `unknown flag '${flags.text}'; the only flag a 6.x table knows is 'noreturn'`);
        ok = false;
      }
    }
  } else if (compatText === '-' || compatText === 'noreturn') {
    // 6.x syntax in a table read as 4.4 (only with --format 4.4; detection would have said 6.x);
    // a sixth column is already reported as one too many.
    report(line, compat, 'format-mismatch',
      `'${compatText}' is 6.x table syntax; Linux 4.4's syscalltbl.sh would use it as the compat entry point`);
    ok = false;
  }

  if (!ok) return undefined;
  const at: Entry['at'] = { number: num, abi: abi!, name };
  if (entry) at.entry = entry;
  if (compat && compatText) at.compat = compat;
  if (flags) at.flags = flags;
  return {
    line,
    number: Number(num.text),
    abi: abi!.text as Abi,
    name: name.text,
    entry: entry?.text ?? '',
    compat: compatText,
    noreturn,
    at,
  };
}

function badAbiMessage(text: string, arch: Arch): string {
  const valid = ABIS[arch];
  const list = valid.map((a) => `'${a}'`).join(', ');
  const file = arch === 'x86_64' ? 'syscall_64.tbl' : 'syscall_32.tbl';
  let hint = '';
  const other: Arch = arch === 'x86_64' ? 'i386' : 'x86_64';
  if ((ABIS[other] as readonly string[]).includes(text)) {
    hint = `; '${text}' belongs in ${other === 'x86_64' ? 'syscall_64.tbl' : 'syscall_32.tbl'}`;
  } else {
    const close = valid.find((a) => text.toLowerCase().startsWith(a) || a.startsWith(text.toLowerCase()));
    if (close) hint = `; did you mean '${close}'?`;
    else if (/^[0-9]+$/.test(text)) hint = '; the second column is the ABI, not a number';
  }
  return `ABI '${text}' is not valid in ${file}: it must be ${valid.length > 1 ? 'one of ' : ''}${list}${hint}`;
}
