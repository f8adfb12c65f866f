// The x86-64 CPU: register file, lazy flags, memory access through the paging-lite MMU with
// per-access-kind translation caches, the decoded-instruction cache, the run loop with an
// instruction budget, and exception/interrupt delivery through the IDT.
//
// 64-bit registers are pairs of int32 halves (lo, hi) in typed arrays: exact, allocation-free,
// and 32-bit operations touch only lo. Addresses (rip, effective addresses) are JS numbers
// holding the signed canonical value, which is exact (|addr| < 2^47; see mmu.ts).
import { BLOCK_THRESHOLD, compileBlock, NO_BLOCK, type BlockFn } from './block.js';
import { decode, FetchShort, MAX_INSN_LEN } from './decode.js';
import { dispatch, execute, specialize } from './exec.js';
import { AF, ARITH, CF, DF, F_EXPLICIT, IF, materialize, OF, PF, SF, TF, ZF, type LazyFlags } from './flags.js';
import { Op, type Insn } from './insn.js';
import { bumpEpoch } from './wasm/pool.js';
import { CpuState, ST_CPL, ST_CPL3, ST_HI, ST_LO, ST_PENDING, ST_RFREST } from './wasm/state.js';
import { AddressSpace, attachCode, CANON_LIMIT, dropCode, Frame, PAGE_SIZE, PROT_EXEC, PROT_READ, PROT_USER, PROT_WRITE } from './mmu.js';
import { deliverInterrupt, syscallMsrs } from './system.js';

export const VEC_DE = 0;
export const VEC_DB = 1;
export const VEC_BP = 3;
export const VEC_UD = 6;
export const VEC_DF = 8;
export const VEC_SS = 12;
export const VEC_GP = 13;
export const VEC_PF = 14;

export const RAX = 0;
export const RCX = 1;
export const RDX = 2;
export const RBX = 3;
export const RSP = 4;
export const RBP = 5;
export const RSI = 6;
export const RDI = 7;

export const REG_NAMES = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];

export const MSR_EFER = 0xc0000080;
export const MSR_STAR = 0xc0000081;
export const MSR_LSTAR = 0xc0000082;
export const MSR_CSTAR = 0xc0000083;
export const MSR_FMASK = 0xc0000084;
export const MSR_FS_BASE = 0xc0000100;
export const MSR_GS_BASE = 0xc0000101;
export const MSR_KERNEL_GS_BASE = 0xc0000102;
export const MSR_TSC_AUX = 0xc0000103;

/** DR6.BS: the single-step bit set by a TF trap. */
export const DR6_BS = 0x4000;

/** A fault raised while executing an instruction; delivered after the instruction is abandoned. */
export class CpuFault {
  constructor(
    readonly vector: number,
    /** -1: this vector pushes no error code. */
    readonly errorCode: number = -1,
    /** #PF: the faulting linear address (becomes CR2). */
    readonly address: number = 0,
    /** Traps and int n: the rip to return to (the next instruction); NaN for faults (rip stays). */
    readonly resume: number = NaN,
    /** int n / int3 / into: a software interrupt (its gate's DPL is checked against CPL). */
    readonly software: boolean = false,
  ) {}
}

/**
 * Instructions a compiled region runs per call at most. A region in a long loop returns now and
 * then, so its exit paths have run (and V8 has their feedback) before it is optimized: else the
 * first exit of an optimized region deoptimizes it, and it is compiled again.
 */
const REGION_SLICE = 10000;

/** Why run() returned. */
export type StopReason =
  | 'budget' // the instruction budget ran out
  | 'halt' // hlt executed (with interrupts to wait for, the machine decides what to do)
  | 'stop' // a hook called cpu.stop()
  | 'shutdown'; // an exception could not be delivered (no IDT, or a fault while delivering a double fault)

export interface PortIo {
  in(port: number, size: number): number;
  out(port: number, size: number, value: number): void;
}

/** What a host hook gets for an exception or software interrupt it may handle itself. */
export interface TrapInfo {
  vector: number;
  errorCode: number; // -1 when none
  /** The rip the handler would return to (the faulting instruction, or the next one for traps and int n). */
  rip: number;
  /** The address of the instruction that raised it. */
  insnAddr: number;
  /** true for int n / int3 (software), false for faults and traps raised by the CPU. */
  software: boolean;
  /** #PF: the faulting address; #UD: the instruction bytes. */
  address: number;
  bytes: Uint8Array | null;
}

const TLB_SIZE = 256;

/**
 * The TLB slot of a key (page number × 2 + the CPL bit). The low bits alone would put the kernel
 * image and the direct map in the same slots (their page numbers agree in the low 8 bits when
 * their offsets do, e.g. sys_call_table and a task struct), so bits 9 and up are mixed in.
 */
export function tlbSlot(key: number): number {
  return (key ^ (key >>> 9)) & (TLB_SIZE - 1);
}

/**
 * The pair caches' slot of a page given as (low 32 bits of the page number, high half of the
 * address); block.ts inlines the same formula. The high half tells the kernel image (all ones)
 * from the direct map and from user space.
 */
