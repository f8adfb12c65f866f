// Where a CPU's state lives in WMEM (pool.ts), for WebAssembly regions: offsets from its base.
import { allocPages, registerWriteBases, WMEM } from './pool.js';

/** Registers: low halves (16 × i32), then high halves (Cpu.lo, Cpu.hi are views on them). */
export const ST_LO = 0x00;
export const ST_HI = 0x40;
/** The lazy-flag record while a region runs: fOp, fSize, fBits, fRes, fResHi, fA, fAHi, fB, fBHi, fCin (i32 each). */
export const ST_FLAGS = 0x80;
/** The rip a region leaves with (i64). */
export const ST_RIP = 0xb0;
/** 1 at CPL 3, else 0 (Cpu's cpl setter keeps it). */
export const ST_CPL3 = 0xc0;
/** rflags without the arithmetic flags (Cpu.rfRest lives here), and the number of pending interrupts. */
export const ST_RFREST = 0xc4;
export const ST_PENDING = 0xc8;
/** The privilege level itself. */
export const ST_CPL = 0xcc;
/** What syscall needs from the MSRs (written at region entry; wrmsr is never in a region): LSTAR (i64), whether it is canonical, FMASK. */
export const ST_LSTAR = 0xd0;
export const ST_LSTAR_OK = 0xd8;
export const ST_FMASK = 0xdc;
/** A region's page caches (region.ts), one block per privilege. */
export const ST_CACHE = 0x100;
/** The registers as 64-bit words while a WebAssembly region runs (it joins and splits Cpu.lo/hi). */
export const ST_R64 = 0x300;
/** The pair caches, one set per privilege (0x1800 bytes each): tags, then frame bases, for reads and writes. */
export const ST_SETS = 0x1000;
export const SET_BYTES = 0x1800;
export const SET_TAG_LO = 0x000;
export const SET_TAG_HI = 0x400;
export const SET_BASE = 0x800;
export const SET_WTAG_LO = 0xc00;
export const SET_WTAG_HI = 0x1000;
export const SET_WBASE = 0x1400;
const STATE_PAGES = 4;

/** A CPU's state block: its base in WMEM (-1 when WMEM is used up: then plain arrays, no WebAssembly regions). */
export class CpuState {
  readonly base = allocPages(STATE_PAGES, this);
  private readonly plain = this.base < 0 ? new ArrayBuffer(STATE_PAGES * 4096) : null;
  /** The flag record and rip (lo, hi) words, for the JS side of a WebAssembly region. */
  readonly flags = this.words(ST_FLAGS, 10);
  readonly rip = this.words(ST_RIP, 2);
  readonly msrs = this.words(ST_LSTAR, 4);
  /** The pair sets' write bases (pool.ts's codeAttached clears them). */
  readonly wBases: Int32Array[] = [];

  constructor() {
    registerWriteBases(this);
  }

  /** An Int32Array of `n` words at offset `off` of the block. */
  words(off: number, n: number): Int32Array {
    return this.plain === null ? new Int32Array(WMEM.buffer, this.base + off, n) : new Int32Array(this.plain, off, n);
  }

  /** The pair caches of privilege set u (0: CPL 0-2, 1: CPL 3). */
  pairSet(u: number, n: number): { tagLo: Int32Array; tagHi: Int32Array; base: Int32Array; wTagLo: Int32Array; wTagHi: Int32Array; wBase: Int32Array } {
    const at = ST_SETS + u * SET_BYTES;
    const s = {
      tagLo: this.words(at + SET_TAG_LO, n).fill(-1),
      tagHi: this.words(at + SET_TAG_HI, n),
      base: this.words(at + SET_BASE, n).fill(-1),
      wTagLo: this.words(at + SET_WTAG_LO, n).fill(-1),
      wTagHi: this.words(at + SET_WTAG_HI, n),
      wBase: this.words(at + SET_WBASE, n).fill(-1),
    };
    this.wBases.push(s.wBase);
    return s;
  }
}
