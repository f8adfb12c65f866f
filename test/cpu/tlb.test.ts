// The CPU's page caches are direct-mapped: two pages that share a slot evict each other on every
// alternate access. The kernel image (0xffffffff81xxxxxx) and the direct map (0xffff8800xxxxxxxx)
// agree in their low page-number bits whenever their offsets do; a syscall touches both
// (sys_call_table, then the task struct), so their slots must differ.
import { describe, expect, it } from 'vitest';
import { pairSlot, tlbSlot } from '../../src/kernel/cpu/cpu.js';

const PAGE = 4096;
/** The TLB key of an address at a privilege level (page number × 2 + the CPL-3 bit), as the CPU forms it. */
const key = (addr: number, user: 0 | 1): number => Math.floor(addr / PAGE) * 2 + user;
/** The (low 32 bits of the page number, high half) pair the pair caches use. */
const pair = (addr: bigint): [number, number] => [Number((addr & 0xffffffffn) >> 12n), Number(BigInt.asIntN(32, addr >> 32n))];
const signed = (addr: bigint): number => Number(BigInt.asIntN(64, addr));

const IMAGE = 0xffffffff81009000n; // a page of the kernel image (sys_call_table's in the workspace build)
const DIRECT = 0xffff880000109000n; // a page of the direct map with the same low 20 bits of page number

describe('page-cache slots', () => {
  it('put a kernel-image page and a direct-map page with equal low bits in different TLB slots', () => {
    expect(tlbSlot(key(signed(IMAGE), 0))).not.toBe(tlbSlot(key(signed(DIRECT), 0)));
  });

  it('put them in different pair-cache slots', () => {
    expect(pairSlot(...pair(IMAGE))).not.toBe(pairSlot(...pair(DIRECT)));
  });

  it('spread consecutive user pages over consecutive slots', () => {
    const slots = new Set<number>();
    for (let p = 0; p < 256; p++) slots.add(pairSlot(0x400 + p, 0));
    expect(slots.size).toBe(256);
    const t = new Set<number>();
    for (let p = 0; p < 128; p++) t.add(tlbSlot(key(0x400000 + p * PAGE, 1)));
    expect(t.size).toBe(128);
  });
});