export function pairSlot(page: number, hi: number): number {
  return (page ^ hi) & (TLB_SIZE - 1);
}

/** The MSRs by number; `version` changes with every write (so derived numbers can be cached). */
export class MsrMap extends Map<number, bigint> {
  version = 0;
  override set(k: number, v: bigint): this {
    this.version++;
    return super.set(k, v);
  }
  override delete(k: number): boolean {
    this.version++;
    return super.delete(k);
  }
  override clear(): void {
    this.version++;
    super.clear();
  }
}

/**
 * One privilege level's pair caches (see Cpu.pTagLo). The tags and the frames' WMEM bases live in
 * the CPU's state block, where WebAssembly regions look pages up too; base is -1 for a frame
 * outside WMEM, and wBase also for a frame with decoded code (writes to code stay in JS).
 */
interface PairSet {
  tagLo: Int32Array;
  tagHi: Int32Array;
  base: Int32Array;
  frame: Frame[];
  wTagLo: Int32Array;
  wTagHi: Int32Array;
  wBase: Int32Array;
  wFrame: Frame[];
}

function newPairSet(state: CpuState, u: number): PairSet {
  return { ...state.pairSet(u, TLB_SIZE), frame: new Array<Frame>(TLB_SIZE), wFrame: new Array<Frame>(TLB_SIZE) };
}

export class Cpu implements LazyFlags {
  /** Registers, flags and pair caches where WebAssembly regions see them (wasm/state.ts). */
  readonly state = new CpuState();
  // ---- registers ----
  readonly lo = this.state.words(ST_LO, 16);
  readonly hi = this.state.words(ST_HI, 16);
  /** ST_CPL3 and ST_CPL of the state block. */
  private readonly cpl3Word = this.state.words(ST_CPL3, 1);
  private readonly cplWord = this.state.words(ST_CPL, 1);
  rip = 0;
  /** rflags bits other than the six arithmetic ones (bit 1 always set); a word of the state block, where WebAssembly regions run cli and sti. */
  private readonly rfWord = this.state.words(ST_RFREST, 1).fill(2);
  get rfRest(): number {
    return this.rfWord[0]!;
  }
  set rfRest(v: number) {
    this.rfWord[0] = v;
  }
  cs = 0x10;
  ss = 0x18;
  /** Selectors of es, (cs), (ss), ds, fs, gs as last loaded (cs and ss live in their own fields). */
  readonly sregs = [0, 0, 0, 0, 0, 0];
  /** 1 at CPL 3, else 0: part of every translation-cache key. */
  private cpl3 = 0;
  private cplValue = 0;
  get cpl(): number {
    return this.cplValue;
  }
  set cpl(v: number) {
    this.cplValue = v;
    this.cplWord[0] = v;
    const u = v === 3 ? 1 : 0;
    if (u === this.cpl3) return;
    this.cpl3 = u;
    this.cpl3Word[0] = u;
    this.fetchBase = NaN;
    // The pair caches come in two sets, one per privilege (a page a CPL 0 access filled must not
    // serve CPL 3): a privilege change swaps them instead of flushing, so syscall/sysret keep both warm.
    const s = this.pairSets[u]!;
    this.pTagLo = s.tagLo;
    this.pTagHi = s.tagHi;
    this.pFrame = s.frame;
    this.pwTagLo = s.wTagLo;
    this.pwTagHi = s.wTagHi;
    this.pwFrame = s.wFrame;
  }
  fsBase = 0;
  gsBase = 0;
  kernelGsBase = 0;
  cr0 = 0x80050033n;
  cr2 = 0;
  cr3 = 0n;
  cr4 = 0x20n;
  readonly dr: bigint[] = [0n, 0n, 0n, 0n, 0n, 0n, 0xffff0ff0n, 0x400n];
  readonly msrs = new MsrMap([
    [MSR_EFER, 0xd01n],
    [MSR_STAR, 0n],
    [MSR_LSTAR, 0n],
    [MSR_CSTAR, 0n],
    [MSR_FMASK, 0n],
    [MSR_TSC_AUX, 0n],
  ]);
  /** system.ts's numbers for STAR/LSTAR/FMASK, kept with the bigints they came from. */
  msrMemo: object | null = null;
  idtBase = 0;
  idtLimit = 0;
  gdtBase = 0;
  gdtLimit = 0;
  tr = 0;
  /** The stack loaded on an interrupt from CPL 3 (TSS.RSP0 on real hardware; set by the kernel through this API). */
  rsp0 = 0;

  // ---- lazy flags (see flags.ts) ----
  fOp = F_EXPLICIT;
  fSize = 4;
  fBits = 0;
  fRes = 0;
  fResHi = 0;
  fA = 0;
  fAHi = 0;
  fB = 0;
  fBHi = 0;
  fCin = 0;

