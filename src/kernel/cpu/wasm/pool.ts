// Guest memory that WebAssembly can address: every frame's 4 KiB, and each CPU's state (its
// registers, lazy-flag record and pair caches), are carved out of one WebAssembly.Memory, so a
// region compiled to WebAssembly (region.ts) reads and writes them directly, as the JS paths do
// through the same views.
//
// The memory never grows (growing would detach every view on it); pages are recycled instead.
// When it is used up all the same, frames fall back to plain ArrayBuffers (base -1): WebAssembly
// regions leave before touching one, so that memory is only slower, never wrong.

const PAGE = 4096;

/**
 * The largest of `mib` (MiB) the host lets us reserve, else one 64 KiB page: a smaller memory only
 * means fewer frames in it. Reserving is virtual: the host commits a page when it is first touched.
 */
export function reserve(mib: number[], make = (pages: number): WebAssembly.Memory => new WebAssembly.Memory({ initial: pages, maximum: pages })): WebAssembly.Memory {
  for (const m of mib) {
    try {
      return make(m * 16);
    } catch {
      // A RangeError (address space limits): a smaller one.
    }
  }
  return make(1);
}

export const WMEM = reserve([512, 64]);
/** Its size in 64 KiB pages (a region's module imports exactly this memory). */
export const WMEM_PAGES = WMEM.buffer.byteLength / 65536;
const POOL_BYTES = WMEM.buffer.byteLength;

/**
 * WMEM's first page holds the process-wide words; [0] is the code epoch: it changes whenever a
 * page's decoded code is dropped, an address space changes or a CPU flushes its TLB (switches
 * spaces), so a region re-checks (through JS) that its pages still execute from the frames it
 * was compiled from.
 */
export const GLOBALS = new Int32Array(WMEM.buffer, 0, PAGE / 4);
export const EPOCH = 0;

let next = PAGE;

/**
 * Pages come back when their owner (a Frame, a CPU's state block) is garbage: nothing else keeps
 * a view on them for longer than a call (the pair caches hold the Frame itself beside its offset).
 */
const free = new Map<number, number[]>();
const registry = new FinalizationRegistry<[number, number]>(([at, pages]) => {
  let list = free.get(pages);
  if (list === undefined) free.set(pages, (list = []));
  list.push(at);
});

/**
 * Offset of `pages` zeroed 4 KiB pages in WMEM for `owner` (they return to the pool when it is
 * garbage), or -1 when WMEM is used up. allocPages(0) is where the unused part begins.
 */
export function allocPages(pages: number, owner?: object): number {
  let at = free.get(pages)?.pop();
  if (at !== undefined) new Uint8Array(WMEM.buffer, at, pages * PAGE).fill(0);
  else {
    if (next + pages * PAGE > POOL_BYTES) return -1;
    at = next;
    next += pages * PAGE;
  }
  if (owner !== undefined && pages > 0) registry.register(owner, [at, pages]);
  return at;
}

/** Something a region's page checks depend on changed (see EPOCH). */
export function bumpEpoch(): void {
  GLOBALS[EPOCH] = (GLOBALS[EPOCH]! + 1) | 0;
}

/**
 * The write halves of every live CPU's pair caches, through the CPU's state block (never a view
 * alone: a view could outlive its block, whose pages may then belong to someone else).
 */
const writeBases = new Set<WeakRef<{ readonly wBases: Int32Array[] }>>();

export function registerWriteBases(owner: { readonly wBases: Int32Array[] }): void {
  writeBases.add(new WeakRef(owner));
}

/** A frame has code now: WebAssembly regions must stop writing it directly. */
export function codeAttached(): void {
  for (const r of writeBases) {
    const o = r.deref();
    if (o === undefined) writeBases.delete(r);
    else for (const a of o.wBases) a.fill(-1);
  }
}
