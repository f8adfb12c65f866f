// `nm` as GNU binutils prints it for ELF64: "%016x T name" lines, undefined symbols with a blank
// value, sorted by name (or by address with -n, undefined first, ties by name). Section and
// file symbols are debugging symbols to nm and are not listed. The letter follows bfd's rules:
// COMMON C, undefined U (weak w/v), weak W/V, absolute A, else by section name prefix
// (.text t, .data d, .rodata r, .bss b, ...) or section flags; upper case when global.
// System.map is `nm -n vmlinux` filtered, so this must match GNU nm exactly.
import * as C from './elf/constants.js';
import { readElf, type ElfFile, type ElfSymbol } from './elf/read.js';

export interface NmOptions {
  numeric?: boolean; // -n
  externOnly?: boolean; // -g
  undefinedOnly?: boolean; // -u
  definedOnly?: boolean; // --defined-only
  debugSyms?: boolean; // -a: file and section symbols too
  printSize?: boolean; // -S
  reverse?: boolean; // -r
  noSort?: boolean; // -p
}

export interface NmEntry {
  name: string;
  value: bigint;
  size: bigint;
  letter: string;
  undefined: boolean;
}

// bfd's table of well-known section names, matched as prefixes.
const BY_NAME: [string, string][] = [
  ['*DEBUG*', 'N'],
  ['.bss', 'b'],
  ['zerovars', 'b'],
  ['.data', 'd'],
  ['vars', 'd'],
  ['.rdata', 'r'],
  ['.rodata', 'r'],
  ['.sbss', 's'],
  ['.scommon', 'c'],
  ['.sdata', 'g'],
  ['.text', 't'],
  ['code', 't'],
];

function sectionLetter(elf: ElfFile, shndx: number): string {
  const sec = elf.sections[shndx];
  if (!sec) return '?';
  for (const [prefix, c] of BY_NAME) if (sec.name.startsWith(prefix)) return c;
  const alloc = (sec.flags & BigInt(C.SHF_ALLOC)) !== 0n;
  const write = (sec.flags & BigInt(C.SHF_WRITE)) !== 0n;
  const code = (sec.flags & BigInt(C.SHF_EXECINSTR)) !== 0n;
  const contents = sec.type !== C.SHT_NOBITS;
  if (code) return 't';
  if (alloc && contents) return write ? 'd' : 'r';
  if (!contents) return 'b';
  if (/^\.(debug|zdebug|stab|line|gnu\.linkonce\.wi)/.test(sec.name)) return 'N';
  if (!write) return 'n';
  return '?';
}

export function symbolLetter(elf: ElfFile, s: ElfSymbol): string {
  if (s.shndx === C.SHN_COMMON) return 'C';
  if (s.shndx === C.SHN_UNDEF) {
    if (s.bind === C.STB_WEAK) return s.type === C.STT_OBJECT ? 'v' : 'w';
    return 'U';
  }
  if (s.type === 10 /* STT_GNU_IFUNC */) return 'i';
  if (s.bind === C.STB_WEAK) return s.type === C.STT_OBJECT ? 'V' : 'W';
  if (s.bind === 10 /* STB_GNU_UNIQUE */) return 'u';
  const c = s.shndx === C.SHN_ABS ? 'a' : sectionLetter(elf, s.shndx);
  return s.bind === C.STB_GLOBAL ? c.toUpperCase() : c;
}

/** The symbols nm lists, in its order. */
export function nmEntries(elf: ElfFile, opts: NmOptions = {}): NmEntry[] {
  const list: NmEntry[] = [];
  for (const s of elf.symbols) {
    if (s.index === 0) continue;
    if (!opts.debugSyms && (s.type === C.STT_SECTION || s.type === C.STT_FILE)) continue;
    const undef = s.shndx === C.SHN_UNDEF;
    if (opts.undefinedOnly && !undef) continue;
    if (opts.definedOnly && undef) continue;
    if (opts.externOnly && s.bind === C.STB_LOCAL && !undef && s.shndx !== C.SHN_COMMON) continue;
    // For a COMMON symbol st_value is its alignment; nm shows (and sorts by) its size instead.
    const value = s.shndx === C.SHN_COMMON ? s.size : s.value;
    const name = s.type === C.STT_SECTION ? elf.sections[s.shndx]?.name ?? '' : s.name;
    list.push({ name, value, size: s.size, letter: symbolLetter(elf, s), undefined: undef });
  }
  const byName = (a: NmEntry, b: NmEntry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  if (opts.noSort) return list;
  if (opts.numeric) {
    list.sort((a, b) => {
      if (a.undefined !== b.undefined) return a.undefined ? -1 : 1;
      if (!a.undefined && a.value !== b.value) return a.value < b.value ? -1 : 1;
      return byName(a, b);
    });
  } else list.sort(byName);
  if (opts.reverse) list.reverse();
  return list;
}

export function formatNm(entries: readonly NmEntry[], opts: NmOptions = {}): string {
  let out = '';
  for (const e of entries) {
    const v = e.undefined ? ' '.repeat(16) : BigInt.asUintN(64, e.value).toString(16).padStart(16, '0');
    // -S shows a size only for defined symbols that have one.
    const size = opts.printSize && !e.undefined && e.size !== 0n ? ' ' + e.size.toString(16).padStart(16, '0') : '';
    out += `${v}${size} ${e.letter} ${e.name}\n`;
  }
  return out;
}

/** What `nm [opts] FILE` prints for one ELF file; "no symbols" is reported by the caller. */
export function nmText(bytes: Uint8Array, opts: NmOptions = {}): { text: string; hasSymbols: boolean } {
  const elf = readElf(bytes);
  if (!elf.sections.some((s) => s.type === C.SHT_SYMTAB)) return { text: '', hasSymbols: false };
  return { text: formatNm(nmEntries(elf, opts), opts), hasSymbols: true };
}