  // ---- scratch for multi-value returns (no allocation on the hot path) ----
  /** High half of the last 64-bit value read by readE/readReg/read64. */
  tHi = 0;
  /** Effective address of the last memory operand (reused by read-modify-write). */
  ea = 0;

  // ---- memory ----
  space: AddressSpace;
  /** Address spaces known by their CR3 value: a mov to cr3 switches to the one registered. */
  readonly spaces = new Map<bigint, AddressSpace>();
  // Translation caches, one per access kind (read, write, fetch), direct-mapped by page number.
  private readonly rTag = new Float64Array(TLB_SIZE);
  private readonly wTag = new Float64Array(TLB_SIZE);
  private readonly xTag = new Float64Array(TLB_SIZE);
  private readonly rFrame: Frame[] = new Array(TLB_SIZE);
  private readonly wFrame: Frame[] = new Array(TLB_SIZE);
  private readonly xFrame: Frame[] = new Array(TLB_SIZE);
  // A second translation cache for hot paths that keep addresses as int32 (lo, hi) pairs:
  // tagged by the page bits of lo and the whole hi, so no double arithmetic is needed.
  // (Read by the specialized handlers in exec.ts; filled only here.)
  private readonly pairSets = [newPairSet(this.state, 0), newPairSet(this.state, 1)];
  pTagLo = this.pairSets[0]!.tagLo;
  pTagHi = this.pairSets[0]!.tagHi;
  pwTagLo = this.pairSets[0]!.wTagLo;
  pwTagHi = this.pairSets[0]!.wTagHi;
  pFrame = this.pairSets[0]!.frame;
  pwFrame = this.pairSets[0]!.wFrame;
  // The code page being executed: its address, frame and decoded-instruction array.
  private fetchBase = NaN;
  private fetchFrame: Frame | null = null;
  private fetchCode: (Insn | undefined)[] | null = null;
  private readonly fetchBuf = new Uint8Array(MAX_INSN_LEN);

  // ---- execution control ----
  /** Instructions retired since creation (also the deterministic clock behind rdtsc). */
  icount = 0;
  /** Instructions the run loop has retired and not yet added to icount (rdtsc counts them). */
  inFlight = 0;
  private stopRequested = false;
  halted = false;
  /** Set when the run loop must take the careful path (TF, pending interrupt, tracing, stop request). */
  attention = false;
  private pendingIrq: number[] = [];
  /** pendingIrq.length, where a WebAssembly region's sti sees it. */
  private readonly pendWord = this.state.words(ST_PENDING, 1);
  /** Address of the instruction being executed (for reports). */
  insnAddr = 0;
  lastTrap: TrapInfo | null = null;

  // ---- hooks ----
  io: PortIo | null = null;
  /** Host emulation of `syscall` (user mode, like qemu-user): called with rip already past the instruction. */
  onSyscall: ((cpu: Cpu) => void) | null = null;
  /** Sees every exception and software interrupt first; returning true means the host handled it. */
  onTrap: ((cpu: Cpu, info: TrapInfo) => boolean) | null = null;
  /** Called before each instruction executes (tracing). */
  onInsn: ((cpu: Cpu, insn: Insn) => void) | null = null;
  /** Called after each traced instruction completes. */
  onInsnDone: ((cpu: Cpu, insn: Insn) => void) | null = null;

  constructor(space: AddressSpace = new AddressSpace()) {
    // Fields that hold addresses get kernel addresses (beyond V8's small integers) sooner or
    // later: doubles, and written twice (not constant), from the start, so the first such value
    // does not change the CPU's hidden class. That change throws away every optimized function
    // that uses the CPU, the compiled regions too (the fault path's first kernel insnAddr did, in
    // the middle of a program's run: four regions were compiled again).
    this.rip = this.ea = this.insnAddr = this.idtBase = this.gdtBase = this.cr2 = this.fsBase = this.gsBase = this.kernelGsBase = 0.5;
    this.rip = this.ea = this.insnAddr = this.idtBase = this.gdtBase = this.cr2 = this.fsBase = this.gsBase = this.kernelGsBase = 0;
    this.space = space;
    this.watch(space);
    this.flushTlb();
  }

  private watched = new WeakSet<AddressSpace>();
  private watch(space: AddressSpace): void {
    if (this.watched.has(space)) return;
    this.watched.add(space);
    space.onChange(() => {
      if (this.space === space) this.flushTlb();
    });
  }

  /** Switches to another address space (what a CR3 write does for a registered space). */
  setAddressSpace(space: AddressSpace): void {
    this.space = space;
    this.watch(space);
    this.flushTlb();
  }

  /** Registers an address space under a CR3 value, so the kernel's `mov %rax, %cr3` selects it. */
  registerAddressSpace(cr3: bigint, space: AddressSpace): void {
    this.spaces.set(cr3, space);
    this.watch(space);
  }

  flushTlb(): void {
    // Another space (a process switch) may map other code where a region's pages were.
    bumpEpoch();
    this.rTag.fill(NaN);
    this.wTag.fill(NaN);
    this.xTag.fill(NaN);
    this.fetchBase = NaN;
    for (const p of this.pairSets) {
      p.tagLo.fill(-1);
      p.wTagLo.fill(-1);
    }
  }

