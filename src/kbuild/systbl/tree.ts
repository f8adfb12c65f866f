// `kwb tbl check --tree DIR`: the tables against the sources. Each entry point the build will
// reference must be defined in a source the Makefiles really build — otherwise the link fails
// with "undefined reference to `sys_nsys'", which is what this check explains before the build.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { definitionsOf, type Definition } from './defs.js';
import { diagAt } from './parse.js';
import { approximateBuiltSources, workspaceConfig } from './reach.js';
import { checkTables, inOrder, type TablesResult } from './tables.js';
import { SYSCALLS_DIR } from './generate.js';
import type { CheckOptions } from './check.js';
import type { Entry, Table, TableFormat, TblDiagnostic } from './types.js';
import { RULES } from './rules.js';

export interface TreeOptions extends CheckOptions {
  /**
   * The .c/.S files (relative to the tree) the Makefiles build under the current .config.
   * Default: kbuild's answer when available, else an approximation from the Makefiles' lists.
   */
  builtSources?: readonly string[];
  /** How to print the tree's paths: the directory as the user named it ('' = relative paths). */
  displayDir?: string;
  /** CONFIG_ values (default: the tree's .config, else its x86_64_defconfig). */
  config?: ReadonlyMap<string, string>;
  format?: TableFormat;
}

export const TABLE_64 = `${SYSCALLS_DIR}/syscall_64.tbl`;
export const TABLE_32 = `${SYSCALLS_DIR}/syscall_32.tbl`;

