// Reads ELF64 little-endian x86-64 files: headers, sections, symbols, relocations, segments.
// One reader for the linker, objdump, nm, the kernel image writer and the machine's loader.
// Malformed input raises ElfFormatError with a plain-language reason (never a RangeError).
import * as C from './constants.js';

export class ElfFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ElfFormatError';
  }
}

export interface ElfHeader {
  type: number; // ET_*
  machine: number;
  entry: bigint;
  phoff: bigint;
  shoff: bigint;
  flags: number;
  phnum: number;
  shnum: number;
  shstrndx: number;
}

export interface ElfSection {
  index: number;
  name: string;
  type: number; // SHT_*
  flags: bigint; // SHF_*
  addr: bigint;
  offset: number;
  size: number;
  link: number;
  info: number;
  addralign: bigint;
  entsize: number;
  /** The section's bytes (empty for SHT_NOBITS). A view into the file; copy before mutating. */
  data: Uint8Array;
}

export interface ElfSymbol {
  index: number;
  name: string;
  value: bigint;
  size: bigint;
  bind: number; // STB_*
  type: number; // STT_*
  other: number;
  shndx: number; // section index or SHN_*
}

export interface ElfRela {
  offset: bigint;
  type: number; // R_X86_64_*
  sym: number; // index into the symbol table the relocation section links to
  addend: bigint;
}

export interface ElfSegment {
  type: number; // PT_*
  flags: number; // PF_*
  offset: number;
  vaddr: bigint;
  paddr: bigint;
  filesz: number;
  memsz: number;
  align: bigint;
}

export interface ElfFile {
  header: ElfHeader;
  sections: ElfSection[];
  segments: ElfSegment[];
  /** The .symtab symbols (index 0, the null symbol, included), or [] if there is none. */
  symbols: ElfSymbol[];
  /** Relocations by the index of the section they apply to. */
  relocations: Map<number, ElfRela[]>;
  bytes: Uint8Array;
}

export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && C.ELFMAG.every((b, i) => bytes[i] === b);
}