  // ---- register access ----

  /** A 64-bit register as a bigint (API boundary; not for hot paths). */
  getReg64(r: number): bigint {
    return (BigInt(this.hi[r]! >>> 0) << 32n) | BigInt(this.lo[r]! >>> 0);
  }

  setReg64(r: number, v: bigint): void {
    this.lo[r] = Number(v & 0xffffffffn) | 0;
    this.hi[r] = Number((v >> 32n) & 0xffffffffn) | 0;
  }

  getRip(): bigint {
    return BigInt.asUintN(64, BigInt(this.rip));
  }

  /** A register's value as a canonical address number (or NaN if it is not canonical). */
  regAddr(r: number): number {
    const a = this.hi[r]! * 4294967296 + (this.lo[r]! >>> 0);
    return a >= -CANON_LIMIT && a < CANON_LIMIT ? a : NaN;
  }

  setRegAddr(r: number, a: number): void {
    const hi = Math.floor(a / 4294967296);
    this.hi[r] = hi | 0;
    this.lo[r] = (a - hi * 4294967296) | 0;
  }

  /** Reads register r at size 1/2/4/8 (8-bit r 16..19 = ah..bh); for size 8 the high half is in tHi. */
  readReg(r: number, size: number): number {
    switch (size) {
      case 1:
        return r < 16 ? this.lo[r]! & 0xff : (this.lo[r - 16]! >> 8) & 0xff;
      case 2:
        return this.lo[r]! & 0xffff;
      case 4:
        return this.lo[r]!;
      default:
        this.tHi = this.hi[r]!;
        return this.lo[r]!;
    }
  }

  /** Writes register r with x86 partial-write rules: 32-bit writes zero-extend, 8/16-bit merge. */
  writeReg(r: number, size: number, lo: number, hi: number): void {
    switch (size) {
      case 1:
        if (r < 16) this.lo[r] = (this.lo[r]! & ~0xff) | (lo & 0xff);
        else this.lo[r - 16] = (this.lo[r - 16]! & ~0xff00) | ((lo & 0xff) << 8);
        return;
      case 2:
        this.lo[r] = (this.lo[r]! & ~0xffff) | (lo & 0xffff);
        return;
      case 4:
        this.lo[r] = lo;
        this.hi[r] = 0;
        return;
      default:
        this.lo[r] = lo;
        this.hi[r] = hi;
    }
  }

  // ---- flags ----

  getRflags(): number {
    return (materialize(this) & ARITH) | this.rfRest | 2;
  }

  setRflags(v: number): void {
    this.fOp = F_EXPLICIT;
    this.fBits = v & ARITH;
    this.rfRest = (v & ~ARITH & 0x3f7fff) | 2;
    this.updateAttention();
  }

  setArithFlags(bits: number): void {
    this.fOp = F_EXPLICIT;
    this.fBits = bits & ARITH;
  }

  get df(): boolean {
    return (this.rfRest & DF) !== 0;
  }

  updateAttention(): void {
    this.attention =
      this.halted ||
      (this.rfRest & TF) !== 0 ||
      this.stopRequested ||
      this.onInsn !== null ||
      (this.pendingIrq.length > 0 && (this.rfRest & IF) !== 0);
  }

  // ---- control ----

  /** Asks run() to return 'stop' before the next instruction (from a hook). */
  stop(): void {
    this.stopRequested = true;
    this.attention = true;
  }

  /** Queues an external interrupt; delivered through the IDT when IF is set. */
  raiseIrq(vector: number): void {
    this.pendingIrq.push(vector);
    this.pendWord[0] = this.pendingIrq.length;
    this.halted = false;
    this.updateAttention();
  }

  setTracing(on: (cpu: Cpu, insn: Insn) => void, done: (cpu: Cpu, insn: Insn) => void): void {
    this.onInsn = on;
    this.onInsnDone = done;
    this.updateAttention();
  }

  /**
   * Executes at most `budget` instructions. Returns why it stopped. Faults are delivered through
   * the IDT (or offered to onTrap first); they never escape as JS exceptions.
   */
  run(budget: number): StopReason {
    const end = this.icount + budget;
    this.stopRequested = false;
    this.halted = false;
    this.updateAttention();
    let reason: StopReason | null = null;
    while (reason === null) {
      if (this.halted) return 'halt';
      if (this.icount >= end) return 'budget';
      try {
        reason = this.attention ? this.stepCareful() : this.runFast(end - this.icount);
      } catch (e) {
        if (e instanceof CpuFault) reason = this.fault(e);
        else throw e;
      }
    }
    return reason;
  }

