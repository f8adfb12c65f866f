// The machine's memory: one kernel half shared by every address space (the vmlinux image and
// the direct map the native page allocator hands out), and per-process user halves. A process's
// space looks up negative (upper-half) addresses in the kernel space, so mapping a kernel page
// once makes it visible everywhere, as the kernel's shared top-level page-table entries do.
import { AddressSpace, CANON_LIMIT, Frame, PAGE_SIZE, type Mapping } from '../cpu/mmu.js';

export const PAGE_OFFSET = -0x780000000000; // 0xffff880000000000: the direct map of physical memory

export class ProcessSpace extends AddressSpace {
  constructor(readonly kernel: AddressSpace) {
    super();
  }

  override lookup(addr: number): Mapping | undefined {
    const pn = Math.floor(addr / PAGE_SIZE);
    return addr < 0 ? this.kernel.pages.get(pn) : this.pages.get(pn);
  }

  override check(addr: number, len: number, prot: number): boolean {
    if (len <= 0) return true;
    if (addr < -CANON_LIMIT || addr + len > CANON_LIMIT) return false;
    const first = Math.floor(addr / PAGE_SIZE);
    const last = Math.floor((addr + len - 1) / PAGE_SIZE);
    for (let pn = first; pn <= last; pn++) {
      const m = pn < 0 ? this.kernel.pages.get(pn) : this.pages.get(pn);
      if (!m || (m.prot & prot) !== prot) return false;
    }
    return true;
  }

  /** fork: a copy of every user page (the kernel half stays shared). */
  clone(): ProcessSpace {
    const s = new ProcessSpace(this.kernel);
    for (const [pn, m] of this.pages) {
      const f = new Frame();
      f.data.set(m.frame.data);
      s.pages.set(pn, { frame: f, prot: m.prot });
    }
    return s;
  }

  /** Takes over the user pages of a space the ELF loader built. */
  adopt(from: AddressSpace): void {
    for (const [pn, m] of from.pages) if (pn >= 0) this.pages.set(pn, m);
  }
}

/**
 * The native kernel allocator behind kmalloc/kfree (and thus task structs and kernel stacks):
 * size classes of powers of two up to a page, whole pages above, carved from the direct map.
 */
export class KernelHeap {
  private next: number;
  private readonly free = new Map<number, number[]>();
  private readonly sizes = new Map<number, number>();
  /** Bytes handed out and not freed. */
  used = 0;

  constructor(
    private readonly kernel: AddressSpace,
    start: number,
    private readonly limit: number,
  ) {
    this.next = start;
  }

  private static classOf(size: number): number {
    if (size > PAGE_SIZE) return Math.ceil(size / PAGE_SIZE) * PAGE_SIZE;
    let c = 16;
    while (c < size) c *= 2;
    return c;
  }

  alloc(size: number): number {
    const c = KernelHeap.classOf(Math.max(1, size));
    const list = this.free.get(c);
    let a = list && list.length ? list.pop()! : 0;
    if (!a) {
      const align = Math.min(c, PAGE_SIZE);
      a = Math.ceil(this.next / align) * align;
      if (a + c > this.limit) return 0;
      this.next = a + c;
      const firstPage = Math.floor(a / PAGE_SIZE);
      const lastPage = Math.floor((a + c - 1) / PAGE_SIZE);
      for (let pn = firstPage; pn <= lastPage; pn++) {
        if (!this.kernel.pages.has(pn)) this.kernel.pages.set(pn, { frame: new Frame(), prot: 7 });
      }
    }
    this.sizes.set(a, c);
    this.used += c;
    return a;
  }

  release(a: number): void {
    const c = this.sizes.get(a);
    if (c === undefined) return;
    this.sizes.delete(a);
    this.used -= c;
    let list = this.free.get(c);
    if (!list) this.free.set(c, (list = []));
    list.push(a);
  }
}
