// `objdump -d` as GNU binutils 2.40 prints it for x86-64 ELF files: a header naming the file
// format, then every code section with a label line at each symbol and one line per instruction
// ("  401000:\t48 89 e5             \tmov    %rsp,%rbp"), 7 bytes per line with continuation
// lines for longer instructions, runs of zero bytes folded into "\t...", and branch targets and
// rip-relative operands named after the nearest symbol ("401126 <foo>", "# 404010 <x>").
import * as C from './elf/constants.js';
import { readElf, type ElfFile, type ElfSection, type ElfSymbol } from './elf/read.js';
import { disassembleOne } from './disasm/index.js';

/** A symbol objdump can name addresses by, in its preferred order for equal addresses. */
interface Named {
  name: string;
  value: bigint;
  shndx: number;
  func: boolean;
  object: boolean;
  local: boolean;
  global: boolean;
  size: bigint;
  section: boolean;
}

// objdump's compare_symbols: by address; then names that look like file names (x.o) last, section
// symbols last, functions, then objects first, locals after globals, larger sizes first, names not
// starting with '.' first, then by name.
const fileLike = (n: string) => n.length > 2 && n[n.length - 2] === '.' && (n.endsWith('o') || n.endsWith('a'));
function compareNamed(a: Named, b: Named): number {
  if (a.value !== b.value) return a.value < b.value ? -1 : 1;
  const af = fileLike(a.name);
  if (af !== fileLike(b.name)) return af ? 1 : -1;
  if (a.section !== b.section) return a.section ? 1 : -1;
  if (a.func !== b.func) return a.func ? -1 : 1;
  if (a.object !== b.object) return a.object ? -1 : 1;
  if (a.local !== b.local) return a.local ? 1 : -1;
  if (a.global !== b.global) return a.global ? -1 : 1;
  if (a.size !== b.size) return a.size > b.size ? -1 : 1;
  const ad = a.name.startsWith('.');
  const bd = b.name.startsWith('.');
  if (ad !== bd) return ad ? 1 : -1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function namedSymbols(elf: ElfFile): Named[] {
  const out: Named[] = [];
  for (const s of elf.symbols) {
    // objdump's remove_useless_symbols: no unnamed, file, section, undefined or common symbols.
    if (s.index === 0 || s.type === C.STT_FILE || s.type === C.STT_SECTION || s.name === '') continue;
    if (s.shndx === C.SHN_UNDEF || s.shndx === C.SHN_COMMON) continue;
    const isSection = s.type === C.STT_SECTION;
    out.push({
      name: isSection ? elf.sections[s.shndx]?.name ?? '' : s.name,
      value: isSection ? elf.sections[s.shndx]?.addr ?? 0n : s.value,
      shndx: s.shndx,
      func: s.type === C.STT_FUNC,
      object: s.type === C.STT_OBJECT,
      local: s.bind === C.STB_LOCAL,
      global: s.bind === C.STB_GLOBAL,
      size: isSection ? 0n : s.size,
      section: isSection,
    });
  }
  return out.sort(compareNamed);
}

/**
 * objdump's find_symbol_for_address: the first (in its sort order) of the symbols at the highest
 * address ≤ addr, preferring one of section `sec`; if that one is not acceptable (a label, or a
 * .o whose section contains addr, wants a symbol of `sec`), the nearest acceptable one below, or
 * failing that above (which objdump then prints with a negative offset, "<classify-0xb>").
 */
function findSymbol(sorted: Named[], vma: bigint, sec: ElfSection, requireSec: boolean, relocatable: boolean): Named | undefined {
  const n = sorted.length;
  if (!n) return undefined;
  let min = 0;
  let max = n;
  while (min + 1 < max) {
    const t = (min + max) >> 1;
    const v = sorted[t]!.value;
    if (v > vma) max = t;
    else if (v < vma) min = t;
    else {
      min = t;
      break;
    }
  }
  let place = min;
  while (place > 0 && sorted[place]!.value === sorted[place - 1]!.value) place--;
  for (let m = place; m < n && sorted[m]!.value === sorted[place]!.value; m++) if (sorted[m]!.shndx === sec.index) return sorted[m];
  const want = requireSec || (relocatable && vma >= sec.addr && vma < sec.addr + BigInt(sec.size));
  const ok = (i: number) => !want || sorted[i]!.shndx === sec.index;
  if (!ok(place)) {
    let newplace = n;
    for (let i = place - 1; i >= 0; i--) {
      if (!ok(i)) continue;
      if (newplace === n) newplace = i;
      if (sorted[i]!.value !== sorted[newplace]!.value) break;
      newplace = i;
    }
    if (newplace !== n) place = newplace;
    else {
      for (let i = place + 1; i < n; i++) {
        if (ok(i)) {
          place = i;
          break;
        }
      }
    }
    if (!ok(place)) return undefined;
  }
  return sorted[place];
}

function label(sym: Named | undefined, addr: bigint, sec: ElfSection): string {
  if (!sym) {
    const off = addr - sec.addr;
    return `<${sec.name}${off > 0n ? `+0x${off.toString(16)}` : off < 0n ? `-0x${(-off).toString(16)}` : ''}>`;
  }
  const off = addr - sym.value;
  return `<${sym.name}${off > 0n ? `+0x${off.toString(16)}` : off < 0n ? `-0x${(-off).toString(16)}` : ''}>`;
}

function hex2(n: number): string {
  return (n < 16 ? '0' : '') + n.toString(16);
}

/** objdump's address column: leading zeros dropped in groups of four, the rest shown as spaces. */
function addressColumn(sec: ElfSection): (a: bigint) => string {
  const endText = (sec.addr + BigInt(sec.size)).toString(16).padStart(16, '0');
  let skip = 0;
  while (skip < endText.length && endText[skip] === '0') skip++;
  if (skip === endText.length && sec.addr !== 0n) skip = 0;
  if (skip !== 0) skip = (skip - 1) & ~3;
  return (a) => {
    const full = BigInt.asUintN(64, a).toString(16).padStart(16, '0').slice(skip);
    let i = 0;
    while (i < full.length - 1 && full[i] === '0') i++;
    return ' '.repeat(i) + full.slice(i);
  };
}

export interface ObjdumpOptions {
  /** Restrict to these section names (objdump -j). */
  sections?: string[];
  /** objdump -d -r: each instruction's relocations on lines of their own after it. */
  relocs?: boolean;
}

/** The text `objdump -d FILE` prints for an ELF file (throws ElfFormatError on a malformed one). */
export function objdumpDisassemble(fileName: string, bytes: Uint8Array, opts: ObjdumpOptions = {}): string {
  const elf = readElf(bytes);
  const out: string[] = [`\n${fileName}:     file format elf64-x86-64\n\n`];
  const sorted = namedSymbols(elf);
  const relocatable = elf.header.type === C.ET_REL;
  for (const sec of elf.sections) {
    if (!(sec.flags & BigInt(C.SHF_EXECINSTR)) || sec.type === C.SHT_NOBITS || sec.size === 0) continue;
    if (opts.sections && !opts.sections.includes(sec.name)) continue;
    out.push(`\nDisassembly of section ${sec.name}:\n`);
    disassembleSection(elf, sec, sorted, relocatable, out, opts.relocs ? relocLines(elf, sec) : null);
  }
  return out.join('');
}

// "\t\t\t22: R_X86_64_32S\t.rodata+0x7" lines, by the offset they apply to, in table order.
function relocLines(elf: ElfFile, sec: ElfSection): { offset: bigint; text: string }[] {
  const out: { offset: bigint; text: string }[] = [];
  for (const r of elf.relocations.get(sec.index) ?? []) {
    const s = elf.symbols[r.sym];
    let name = '*ABS*';
    if (r.sym !== 0 && s) name = s.type === C.STT_SECTION ? elf.sections[s.shndx]?.name ?? '' : s.name;
    const add = r.addend > 0n ? `+0x${r.addend.toString(16)}` : r.addend < 0n ? `-0x${(-r.addend).toString(16)}` : '';
    const type = C.RELOC_NAMES[r.type] ?? `*unknown*`;
    out.push({ offset: r.offset, text: `\t\t\t${(sec.addr + r.offset).toString(16)}: ${type}\t${name}${add}\n` });
  }
  return out.sort((a, b) => (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0));
}

function disassembleSection(
  elf: ElfFile,
  sec: ElfSection,
  sorted: Named[],
  relocatable: boolean,
  out: string[],
  relocs: { offset: bigint; text: string }[] | null,
): void {
  let nextReloc = 0;
  const col = addressColumn(sec);
  const data = sec.data;
  const mine = sorted.filter((s) => s.shndx === sec.index && s.value >= sec.addr && s.value < sec.addr + BigInt(sec.size));
  // Label positions: the distinct symbol addresses inside this section, in order.
  const starts: number[] = [];
  for (const s of mine) {
    const off = Number(s.value - sec.addr);
    if (starts[starts.length - 1] !== off) starts.push(off);
  }
  const symbolize = (a: bigint) => (sorted.length ? label(findSymbol(sorted, a, sec, false, relocatable), a, sec) : undefined);
  let next = 0; // index into starts
  let off = 0;
  while (off < data.length) {
    while (next < starts.length && starts[next]! <= off) next++;
    const stop = next < starts.length ? starts[next]! : data.length;
    const here = sec.addr + BigInt(off);
    const sym = findSymbol(sorted, here, sec, true, relocatable);
    out.push(`\n${here.toString(16).padStart(16, '0')} ${label(sym, here, sec)}:\n`);
    // A block labelled by a data object (a table in .text) is dumped as bytes, not decoded.
    const isData = !!sym && sym.object && sym.shndx === sec.index && sym.value <= here;
    while (off < stop) {
      // objdump folds a run of 8 or more zeros (in whole words of 4 unless it reaches the end of
      // the block) into "...", and hides a run of one or two zeros that ends the block.
      let z = off;
      while (z < stop && data[z] === 0) z++;
      if (z !== stop) z = off + ((z - off) & ~3);
      if (z - off >= 8 || (z === stop && z - off < 3)) {
        out.push('\t...\n');
        off = z;
        continue;
      }
      const addr = sec.addr + BigInt(off);
      if (isData) {
        const n = Math.min(16, stop - off);
        let hex = '';
        let ascii = '';
        for (let k = 0; k < 16; k++) {
          if (k < n) {
            const b = data[off + k]!;
            hex += hex2(b) + ' ';
            ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
          } else hex += '   ';
        }
        out.push(`${col(addr)}:\t${hex}    ${ascii}\n`);
        off += n;
        if (relocs) {
          while (nextReloc < relocs.length && relocs[nextReloc]!.offset < BigInt(off)) out.push(relocs[nextReloc++]!.text);
        }
        continue;
      }
      const ins = disassembleOne(data.subarray(0, stop), off, addr, { symbolize });
      const bytes = ins.bytes.length ? ins.bytes : [data[off]!];
      let line = `${col(addr)}:\t`;
      const first = bytes.slice(0, 7).map(hex2).join(' ') + ' ';
      line += first.padEnd(21) + '\t' + ins.text + '\n';
      for (let k = 7; k < bytes.length; k += 7) {
        line += `${col(addr + BigInt(k))}:\t` + bytes.slice(k, k + 7).map(hex2).join(' ') + ' \n';
      }
      out.push(line);
      off += Math.max(1, ins.length);
      if (relocs) {
        while (nextReloc < relocs.length && relocs[nextReloc]!.offset < BigInt(off)) out.push(relocs[nextReloc++]!.text);
      }
    }
  }
  void elf;
}

export type { ElfSymbol };

// objdump -t: bfd's view of the symbol table, one line per symbol in table order:
// "VALUE FLAGS SECTION\tSIZE NAME", where FLAGS is seven columns (l/g/u, w, C, W, I/i, d, F/f/O).
function symbolFlags(s: ElfSymbol): string {
  const undef = s.shndx === C.SHN_UNDEF;
  const common = s.shndx === C.SHN_COMMON;
  const scope = s.bind === C.STB_LOCAL ? 'l' : s.bind === C.STB_GLOBAL && !undef && !common ? 'g' : s.bind === 10 ? 'u' : ' ';
  const weak = s.bind === C.STB_WEAK ? 'w' : ' ';
  const ifunc = s.type === 10 ? 'i' : ' ';
  const debug = s.type === C.STT_SECTION || s.type === C.STT_FILE ? 'd' : ' ';
  const kind = s.type === C.STT_FUNC ? 'F' : s.type === C.STT_FILE ? 'f' : s.type === C.STT_OBJECT || s.type === 5 /* STT_COMMON */ ? 'O' : ' ';
  return `${scope}${weak}  ${ifunc}${debug}${kind}`;
}

const VISIBILITY: Record<number, string> = { 0: '', 1: ' .internal', 2: ' .hidden', 3: ' .protected' };

/** The text `objdump -t FILE` prints. */
export function objdumpSymbols(fileName: string, bytes: Uint8Array): string {
  const elf = readElf(bytes);
  const hex = (v: bigint) => BigInt.asUintN(64, v).toString(16).padStart(16, '0');
  let out = `\n${fileName}:     file format elf64-x86-64\n\nSYMBOL TABLE:\n`;
  if (elf.symbols.length <= 1) return out + 'no symbols\n\n\n';
  for (const s of elf.symbols) {
    if (s.index === 0) continue;
    const common = s.shndx === C.SHN_COMMON;
    const sec =
      s.shndx === C.SHN_UNDEF ? '*UND*' : s.shndx === C.SHN_ABS ? '*ABS*' : common ? '*COM*' : elf.sections[s.shndx]?.name ?? '*UND*';
    const name = s.type === C.STT_SECTION ? elf.sections[s.shndx]?.name ?? '' : s.name;
    // A COMMON symbol's value column shows its size and the next column its alignment.
    const value = common ? s.size : s.shndx === C.SHN_UNDEF ? 0n : s.value;
    const other = common ? s.value : s.size;
    const vis = VISIBILITY[s.other] ?? ` 0x${s.other.toString(16).padStart(2, '0')}`;
    out += `${hex(value)} ${symbolFlags(s)} ${sec}\t${hex(other)}${vis} ${name}\n`;
  }
  return out + '\n\n';
}

// objdump -h: the sections bfd sees (not the symbol, string and relocation tables), with bfd's
// flag words.
function sectionFlags(elf: ElfFile, s: ElfSection): string {
  const f = s.flags;
  const alloc = (f & BigInt(C.SHF_ALLOC)) !== 0n;
  const contents = s.type !== C.SHT_NOBITS;
  const code = (f & BigInt(C.SHF_EXECINSTR)) !== 0n;
  const debug = /^\.(debug|zdebug|gnu\.linkonce\.wi|line|stab)/.test(s.name);
  const words: string[] = [];
  if (contents) words.push('CONTENTS');
  if (alloc) words.push('ALLOC');
  if (alloc && contents) words.push('LOAD');
  if ((elf.relocations.get(s.index)?.length ?? 0) > 0) words.push('RELOC');
  if ((f & BigInt(C.SHF_WRITE)) === 0n) words.push('READONLY');
  if (code) words.push('CODE');
  else if (alloc && contents) words.push('DATA');
  if (debug) words.push('DEBUGGING');
  if (f & 0x80000000n) words.push('EXCLUDE');
  if (f & 0x400n) words.push('THREAD_LOCAL');
  if (debug) words.push('OCTETS');
  return words.join(', ');
}

/** The text `objdump -h FILE` prints. */
export function objdumpHeaders(fileName: string, bytes: Uint8Array): string {
  const elf = readElf(bytes);
  const hex = (v: bigint, w: number) => BigInt.asUintN(64, v).toString(16).padStart(w, '0');
  let out = `\n${fileName}:     file format elf64-x86-64\n\nSections:\nIdx Name          Size      VMA               LMA               File off  Algn\n`;
  let idx = 0;
  for (const s of elf.sections) {
    if ([C.SHT_NULL, C.SHT_SYMTAB, C.SHT_STRTAB, C.SHT_RELA, 9].includes(s.type)) continue;
    // The load address comes from the segment holding the section (vmlinux: virtual - LOAD_OFFSET).
    let lma = s.addr;
    if (s.flags & BigInt(C.SHF_ALLOC)) {
      const seg = elf.segments.find((p) => p.type === C.PT_LOAD && s.addr >= p.vaddr && s.addr < p.vaddr + BigInt(Math.max(p.memsz, 1)));
      if (seg) lma = seg.paddr + (s.addr - seg.vaddr);
    }
    const align = s.addralign > 1n ? s.addralign.toString(2).length - 1 : 0;
    out += `${String(idx++).padStart(3)} ${s.name.padEnd(13)} ${hex(BigInt(s.size), 8)}  ${hex(s.addr, 16)}  ${hex(lma, 16)}  ${hex(BigInt(s.offset), 8)}  2**${align}\n`;
    out += `                  ${sectionFlags(elf, s)}\n`;
  }
  return out;
}
