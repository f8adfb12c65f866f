// Input sections gathered into output sections. A Piece is one input section's place inside
// an output section; relocations and symbols are rebased through it.
import * as C from '../elf/constants.js';
import { NOPS } from '../elf/nops.js';
import type { ElfSection } from '../elf/read.js';
import { alignUp, type OutSection } from '../elf/write.js';
import type { Obj } from './resolve.js';

export interface Piece {
  obj: Obj;
  sec: ElfSection;
  out: OutSec;
  /** Offset of this piece inside its output section. */
  offset: number;
  /** Contents and size after SHF_MERGE merging (merge.ts), when they differ from the input's. */
  data?: Uint8Array;
  size?: number;
}

export interface OutSec {
  name: string;
  type: number;
  flags: bigint;
  align: number;
  entsize: number;
  pieces: Piece[];
  size: number;
  addr: bigint;
  offset: number;
  /** Index in the output section header table. */
  index: number;
  data: Uint8Array;
  /** Bytes reserved at the end for COMMON symbols (bss only). */
  commonStart: number;
}

export const ALLOC = BigInt(C.SHF_ALLOC);
export const WRITE = BigInt(C.SHF_WRITE);
export const EXEC = BigInt(C.SHF_EXECINSTR);

/** Which group an output section falls into: code, read-only data, data, bss, then non-loaded. */
export function rank(o: OutSec): number {
  if ((o.flags & ALLOC) === 0n) return 4;
  if (o.flags & EXEC) return 0;
  if ((o.flags & WRITE) === 0n) return 1;
  return o.type === C.SHT_NOBITS ? 3 : 2;
}

/** The output section's header and contents for the ELF writer; offset -1 lets the writer place it. */
export function outSection(o: OutSec, offset: number): OutSection {
  return {
    name: o.name,
    type: o.type,
    flags: o.flags,
    addr: o.addr,
    offset,
    size: o.type === C.SHT_NOBITS ? o.size : o.data.length,
    link: 0,
    info: 0,
    addralign: o.align,
    entsize: o.entsize,
    data: o.type === C.SHT_NOBITS ? new Uint8Array(0) : o.data,
  };
}

/** Sections that never reach the output as contents: tables the linker rebuilds, groups, stack notes. */
export function isDropped(s: ElfSection): boolean {
  switch (s.type) {
    case C.SHT_NULL:
    case C.SHT_SYMTAB:
    case C.SHT_STRTAB:
    case C.SHT_RELA:
    case 9: // SHT_REL
    case C.SHT_GROUP:
      return true;
  }
  return false;
}

const SHT_INIT_ARRAY = 14;
const SHT_FINI_ARRAY = 15;

/** Whether an input section is part of an executable image (the rest, e.g. debug info, is dropped). */
export function keptInExecutable(s: ElfSection): boolean {
  if (isDropped(s)) return false;
  if (s.name === '.comment') return true;
  if ((s.flags & ALLOC) === 0n) return false;
  if (s.name.startsWith('.note.GNU-stack') || s.name === '.note.gnu.property') return false;
  return s.type === C.SHT_PROGBITS || s.type === C.SHT_NOBITS || s.type === C.SHT_NOTE || s.type === SHT_INIT_ARRAY || s.type === SHT_FINI_ARRAY;
}

/** GNU ld's default script folds `.text.*` into .text and so on; other names stay (orphans). */
export function defaultOutputName(name: string): string {
  for (const base of ['.text', '.rodata', '.data', '.bss', '.tbss', '.tdata']) {
    if (name === base || name.startsWith(base + '.')) return base;
  }
  if (name.startsWith('.gnu.linkonce.t.')) return '.text';
  if (name.startsWith('.gnu.linkonce.r.')) return '.rodata';
  return name;
}

/**
 * Gathers every input section into the output section `outputName` gives it (null: not kept),
 * outputs in the order first seen; `pieces[obj.order][sec.index]` is each input section's place.
 */
export function gatherSections(objs: readonly Obj[], outputName: (sec: ElfSection) => string | null): { outs: Map<string, OutSec>; pieces: (Piece | undefined)[][] } {
  const outs = new Map<string, OutSec>();
  const pieces: (Piece | undefined)[][] = objs.map(() => []);
  for (const obj of objs) {
    for (const sec of obj.elf.sections) {
      const name = outputName(sec);
      if (name === null) continue;
      let out = outs.get(name);
      if (!out) outs.set(name, (out = newOutSec(name, sec)));
      pieces[obj.order]![sec.index] = addPiece(out, obj, sec);
    }
  }
  return { outs, pieces };
}

