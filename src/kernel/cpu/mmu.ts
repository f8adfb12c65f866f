// Paging-lite memory: 4 KiB pages mapped per address space, each with present/writable/user/
// executable permission bits. There are no page tables in guest memory; the kernel (or the
// user-mode loader) maps and unmaps through this API, and the CPU faults (#PF) on every access
// that no mapping allows.
//
// Virtual addresses travel as JS numbers holding the *signed* canonical value: 0x7ffffffff000 is
// itself, 0xffffffff81000000 is -0x7f000000. Every canonical address (bits 63..47 equal) is an
// integer of magnitude below 2^47, so it is exact in a double; non-canonical ones never reach
// this module (the CPU raises #GP first).

import { allocPages, bumpEpoch, codeAttached, WMEM } from './wasm/pool.js';

export const PAGE_SIZE = 4096;
export const PAGE_SHIFT = 12;

/** Permission bits of a mapping (our own encoding; not the hardware PTE layout). */
export const PROT_READ = 1; // present and readable
export const PROT_WRITE = 2;
export const PROT_EXEC = 4;
export const PROT_USER = 8; // accessible at CPL 3

/** One physical page: its bytes, a DataView on them, and the decoded instructions cached from it. */
export class Frame {
  /** Offset of the bytes in WMEM (WebAssembly regions address them there), or -1 (WMEM is used up). */
  readonly base: number;
  readonly data: Uint8Array;
  readonly dv: DataView;
  /** Decoded instructions by offset; dropped whenever the page is written (self-modifying code, int3 patches). */
  code: unknown[] | null = null;
  constructor() {
    this.base = allocPages(1, this);
    this.data = this.base >= 0 ? new Uint8Array(WMEM.buffer, this.base, PAGE_SIZE) : new Uint8Array(PAGE_SIZE);
    this.dv = new DataView(this.data.buffer, this.data.byteOffset, PAGE_SIZE);
  }
}

export interface Mapping {
  frame: Frame;
  prot: number;
}

/** The largest canonical address + 1 and the lowest canonical address, as signed numbers. */
export const CANON_LIMIT = 2 ** 47;

/** Converts a 64-bit address to the signed canonical number the MMU uses, or null if non-canonical. */
export function canonical(addr: bigint): number | null {
  const s = BigInt.asIntN(64, addr);
  if (s >= BigInt(CANON_LIMIT) || s < -BigInt(CANON_LIMIT)) return null;
  return Number(s);
}

/** The 64-bit unsigned form of a canonical address number. */
export function addrToBigint(addr: number): bigint {
  return BigInt.asUintN(64, BigInt(addr));
}

export function hex(addr: number): string {
  return addrToBigint(addr).toString(16);
}

export class AddressSpace {
  /** Page number (Math.floor(addr / 4096), negative for the upper half) → mapping. */
  readonly pages = new Map<number, Mapping>();
  /** Called after any change of mappings so CPUs using this space drop their translation caches. */
  private listeners: (() => void)[] = [];

  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  private changed(): void {
    bumpEpoch();
    for (const fn of this.listeners) fn();
  }

  /** Maps [addr, addr+size) (page-rounded) to fresh zeroed frames, or re-protects existing pages. */
  map(addr: number, size: number, prot: number): void {
    const first = Math.floor(addr / PAGE_SIZE);
    const last = Math.floor((addr + Math.max(size, 1) - 1) / PAGE_SIZE);
    for (let pn = first; pn <= last; pn++) {
      const m = this.pages.get(pn);
      if (m) m.prot = prot;
      else this.pages.set(pn, { frame: new Frame(), prot });
    }
    this.changed();
  }

  /** Maps one page to an existing frame (to share memory between address spaces, e.g. the kernel half). */
  mapFrame(addr: number, frame: Frame, prot: number): void {
    this.pages.set(Math.floor(addr / PAGE_SIZE), { frame, prot });
    this.changed();
  }

  unmap(addr: number, size: number): void {
    const first = Math.floor(addr / PAGE_SIZE);
    const last = Math.floor((addr + Math.max(size, 1) - 1) / PAGE_SIZE);
    for (let pn = first; pn <= last; pn++) this.pages.delete(pn);
    this.changed();
  }

  protect(addr: number, size: number, prot: number): void {
    const first = Math.floor(addr / PAGE_SIZE);
    const last = Math.floor((addr + Math.max(size, 1) - 1) / PAGE_SIZE);
    for (let pn = first; pn <= last; pn++) {
      const m = this.pages.get(pn);
      if (m) m.prot = prot;
    }
    this.changed();
  }

  lookup(addr: number): Mapping | undefined {
    return this.pages.get(Math.floor(addr / PAGE_SIZE));
  }

  /** True if every byte of [addr, addr+len) is mapped with all of `prot`. */
  check(addr: number, len: number, prot: number): boolean {
    if (len <= 0) return true;
    if (addr < -CANON_LIMIT || addr + len > CANON_LIMIT) return false;
    const first = Math.floor(addr / PAGE_SIZE);
    const last = Math.floor((addr + len - 1) / PAGE_SIZE);
    for (let pn = first; pn <= last; pn++) {
      const m = this.pages.get(pn);
      if (!m || (m.prot & prot) !== prot) return false;
    }
    return true;
  }

  /** Host-side copy in (loader, syscalls): ignores permissions; every page must be mapped. */
  writeBytes(addr: number, bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) {
      const a = addr + done;
      const m = this.lookup(a);
      if (!m) throw new RangeError(`address 0x${hex(a)} is not mapped`);
      const off = a - Math.floor(a / PAGE_SIZE) * PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - off, bytes.length - done);
      m.frame.data.set(bytes.subarray(done, done + n), off);
      if (m.frame.code !== null) {
        m.frame.code = null;
        bumpEpoch();
      }
      done += n;
    }
  }

  /** Host-side copy out: ignores permissions; every page must be mapped. */
  readBytes(addr: number, len: number): Uint8Array {
    const out = new Uint8Array(len);
    let done = 0;
    while (done < len) {
      const a = addr + done;
      const m = this.lookup(a);
      if (!m) throw new RangeError(`address 0x${hex(a)} is not mapped`);
      const off = a - Math.floor(a / PAGE_SIZE) * PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - off, len - done);
      out.set(m.frame.data.subarray(off, off + n), done);
      done += n;
    }
    return out;
  }
}

/** Drops a frame's decoded code after a write to it (regions on it re-check their pages; see EPOCH). */
export function dropCode(f: Frame): void {
  f.code = null;
  bumpEpoch();
}

/** Gives a frame an (empty) decoded-code array: from now on only JS may write it (see codeAttached). */
export function attachCode(f: Frame): void {
  f.code = new Array(PAGE_SIZE);
  codeAttached();
}