  /**
   * The hot loop: fetch from the decoded-instruction cache, call the handler, count. Anything
   * unusual (hlt, TF, a pending interrupt, a stop request, tracing) sets `attention`, which sends
   * the next instruction through stepCareful. On a fault, rip still addresses the faulting
   * instruction (handlers set rip last), which is what fault() reports.
   */
  private runFast(limit: number): StopReason | null {
    let n = 0;
    // Whether a compiled region is running, for the finally below (a local: cheaper than a field).
    let inBlock = false;
    try {
      while (n < limit) {
        if (this.attention) return null;
        const d = this.fetch();
        const b = d.block as BlockFn | null;
        if (b !== null) {
          if (b !== NO_BLOCK) {
            inBlock = true;
            const k = b(this, Math.min(limit - n, REGION_SLICE), d.blockPc);
            inBlock = false;
            // 0: not even its first stretch fits in the budget left; interpret one instruction.
            if (k > 0) {
              n += k;
              continue;
            }
          }
        } else if (++d.hits === this.blockThreshold) {
          this.buildBlock(d);
          // Run what was just compiled (interpreting one instruction would make the next one compile a region too).
          if (d.block !== NO_BLOCK) continue;
        }
        // rdtsc (the guest clock) reads icount + inFlight: exact without ending the run loop.
        this.inFlight = n;
        dispatch(this, d);
        n++;
      }
    } finally {
      // A fault inside a region: it counted the instructions before the faulting one.
      if (inBlock) n += this.blockDone;
      this.icount += n;
      this.inFlight = 0;
    }
    return 'budget';
  }

  /** Instructions a compiled region retired before the fault it is throwing (set by the region). */
  blockDone = 0;

  /** Executions of an instruction before a block is compiled from it (0: never compile; tests use 1 to compile everything). */
  blockThreshold = BLOCK_THRESHOLD;

  /** Regions are WebAssembly where wasm/region.ts compiles them (KWB_WASM=0 or false here: JS regions only). */
  wasmRegions = process.env.KWB_WASM !== '0';

  private buildBlock(first: Insn): void {
    compileBlock(first, this.fetchFrame!, {
      // Any mapped executable page, whatever the privilege: a region checks at run time, on
      // entering another page, that the page is still this frame and executable at the CPL then.
      frame: (a) => {
        const m = this.space.lookup(a);
        if (!m || (m.prot & (PROT_EXEC | PROT_READ)) !== (PROT_EXEC | PROT_READ)) return null;
        if (m.frame.code === null) attachCode(m.frame);
        return m.frame;
      },
      decode: (a, f) => {
        const code = f.code as (Insn | undefined)[] | null;
        if (code === null) return null;
        const off = a - Math.floor(a / PAGE_SIZE) * PAGE_SIZE;
        const x = code[off];
        if (x !== undefined && x.addr === a) return x;
        try {
          return this.decodeAt(a, f, off);
        } catch (e) {
          if (e instanceof CpuFault) return null;
          throw e;
        }
      },
      // syscall's target: where a region following a syscall goes next (checked at run time).
      lstar: this.onSyscall === null ? syscallMsrs(this).lstar : NaN,
      hostSyscalls: this.onSyscall !== null,
      ranOnly: this.blockThreshold > 1,
      wasm: this.wasmRegions && this.state.base >= 0,
    });
  }

  /**
   * The frame the page of `addr` executes from at the current privilege level, or null (not
   * mapped, not executable, not canonical): a region entering another of its pages checks it.
   */
  codeFrame(addr: number): Frame | null {
    const key = Math.floor(addr / PAGE_SIZE) * 2 + this.cpl3;
    const i = tlbSlot(key);
    if (this.xTag[i] === key) return this.xFrame[i]!;
    try {
      return this.frameFor(addr, 2);
    } catch (e) {
      if (e instanceof CpuFault) return null;
      throw e;
    }
  }

  /** One instruction with tracing, single-step, interrupt and stop handling. */
  private stepCareful(): StopReason | null {
    if (this.stopRequested) {
      this.stopRequested = false;
      this.updateAttention();
      return 'stop';
    }
    if (this.pendingIrq.length > 0 && (this.rfRest & IF) !== 0) {
      const v = this.pendingIrq.shift()!;
      this.pendWord[0] = this.pendingIrq.length;
      this.updateAttention();
      const r = this.deliver(v, -1, this.rip, this.rip, false, 0, null);
      if (r) return r;
    }
    const tf = (this.rfRest & TF) !== 0;
    const d = this.fetch();
    this.insnAddr = d.addr;
    if (this.onInsn) this.onInsn(this, d);
    execute(this, d);
    this.icount++;
    if (this.onInsnDone) this.onInsnDone(this, d);
    if (tf && d.op !== Op.INT && d.op !== Op.INT3 && d.op !== Op.SYSCALL) {
      // Single-step trap: after the instruction, with rip at the next one (DR6.BS set).
      this.dr[6] = this.dr[6]! | BigInt(DR6_BS);
      const r = this.deliver(1, -1, this.rip, d.addr, false, 0, null);
      if (r) return r;
    }
    if (this.halted) return 'halt';
    if (this.stopRequested) {
      this.stopRequested = false;
      this.updateAttention();
      return 'stop';
    }
    return null;
  }

