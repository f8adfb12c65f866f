// Where output sections go in an executable: their order, and their addresses and file offsets
// in page-aligned PT_LOAD segments, reproducing GNU ld 2.40's default layout for user programs
// (headers in their own R segment at 0x400000, text at 0x401000, read-only data, then data+bss)
// and a headerless layout for the kernel (_text = textBase).
import * as C from '../elf/constants.js';
import { alignUp, type OutSegment } from '../elf/write.js';
import { EXEC, rank, WRITE, type OutSec } from './sections.js';

const PAGE = 0x1000;

const FIRST_IN_GROUP = ['.text', '.rodata', '.data', '.bss'];
const LAST_IN_GROUP = ['.eh_frame'];

/**
 * Output sections in image order: those named in `sectionOrder` first, in that order; then by
 * group, the group's usual section first (.text, .rodata, .data, .bss) and .eh_frame last, the
 * rest ("orphans") in the order they were first seen.
 */
export function orderSections(outs: OutSec[], sectionOrder: string[]): OutSec[] {
  const key = (o: OutSec): [number, number] => {
    const k = sectionOrder.indexOf(o.name);
    if (k >= 0) return [-1, k];
    const r = rank(o);
    if (FIRST_IN_GROUP.includes(o.name)) return [r, -1];
    if (LAST_IN_GROUP.includes(o.name)) return [r, 1];
    return [r, 0];
  };
  return outs
    .map((o, i) => ({ o, i, k: key(o) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.i - b.i)
    .map((x) => x.o);
}

export function segmentFlags(o: OutSec): number {
  let f = C.PF_R;
  if (o.flags & WRITE) f |= C.PF_W;
  if (o.flags & EXEC) f |= C.PF_X;
  return f;
}

export interface LayoutParams {
  /** GNU's user layout: ELF and program headers loaded in a segment of their own at `base`. */
  loadHeaders: boolean;
  base: bigint;
  /** Physical address = virtual - loadOffset. */
  loadOffset: bigint;
  /** ld 2.40 page-aligns the data segment whenever the image has an .eh_frame. */
  hasEhFrame: boolean;
}

/**
 * Assigns every loaded section its address and file offset (and pads .bss as GNU's script does);
 * returns the program headers, PT_GNU_STACK (non-executable stack) last.
 */
export function layoutSegments(loaded: OutSec[], p: LayoutParams): OutSegment[] {
  const { loadHeaders, base, loadOffset } = p;
  // A new segment wherever the permissions change (or data would follow bss).
  const segs: { flags: number; secs: OutSec[] }[] = [];
  for (const o of loaded) {
    const last = segs[segs.length - 1];
    const lastSec = last?.secs[last.secs.length - 1];
    const bssThenData = lastSec && lastSec.type === C.SHT_NOBITS && o.type !== C.SHT_NOBITS;
    if (!last || last.flags !== segmentFlags(o) || bssThenData) segs.push({ flags: segmentFlags(o), secs: [o] });
    else last.secs.push(o);
  }
  const phnum = segs.length + (loadHeaders ? 1 : 0) + 1; // + headers segment + GNU_STACK
  const headerEnd = C.EHDR_SIZE + phnum * C.PHDR_SIZE;
  // vaddr runs through memory; fileEnd through the file. Each segment's file offset is the first
  // one at or after fileEnd that is congruent to its address modulo the page size, as ld packs it.
  let vaddr = loadHeaders ? base + BigInt(alignUp(headerEnd, PAGE)) : base;
  let fileEnd = headerEnd;
  const low12 = (v: bigint) => Number(BigInt.asUintN(12, v));
  const phdrs: OutSegment[] = [];
  if (loadHeaders) {
    phdrs.push({ type: C.PT_LOAD, flags: C.PF_R, offset: 0, vaddr: base, paddr: base - loadOffset, filesz: headerEnd, memsz: headerEnd, align: BigInt(PAGE) });
  }
  let seenData = false;
  for (const seg of segs) {
    // Each segment starts on a fresh page in memory.
    const low = low12(vaddr);
    if (low) vaddr += BigInt(PAGE - low);
    if (loadHeaders && seg.flags & C.PF_W && !seenData) {
      seenData = true;
      // GNU ld's DATA_SEGMENT_ALIGN: the data segment keeps the previous segment's offset within
      // the page unless starting on the page boundary takes fewer pages.
      if (low !== 0 && !p.hasEhFrame) {
        const span = (start: bigint) => {
          let a = start;
          for (const o of seg.secs) a = BigInt(alignUp(Number(a), o.align)) + BigInt(o.size);
          return Math.ceil(Number(a) / PAGE) - Math.floor(Number(start) / PAGE);
        };
        if (span(vaddr) >= span(vaddr + BigInt(low))) vaddr += BigInt(low);
      }
    }
    // The segment begins where its first section does (after that section's alignment).
    const first = seg.secs[0]!;
    vaddr += BigInt(alignUp(low12(vaddr), first.align) - low12(vaddr));
    const segAddr = vaddr;
    const segOff = fileEnd + ((low12(segAddr) - (fileEnd % PAGE) + PAGE) % PAGE);
    let segFileEnd = segOff;
    for (const o of seg.secs) {
      const pad = alignUp(low12(vaddr), o.align) - low12(vaddr);
      vaddr += BigInt(pad);
      o.addr = vaddr;
      o.offset = segOff + Number(vaddr - segAddr);
      // GNU ld's script pads .bss to an 8-byte boundary (". = ALIGN(. != 0 ? 64 / 8 : 1)").
      if (loadHeaders && o.name === '.bss' && o.size > 0) o.size = alignUp(low12(vaddr) + o.size, 8) - low12(vaddr);
      vaddr += BigInt(o.size);
      if (o.type !== C.SHT_NOBITS) segFileEnd = o.offset + o.size;
    }
    phdrs.push({
      type: C.PT_LOAD,
      flags: seg.flags,
      offset: segOff,
      vaddr: segAddr,
      paddr: segAddr - loadOffset,
      filesz: segFileEnd - segOff,
      memsz: Number(vaddr - segAddr),
      align: BigInt(PAGE),
    });
    fileEnd = segFileEnd;
  }
  phdrs.push({ type: C.PT_GNU_STACK, flags: C.PF_R | C.PF_W, offset: 0, vaddr: 0n, paddr: 0n, filesz: 0, memsz: 0, align: 16n });
  return phdrs;
}
