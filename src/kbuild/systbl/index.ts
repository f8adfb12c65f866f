// Syscall tables: parse, check, generate. The API other modules use (kbuild, labs, the CLI):
//
//   parseTable(text, file, arch, { format? }) → { table, diagnostics }
//       Reads arch/x86/entry/syscalls/syscall_{64,32}.tbl in the 4.4 or the 6.x format (detected
//       unless given). `file` is used verbatim in diagnostics. Bad lines are reported and left out.
//   checkTable(table, { against? }) → TblDiagnostic[]
//       The per-table rules (duplicates, ABIs, ranges, naming, numbering, --against upstream).
//   checkTablePair(table64, table32) → TblDiagnostic[]      rules that need both tables
//   checkTables(inputs: TableInput[], { against? }) → { tables, diagnostics }
//       parse + checkTable for each input, plus checkTablePair when both arches are present.
//   checkTree(workspaceDir, { builtSources?, displayDir?, config?, against?, format? }) → { tables, diagnostics }
//       The tree's two tables, plus: every entry point the x86_64 build links is defined
//       (SYSCALL_DEFINEn, COMPAT_SYSCALL_DEFINEn, a non-static function, cond_syscall, an asm
//       ENTRY/.globl) in a source the Makefiles build; each SYSCALL_DEFINEn has a table entry.
//       `builtSources` (tree-relative .c/.S paths) defaults to an approximation from the Makefiles.
//   checkWorkspaceTables(workspaceDir) → TblDiagnostic[]
//       What `kwb make` runs before SYSTBL: the two tables' own rules, paths relative to the tree.
//       Stop the build when countErrors(result) > 0, after printing renderDiagnostics(result).
//   generateSyscallHeaders(table64Text, table32Text) → Map<treeRelativePath, content>
//       Byte-exact outputs of 4.4's syscalltbl.sh / syscallhdr.sh, in make's order; keys are
//       relative to the top of the tree: arch/x86/include/generated/asm/syscalls_64.h,
//       arch/x86/include/generated/uapi/asm/unistd_64.h, ...
//   syscallHeaderTargets(table64Text, table32Text) → GeneratedHeader[]
//       The same, each with its tag (SYSTBL/SYSHDR), the target as make prints it
//       (arch/x86/entry/syscalls/../../include/generated/asm/syscalls_64.h) and its table.
//   formatTableLine(fields) → string     a table line laid out with tabs as the kernel's files are
//   jsonReport(tables, diagnostics, status), summaryLine(diagnostics)    the CLI's output
//   upstreamTable(version, arch)         Linux 4.4.121 / 6.19.9 tables embedded in the package
//
// Diagnostics are src/diag.ts Diagnostics with `tag: '[rule-id]'` and a `rule` field; the rules
// and their severities are listed in rules.ts (RULES).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkTables } from './tables.js';
import { TABLE_32, TABLE_64 } from './tree.js';
import type { TblDiagnostic } from './types.js';

export { parseTable, detectFormat, archFromFileName, splitFields } from './parse.js';
export { checkTable, checkTablePair, nextFree, type CheckOptions } from './check.js';
export { checkTables, type TableInput, type TablesResult } from './tables.js';
export { checkTree, buildHint, listSources, TABLE_32, TABLE_64, type TreeOptions } from './tree.js';
export { definitionsOf, type Definition } from './defs.js';
export { approximateBuiltSources, readConfig, workspaceConfig } from './reach.js';
export { generateSyscallHeaders, syscallHeaderTargets, syscallTable, syscallHeader, fileGuard, SYSCALLS_DIR, type GeneratedHeader } from './generate.js';
export { formatTableLine } from './format.js';
export { jsonReport, summaryLine, summarize, type JsonReport } from './report.js';
export { upstreamTable, UPSTREAM_VERSIONS } from './upstream.js';
export { RULES, ABIS, X32_RANGE, RESERVED_RANGES, FAMILIES } from './rules.js';
export type * from './types.js';

/** The table check `kwb make` runs before generating headers (paths relative to the tree). */
export function checkWorkspaceTables(workspaceDir: string): TblDiagnostic[] {
  const inputs = [
    { file: TABLE_64, arch: 'x86_64' as const },
    { file: TABLE_32, arch: 'i386' as const },
  ]
    .filter((t) => existsSync(join(workspaceDir, t.file)))
    .map((t) => ({ ...t, text: readFileSync(join(workspaceDir, t.file), 'utf8') }));
  return checkTables(inputs).diagnostics;
}