  private fault(e: CpuFault): StopReason | null {
    this.insnAddr = this.rip;
    if (e.vector === VEC_PF) this.cr2 = e.address;
    const bytes = e.vector === VEC_UD ? this.undefinedBytes() : null;
    const trap = !Number.isNaN(e.resume);
    if (trap) this.icount++; // int n / int3 completed before the transfer
    return this.deliver(e.vector, e.errorCode, trap ? e.resume : this.insnAddr, this.insnAddr, e.software, e.address, bytes);
  }

  private undefinedBytes(): Uint8Array {
    const out: number[] = [];
    for (let i = 0; i < MAX_INSN_LEN; i++) {
      const m = this.space.lookup(this.insnAddr + i);
      if (!m) break;
      const a = this.insnAddr + i;
      out.push(m.frame.data[a - Math.floor(a / PAGE_SIZE) * PAGE_SIZE]!);
    }
    return Uint8Array.from(out);
  }

  /** Offers a trap to the host hook, then the IDT. Returns a stop reason if execution cannot continue. */
  deliver(
    vector: number,
    errorCode: number,
    rip: number,
    insnAddr: number,
    software: boolean,
    address: number,
    bytes: Uint8Array | null,
  ): StopReason | null {
    const info: TrapInfo = { vector, errorCode, rip, insnAddr, software, address, bytes };
    this.lastTrap = info;
    if (this.onTrap && this.onTrap(this, info)) {
      if (this.stopRequested) {
        this.stopRequested = false;
        this.updateAttention();
        return 'stop';
      }
      return null;
    }
    return deliverInterrupt(this, vector, errorCode, rip, software);
  }

  // ---- memory ----

  /** Raises #PF for an access of kind prot (PROT_READ/WRITE/EXEC) at addr. */
  pageFault(addr: number, prot: number): never {
    const m = this.space.lookup(addr);
    let code = 0;
    if (m && (m.prot & PROT_READ) !== 0) code |= 1; // present: a protection violation
    if (prot === PROT_WRITE) code |= 2;
    if (this.cpl === 3) code |= 4;
    if (prot === PROT_EXEC) code |= 16;
    throw new CpuFault(VEC_PF, code, addr);
  }

  /** Translates the page of addr for an access kind (0 read, 1 write, 2 exec); faults if not allowed. */
  frameFor(addr: number, kind: number): Frame {
    const key = Math.floor(addr / PAGE_SIZE) * 2 + this.cpl3;
    const i = tlbSlot(key);
    if (kind === 0) return this.rTag[i] === key ? this.rFrame[i]! : this.fill(addr, 0, key, i);
    if (kind === 1) return this.wTag[i] === key ? this.wFrame[i]! : this.fill(addr, 1, key, i);
    return this.xTag[i] === key ? this.xFrame[i]! : this.fill(addr, 2, key, i);
  }

  private fill(addr: number, kind: number, key: number, i: number): Frame {
    if (!(addr >= -CANON_LIMIT && addr < CANON_LIMIT)) throw new CpuFault(VEC_GP, 0);
    const prot = kind === 0 ? PROT_READ : kind === 1 ? PROT_WRITE | PROT_READ : PROT_EXEC | PROT_READ;
    const m = this.space.lookup(addr);
    const need = this.cpl3 ? prot | PROT_USER : prot;
    if (!m || (m.prot & need) !== need) this.pageFault(addr, kind === 0 ? PROT_READ : kind === 1 ? PROT_WRITE : PROT_EXEC);
    if (kind === 0) {
      this.rTag[i] = key;
      this.rFrame[i] = m.frame;
    } else if (kind === 1) {
      this.wTag[i] = key;
      this.wFrame[i] = m.frame;
    } else {
      this.xTag[i] = key;
      this.xFrame[i] = m.frame;
    }
    return m.frame;
  }

  read8(a: number): number {
    const pn = Math.floor(a / PAGE_SIZE);
    const key = pn * 2 + this.cpl3;
    const i = tlbSlot(key);
    const f = this.rTag[i] === key ? this.rFrame[i]! : this.fill(a, 0, key, i);
    return f.data[a - pn * PAGE_SIZE]!;
  }

  read16(a: number): number {
    const pn = Math.floor(a / PAGE_SIZE);
    const off = a - pn * PAGE_SIZE;
    if (off > PAGE_SIZE - 2) return this.read8(a) | (this.read8(a + 1) << 8);
    const key = pn * 2 + this.cpl3;
    const i = tlbSlot(key);
    const f = this.rTag[i] === key ? this.rFrame[i]! : this.fill(a, 0, key, i);
    return f.dv.getUint16(off, true);
  }

  read32(a: number): number {
    const pn = Math.floor(a / PAGE_SIZE);
    const off = a - pn * PAGE_SIZE;
    if (off > PAGE_SIZE - 4) return this.read8(a) | (this.read8(a + 1) << 8) | (this.read8(a + 2) << 16) | (this.read8(a + 3) << 24);
    const key = pn * 2 + this.cpl3;
    const i = tlbSlot(key);
    const f = this.rTag[i] === key ? this.rFrame[i]! : this.fill(a, 0, key, i);
    return f.dv.getInt32(off, true);
  }

