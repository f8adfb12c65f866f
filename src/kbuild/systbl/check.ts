// The rules a parsed table must follow. Each rule is one function over the table's sound entries;
// each diagnostic points at the field it is about and says what to do. Errors are what would
// break the build or the ABI; warnings and notes are what upstream would not accept, tuned so that
// the real tables (test/tbl/real.test.ts) give none.
import { diagAt } from './parse.js';
import { FAMILIES, IDENTIFIER, RESERVED_RANGES, UPSTREAM_OF_FORMAT, X32_RANGE, familyOf } from './rules.js';
import { abisOverlap, naming, upstreamPairs, upstreamTable } from './upstream.js';
import type { Abi, Entry, RuleId, Span, Table, TblDiagnostic, UpstreamVersion } from './types.js';

export interface CheckOptions {
  /** Compare numbers and names with this upstream release (`--against`). */
  against?: UpstreamVersion;
}

type Emit = (e: Entry, span: Span | undefined, rule: RuleId, message: string) => void;

function emitter(table: Table, out: TblDiagnostic[]): Emit {
  return (e, span, rule, message) => out.push(diagAt(table.file, table.lines, e.line, span, rule, message));
}

/** Every rule that needs only this one table. */
export function checkTable(table: Table, opts: CheckOptions = {}): TblDiagnostic[] {
  const out: TblDiagnostic[] = [];
  const emit = emitter(table, out);
  checkDuplicateNumbers(table, emit, out);
  checkDuplicateNames(table, emit, out);
  checkRanges(table, emit);
  checkEntryPoints(table, emit);
  checkNumbering(table, emit);
  if (opts.against) checkAgainst(table, opts.against, emit);
  return out;
}

const rangeText = (a: number, b: number) => (a === b ? `${a}` : `${a}-${b}`);
const where = (e: Entry) => `line ${e.line}`;

function noteAt(table: Table, e: Entry, span: Span, rule: RuleId, message: string): TblDiagnostic {
  return diagAt(table.file, table.lines, e.line, span, rule, message, 'note');
}

// One number, one slot of sys_call_table: a second entry would silently replace the first.
function checkDuplicateNumbers(table: Table, emit: Emit, out: TblDiagnostic[]): void {
  const first = new Map<number, Entry>();
  for (const e of table.entries) {
    const prev = first.get(e.number);
    if (!prev) {
      first.set(e.number, e);
      continue;
    }
    emit(e, e.at.number, 'duplicate-number',
      `syscall number ${e.number} is already taken by '${prev.name}' (${where(prev)}); the next free number is ${nextFree(table)}`);
    out.push(noteAt(table, prev, prev.at.number, 'duplicate-number', `'${prev.name}' has number ${e.number} here`));
  }
}

// The generated unistd headers define __NR_<name> once per ABI view: a second entry of the same
// name in a view (common+64 for 64-bit programs, common+x32 for x32) redefines the macro.
function checkDuplicateNames(table: Table, emit: Emit, out: TblDiagnostic[]): void {
  const seen = new Map<string, Entry[]>();
  for (const e of table.entries) {
    const prevs = seen.get(e.name) ?? [];
    const clash = prevs.find((p) => abisOverlap(p.abi, e.abi));
    if (clash) {
      emit(e, e.at.name, 'duplicate-name',
        `the name '${e.name}' is already used by syscall ${clash.number} (${where(clash)}); __NR_${e.name} would be defined twice`);
      out.push(noteAt(table, clash, clash.at.name, 'duplicate-name', `'${e.name}' is first defined here`));
    }
    prevs.push(e);
    seen.set(e.name, prevs);
  }
}

/** The number a new native syscall should take: one past the highest number below the x32 block. */
export function nextFree(table: Table): number {
  const reserved = RESERVED_RANGES[table.format];
  const used = new Set(table.entries.map((e) => e.number));
  let max = -1;
  for (const e of table.entries) if (e.number < X32_RANGE.first && e.number > max) max = e.number;
  let n = max + 1;
  for (;;) {
    const r = reserved.find((r) => n >= r.first && n <= r.last);
    if (r) n = r.last + 1;
    else if (used.has(n)) n++;
    else return n;
  }
}

function checkRanges(table: Table, emit: Emit): void {
  if (table.arch !== 'x86_64') return;
  for (const e of table.entries) {
    if (e.abi !== 'x32' && e.number >= X32_RANGE.first && e.number <= X32_RANGE.last) {
      emit(e, e.at.number, 'x32-range',
        `${e.number} is in the x32 range ${X32_RANGE.first}-${X32_RANGE.last}, which only 'x32' entries may use; ` +
          `a ${e.abi} syscall takes the next free number, ${nextFree(table)}`);
    }
    for (const r of RESERVED_RANGES[table.format]) {
      if (e.number >= r.first && e.number <= r.last) {
        emit(e, e.at.number, 'reserved-range',
          `${e.number} is in ${r.first}-${r.last}, which x86_64 keeps unused so that numbers from 424 on match the other architectures; ` +
            `use ${nextFree(table)}`);
      }
    }
  }
}