export function newOutSec(name: string, first: ElfSection): OutSec {
  return {
    name,
    type: first.type,
    flags: first.flags & ~BigInt(C.SHF_GROUP),
    align: 1,
    entsize: first.entsize,
    pieces: [],
    size: 0,
    addr: 0n,
    offset: 0,
    index: 0,
    data: new Uint8Array(0),
    commonStart: 0,
  };
}

export function addPiece(out: OutSec, obj: Obj, sec: ElfSection): Piece {
  const align = Math.max(1, Number(sec.addralign));
  if (align > out.align) out.align = align;
  const offset = alignUp(out.size, align);
  out.size = offset + sec.size;
  if (sec.type !== C.SHT_NOBITS && out.type === C.SHT_NOBITS) out.type = C.SHT_PROGBITS;
  if (sec.entsize !== out.entsize) out.entsize = 0;
  out.flags |= sec.flags & ~BigInt(C.SHF_GROUP | C.SHF_MERGE | C.SHF_STRINGS);
  out.flags &= sec.flags | ~BigInt(C.SHF_MERGE | C.SHF_STRINGS);
  const p: Piece = { obj, sec, out, offset };
  out.pieces.push(p);
  return p;
}

// The gaps ld leaves between code pieces are filled with the longest multi-byte NOPs (bfd's x86
// fill), so that a disassembly shows `cs nopw 0x0(%rax,%rax,1)` rather than stray `add` opcodes.
export function codeFill(data: Uint8Array, from: number, to: number): void {
  let p = from;
  while (to - p >= 10) {
    data.set(NOPS[9]!, p);
    p += 10;
  }
  if (to > p) data.set(NOPS[to - p - 1]!, p);
}

/** The output section's contents: .comment's distinct strings, otherwise its pieces' bytes. */
export function fillContents(out: OutSec): void {
  if (out.name === '.comment') mergeStrings(out);
  else fillData(out);
}

/** Copies the pieces' bytes into the output section's buffer (NOBITS pieces stay zero). */
export function fillData(out: OutSec): void {
  if (out.type === C.SHT_NOBITS) return;
  out.data = new Uint8Array(out.size);
  const code = (out.flags & BigInt(C.SHF_EXECINSTR)) !== 0n;
  let end = 0;
  for (const p of out.pieces) {
    if (code && p.offset > end) codeFill(out.data, end, p.offset);
    if (p.sec.type !== C.SHT_NOBITS) out.data.set(p.data ?? p.sec.data, p.offset);
    end = p.offset + (p.size ?? p.sec.size);
  }
}

/** .comment holds one "GCC: (...) x.y" string per object; ld keeps one copy of each distinct string. */
export function mergeStrings(out: OutSec): void {
  const seen = new Set<string>();
  const parts: number[] = [];
  for (const p of out.pieces) {
    let start = 0;
    const d = p.sec.data;
    for (let i = 0; i < d.length; i++) {
      if (d[i] !== 0) continue;
      let s = '';
      for (let k = start; k <= i; k++) s += String.fromCharCode(d[k]!);
      if (s.length > 1 && !seen.has(s)) {
        seen.add(s);
        for (let k = start; k <= i; k++) parts.push(d[k]!);
      }
      start = i + 1;
    }
  }
  out.data = Uint8Array.from(parts);
  out.size = out.data.length;
}

/**
 * Re-places an output section's pieces as `first`, then (aligned to `align`) `then`; returns the
 * offset where `then` begins (a script symbol such as vmlinux's _stext goes there).
 */
export function relayout(out: OutSec, first: Piece[], then: Piece[], align: number): number {
  let size = 0;
  const place = (p: Piece) => {
    const a = Math.max(1, Number(p.sec.addralign));
    p.offset = alignUp(size, a);
    size = p.offset + p.sec.size;
  };
  first.forEach(place);
  size = alignUp(size, align);
  const mark = size;
  then.forEach(place);
  out.pieces = [...first, ...then];
  out.size = size;
  if (align > out.align) out.align = align;
  return mark;
}