/** Every .c and .S file under dir (dot-directories skipped), relative, with / separators. */
export function listSources(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    let names: import('node:fs').Dirent[];
    try {
      names = readdirSync(join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const d of names) {
      if (d.name.startsWith('.')) continue;
      const r = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) walk(r);
      else if (/\.(c|S)$/.test(d.name)) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

/** Reads the tree's two tables and checks them, then checks them against the tree's sources. */
export function checkTree(dir: string, opts: TreeOptions = {}): TablesResult {
  const shown = (rel: string) => (opts.displayDir ? posix.join(opts.displayDir, rel) : rel);
  const inputs = [
    { rel: TABLE_64, arch: 'x86_64' as const },
    { rel: TABLE_32, arch: 'i386' as const },
  ]
    .filter((t) => existsSync(join(dir, t.rel)))
    .map((t) => ({ file: shown(t.rel), text: readFileSync(join(dir, t.rel), 'utf8'), arch: t.arch, format: opts.format }));
  const result = checkTables(inputs, opts);
  const built = new Set(opts.builtSources ?? approximateBuiltSources(dir).sources);
  const config = opts.config ?? workspaceConfig(dir);
  result.diagnostics = inOrder([...result.diagnostics, ...checkSources(dir, result.tables, built, config, shown)]);
  return result;
}

interface Reference {
  table: Table;
  entry: Entry;
  column: 'entry' | 'compat';
  symbol: string;
}

/** The entry points an x86_64 build links into its tables (see 4.4's syscall_64.c, syscall_32.c). */
function referencedSymbols(tables: readonly Table[], config: ReadonlyMap<string, string>): Reference[] {
  const refs: Reference[] = [];
  for (const table of tables) {
    for (const entry of table.entries) {
      if (table.arch === 'x86_64') {
        // x32 entries are only compiled in with the x32 ABI (4.4's syscall_64.c defines
        // __SYSCALL_X32 as nothing without CONFIG_X86_X32_ABI, which CONFIG_X86_X32 turns on)
        if (entry.abi === 'x32' && config.get('CONFIG_X86_X32_ABI') !== 'y' && config.get('CONFIG_X86_X32') !== 'y') continue;
        if (entry.entry) refs.push({ table, entry, column: 'entry', symbol: entry.entry });
      } else if (config.get('CONFIG_IA32_EMULATION') === 'y') {
        // ia32_sys_call_table takes the compat entry point, or the native one when there is none
        if (entry.compat) refs.push({ table, entry, column: 'compat', symbol: entry.compat });
        else if (entry.entry) refs.push({ table, entry, column: 'entry', symbol: entry.entry });
      }
    }
  }
  return refs;
}

function checkSources(
  dir: string,
  tables: readonly Table[],
  built: ReadonlySet<string>,
  config: ReadonlyMap<string, string>,
  shown: (rel: string) => string,
): TblDiagnostic[] {
  const out: TblDiagnostic[] = [];
  const defs = new Map<string, Definition[]>();
  const fileLines = new Map<string, string[]>();
  for (const rel of listSources(dir)) {
    const text = readFileSync(join(dir, rel), 'utf8');
    const found = definitionsOf(text, rel);
    if (found.length === 0) continue;
    fileLines.set(rel, text.split('\n'));
    for (const d of found) defs.set(d.symbol, [...(defs.get(d.symbol) ?? []), d]);
  }
  const at = (d: Definition, rule: keyof typeof RULES, message: string, severity = RULES[rule].severity) =>
    diagAt(shown(d.file), fileLines.get(d.file) ?? [], d.line, { index: d.index, length: d.length }, rule, message, severity);

  for (const ref of referencedSymbols(tables, config)) {
    const all = defs.get(ref.symbol) ?? [];
    const span = ref.entry.at[ref.column];
    if (all.some((d) => built.has(d.file))) continue;
    const tableDiag = (rule: 'undefined-entry-point' | 'unbuilt-definition', message: string) =>
      out.push(diagAt(ref.table.file, ref.table.lines, ref.entry.line, span, rule, message));
    if (all.length === 0) {
      const name = ref.symbol.replace(/^(compat_)?sys_/, '');
      const how = ref.symbol.startsWith('compat_sys_')
        ? `COMPAT_SYSCALL_DEFINEn(${name}, ...)`
        : ref.symbol.startsWith('sys_')
          ? `SYSCALL_DEFINEn(${name}, ...)`
          : `a function ${ref.symbol}`;
      tableDiag('undefined-entry-point',
        `'${ref.symbol}' is not defined in any source of the tree; write ${how} in a file the Makefiles build, ` +
          `or the link fails with: undefined reference to \`${ref.symbol}'`);
    } else {
      const d = all[0]!;
      tableDiag('unbuilt-definition',
        `'${ref.symbol}' is defined only in ${shown(d.file)}, which the Makefiles do not build; ` +
          `the link would fail with: undefined reference to \`${ref.symbol}'`);
      out.push(at(d, 'unbuilt-definition', `${d.written} is here, but ${buildHint(dir, d.file)}`, 'note'));
    }
  }

  const named = new Set<string>();
  for (const t of tables) for (const e of t.entries) for (const s of [e.entry, e.compat]) if (s) named.add(s);
  for (const list of defs.values()) {
    for (const d of list) {
      if (d.kind !== 'SYSCALL_DEFINE' && d.kind !== 'COMPAT_SYSCALL_DEFINE') continue;
      if (named.has(d.symbol)) continue;
      const table = d.kind === 'SYSCALL_DEFINE' ? 'arch/x86/entry/syscalls/syscall_64.tbl' : 'arch/x86/entry/syscalls/syscall_32.tbl';
      const unbuilt = built.has(d.file) ? '' : `; and ${buildHint(dir, d.file)}`;
      out.push(at(d, 'unused-definition',
        `${d.written} defines ${d.symbol}, but no syscall table entry names it, so no program can call it; add a line to ${table}${unbuilt}`));
    }
  }
  return out;
}

/** Why a source is not built and what line would build it (the classic: a forgotten core-y). */
export function buildHint(dir: string, rel: string): string {
  const parts = rel.split('/');
  const object = parts[parts.length - 1]!.replace(/\.[cS]$/, '.o');
  const subdir = parts.slice(0, -1).join('/');
  if (!subdir) return `no Makefile builds ${object}`;
  const mk = ['Kbuild', 'Makefile'].map((m) => join(dir, subdir, m)).find((p) => existsSync(p));
  const listed = mk ? new RegExp(`(^|\\s)${object.replace(/\./g, '\\.')}(\\s|$)`, 'm').test(readFileSync(mk, 'utf8')) : false;
  if (!listed) return `${subdir}/${mk ? mk.split('/').pop() : 'Makefile'} does not list ${object} in obj-y`;
  if (parts.length === 2) {
    return `nothing descends into ${subdir}/: add it to core-y in the top-level Makefile (core-y += ${subdir}/)`;
  }
  const parent = parts.slice(0, -2).join('/');
  return `nothing descends into ${subdir}/: add obj-y += ${parts[parts.length - 2]}/ to ${parent}/Makefile`;
}
