// Guest memory that WebAssembly can address: every frame's 4 KiB, and each CPU's state (its
// registers, lazy-flag record and pair caches), are carved out of one WebAssembly.Memory, so a
// region compiled to WebAssembly (region.ts) reads and writes them directly, as the JS paths do
// through the same views.
//
// The memory never grows (growing would detach every view on it). When it is used up, frames
// fall back to plain ArrayBuffers (base -1): WebAssembly regions leave before touching one, so
// that memory is only slower, never wrong.

/** Bytes reserved (virtual: the host commits a page when it is first touched). */
const POOL_BYTES = 512 * 1024 * 1024;
const PAGE = 4096;

export const WMEM = new WebAssembly.Memory({ initial: POOL_BYTES / 65536, maximum: POOL_BYTES / 65536 });
export const WMEM_PAGES = POOL_BYTES / 65536;

/**
 * WMEM's first page holds the process-wide words; [0] is the code epoch: it changes whenever a
 * page's decoded code is dropped or an address space changes, so a region re-checks (through
 * JS) that its pages still execute from the frames it was compiled from.
 */
export const GLOBALS = new Int32Array(WMEM.buffer, 0, PAGE / 4);
export const EPOCH = 0;

let next = PAGE;

/** Offset of `pages` fresh zeroed 4 KiB pages in WMEM, or -1 when it is used up. */
export function allocPages(pages: number): number {
  if (next + pages * PAGE > POOL_BYTES) return -1;
  const at = next;
  next += pages * PAGE;
  return at;
}

/** Something a region's page checks depend on changed (see EPOCH). */
export function bumpEpoch(): void {
  GLOBALS[EPOCH] = (GLOBALS[EPOCH]! + 1) | 0;
}

/**
 * The write halves of every live CPU's pair caches: a frame that gets decoded code must not be
 * written by a region any more (writes to code go through JS, which drops the decoded code).
 */
const writeBases = new Set<WeakRef<Int32Array>>();

export function registerWriteBases(a: Int32Array): void {
  writeBases.add(new WeakRef(a));
}

/** A frame has code now: WebAssembly regions must stop writing it directly. */
export function codeAttached(): void {
  for (const r of writeBases) {
    const a = r.deref();
    if (a === undefined) writeBases.delete(r);
    else a.fill(-1);
  }
}