export function readElf(bytes: Uint8Array): ElfFile {
  if (!isElf(bytes)) throw new ElfFormatError('file format not recognized');
  if (bytes.length < C.EHDR_SIZE) throw new ElfFormatError('truncated ELF header');
  if (bytes[4] !== C.ELFCLASS64 || bytes[5] !== C.ELFDATA2LSB) {
    throw new ElfFormatError('not a 64-bit little-endian ELF file (only x86-64 is supported)');
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => check(o, 2) && dv.getUint16(o, true);
  const u32 = (o: number) => check(o, 4) && dv.getUint32(o, true);
  const u64 = (o: number) => (check(o, 8) ? dv.getBigUint64(o, true) : 0n);
  const i64 = (o: number) => (check(o, 8) ? dv.getBigInt64(o, true) : 0n);
  function check(o: number, n: number): true {
    if (o < 0 || o + n > bytes.length) throw new ElfFormatError(`truncated file (needs byte ${o + n}, has ${bytes.length})`);
    return true;
  }
  const small = (v: bigint, what: string): number => {
    if (v > BigInt(bytes.length)) throw new ElfFormatError(`${what} 0x${v.toString(16)} lies outside the file`);
    return Number(v);
  };

  const header: ElfHeader = {
    type: u16(16) as number,
    machine: u16(18) as number,
    entry: u64(24),
    phoff: u64(32),
    shoff: u64(40),
    flags: u32(48) as number,
    phnum: u16(56) as number,
    shnum: u16(60) as number,
    shstrndx: u16(62) as number,
  };
  if (header.machine !== C.EM_X86_64) throw new ElfFormatError(`machine ${header.machine} is not x86-64`);

  const sections: ElfSection[] = [];
  const shoff = small(header.shoff, 'section header table');
  for (let i = 0; i < header.shnum; i++) {
    const o = shoff + i * C.SHDR_SIZE;
    check(o, C.SHDR_SIZE);
    const type = u32(o + 4) as number;
    // A NOBITS section (.bss) occupies no file bytes; linkers leave its offset wherever the
    // layout ends, which may be past the end of the file.
    const rawOffset = u64(o + 24);
    const offset = type === C.SHT_NOBITS ? Number(rawOffset) : small(rawOffset, 'section offset');
    const size = Number(u64(o + 32));
    if (type !== C.SHT_NOBITS && type !== C.SHT_NULL) check(offset, size);
    sections.push({
      index: i,
      name: '',
      type,
      flags: u64(o + 8),
      addr: u64(o + 16),
      offset,
      size,
      link: u32(o + 40) as number,
      info: u32(o + 44) as number,
      addralign: u64(o + 48),
      entsize: Number(u64(o + 56)),
      data: type === C.SHT_NOBITS || type === C.SHT_NULL ? new Uint8Array(0) : bytes.subarray(offset, offset + size),
    });
    (sections[i] as { nameOff?: number }).nameOff = u32(o) as number;
  }
  const shstr = sections[header.shstrndx];
  for (const s of sections) {
    const off = (s as { nameOff?: number }).nameOff ?? 0;
    delete (s as { nameOff?: number }).nameOff;
    s.name = shstr ? cstring(shstr.data, off) : '';
  }

  const segments: ElfSegment[] = [];
  const phoff = header.phnum ? small(header.phoff, 'program header table') : 0;
  for (let i = 0; i < header.phnum; i++) {
    const o = phoff + i * C.PHDR_SIZE;
    check(o, C.PHDR_SIZE);
    segments.push({
      type: u32(o) as number,
      flags: u32(o + 4) as number,
      offset: small(u64(o + 8), 'segment offset'),
      vaddr: u64(o + 16),
      paddr: u64(o + 24),
      filesz: small(u64(o + 32), 'segment size'),
      memsz: Number(u64(o + 40)),
      align: u64(o + 48),
    });
  }

  let symbols: ElfSymbol[] = [];
  const symtab = sections.find((s) => s.type === C.SHT_SYMTAB);
  if (symtab) symbols = readSymbols(symtab, sections[symtab.link]);

  const relocations = new Map<number, ElfRela[]>();
  for (const s of sections) {
    if (s.type !== C.SHT_RELA) continue;
    const list: ElfRela[] = [];
    for (let o = s.offset; o + C.RELA_SIZE <= s.offset + s.size; o += C.RELA_SIZE) {
      const info = u64(o + 8);
      list.push({ offset: u64(o), type: Number(info & 0xffffffffn), sym: Number(info >> 32n), addend: i64(o + 16) });
    }
    relocations.set(s.info, list);
  }

  return { header, sections, segments, symbols, relocations, bytes };

  function readSymbols(tab: ElfSection, strtab: ElfSection | undefined): ElfSymbol[] {
    const out: ElfSymbol[] = [];
    for (let i = 0, o = tab.offset; o + C.SYM_SIZE <= tab.offset + tab.size; i++, o += C.SYM_SIZE) {
      const info = bytes[o + 4]!;
      out.push({
        index: i,
        name: strtab ? cstring(strtab.data, u32(o) as number) : '',
        bind: info >> 4,
        type: info & 0xf,
        other: bytes[o + 5]!,
        shndx: u16(o + 6) as number,
        value: u64(o + 8),
        size: u64(o + 16),
      });
    }
    return out;
  }
}

/** The NUL-terminated string at `off` in a string table (latin1; ELF names are bytes). */
export function cstring(table: Uint8Array, off: number): string {
  if (off >= table.length) return '';
  let end = off;
  while (end < table.length && table[end] !== 0) end++;
  // One call instead of a string grown byte by byte: nm on vmlinux reads thousands of names.
  return String.fromCharCode.apply(null, table.subarray(off, end) as unknown as number[]);
}

/** The name a symbol is known by: its own, or for a section symbol the section's name. */
export function symbolName(elf: ElfFile, sym: ElfSymbol): string {
  if (sym.type === C.STT_SECTION) return elf.sections[sym.shndx]?.name ?? '';
  return sym.name;
}