// Which entry point families a version uses is data (upstream/data.ts, from the real tables).
function checkEntryPoints(table: Table, emit: Emit): void {
  const version = UPSTREAM_OF_FORMAT[table.format];
  const release = upstreamTable(version, table.arch).release;
  for (const e of table.entries) {
    const rules = naming(version, table.arch, e.abi);
    for (const column of ['entry', 'compat'] as const) {
      const symbol = e[column];
      const span = e.at[column];
      if (!symbol || !span) continue;
      const allowed = rules[column];
      const family = familyOf(symbol);
      if (!IDENTIFIER.test(symbol)) {
        emit(e, span, 'entry-point-naming', `'${symbol}' is not a C identifier, so it cannot name a function`);
      } else if (allowed.length === 0) {
        emit(e, span, 'entry-point-naming',
          table.arch !== 'x86_64'
            ? `${e.abi} entries have no ${column} column in Linux ${release}`
            : table.format === '6.x'
              ? `in Linux ${release}'s syscall_64.tbl the compat column only holds '-' (before 'noreturn'); x32 entries put their compat_sys_ function in the entry point column`
              : `syscall_64.tbl has no compat entry point column in Linux ${release}; x32 entries put their compat_sys_ function in the entry point column`);
      } else if (!family || !allowed.includes(family)) {
        emit(e, span, 'entry-point-naming', namingMessage(symbol, family, allowed, e, column, table));
      } else if (!expectedSymbol(e, column, symbol) && !upstreamPairs(table.arch, e.name, column, symbol)) {
        const want = column === 'entry' ? expectedEntry(e.abi, e.name) : `compat_sys_${e.name}`;
        emit(e, span, 'entry-point-name',
          `the ${column === 'entry' ? 'entry point' : 'compat entry point'} of '${e.name}' is '${symbol}', not '${want}'; ` +
            `upstream only does that for historic syscalls, and ${definer(want)}(${e.name}, ...) defines ${want}`);
      }
    }
  }
}

/** The macro that defines a symbol of this shape. */
const definer = (symbol: string) => (symbol.startsWith('compat_sys_') ? 'COMPAT_SYSCALL_DEFINEn' : 'SYSCALL_DEFINEn');

function expectedEntry(abi: Abi, name: string): string {
  return abi === 'x32' ? `compat_sys_${name}` : `sys_${name}`;
}

function expectedSymbol(e: Entry, column: 'entry' | 'compat', symbol: string): boolean {
  if (column === 'entry') return symbol === expectedEntry(e.abi, e.name);
  return symbol === `compat_sys_${e.name}` || symbol === e.entry;
}

function namingMessage(
  symbol: string,
  family: string | undefined,
  allowed: readonly string[],
  e: Entry,
  column: 'entry' | 'compat',
  table: Table,
): string {
  const version = UPSTREAM_OF_FORMAT[table.format];
  const release = upstreamTable(version, table.arch).release;
  const list = allowed.map((p) => `${p}*`).join(', ');
  const head = `'${symbol}' does not follow Linux ${release}'s naming: ${e.abi} ${column === 'entry' ? 'entry points' : 'compat entry points'} are ${list}`;
  const want = suggestion(symbol, family, allowed, e, column, table);
  if (family) return `${head}; ${family}* is ${FAMILIES.find((f) => f.prefix === family)!.what}. Write ${want}`;
  return `${head}; ${definer(want)}(${e.name}, ...) defines ${want}, so write ${want}`;
}

// What to write instead: what upstream itself uses for this syscall, else the regular name.
function suggestion(symbol: string, family: string | undefined, allowed: readonly string[], e: Entry, column: 'entry' | 'compat', table: Table): string {
  const up = upstreamTable(UPSTREAM_OF_FORMAT[table.format], table.arch);
  const same = (up.byName.get(e.name) ?? []).find((u) => u.abi === e.abi && u[column]);
  if (same) return same[column];
  const regular = column === 'entry' ? expectedEntry(e.abi, e.name) : `compat_sys_${e.name}`;
  if (!family || allowed.includes(familyOf(regular)!)) return regular;
  return `${allowed[0]}${symbol.slice(family.length)}`;
}

