// Writes ELF64 little-endian x86-64 files from a finished description: the caller has already
// decided every address and symbol; this module only serializes. Section header 0 (the null
// section) is implicit. Two entry points, for two layout policies:
//   writeElf     (the linker): places the sections it was not given offsets for, builds .shstrtab;
//   serializeElf (the assembler, GNU as's layout): every offset and .shstrtab chosen by the caller.
import * as C from './constants.js';
import type { ElfRela, ElfSegment, ElfSymbol } from './read.js';

export interface OutSection {
  name: string;
  type: number;
  flags: bigint;
  addr: bigint;
  /** File offset chosen by the caller (ignored for SHT_NOBITS except as the recorded value). */
  offset: number;
  size: number;
  link: number;
  info: number;
  addralign: number;
  entsize: number;
  /** Contents (empty for SHT_NOBITS). */
  data: Uint8Array;
}

/** A program header; the reader's record, written back as read. */
export type OutSegment = ElfSegment;

/** A symbol; its index is its place in the table being written. */
export type OutSymbol = Omit<ElfSymbol, 'index'>;

/** A string table under construction; identical strings share one entry. */
export class StringTable {
  private bytes: number[] = [0];
  private index = new Map<string, number>([['', 0]]);
  add(s: string): number {
    const hit = this.index.get(s);
    if (hit !== undefined) return hit;
    const off = this.bytes.length;
    for (let i = 0; i < s.length; i++) this.bytes.push(s.charCodeAt(i) & 0xff);
    this.bytes.push(0);
    this.index.set(s, off);
    return off;
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** Rounds n up to a multiple of a (a >= 1). */
export const alignUp = (n: number, a: number): number => Math.ceil(n / a) * a;

/** Encodes a symbol table in the given order, naming each symbol through `nameOffset` (its strtab offset). */
export function encodeSymtab(syms: readonly OutSymbol[], nameOffset: (name: string) => number): Uint8Array {
  const out = new Uint8Array(syms.length * C.SYM_SIZE);
  const dv = new DataView(out.buffer);
  syms.forEach((s, i) => {
    const o = i * C.SYM_SIZE;
    dv.setUint32(o, s.name ? nameOffset(s.name) : 0, true);
    out[o + 4] = (s.bind << 4) | (s.type & 0xf);
    out[o + 5] = s.other;
    dv.setUint16(o + 6, s.shndx, true);
    dv.setBigUint64(o + 8, BigInt.asUintN(64, s.value), true);
    dv.setBigUint64(o + 16, BigInt.asUintN(64, s.size), true);
  });
  return out;
}

/** Encodes a symbol table and a string table for it (names in first-use order, repeats shared). */
export function encodeSymbols(syms: readonly OutSymbol[]): { symtab: Uint8Array; strtab: Uint8Array } {
  const strs = new StringTable();
  const symtab = encodeSymtab(syms, (name) => strs.add(name));
  return { symtab, strtab: strs.finish() };
}

/** A relocation with addend; `sym` indexes the symbol table the .rela section links to. */
/**
 * .symtab and its .strtab, to be placed by the writer (offset -1) at section indices
 * `symtabIndex` and `symtabIndex + 1`; `firstGlobal` is the index of the first non-local symbol.
 */
export function symbolSections(syms: readonly OutSymbol[], firstGlobal: number, symtabIndex: number): OutSection[] {
  const { symtab, strtab } = encodeSymbols(syms);
  return [
    { name: '.symtab', type: C.SHT_SYMTAB, flags: 0n, addr: 0n, offset: -1, size: symtab.length, link: symtabIndex + 1, info: firstGlobal, addralign: 8, entsize: C.SYM_SIZE, data: symtab },
    { name: '.strtab', type: C.SHT_STRTAB, flags: 0n, addr: 0n, offset: -1, size: strtab.length, link: 0, info: 0, addralign: 1, entsize: 0, data: strtab },
  ];
}

export type OutRela = ElfRela;

export function encodeRelas(relas: readonly OutRela[]): Uint8Array {
  const out = new Uint8Array(relas.length * C.RELA_SIZE);
  const dv = new DataView(out.buffer);
  relas.forEach((r, i) => {
    const o = i * C.RELA_SIZE;
    dv.setBigUint64(o, BigInt.asUintN(64, r.offset), true);
    dv.setBigUint64(o + 8, (BigInt(r.sym) << 32n) | BigInt(r.type), true);
    dv.setBigInt64(o + 16, BigInt.asIntN(64, r.addend), true);
  });
  return out;
}

export interface ElfImage {
  type: number; // ET_EXEC or ET_REL
  entry: bigint;
  /** Where the program headers go in the file (EHDR_SIZE when there are any). */
  phoff: number;
  segments: OutSegment[];
  /** Sections after the null section, in header order (index i+1). */
  sections: OutSection[];
}

/**
 * Serializes an image. Sections whose offset is -1 are placed by the writer after everything the
 * caller placed (non-loaded tables such as .symtab); .shstrtab and the section headers come last.
 */
export function writeElf(img: ElfImage): Uint8Array {
  const shstr = new StringTable();
  for (const s of img.sections) shstr.add(s.name);
  shstr.add('.shstrtab');
  const shstrData = shstr.finish();

  let end = img.phoff + img.segments.length * C.PHDR_SIZE;
  end = Math.max(end, C.EHDR_SIZE);
  for (const s of img.sections) {
    if (s.offset >= 0 && s.type !== C.SHT_NOBITS) end = Math.max(end, s.offset + s.data.length);
  }
  for (const s of img.sections) {
    if (s.offset >= 0) continue;
    end = alignUp(end, Math.max(1, s.addralign));
    s.offset = end;
    if (s.type !== C.SHT_NOBITS) end += s.data.length;
  }
  const shstrtab: OutSection = { name: '.shstrtab', type: C.SHT_STRTAB, flags: 0n, addr: 0n, offset: end, size: shstrData.length, link: 0, info: 0, addralign: 1, entsize: 0, data: shstrData };
  end += shstrData.length;
  return serializeElf({ ...img, sections: [...img.sections, shstrtab] }, alignUp(end, 8), (name) => shstr.add(name));
}

/**
 * Serializes an image whose every section already has its file offset, the section headers at
 * `shoff`; `nameOffset` gives a section name's offset in .shstrtab, which must be the last section.
 */
export function serializeElf(img: ElfImage, shoff: number, nameOffset: (name: string) => number): Uint8Array {
  const shnum = img.sections.length + 1;
  const total = shoff + shnum * C.SHDR_SIZE;

  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  // ELF header
  out.set(C.ELFMAG, 0);
  out[4] = C.ELFCLASS64;
  out[5] = C.ELFDATA2LSB;
  out[6] = C.EV_CURRENT;
  out[7] = C.ELFOSABI_SYSV;
  dv.setUint16(16, img.type, true);
  dv.setUint16(18, C.EM_X86_64, true);
  dv.setUint32(20, C.EV_CURRENT, true);
  dv.setBigUint64(24, BigInt.asUintN(64, img.entry), true);
  dv.setBigUint64(32, BigInt(img.segments.length ? img.phoff : 0), true);
  dv.setBigUint64(40, BigInt(shoff), true);
  dv.setUint32(48, 0, true);
  dv.setUint16(52, C.EHDR_SIZE, true);
  dv.setUint16(54, img.segments.length ? C.PHDR_SIZE : 0, true);
  dv.setUint16(56, img.segments.length, true);
  dv.setUint16(58, C.SHDR_SIZE, true);
  dv.setUint16(60, shnum, true);
  dv.setUint16(62, shnum - 1, true);

  img.segments.forEach((p, i) => {
    const o = img.phoff + i * C.PHDR_SIZE;
    dv.setUint32(o, p.type, true);
    dv.setUint32(o + 4, p.flags, true);
    dv.setBigUint64(o + 8, BigInt(p.offset), true);
    dv.setBigUint64(o + 16, BigInt.asUintN(64, p.vaddr), true);
    dv.setBigUint64(o + 24, BigInt.asUintN(64, p.paddr), true);
    dv.setBigUint64(o + 32, BigInt(p.filesz), true);
    dv.setBigUint64(o + 40, BigInt(p.memsz), true);
    dv.setBigUint64(o + 48, p.align, true);
  });

  img.sections.forEach((s, i) => {
    if (s.type !== C.SHT_NOBITS) out.set(s.data, s.offset);
    const o = shoff + (i + 1) * C.SHDR_SIZE;
    dv.setUint32(o, nameOffset(s.name), true);
    dv.setUint32(o + 4, s.type, true);
    dv.setBigUint64(o + 8, s.flags, true);
    dv.setBigUint64(o + 16, BigInt.asUintN(64, s.addr), true);
    dv.setBigUint64(o + 24, BigInt(s.offset), true);
    dv.setBigUint64(o + 32, BigInt(s.size), true);
    dv.setUint32(o + 40, s.link, true);
    dv.setUint32(o + 44, s.info, true);
    dv.setBigUint64(o + 48, BigInt(s.addralign), true);
    dv.setBigUint64(o + 56, BigInt(s.entsize), true);
  });
  return out;
}