  /** Reads 64 bits: returns the low half, the high half in tHi. */
  read64(a: number): number {
    const pn = Math.floor(a / PAGE_SIZE);
    const off = a - pn * PAGE_SIZE;
    if (off > PAGE_SIZE - 8) {
      const lo = this.read32(a);
      this.tHi = this.read32(a + 4);
      return lo;
    }
    const key = pn * 2 + this.cpl3;
    const i = tlbSlot(key);
    const dv = (this.rTag[i] === key ? this.rFrame[i]! : this.fill(a, 0, key, i)).dv;
    this.tHi = dv.getInt32(off + 4, true);
    return dv.getInt32(off, true);
  }

  /** Reads size bytes (1/2 zero-extended, 4 as int32, 8 with the high half in tHi). */
  readMem(a: number, size: number): number {
    switch (size) {
      case 1:
        return this.read8(a);
      case 2:
        return this.read16(a);
      case 4:
        return this.read32(a);
      default:
        return this.read64(a);
    }
  }

  // ---- int32-pair accessors for the hottest paths (stack, base+displacement loads/stores) ----

  /** Reads 64 bits at (lo, hi): returns the low half, the high half in tHi. */
  read64p(lo: number, hi: number): number {
    const page = lo >>> 12;
    const i = pairSlot(page, hi);
    const off = lo & 0xfff;
    if (this.pTagLo[i] === page && this.pTagHi[i] === hi && off <= PAGE_SIZE - 8) {
      const dv = this.pFrame[i]!.dv;
      this.tHi = dv.getInt32(off + 4, true);
      return dv.getInt32(off, true);
    }
    const a = hi * 4294967296 + (lo >>> 0);
    const r = this.read64(a);
    this.fillPair(a, page, hi, i, 0);
    return r;
  }

  read32p(lo: number, hi: number): number {
    const page = lo >>> 12;
    const i = pairSlot(page, hi);
    const off = lo & 0xfff;
    if (this.pTagLo[i] === page && this.pTagHi[i] === hi && off <= PAGE_SIZE - 4) return this.pFrame[i]!.dv.getInt32(off, true);
    const a = hi * 4294967296 + (lo >>> 0);
    const r = this.read32(a);
    this.fillPair(a, page, hi, i, 0);
    return r;
  }

  write64p(lo: number, hi: number, vlo: number, vhi: number): void {
    const page = lo >>> 12;
    const i = pairSlot(page, hi);
    const off = lo & 0xfff;
    if (this.pwTagLo[i] === page && this.pwTagHi[i] === hi && off <= PAGE_SIZE - 8) {
      const f = this.pwFrame[i]!;
      if (f.code !== null) dropCode(f);
      f.dv.setInt32(off, vlo, true);
      f.dv.setInt32(off + 4, vhi, true);
      return;
    }
    const a = hi * 4294967296 + (lo >>> 0);
    this.writeMem(a, 8, vlo, vhi);
    this.fillPair(a, page, hi, i, 1);
  }

  /**
   * The frame behind a writable (lo, hi) access of `size` bytes within one page if the pair cache
   * already knows it, else null (the caller takes its general path, which fills the cache).
   */
  writableFrame(lo: number, hi: number, size: number): Frame | null {
    const page = lo >>> 12;
    const i = pairSlot(page, hi);
    if (this.pwTagLo[i] === page && this.pwTagHi[i] === hi && (lo & 0xfff) <= PAGE_SIZE - size) return this.pwFrame[i]!;
    return null;
  }

  /** Fills the pair cache for (lo, hi) if that access would succeed; false if it would fault. */
  tryNotePair(lo: number, hi: number, write: boolean): boolean {
    try {
      this.notePair(lo, hi, write);
      return true;
    } catch (e) {
      if (e instanceof CpuFault) return false;
      throw e;
    }
  }

  /** Fills the pair caches for (lo, hi) after the general path touched it successfully. */
  notePair(lo: number, hi: number, write: boolean): void {
    const a = hi * 4294967296 + (lo >>> 0);
    const page = lo >>> 12;
    this.fillPair(a, page, hi, pairSlot(page, hi), write ? 1 : 0);
  }

  write32p(lo: number, hi: number, v: number): void {
    const page = lo >>> 12;
    const i = pairSlot(page, hi);
    const off = lo & 0xfff;
    if (this.pwTagLo[i] === page && this.pwTagHi[i] === hi && off <= PAGE_SIZE - 4) {
      const f = this.pwFrame[i]!;
      if (f.code !== null) dropCode(f);
      f.dv.setInt32(off, v, true);
      return;
    }
    const a = hi * 4294967296 + (lo >>> 0);
    this.writeMem(a, 4, v, 0);
    this.fillPair(a, page, hi, i, 1);
  }