// The kernel sorts the table itself (sort -n), so order and gaps do not break the build; but a
// gap upstream does not have means a number was skipped or deleted, and disorder hides the next
// free number from the next reader.
function checkNumbering(table: Table, emit: Emit): void {
  const up = upstreamTable(UPSTREAM_OF_FORMAT[table.format], table.arch);
  const reserved = RESERVED_RANGES[table.format];
  const isKnownHole = (n: number, next: number) =>
    up.holes.has(n) ||
    reserved.some((r) => n >= r.first && n <= r.last) ||
    (table.arch === 'x86_64' && next >= X32_RANGE.first && n < X32_RANGE.first);
  let prev: Entry | undefined;
  for (const e of table.entries) {
    const last = prev ? prev.number : -1;
    if (prev && e.number < prev.number) {
      const before = predecessor(table, e);
      emit(e, e.at.number, 'number-order',
        `${e.number} comes after ${prev.number} (${where(prev)}); keep the table in numeric order` +
          (before ? `: this line belongs after ${before.number} ${before.name} (${where(before)})` : ': this line belongs first'));
      continue; // do not move `prev` back: the lines after this one are compared with the highest so far
    }
    if (e.number > last + 1) {
      const skipped: number[] = [];
      for (let n = last + 1; n < e.number; n++) if (!isKnownHole(n, e.number)) skipped.push(n);
      if (skipped.length > 0) {
        const a = skipped[0]!;
        const b = skipped[skipped.length - 1]!;
        const text = skipped.length === b - a + 1 ? rangeText(a, b) : `${skipped.length} numbers between ${a} and ${b}`;
        emit(e, e.at.number, 'number-gap',
          `number${skipped.length > 1 ? 's' : ''} ${text} ${skipped.length > 1 ? 'are' : 'is'} skipped before ${e.number}; ` +
            `a new syscall takes the next free number (${a < X32_RANGE.first ? a : nextFree(table)})`);
      }
    }
    prev = e;
  }
}

/** The entry with the highest number below e's (where e belongs in a sorted table). */
function predecessor(table: Table, e: Entry): Entry | undefined {
  let best: Entry | undefined;
  for (const x of table.entries) if (x !== e && x.number < e.number && (!best || x.number > best.number)) best = x;
  return best;
}

// --against: the numbers are an ABI. A program built with newer headers that calls
// copy_file_range (326 since Linux 4.5) would land in whatever a student put at 326.
function checkAgainst(table: Table, version: UpstreamVersion, emit: Emit): void {
  const up = upstreamTable(version, table.arch);
  const own = upstreamTable(UPSTREAM_OF_FORMAT[table.format], table.arch);
  for (const e of table.entries) {
    const atNumber = up.byNumber.get(e.number) ?? [];
    if (atNumber.length > 0 && !atNumber.some((u) => u.name === e.name)) {
      const names = [...new Set(atNumber.map((u) => u.name))].join(' and ');
      const ownRelease = own.release !== up.release && !own.byNumber.has(e.number) ? `; Linux ${own.release} leaves it free` : '';
      emit(e, e.at.number, 'upstream-number',
        `${e.number} is ${names} in Linux ${up.release}${ownRelease}: programs built against newer kernel headers ` +
          `that call ${names} would run '${e.name}' here`);
    }
    const sameName = (up.byName.get(e.name) ?? []).filter((u) => table.arch === 'i386' || abisOverlap(u.abi, e.abi));
    if (sameName.length > 0 && !sameName.some((u) => u.number === e.number)) {
      const nums = sameName.map((u) => `${u.number}${u.abi === e.abi ? '' : ` (${u.abi})`}`).join(', ');
      emit(e, e.at.name, 'upstream-name',
        `Linux ${up.release} numbers '${e.name}' ${nums}, not ${e.number}; programs that use __NR_${e.name} from real headers would call another syscall`);
    }
  }
}

/**
 * The rule that needs both tables: a new 64-bit syscall should have an i386 entry too
 * (Documentation/adding-syscalls.txt), or the compat path silently lacks it.
 */
export function checkTablePair(table64: Table, table32: Table): TblDiagnostic[] {
  const out: TblDiagnostic[] = [];
  const up = upstreamTable(UPSTREAM_OF_FORMAT[table64.format], 'x86_64');
  const names32 = new Set(table32.entries.map((e) => e.name));
  for (const e of table64.entries) {
    if (e.abi === 'x32' || up.byName.has(e.name) || names32.has(e.name)) continue;
    out.push(
      diagAt(table64.file, table64.lines, e.line, e.at.name, 'missing-i386',
        `'${e.name}' is new and has no entry in syscall_32.tbl; Documentation/adding-syscalls.txt asks for an i386 entry ` +
          `(with a compat entry point if the arguments differ) unless the syscall makes no sense for 32-bit programs`),
    );
  }
  return out;
}
