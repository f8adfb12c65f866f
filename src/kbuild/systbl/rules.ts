// The facts the checker applies, kept as data so that a rule can be read (and argued with) in
// one place. What is allowed where is not guessed: the entry point families each table version
// really uses are computed from the upstream tables by scripts/gen-systbl-upstream.ts and stored in
// upstream/data.ts; this file only names the families and says what each one is.
import type { Abi, Arch, RuleId, TableFormat, UpstreamVersion } from './types.js';

/** The ABIs each table may use. */
export const ABIS: Record<Arch, readonly Abi[]> = {
  x86_64: ['common', '64', 'x32'],
  i386: ['i386'],
};

/**
 * The x32 ABI's own numbers (x32 programs call them with __X32_SYSCALL_BIT set). A common or 64
 * entry here would make the 64-bit table collide with the x32 one.
 */
export const X32_RANGE = { first: 512, last: 547 } as const;

/** Numbers upstream keeps free on x86_64 so that 424+ line up across architectures (6.x). */
export const RESERVED_RANGES: Record<TableFormat, readonly { first: number; last: number }[]> = {
  '4.4': [],
  '6.x': [{ first: 387, last: 423 }],
};

/** The upstream release whose table a table of this format is compared with by default. */
export const UPSTREAM_OF_FORMAT: Record<TableFormat, UpstreamVersion> = { '4.4': '4.4', '6.x': '6.19' };

/**
 * Entry point families: a prefix and what code provides symbols of that shape. Longest prefixes
 * first, so that `compat_sys_x` is a compat_sys_ symbol and not taken for something shorter.
 */
export const FAMILIES: readonly { prefix: string; what: string }[] = [
  { prefix: '__ia32_compat_sys_', what: 'the pt_regs wrapper of a compat syscall (Linux 4.17 and later)' },
  { prefix: '__ia32_sys_', what: 'the pt_regs wrapper for int $0x80 (Linux 4.17 and later)' },
  { prefix: '__x64_sys_', what: 'the pt_regs wrapper SYSCALL_DEFINE makes (Linux 4.17 and later)' },
  { prefix: '__x32_compat_sys_', what: 'the x32 pt_regs wrapper (Linux 4.17 and later)' },
  { prefix: 'compat_sys_', what: 'COMPAT_SYSCALL_DEFINEn: 32-bit argument translation' },
  { prefix: 'stub_x32_', what: 'an assembly stub for x32 (entry_64.S)' },
  { prefix: 'stub32_', what: 'an assembly stub for ia32 emulation' },
  { prefix: 'stub_', what: 'an assembly stub that saves the full register frame (entry_64.S)' },
  { prefix: 'ptregs_', what: 'an assembly stub that passes pt_regs' },
  { prefix: 'sys32_', what: 'an ia32 emulation helper (arch/x86/ia32)' },
  { prefix: 'sys_', what: 'SYSCALL_DEFINEn or an asmlinkage sys_ function' },
];

/** The family of an entry point, or undefined when it belongs to none. */
export function familyOf(symbol: string): string | undefined {
  for (const f of FAMILIES) if (symbol.startsWith(f.prefix) && symbol.length > f.prefix.length) return f.prefix;
  return undefined;
}

/** Which column of a line an entry point sits in. */
export type EntryColumn = 'entry' | 'compat';

/** A C identifier: what a name or an entry point must be to become `__NR_name` or a symbol. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type Severity = 'error' | 'warning' | 'note';

/** Each rule's severity and one line of explanation (shown by `--json` and in the docs). */
export const RULES: Record<RuleId, { severity: Severity; summary: string }> = {
  'malformed-line': { severity: 'error', summary: 'a line does not have the columns its format requires' },
  'bad-number': { severity: 'error', summary: 'the first column is not a decimal syscall number' },
  'bad-name': { severity: 'error', summary: 'the name is not a C identifier (it becomes __NR_<name>)' },
  'bad-abi': { severity: 'error', summary: 'the ABI is not one this table may use' },
  'format-mismatch': { severity: 'error', summary: 'a 6.x-only column in a 4.4-format table' },
  'duplicate-number': { severity: 'error', summary: 'two entries share a number' },
  'duplicate-name': { severity: 'error', summary: 'two entries an ABI sees share a name' },
  'x32-range': { severity: 'error', summary: 'a common or 64 entry in the x32 range 512-547' },
  'reserved-range': { severity: 'error', summary: 'an entry in a range upstream keeps free' },
  'entry-point-naming': { severity: 'error', summary: "an entry point outside the families the table's version uses" },
  'number-order': { severity: 'warning', summary: 'a number smaller than the one before it' },
  'number-gap': { severity: 'warning', summary: 'numbers skipped that upstream does not skip' },
  'entry-point-name': { severity: 'warning', summary: 'an entry point that is not sys_<name> where upstream never differs' },
  'missing-i386': { severity: 'note', summary: 'a new 64-bit syscall with no i386 entry' },
  'upstream-number': { severity: 'warning', summary: 'a number upstream gives to another syscall' },
  'upstream-name': { severity: 'warning', summary: 'a name upstream numbers differently' },
  'undefined-entry-point': { severity: 'error', summary: 'an entry point no built source defines' },
  'unbuilt-definition': { severity: 'error', summary: 'an entry point defined only in a source the Makefiles do not build' },
  'unused-definition': { severity: 'warning', summary: 'a SYSCALL_DEFINEn with no table entry' },
  'build-approximated': { severity: 'note', summary: 'kbuild could not evaluate the Makefiles; built sources approximated' },
};