  /** After a successful access through the slow path, caches the page for the pair accessors. */
  private fillPair(a: number, page: number, hi: number, i: number, kind: number): void {
    const s = this.pairSets[this.cpl3]!;
    if (kind === 0) {
      const f = (this.pFrame[i] = this.frameFor(a, 0));
      s.base[i] = f.base;
      this.pTagLo[i] = page;
      this.pTagHi[i] = hi;
    } else {
      const f = (this.pwFrame[i] = this.frameFor(a, 1));
      s.wBase[i] = f.code === null ? f.base : -1;
      this.pwTagLo[i] = page;
      this.pwTagHi[i] = hi;
    }
  }

  /** Checks that [a, a+size) may be written, so the write that follows cannot fault halfway. */
  probeWrite(a: number, size: number): void {
    this.frameFor(a, 1);
    const second = Math.floor((a + size - 1) / PAGE_SIZE) * PAGE_SIZE;
    if (second > a) this.frameFor(second, 1); // CR2 is the first byte of the second page
  }

  write8(a: number, v: number): void {
    const f = this.frameFor(a, 1);
    if (f.code !== null) dropCode(f);
    f.data[a - Math.floor(a / PAGE_SIZE) * PAGE_SIZE] = v;
  }

  writeMem(a: number, size: number, lo: number, hi: number): void {
    const pn = Math.floor(a / PAGE_SIZE);
    const off = a - pn * PAGE_SIZE;
    if (off <= PAGE_SIZE - size) {
      const key = pn * 2 + this.cpl3;
      const i = tlbSlot(key);
      const f = this.wTag[i] === key ? this.wFrame[i]! : this.fill(a, 1, key, i);
      if (f.code !== null) dropCode(f);
      switch (size) {
        case 1:
          f.data[off] = lo;
          return;
        case 2:
          f.dv.setUint16(off, lo & 0xffff, true);
          return;
        case 4:
          f.dv.setInt32(off, lo, true);
          return;
        default:
          f.dv.setInt32(off, lo, true);
          f.dv.setInt32(off + 4, hi, true);
          return;
      }
    }
    // Straddles two pages: check both before changing anything.
    this.probeWrite(a, size);
    for (let i = 0; i < size; i++) this.write8(a + i, i < 4 ? lo >>> (8 * i) : hi >>> (8 * (i - 4)));
  }

  // ---- instruction fetch and the decoded-instruction cache ----

  fetch(): Insn {
    const a = this.rip;
    const off = a - this.fetchBase;
    // Same code page as the last fetch, and nothing has written to it since: one array load.
    if (off >= 0 && off < PAGE_SIZE && this.fetchFrame!.code === this.fetchCode) {
      const d = this.fetchCode![off];
      if (d !== undefined && d.addr === a) return d;
    }
    return this.fetchSlow(a);
  }

  private fetchSlow(a: number): Insn {
    const f = this.frameFor(a, 2);
    const base = Math.floor(a / PAGE_SIZE) * PAGE_SIZE;
    const off = a - base;
    if (f.code === null) attachCode(f);
    this.fetchBase = base;
    this.fetchFrame = f;
    this.fetchCode = f.code as (Insn | undefined)[];
    const d = this.fetchCode[off];
    if (d !== undefined && d.addr === a) return d;
    return this.decodeAt(a, f, off);
  }

  private decodeAt(a: number, f: Frame, off: number): Insn {
    const buf = this.fetchBuf;
    let avail = Math.min(MAX_INSN_LEN, PAGE_SIZE - off);
    buf.set(f.data.subarray(off, off + avail));
    let nextFrame: Frame | null = null;
    if (avail < MAX_INSN_LEN) {
      try {
        nextFrame = this.frameFor(a + avail, 2);
      } catch (e) {
        if (!(e instanceof CpuFault)) throw e;
      }
      if (nextFrame) {
        buf.set(nextFrame.data.subarray(0, MAX_INSN_LEN - avail), avail);
        avail = MAX_INSN_LEN;
      }
    }
    let d: Insn;
    try {
      d = decode(buf, avail, a);
    } catch (e) {
      if (e instanceof FetchShort) this.pageFault(a + e.offset, PROT_EXEC);
      throw e;
    }
    specialize(d);
    // Only instructions wholly inside one page are cached (a write to either page must drop them).
    if (off + d.len <= PAGE_SIZE && f.code !== null) (f.code as Insn[])[off] = d;
    return d;
  }

  // ---- a readable snapshot (tests, tracing, reports) ----

  /** Register values as bigints, keyed by name (rax..r15, rip, rflags). */
  snapshot(): Record<string, bigint> {
    const s: Record<string, bigint> = {};
    for (let r = 0; r < 16; r++) s[REG_NAMES[r]!] = this.getReg64(r);
    s.rip = this.getRip();
    s.rflags = BigInt(this.getRflags());
    return s;
  }
}

export { AF, CF, DF, IF, OF, PF, SF, TF, ZF };
