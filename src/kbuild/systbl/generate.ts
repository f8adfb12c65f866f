// The headers Linux 4.4's arch/x86/entry/syscalls/Makefile generates from the two tables, byte
// for byte as its scripts write them:
//
//   syscalltbl.sh: every line starting with a digit, sorted numerically, read as
//     `nr abi name entry compat` → `__SYSCALL_<ABI>(nr, entry, compat)`, compat defaulting to
//     entry; a line without an entry point gives no line at all.
//   syscallhdr.sh IN OUT ABIS PREFIX OFFSET: the lines whose abi matches one of ABIS →
//     `#define __NR_<prefix><name> <nr>` or `(<offset> + <nr>)`, inside a guard made from the
//     output file's name (_ASM_X86_ + upper-cased name, non-alphanumerics as `_`, `__` → `_`).
import { splitFields } from './parse.js';

/** One generated file: where it goes (relative to the tree), how make names it, and its text. */
export interface GeneratedHeader {
  /** Path relative to the top of the tree, e.g. arch/x86/include/generated/asm/syscalls_64.h. */
  path: string;
  /** The quiet-command tag make prints: SYSTBL or SYSHDR. */
  tag: 'SYSTBL' | 'SYSHDR';
  /** The target as 4.4's make prints it: arch/x86/entry/syscalls/../../include/generated/asm/syscalls_64.h. */
  target: string;
  /** Which table it is made from. */
  table: 'syscall_64.tbl' | 'syscall_32.tbl';
  content: string;
}

export const SYSCALLS_DIR = 'arch/x86/entry/syscalls';
const OUT = 'arch/x86/include/generated/asm';
const UAPI = 'arch/x86/include/generated/uapi/asm';

// The table lines the scripts see: `grep '^[0-9]'` then `sort -n`. sort -n orders by the leading
// number and, on ties, by the whole line (its last-resort comparison).
function tableLines(text: string): string[][] {
  const rows = text
    .split('\n')
    .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
    .filter((l) => /^[0-9]/.test(l));
  const lead = (l: string) => Number(/^[0-9]+/.exec(l)![0]);
  rows.sort((a, b) => lead(a) - lead(b) || (a < b ? -1 : a > b ? 1 : 0));
  return rows.map((l) => splitFields(l).map((f) => f.text));
}

// `read nr abi name entry compat`: the last variable takes the rest of the line.
function rest(fields: string[], from: number): string {
  return fields.slice(from).join(' ');
}

/** syscalltbl.sh's output for one table. */
export function syscallTable(text: string): string {
  let out = '';
  for (const f of tableLines(text)) {
    const [nr = '', abi = '', , entry = ''] = f;
    const compat = rest(f, 4);
    const ABI = abi.toUpperCase();
    if (compat) out += `__SYSCALL_${ABI}(${nr}, ${entry}, ${compat})\n`;
    else if (entry) out += `__SYSCALL_${ABI}(${nr}, ${entry}, ${entry})\n`;
  }
  return out;
}

/** The include guard syscallhdr.sh derives from an output file name. */
export function fileGuard(outName: string): string {
  const base = outName.split('/').pop()!;
  return '_ASM_X86_' + base.toUpperCase().replace(/[^A-Z0-9_]/g, '_').replace(/__/g, '_');
}

/** syscallhdr.sh's output: `abis` as the Makefile passes them (comma-separated). */
export function syscallHeader(text: string, outName: string, abis: string, prefix = '', offset = ''): string {
  // grep -E "^[0-9A-Fa-fXx]+[[:space:]]+(abi|abi)" — note: not anchored after the ABI.
  const pick = new RegExp(`^[0-9A-Fa-fXx]+[ \\t]+(${abis.split(',').join('|')})`);
  const guard = fileGuard(outName);
  let out = `#ifndef ${guard}\n#define ${guard} 1\n\n`;
  const rows = text
    .split('\n')
    .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
    .filter((l) => pick.test(l));
  const lead = (l: string) => Number(/^[0-9]*/.exec(l)![0] || 0);
  rows.sort((a, b) => lead(a) - lead(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const l of rows) {
    const [nr = '', , name = ''] = splitFields(l).map((f) => f.text);
    out += offset ? `#define __NR_${prefix}${name} (${offset} + ${nr})\n` : `#define __NR_${prefix}${name} ${nr}\n`;
  }
  return out + `\n#endif /* ${guard} */\n`;
}

/**
 * Everything 4.4's arch/x86/entry/syscalls/Makefile makes for an x86_64 build: tree-relative path
 * (arch/x86/include/generated/...) → file text, in the order make builds them.
 */
export function generateSyscallHeaders(table64: string, table32: string): Map<string, string> {
  return new Map(syscallHeaderTargets(table64, table32).map((h) => [h.path, h.content]));
}

/** The same files with what make prints for each (tag, target) and the table each depends on. */
export function syscallHeaderTargets(table64: string, table32: string): GeneratedHeader[] {
  const list: GeneratedHeader[] = [];
  const add = (dir: string, name: string, tag: GeneratedHeader['tag'], table: GeneratedHeader['table'], content: string) => {
    const rel = dir === OUT ? '../../include/generated/asm' : '../../include/generated/uapi/asm';
    list.push({ path: `${dir}/${name}`, tag, target: `${SYSCALLS_DIR}/${rel}/${name}`, table, content });
  };
  add(OUT, 'syscalls_32.h', 'SYSTBL', 'syscall_32.tbl', syscallTable(table32));
  add(OUT, 'unistd_32_ia32.h', 'SYSHDR', 'syscall_32.tbl', syscallHeader(table32, 'unistd_32_ia32.h', 'i386', 'ia32_'));
  add(OUT, 'unistd_64_x32.h', 'SYSHDR', 'syscall_64.tbl', syscallHeader(table64, 'unistd_64_x32.h', 'x32', 'x32_'));
  add(OUT, 'syscalls_64.h', 'SYSTBL', 'syscall_64.tbl', syscallTable(table64));
  add(UAPI, 'unistd_32.h', 'SYSHDR', 'syscall_32.tbl', syscallHeader(table32, 'unistd_32.h', 'i386'));
  add(UAPI, 'unistd_64.h', 'SYSHDR', 'syscall_64.tbl', syscallHeader(table64, 'unistd_64.h', 'common,64'));
  add(UAPI, 'unistd_x32.h', 'SYSHDR', 'syscall_64.tbl', syscallHeader(table64, 'unistd_x32.h', 'common,x32', '', '__X32_SYSCALL_BIT'));
  return list;
}
