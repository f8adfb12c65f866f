// Merging of SHF_MERGE sections in a final link, as bfd does it (merge.c), so that gcc -O1+
// objects (whose string literals live in .rodata.str1.1, constants in .rodata.cst8) link to the
// same bytes as with GNU ld:
//  - input sections of one output section with the same flags, entry size and alignment form a
//    group; each entry (a NUL-terminated string, or an entsize-byte constant) is kept once;
//  - a string that is the tail of another kept string is not stored at all ("world" inside
//    "hello world"); bfd finds these by sorting the strings by their reversed text;
//  - every input section keeps the entries whose first occurrence it holds, in order.
// References into a merged section are redirected through `mapOffset`.
import * as C from '../elf/constants.js';
import { alignUp } from '../elf/write.js';
import type { OutSec, Piece } from './sections.js';

interface Entry {
  bytes: Uint8Array; // the entry including its terminator
  key: string;
  home: Piece; // the input section of its first occurrence
  index: number; // its offset inside home's merged contents (kept entries)
  suffixOf: Entry | null;
  kept: boolean;
  /** Strings keep the alignment of their input offset (up to the section's); the strictest wins. */
  align: number;
}

/** Where an input offset of a merged piece went: an entry, and the offset inside it. */
interface Item {
  inOff: number;
  entry: Entry;
}

export interface MergeInfo {
  items: Item[]; // sorted by inOff
}

const MERGE = BigInt(C.SHF_MERGE);
const STRINGS = BigInt(C.SHF_STRINGS);

function keyOf(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** Splits a piece into entries; null when it cannot be merged (no terminator, odd size). */
function split(p: Piece, entsize: number, strings: boolean): { inOff: number; bytes: Uint8Array }[] | null {
  const d = p.sec.data;
  const out: { inOff: number; bytes: Uint8Array }[] = [];
  if (!strings) {
    if (d.length % entsize !== 0) return null;
    for (let o = 0; o < d.length; o += entsize) out.push({ inOff: o, bytes: d.subarray(o, o + entsize) });
    return out;
  }
  let start = 0;
  for (let o = 0; o + entsize <= d.length; o += entsize) {
    let zero = true;
    for (let k = 0; k < entsize; k++) if (d[o + k] !== 0) zero = false;
    if (zero) {
      out.push({ inOff: start, bytes: d.subarray(start, o + entsize) });
      start = o + entsize;
    }
  }
  if (start !== d.length) return null;
  return out;
}

// bfd's strrevcmp: compare from the last character backwards; a tail sorts before the longer string.
function strrevcmp(a: Entry, b: Entry, entsize: number): number {
  const la = a.bytes.length - entsize;
  const lb = b.bytes.length - entsize;
  let i = la - 1;
  let j = lb - 1;
  for (let l = Math.min(la, lb); l > 0; l--, i--, j--) {
    if (a.bytes[i] !== b.bytes[j]) return a.bytes[i]! - b.bytes[j]!;
  }
  return la - lb;
}

function isSuffix(big: Entry, small: Entry): boolean {
  if (small.bytes.length > big.bytes.length) return false;
  const off = big.bytes.length - small.bytes.length;
  for (let i = 0; i < small.bytes.length; i++) if (big.bytes[off + i] !== small.bytes[i]) return false;
  return true;
}

/**
 * Merges the mergeable pieces of an output section in place: their `data` and `size` become the
 * merged contents, and the returned map tells where each input offset went. Offsets of all
 * pieces of the section are recomputed.
 */
export function mergeOutSection(out: OutSec): Map<Piece, MergeInfo> {
  const result = new Map<Piece, MergeInfo>();
  if (out.type !== C.SHT_PROGBITS) return result;
  const groups = new Map<string, Piece[]>();
  for (const p of out.pieces) {
    const f = p.sec.flags;
    if (!(f & MERGE) || p.sec.entsize <= 0 || p.sec.type !== C.SHT_PROGBITS) continue;
    const k = `${f & (MERGE | STRINGS)}/${p.sec.entsize}/${p.sec.addralign}`;
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(p);
  }
  for (const pieces of groups.values()) {
    const first = pieces[0]!.sec;
    const entsize = first.entsize;
    const strings = (first.flags & STRINGS) !== 0n;
    const parts = pieces.map((p) => split(p, entsize, strings));
    if (parts.some((x) => x === null)) continue;
    const secAlign = Math.max(1, Number(first.addralign));
    const table = new Map<string, Entry>();
    const order: Entry[] = [];
    const itemsOf = new Map<Piece, Item[]>();
    pieces.forEach((p, i) => {
      const items: Item[] = [];
      for (const part of parts[i]!) {
        const key = keyOf(part.bytes);
        const low = part.inOff & -part.inOff;
        const align = strings ? (low === 0 || low > secAlign ? secAlign : low) : 1;
        let e = table.get(key);
        if (!e) {
          e = { bytes: part.bytes, key, home: p, index: 0, suffixOf: null, kept: true, align };
          table.set(key, e);
          order.push(e);
        } else if (e.align < align) e.align = align;
        items.push({ inOff: part.inOff, entry: e });
      }
      itemsOf.set(p, items);
    });
    if (strings) {
      const sorted = [...order].sort((a, b) => strrevcmp(a, b, entsize));
      let e = sorted[sorted.length - 1];
      for (let i = sorted.length - 2; i >= 0 && e; i--) {
        const cmp = sorted[i]!;
        if (e.align >= cmp.align && (e.bytes.length - cmp.bytes.length) % cmp.align === 0 && isSuffix(e, cmp)) {
          cmp.suffixOf = e;
          cmp.kept = false;
        } else e = cmp;
      }
    }
    // Positions: each piece holds the kept entries it saw first, in order.
    const sizes = new Map<Piece, number>(pieces.map((p) => [p, 0]));
    for (const e of order) {
      if (!e.kept) continue;
      e.index = alignUp(sizes.get(e.home)!, e.align);
      sizes.set(e.home, e.index + e.bytes.length);
    }
    for (const p of pieces) {
      const data = new Uint8Array(sizes.get(p)!);
      for (const e of order) if (e.kept && e.home === p) data.set(e.bytes, e.index);
      p.data = data;
      p.size = data.length;
      result.set(p, { items: itemsOf.get(p)! });
    }
  }
  if (result.size) {
    // Re-place every piece with its (possibly smaller) size.
    let size = 0;
    for (const p of out.pieces) {
      const a = Math.max(1, Number(p.sec.addralign));
      p.offset = alignUp(size, a);
      size = p.offset + (p.size ?? p.sec.size);
    }
    out.size = size;
  }
  return result;
}

/** The new offset, within the output section, of input offset `off` of merged piece `p`. */
export function mapOffset(info: MergeInfo, off: bigint): bigint {
  const items = info.items;
  // The last item starting at or before off (offsets before the first map relative to it).
  let lo = 0;
  let hi = items.length - 1;
  const o = Number(off);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (items[mid]!.inOff <= o) lo = mid;
    else hi = mid - 1;
  }
  const it = items[lo];
  if (!it) return off;
  let e = it.entry;
  let delta = o - it.inOff;
  while (e.suffixOf) {
    delta += e.suffixOf.bytes.length - e.bytes.length;
    e = e.suffixOf;
  }
  const home = e.home;
  return BigInt(home.offset + e.index + delta);
}
