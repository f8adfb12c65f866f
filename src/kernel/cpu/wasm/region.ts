// Compiled regions as WebAssembly: the same regions block.ts forms (its instructions, labels and
// cases), for the instructions a syscall round trip and -O0 code are made of. Guest memory is
// WMEM (pool.ts); registers and the lazy-flag record live in the CPU's state block there
// (state.ts) and, within a case, in i64 locals. Pages are looked up in small per-privilege page
// caches, then in the CPU's pair caches (also in the state block), then through JS. What
// WebAssembly cannot see stays in JS: a lookup JS cannot fill, a page crossing, a non-canonical
// target, anything that would fault leaves the region before the instruction, and the run loop
// interprets it (and raises the fault). syscall, sysret, cli and sti run here too: IF, the other
// rflags bits and the pending interrupt count are words of the state block, and only the
// privilege switch itself (selectors, the CPL) calls into JS.
//
// Three imports only: pageOk (a page a region enters still executes from the frame it was
// compiled from, checked again only when the code epoch changed), fill (a pair-cache miss), priv.
//
// A region either compiles wholly here or not at all (compileWasmRegion returns null), and then
// block.ts makes a JS region of it.
import { AF, ARITH, CF, IF, OF, PF, SF, TF, ZF, type LazyFlags } from '../flags.js';
import { RFLAGS_WRITABLE, syscallMsrs } from '../system.js';
import { Op, type Insn } from '../insn.js';
import type { Frame } from '../mmu.js';
import type { Cpu } from '../cpu.js';
import { Body, I32, I64, M, moduleBytes, W, type FunctionShape } from './encode.js';
import { EPOCH, WMEM, WMEM_PAGES } from './pool.js';
import {
  SET_BASE,
  SET_BYTES,
  SET_TAG_HI,
  SET_TAG_LO,
  SET_WBASE,
  SET_WTAG_HI,
  SET_WTAG_LO,
  ST_CACHE,
  ST_R64,
  ST_CPL,
  ST_CPL3,
  ST_FMASK,
  ST_LSTAR,
  ST_LSTAR_OK,
  ST_FLAGS,
  ST_HI,
  ST_LO,
  ST_RIP,
  ST_PENDING,
  ST_RFREST,
  ST_SETS,
} from './state.js';

/** What block.ts has worked out about a region. */
export interface RegionPlan {
  insns: Insn[];
  /** Page number (0..) of each instruction, and each page's base address, frame and decoded code. */
  pageNo: number[];
  pageBase: number[];
  frames: Frame[];
  codes: unknown[];
  /** Label address → case number; segStart[case] is its first instruction. */
  labelOf: Map<number, number>;
  segStart: number[];
  /** Whether control falls from x to x.next. */
  fallsThrough: (x: Insn) => boolean;
  /** syscall is the host's emulation (user mode): it may change anything, so it stays in JS regions. */
  hostSyscalls: boolean;
}

export type WasmRegion = (c: Cpu, lim: number, pc: number) => number;

const RSP = 4;
const RCX = 1;
const R11 = 11;

// Lazy-flag kinds (flags.ts's F_ numbers).
const F_ADD = 1;
const F_ADC = 2;
const F_SUB = 3;
const F_LOGIC = 5;
const F_INC = 6;
const F_DEC = 7;
const RF = 0x10000;

// Locals of run(state, lim, pc).
const L_STATE = 0;
const L_LIM = 1;
const L_PC = 2;
const L_N = 3;
const L_REG = 4; // 16 × i64
const L_FOP = 20;
const L_FSIZE = 21;
const L_FBITS = 22;
const L_FCIN = 23;
const L_FA = 24; // i64
const L_FB = 25;
const L_FRES = 26;
const L_SET = 27; // i32: the pair-cache set of the current privilege (28 is free)
const L_EA = 29; // i64
const L_V = 30; // i64
const L_TGT = 31; // i64
const L_XRIP = 32; // i64
const L_LO = 33; // i32
const L_CSET = 34; // i32: the page caches of the current privilege (ST_CACHE)
const L_PHYS = 35;
const L_KEY = 36;
const L_BITS = 37; // i32: materialized flags, rflags
/**
 * One privilege's page caches in ST_CACHE: entries of 16 bytes (a page number, i64, then its
 * WMEM base, i32): reads of data (DATA_WAYS of them, by the page number's low bits), reads of the
 * stack, writes of data, writes of the stack.
 */
const DATA_WAYS = 8;
const CACHE_ENTRIES = DATA_WAYS + 3;
const CACHE_BYTES = 16 * CACHE_ENTRIES;
const L_PG = 38; // i64: the page number being looked up
const L_SLOT = 39; // i32: 16 × the data-read entry it takes
const WIDE = new Set([...Array.from({ length: 16 }, (_, r) => L_REG + r), L_FA, L_FB, L_FRES, L_EA, L_V, L_TGT, L_XRIP, L_PG]);
/** The types of the locals after the three parameters: i64 for those in WIDE, else i32. */
const LOCALS = Array.from({ length: L_SLOT - L_N + 1 }, (_, k) => (WIDE.has(L_N + k) ? I64 : I32));

// Imports: pageOk(page) → 0/1; priv(cpl) sets the privilege level and selectors syscall or sysret
// leave; fill(lo, hi, write) → 1 if the pair cache now has the page (else the access would fault).
const IMP_PAGE_OK = 0;
const IMP_PRIV = 1;
const IMP_FILL = 2;
// Functions defined in the module (after the imports): run, then miss for reads and for writes.
const FN_MISS_R = 4;
const FN_MISS_W = 5;

/** ALU sub-operations (add, or, and, xor; sub and cmp are the rest): the i64 op and the flag kind it leaves. */
const ALU_OPS: Partial<Record<number, [W, number]>> = { 0: [W.i64_add, F_ADD], 1: [W.i64_or, F_LOGIC], 4: [W.i64_and, F_LOGIC], 6: [W.i64_xor, F_LOGIC] };

/** The flag producer earlier in the same case, whose operands answer most conditions directly (else the six flags are computed). */
interface Known {
  kind: number;
  size: number;
}

/** Whether x can be compiled here. */
function supported(x: Insn): boolean {
  const wide = x.size === 4 || x.size === 8;
  const mem = x.rm < 0;
  const plainMem = !mem || (x.seg === 0 && !x.addr32);
  if (!plainMem) return false;
  switch (x.op) {
    case Op.NOP:
      return true;
    case Op.MOV_RR:
    case Op.LOAD:
    case Op.STORE:
    case Op.STORE_I:
    case Op.ALU_RR:
    case Op.ALU_RI:
    case Op.ALU_RM:
    case Op.ALU_MR:
    case Op.ALU_MI:
      return wide;
    case Op.MOV_EI:
    case Op.LEA:
    case Op.TEST_EG:
    case Op.TEST_EI:
      return wide && x.reg < 16 && x.rm < 16;
    case Op.MOVSX:
    case Op.MOVZX:
      return wide && (x.sub === 4 || (mem && (x.sub === 1 || x.sub === 2)));
    case Op.PUSH64:
    case Op.POP64:
      return true;
    case Op.PUSH_I:
    case Op.PUSH_E:
      return x.size === 8;
    case Op.LEAVE:
      return x.size === 8;
    case Op.JCC:
    case Op.JMP:
    case Op.CALL:
      return x.tgt === x.tgt;
    case Op.CALL_E:
    case Op.JMP_E:
      return x.size === 8;
    case Op.RET:
      return true;
    case Op.CBW:
    case Op.CWD:
      return x.size === 8;
    case Op.SYSCALL:
    case Op.SYSRET:
    case Op.CLI:
    case Op.STI:
      return true;
  }
  return false;
}

/** Ops that push or pop through rsp (they read it and write it). */
const STACK_OPS = new Set<Op>([Op.PUSH64, Op.POP64, Op.PUSH_I, Op.PUSH_E, Op.CALL, Op.CALL_E, Op.RET]);

/** Adds register k (a general register: 0..15) to `set`. */
function addReg(set: Set<number>, k: number): void {
  if (k >= 0 && k < 16) set.add(k);
}

/** Adds the registers x may write to `writes`. */
function writesOf(x: Insn, writes: Set<number>): void {
  switch (x.op) {
    case Op.MOV_RR:
    case Op.MOV_EI:
    case Op.ALU_RR:
    case Op.ALU_RI:
      addReg(writes, x.rm);
      break;
    case Op.LOAD:
    case Op.ALU_RM:
    case Op.LEA:
    case Op.MOVSX:
    case Op.MOVZX:
    case Op.POP64:
      addReg(writes, x.reg);
      break;
    case Op.LEAVE:
      addReg(writes, 5);
      addReg(writes, RSP);
      break;
    case Op.CBW:
      addReg(writes, 0);
      break;
    case Op.CWD:
      addReg(writes, 2);
      break;
    case Op.SYSCALL:
      addReg(writes, RCX);
      addReg(writes, R11);
      break;
  }
  if (STACK_OPS.has(x.op)) addReg(writes, RSP);
}

/** Adds the registers x reads (before writing them) to `reads`. */
function readsOf(x: Insn, reads: Set<number>): void {
  if (x.rm < 0 && !x.ripRel) {
    addReg(reads, x.base);
    addReg(reads, x.index);
  }
  switch (x.op) {
    case Op.MOV_RR:
    case Op.STORE:
    case Op.PUSH64:
    case Op.ALU_RM:
    case Op.ALU_MR:
      addReg(reads, x.reg);
      break;
    case Op.ALU_RR:
    case Op.TEST_EG:
      addReg(reads, x.reg);
      addReg(reads, x.rm);
      break;
    case Op.ALU_RI:
    case Op.TEST_EI:
    case Op.MOVSX:
    case Op.MOVZX:
    case Op.CALL_E:
    case Op.JMP_E:
      addReg(reads, x.rm);
      break;
    case Op.LEAVE:
      addReg(reads, 5);
      break;
    case Op.CBW:
    case Op.CWD:
      addReg(reads, 0);
      break;
    case Op.SYSRET:
      addReg(reads, RCX);
      addReg(reads, R11);
      break;
  }
  if (STACK_OPS.has(x.op)) addReg(reads, RSP);
}

/** The 64-bit value of an int32 pair. */
function pair(lo: number, hi: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo >>> 0);
}

/** Modules by their bytes: the same region in the next machine reuses V8's compiled code. */
const modules = new Map<string, WebAssembly.Module>();
const MAX_MODULES = 4096;

function moduleOf(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Module {
  let key = '';
  for (let i = 0; i < bytes.length; i += 4096) key += String.fromCharCode(...bytes.subarray(i, i + 4096));
  let m = modules.get(key);
  if (m === undefined) {
    if (modules.size >= MAX_MODULES) modules.clear();
    m = new WebAssembly.Module(bytes);
    modules.set(key, m);
  }
  return m;
}

/** A WebAssembly region for the plan, or null if it has an instruction this backend does not compile. */
export function compileWasmRegion(plan: RegionPlan): WasmRegion | null {
  const { insns, pageNo, labelOf, segStart } = plan;
  if (!insns.every(supported) || (plan.hostSyscalls && insns.some((x) => x.op === Op.SYSCALL))) return null;
  const written = new Set<number>();
  for (const x of insns) writesOf(x, written);
  const nseg = segStart.length;
  const npages = plan.pageBase.length;
  const segEnd = (s: number): number => (s + 1 < nseg ? segStart[s + 1]! : insns.length);
  const b = new Body();
  const reg = (r: number): number => L_REG + r;

  // Registers and the flag record live in the state block between cases: a case loads the
  // registers it reads when it starts, and stores the ones it wrote (and the flags, if it wrote
  // them) wherever it leaves, so nothing but the case number and the count is carried around the
  // loop (the engine need not keep 16 registers alive across every transition).
  let loaded = new Set<number>();
  let dirty = new Set<number>();
  let flagsDirty = false;
  let flagsLoaded = false;
  const use = (r: number): number => {
    if (!loaded.has(r)) throw new Error(`wasm region: register ${r} read before it is loaded`);
    return reg(r);
  };
  const def = (r: number): void => {
    if (!written.has(r)) throw new Error(`wasm region: register ${r} written but not in writesOf`);
    b.set(reg(r));
    loaded.add(r);
    dirty.add(r);
  };
  const loadReg = (r: number): void => {
    b.get(L_STATE).mem(M.i64_load, ST_R64 + 8 * r).set(reg(r));
    loaded.add(r);
  };
  const loadPair = (off: number, local: number): void => {
    b.get(L_STATE).mem(M.i64_load32_u, ST_FLAGS + off).get(L_STATE).mem(M.i64_load32_u, ST_FLAGS + off + 4).i64(32n).op(W.i64_shl).op(W.i64_or).set(local);
  };
  const loadFlags = (): void => {
    b.get(L_STATE).mem(M.i32_load, ST_FLAGS).set(L_FOP);
    b.get(L_STATE).mem(M.i32_load, ST_FLAGS + 4).set(L_FSIZE);
    b.get(L_STATE).mem(M.i32_load, ST_FLAGS + 8).set(L_FBITS);
    loadPair(12, L_FRES);
    loadPair(20, L_FA);
    loadPair(28, L_FB);
    b.get(L_STATE).mem(M.i32_load, ST_FLAGS + 36).set(L_FCIN);
  };
  const storePair = (off: number, local: number): void => {
    b.get(L_STATE).get(local).mem(M.i64_store, ST_FLAGS + off);
  };
  const storeFlags = (): void => {
    b.get(L_STATE).get(L_FOP).mem(M.i32_store, ST_FLAGS);
    b.get(L_STATE).get(L_FSIZE).mem(M.i32_store, ST_FLAGS + 4);
    // An ALU op leaves fBits as it was (in memory) unless the case loaded the record.
    if (flagsLoaded) b.get(L_STATE).get(L_FBITS).mem(M.i32_store, ST_FLAGS + 8);
    storePair(12, L_FRES);
    storePair(20, L_FA);
    storePair(28, L_FB);
    b.get(L_STATE).get(L_FCIN).mem(M.i32_store, ST_FLAGS + 36);
  };
  // The pair-cache set and the page caches of the current privilege (a page one level may
  // access, the other may not).
  const setOfCpl = (): void => {
    b.get(L_STATE).get(L_STATE).mem(M.i32_load, ST_CPL3).i32(SET_BYTES).op(W.i32_mul).op(W.i32_add).i32(ST_SETS).op(W.i32_add).set(L_SET);
    b.get(L_STATE).get(L_STATE).mem(M.i32_load, ST_CPL3).i32(CACHE_BYTES).op(W.i32_mul).op(W.i32_add).i32(ST_CACHE).op(W.i32_add).set(L_CSET);
  };
  const storeReg = (r: number): void => {
    b.get(L_STATE).get(reg(r)).mem(M.i64_store, ST_R64 + 8 * r);
  };
  // The flag record in locals, from the state block unless this case has written or loaded it.
  const ensureFlags = (): void => {
    if (flagsDirty || flagsLoaded) return;
    loadFlags();
    flagsLoaded = true;
  };
  // Whatever the case changed, back to the state block (before it leaves, to anywhere).
  const flush = (): void => {
    for (const r of dirty) storeReg(r);
    if (flagsDirty) storeFlags();
  };
  // Forget the page caches of both privileges (at entry: JS may have changed any mapping since).
  const forget = (): void => {
    for (let k = 0; k < 2 * CACHE_ENTRIES; k++) b.get(L_STATE).i64(-1n).mem(M.i64_store, ST_CACHE + 16 * k);
  };
  setOfCpl();
  forget();
  // The registers as 64-bit words (ST_R64) while the region runs: one load or store each, where
  // Cpu.lo and Cpu.hi keep halves (joined here, split again at the exit).
  for (let r = 0; r < 16; r++) {
    b.get(L_STATE);
    b.get(L_STATE).mem(M.i64_load32_u, ST_LO + 4 * r).get(L_STATE).mem(M.i64_load32_u, ST_HI + 4 * r).i64(32n).op(W.i64_shl).op(W.i64_or);
    b.mem(M.i64_store, ST_R64 + 8 * r);
  }

  const out = b.block();
  const top = b.loop();
  const ncases = nseg + npages;
  const caseLabels: number[] = [];
  for (let k = ncases - 1; k >= 0; k--) caseLabels[k] = b.block();
  b.get(L_PC).brTable(caseLabels, out);

  // Leaving: n += k, rip (a constant) to leave with.
  const exitAt = (k: number, rip: number): void => {
    flush();
    if (k !== 0) b.get(L_N).i32(k).op(W.i32_add).set(L_N);
    b.i64(BigInt(rip)).set(L_XRIP).br(out);
  };
  // Page q may be entered: the epoch (and privilege) it was last found good at, or ask JS.
  const pageCheck = (q: number, fail: () => void): void => {
    b.gget(q).i32(0).mem(M.i32_load, 4 * EPOCH).i32(1).op(W.i32_shl).get(L_STATE).mem(M.i32_load, ST_CPL3).op(W.i32_or).tee(L_KEY).op(W.i32_ne);
    b.if();
    b.i32(q).i32(0).i32(0).call(IMP_PAGE_OK).op(W.i32_eqz);
    b.if();
    fail();
    b.end();
    b.get(L_KEY).gset(q);
    b.end();
  };
  // Control to address t after cnt instructions of the current case (on page `from`).
  const edge = (from: number, t: number, cnt: number): void => {
    const k = labelOf.get(t);
    if (k === undefined) {
      exitAt(cnt, t);
      return;
    }
    const to = pageNo[segStart[k]!]!;
    if (to !== from) pageCheck(to, () => exitAt(cnt, t));
    flush();
    b.get(L_N).i32(cnt).op(W.i32_add).set(L_N).i32(k).set(L_PC).br(top);
  };
  // Control to the address in L_TGT after cnt instructions: the dispatch case of page `from`.
  const dynamic = (from: number, cnt: number): void => {
    flush();
    b.get(L_N).i32(cnt).op(W.i32_add).set(L_N).i32(nseg + from).set(L_PC).br(top);
  };

  // The effective address of x's memory operand into L_EA.
  const ea = (x: Insn): void => {
    if (x.ripRel) {
      b.i64(BigInt(x.next + x.disp)).set(L_EA);
      return;
    }
    let any = false;
    if (x.base >= 0) {
      b.get(use(x.base));
      any = true;
    }
    if (x.index >= 0) {
      b.get(use(x.index));
      if (x.scale !== 1) b.i64(BigInt(Math.log2(x.scale))).op(W.i64_shl);
      if (any) b.op(W.i64_add);
      any = true;
    }
    if (!any) b.i64(BigInt(x.disp));
    else if (x.disp !== 0) b.i64(BigInt(x.disp)).op(W.i64_add);
    b.set(L_EA);
  };
  // L_PHYS ← where in WMEM the `size` bytes at L_EA are, or leave before the instruction.
  // L_PHYS ← where in WMEM the `size` bytes at L_EA are. The page cache first, then the pair
  // cache; a page it misses is looked up by JS (which fills the pair cache) and tried once more.
  // An access that would cross the page, fault, or reach a frame outside WMEM leaves instead.
  const translate = (size: number, write: boolean, stack: boolean, fail: () => void): void => {
    // The cache's entries: reads of data (the kernel's variables, sys_call_table, the task: several
    // pages per system call) have DATA_WAYS, chosen by the page number's low bits; the rest one each.
    const first = write ? (stack ? DATA_WAYS + 2 : DATA_WAYS + 1) : stack ? DATA_WAYS : 0;
    const ways = first === 0 ? DATA_WAYS : 1;
    // The entry's address (its page number at +0, its base at +8), less 16 * first.
    const entry = (): void => {
      b.get(L_CSET);
      if (ways > 1) b.get(L_SLOT).op(W.i32_add);
    };
    b.get(L_EA).op(W.i32_wrap_i64).tee(L_LO).i32(4095).op(W.i32_and).i32(4096 - size).op(W.i32_gt_u);
    b.if();
    fail();
    b.end();
    b.get(L_EA).i64(12n).op(W.i64_shr_u).set(L_PG);
    if (ways > 1) b.get(L_PG).op(W.i32_wrap_i64).i32(ways - 1).op(W.i32_and).i32(4).op(W.i32_shl).set(L_SLOT);
    b.get(L_PG);
    entry();
    b.mem(M.i64_load, 16 * first).op(W.i64_eq);
    b.if();
    entry();
    b.mem(M.i32_load, 16 * first + 8).set(L_PHYS);
    b.else();
    b.get(L_SET).get(L_LO).get(L_EA).i64(32n).op(W.i64_shr_u).op(W.i32_wrap_i64).call(write ? FN_MISS_W : FN_MISS_R).tee(L_PHYS).i32(0).op(W.i32_lt_s);
    b.if();
    fail();
    b.end();
    entry();
    b.get(L_PG).mem(M.i64_store, 16 * first);
    entry();
    b.get(L_PHYS).mem(M.i32_store, 16 * first + 8);
    b.end();
    b.get(L_PHYS).get(L_LO).i32(4095).op(W.i32_and).op(W.i32_add).set(L_PHYS);
  };
  // Pushes onto the value stack: the loaded value (i64, zero-extended), address in L_PHYS.
  const load = (size: number): void => {
    b.get(L_PHYS).mem(size === 8 ? M.i64_load : M.i64_load32_u);
  };
  // Stores the i64 in L_V at L_PHYS.
  const store = (size: number): void => {
    b.get(L_PHYS).get(L_V).mem(size === 8 ? M.i64_store : M.i64_store32);
  };
  // Register r ← the i64 on the value stack, as a write of `size` does (4: zero-extends).
  const setReg = (r: number, size: number): void => {
    if (size === 4) b.i64(0xffffffffn).op(W.i64_and);
    def(r);
  };
  // A value of `size` bytes sign-extended to 64 bits (the lazy-flag record's convention).
  const sx = (size: number): void => {
    if (size === 4) b.op(W.i32_wrap_i64).op(W.i64_extend_i32_s);
  };
  // The flag record of an ALU op: a, b in L_FA, L_FB (sign-extended from size), result in L_FRES.
  const aluOp = (sub: number, size: number): number => {
    const [op, kind] = ALU_OPS[sub] ?? [W.i64_sub, F_SUB]; // 5 sub, 7 cmp
    b.get(L_FA).get(L_FB).op(op);
    sx(size);
    b.set(L_FRES);
    b.i32(kind).set(L_FOP).i32(size).set(L_FSIZE).i32(0).set(L_FCIN);
    flagsDirty = true;
    return kind;
  };
  // The six arithmetic flags as rflags bits (an i32 on the value stack): flags.ts's materialize.
  // Operands of sizes below 8 are sign-extended from 32 bits, so one 64-bit formula serves all.
  const materializeFlags = (): void => {
    ensureFlags();
    const done = b.block();
    b.get(L_FOP).op(W.i32_eqz);
    b.if();
    b.get(L_FBITS).set(L_BITS).br(done);
    b.end();
    const norm = (from: number, to: number): void => {
      b.get(from).get(from).op(W.i32_wrap_i64).op(W.i64_extend_i32_s).get(L_FSIZE).i32(8).op(W.i32_eq).op(W.select).set(to);
    };
    norm(L_FA, L_EA);
    norm(L_FB, L_V);
    norm(L_FRES, L_XRIP);
    const A = L_EA;
    const B = L_V;
    const R = L_XRIP;
    // PF (even parity of the low byte), ZF, SF.
    b.get(R).op(W.i32_wrap_i64).i32(255).op(W.i32_and).op(W.i32_popcnt).i32(1).op(W.i32_and).op(W.i32_eqz).i32(2).op(W.i32_shl);
    b.get(R).op(W.i64_eqz).i32(6).op(W.i32_shl).op(W.i32_or);
    b.get(R).i64(0n).op(W.i64_lt_s).i32(7).op(W.i32_shl).op(W.i32_or).set(L_BITS);
    b.get(L_FOP).i32(F_LOGIC).op(W.i32_eq).brIf(done);
    // AF.
    b.get(L_BITS).get(A).get(B).op(W.i64_xor).get(R).op(W.i64_xor).op(W.i32_wrap_i64).i32(AF).op(W.i32_and).op(W.i32_or).set(L_BITS);
    const orBits = (): void => {
      b.get(L_BITS).op(W.i32_or).set(L_BITS);
    };
    // CF: INC/DEC keep it in fCin; else an unsigned borrow or carry (with the carry in).
    const carry = (x: number, y: number, incdec: number): void => {
      b.get(L_FOP).i32(incdec).op(W.i32_eq);
      b.if();
      b.get(L_FCIN);
      orBits();
      b.else();
      b.get(x).get(y).op(W.i64_lt_u).get(L_FCIN).i32(0).op(W.i32_ne).get(x).get(y).op(W.i64_eq).op(W.i32_and).op(W.i32_or);
      orBits();
      b.end();
    };
    b.get(L_FOP).i32(F_ADD).op(W.i32_eq).get(L_FOP).i32(F_ADC).op(W.i32_eq).op(W.i32_or).get(L_FOP).i32(F_INC).op(W.i32_eq).op(W.i32_or);
    b.if();
    carry(R, A, F_INC);
    // OF: the operands agree in sign and the result does not.
    b.get(A).get(B).op(W.i64_xor).i64(-1n).op(W.i64_xor).get(A).get(R).op(W.i64_xor).op(W.i64_and).i64(0n).op(W.i64_lt_s).i32(11).op(W.i32_shl);
    orBits();
    b.else();
    carry(A, B, F_DEC);
    b.get(A).get(B).op(W.i64_xor).get(A).get(R).op(W.i64_xor).op(W.i64_and).i64(0n).op(W.i64_lt_s).i32(11).op(W.i32_shl);
    orBits();
    b.end();
    b.end();
    b.get(L_BITS);
  };
  // The condition cc as an i32 (0/1) on the value stack.
  const cond = (cc: number, known: Known | null): void => {
    const w = known !== null && known.size === 8;
    const cmp = (op64: W, op32: W, a: number, bb: number | null): void => {
      b.get(a);
      if (!w) b.op(W.i32_wrap_i64);
      if (bb === null) {
        if (w) b.i64(0n);
        else b.i32(0);
      } else {
        b.get(bb);
        if (!w) b.op(W.i32_wrap_i64);
      }
      b.op(w ? op64 : op32);
    };
    if (known !== null && known.kind === F_SUB) {
      const t: Record<number, [W, W] | undefined> = {
        2: [W.i64_lt_u, W.i32_lt_u],
        3: [W.i64_ge_u, W.i32_ge_u],
        4: [W.i64_eq, W.i32_eq],
        5: [W.i64_ne, W.i32_ne],
        6: [W.i64_le_u, W.i32_le_u],
        7: [W.i64_gt_u, W.i32_gt_u],
        12: [W.i64_lt_s, W.i32_lt_s],
        13: [W.i64_ge_s, W.i32_ge_s],
        14: [W.i64_le_s, W.i32_le_s],
        15: [W.i64_gt_s, W.i32_gt_s],
      };
      const o = t[cc];
      if (o !== undefined) {
        cmp(o[0], o[1], L_FA, L_FB);
        return;
      }
    }
    if (known !== null && (known.kind === F_LOGIC || ((known.kind === F_ADD || known.kind === F_SUB) && (cc === 4 || cc === 5 || cc === 8 || cc === 9)))) {
      const logic = known.kind === F_LOGIC;
      switch (cc) {
        case 4:
          return cmp(W.i64_eq, W.i32_eq, L_FRES, null);
        case 5:
          return cmp(W.i64_ne, W.i32_ne, L_FRES, null);
        case 8:
        case 12:
          if (cc === 8 || logic) return cmp(W.i64_lt_s, W.i32_lt_s, L_FRES, null);
          break;
        case 9:
        case 13:
          if (cc === 9 || logic) return cmp(W.i64_ge_s, W.i32_ge_s, L_FRES, null);
          break;
        case 14:
          return cmp(W.i64_le_s, W.i32_le_s, L_FRES, null);
        case 15:
          return cmp(W.i64_gt_s, W.i32_gt_s, L_FRES, null);
        case 0:
        case 2:
          b.i32(0);
          return;
        case 1:
        case 3:
          b.i32(1);
          return;
        case 6:
          return cmp(W.i64_eq, W.i32_eq, L_FRES, null);
        case 7:
          return cmp(W.i64_ne, W.i32_ne, L_FRES, null);
      }
    }
    // Any other producer: the six flags, then the condition from them.
    materializeFlags();
    b.set(L_BITS);
    const bit = (f: number): void => {
      b.get(L_BITS).i32(f).op(W.i32_and).i32(0).op(W.i32_ne);
    };
    const sNeO = (): void => {
      bit(SF);
      bit(OF);
      b.op(W.i32_ne);
    };
    switch (cc >> 1) {
      case 0:
        bit(OF);
        break;
      case 1:
        bit(CF);
        break;
      case 2:
        bit(ZF);
        break;
      case 3:
        bit(CF | ZF);
        break;
      case 4:
        bit(SF);
        break;
      case 5:
        bit(PF);
        break;
      case 6:
        sNeO();
        break;
      default:
        bit(ZF);
        sNeO();
        b.op(W.i32_or);
    }
    if (cc & 1) b.op(W.i32_eqz);
  };

  for (let s = 0; s < nseg; s++) {
    b.end(); // case s starts here
    const from = segStart[s]!;
    const to = segEnd(s);
    loaded = new Set();
    dirty = new Set();
    flagsDirty = false;
    flagsLoaded = false;
    const reads = new Set<number>();
    for (let i = from; i < to; i++) readsOf(insns[i]!, reads);
    for (const r of reads) loadReg(r);
    // The budget: the whole case must fit.
    b.get(L_N).i32(to - from).op(W.i32_add).get(L_LIM).op(W.i32_gt_s);
    b.if();
    exitAt(0, insns[from]!.addr);
    b.end();
    let known: Known | null = null;
    let ended = false;
    for (let i = from; i < to; i++) {
      const x = insns[i]!;
      const j = i - from;
      const pg = pageNo[i]!;
      const last = i === to - 1;
      const leave = (): void => exitAt(j, x.addr);
      const size = x.size;
      switch (x.op) {
        case Op.NOP:
          break;
        case Op.MOV_RR:
          b.get(use(x.reg));
          setReg(x.rm, size);
          break;
        case Op.MOV_EI:
        case Op.STORE_I:
          if (x.rm >= 0) {
            b.i64(size === 8 ? pair(x.immLo, x.immHi) : BigInt(x.immLo >>> 0));
            setReg(x.rm, 8);
          } else {
            ea(x);
            translate(size, true, stk(x), leave);
            b.i64(pair(x.immLo, x.immHi)).set(L_V);
            store(size);
          }
          break;
        case Op.LOAD:
          ea(x);
          translate(size, false, stk(x), leave);
          load(size);
          def(x.reg);
          break;
        case Op.STORE:
          ea(x);
          translate(size, true, stk(x), leave);
          b.get(use(x.reg)).set(L_V);
          store(size);
          break;
        case Op.LEA:
          ea(x);
          b.get(L_EA);
          setReg(x.reg, size);
          break;
        case Op.MOVSX:
        case Op.MOVZX: {
          const signed = x.op === Op.MOVSX;
          if (x.rm >= 0) {
            // sub 4 (movslq): the low half of the source register.
            b.get(use(x.rm)).op(W.i32_wrap_i64).op(signed ? W.i64_extend_i32_s : W.i64_extend_i32_u);
          } else {
            ea(x);
            translate(x.sub, false, stk(x), leave);
            b.get(L_PHYS);
            // i64.load8_s/u = 0x30/0x31, load16_s/u = 0x32/0x33, load32_s/u = 0x34/0x35
            const opc = x.sub === 1 ? (signed ? 0x30 : 0x31) : x.sub === 2 ? (signed ? 0x32 : 0x33) : signed ? M.i64_load32_s : M.i64_load32_u;
            b.mem(opc as M, 0);
          }
          setReg(x.reg, size);
          break;
        }
        case Op.ALU_RR:
        case Op.ALU_RI:
        case Op.ALU_RM:
        case Op.ALU_MR:
        case Op.ALU_MI:
        case Op.TEST_EG:
        case Op.TEST_EI: {
          const toMem = x.op === Op.ALU_MR || x.op === Op.ALU_MI || ((x.op === Op.TEST_EG || x.op === Op.TEST_EI) && x.rm < 0);
          const isTest = x.op === Op.TEST_EG || x.op === Op.TEST_EI;
          const sub = isTest ? 4 : x.sub;
          const writes = !isTest && sub !== 7;
          // a
          if (toMem) {
            ea(x);
            translate(size, writes, stk(x), leave);
            load(size);
          } else if (x.op === Op.ALU_RM) b.get(use(x.reg));
          else b.get(use(x.rm));
          sx(size);
          b.set(L_FA);
          // b
          if (x.op === Op.ALU_RM) {
            ea(x);
            translate(size, false, stk(x), leave);
            load(size);
          } else if (x.op === Op.ALU_RI || x.op === Op.ALU_MI || x.op === Op.TEST_EI) b.i64(size === 8 ? pair(x.immLo, x.immHi) : BigInt(x.immLo));
          else b.get(use(x.reg));
          sx(size);
          b.set(L_FB);
          const kind = aluOp(sub, size);
          if (writes) {
            if (toMem) {
              b.get(L_FRES).set(L_V);
              store(size);
            } else {
              b.get(L_FRES);
              setReg(x.op === Op.ALU_RM ? x.reg : x.rm, size);
            }
          }
          known = { kind, size };
          break;
        }
        case Op.PUSH64:
        case Op.PUSH_I:
        case Op.PUSH_E:
        case Op.CALL:
        case Op.CALL_E: {
          // The value first (push %rsp pushes the old rsp), then the slot.
          if (x.op === Op.PUSH64) b.get(use(x.reg)).set(L_V);
          else if (x.op === Op.PUSH_I) b.i64(pair(x.immLo, x.immHi)).set(L_V);
          else if (x.op === Op.CALL) b.i64(BigInt(x.next)).set(L_V);
          else {
            // push [mem] / call *E: read the operand (call *: the target, canonical).
            if (x.rm >= 0) b.get(use(x.rm)).set(L_TGT);
            else {
              ea(x);
              translate(8, false, stk(x), leave);
              load(8);
              b.set(L_TGT);
            }
            if (x.op === Op.PUSH_E) b.get(L_TGT).set(L_V);
            else {
              canonical(b, L_TGT);
              b.op(W.i32_eqz).if();
              leave();
              b.end();
              b.i64(BigInt(x.next)).set(L_V);
            }
          }
          b.get(use(RSP)).i64(8n).op(W.i64_sub).set(L_EA);
          translate(8, true, true, leave);
          store(8);
          b.get(L_EA); def(RSP);
          if (x.op === Op.CALL) {
            edge(pg, x.tgt, j + 1);
            ended = true;
          } else if (x.op === Op.CALL_E) {
            dynamic(pg, j + 1);
            ended = true;
          }
          break;
        }
        case Op.POP64:
        case Op.RET:
        case Op.LEAVE: {
          if (x.op === Op.LEAVE) b.get(use(5)).set(L_EA);
          else b.get(use(RSP)).set(L_EA);
          translate(8, false, true, leave);
          load(8);
          b.set(L_V);
          if (x.op === Op.RET) {
            canonical(b, L_V);
            b.op(W.i32_eqz).if();
            leave();
            b.end();
            b.get(L_EA).i64(BigInt(8 + x.immLo)).op(W.i64_add); def(RSP);
            b.get(L_V).set(L_TGT);
            dynamic(pg, j + 1);
            ended = true;
          } else if (x.op === Op.LEAVE) {
            b.get(L_EA).i64(8n).op(W.i64_add); def(RSP);
            b.get(L_V); def(5);
          } else {
            b.get(L_EA).i64(8n).op(W.i64_add); def(RSP);
            b.get(L_V); def(x.reg);
          }
          break;
        }
        case Op.CBW: // cdqe
          b.get(use(0)).op(W.i32_wrap_i64).op(W.i64_extend_i32_s); def(0);
          break;
        case Op.CWD: // cqo
          b.get(use(0)).i64(63n).op(W.i64_shr_s); def(2);
          break;
        case Op.JMP:
          if (labelOf.get(x.tgt) === s + 1 && s + 1 < nseg && pageNo[to] === pg) {
            flush();
            b.get(L_N).i32(j + 1).op(W.i32_add).set(L_N);
          }
          else edge(pg, x.tgt, j + 1);
          ended = true;
          break;
        case Op.JMP_E:
          if (x.rm >= 0) b.get(use(x.rm)).set(L_TGT);
          else {
            ea(x);
            translate(8, false, stk(x), leave);
            load(8);
            b.set(L_TGT);
          }
          canonical(b, L_TGT);
          b.op(W.i32_eqz).if();
          leave();
          b.end();
          dynamic(pg, j + 1);
          ended = true;
          break;
        case Op.JCC:
          cond(x.sub, known);
          b.if();
          edge(pg, x.tgt, j + 1);
          b.end();
          break;
        case Op.CLI:
        case Op.STI:
          // At CPL 0 only IF changes (the wrapper brings attention up to date): sti leaves when an
          // interrupt is pending, so the careful path delivers it before the next instruction.
          // Elsewhere (#GP above IOPL) the run loop interprets it.
          b.get(L_STATE).mem(M.i32_load, ST_CPL);
          b.if();
          leave();
          b.end();
          b.get(L_STATE).get(L_STATE).mem(M.i32_load, ST_RFREST);
          if (x.op === Op.CLI) b.i32(~IF).op(W.i32_and);
          else b.i32(IF).op(W.i32_or);
          b.mem(M.i32_store, ST_RFREST);
          if (x.op === Op.STI) {
            b.get(L_STATE).mem(M.i32_load, ST_PENDING);
            b.if();
            exitAt(j + 1, x.next);
            b.end();
          }
          break;
        case Op.SYSCALL:
        case Op.SYSRET: {
          // system.ts's syscall and sysret, with the new privilege's selectors set by JS (priv).
          // What would fault (a non-canonical LSTAR or rcx, sysret outside CPL 0) leaves first.
          if (x.op === Op.SYSCALL) {
            b.get(L_STATE).mem(M.i32_load, ST_LSTAR_OK).op(W.i32_eqz);
            b.if();
            leave();
            b.end();
            // rcx ← the next rip, r11 ← rflags; then rflags &= ~FMASK.
            materializeFlags();
            b.get(L_STATE).mem(M.i32_load, ST_RFREST).op(W.i32_or).i32(2).op(W.i32_or).i32(~RF).op(W.i32_and).set(L_BITS);
            b.i64(BigInt(x.next)); def(RCX);
            b.get(L_BITS).op(W.i64_extend_i32_u); def(R11);
            b.get(L_BITS).get(L_STATE).mem(M.i32_load, ST_FMASK).i32(-1).op(W.i32_xor).op(W.i32_and).set(L_BITS);
            b.get(L_STATE).mem(M.i64_load, ST_LSTAR).set(L_TGT);
          } else {
            b.get(L_STATE).mem(M.i32_load, ST_CPL);
            canonical(b, use(RCX));
            b.op(W.i32_eqz).op(W.i32_or);
            b.if();
            leave();
            b.end();
            b.get(use(R11)).op(W.i32_wrap_i64).i32(RFLAGS_WRITABLE).op(W.i32_and).i32(2).op(W.i32_or).set(L_BITS);
            b.get(use(RCX)).set(L_TGT);
          }
          // setRflags(L_BITS).
          ensureFlags();
          b.i32(0).set(L_FOP).get(L_BITS).i32(ARITH).op(W.i32_and).set(L_FBITS);
          // Every field of the record is in locals now (loaded, or written by an ALU op and fBits here).
          flagsDirty = true;
          flagsLoaded = true;
          b.get(L_STATE).get(L_BITS).i32(~ARITH & 0x3f7fff).op(W.i32_and).i32(2).op(W.i32_or).mem(M.i32_store, ST_RFREST);
          b.i32(x.op === Op.SYSCALL ? 0 : 3).i32(0).i32(0).call(IMP_PRIV).op(W.drop);
          setOfCpl();
          // TF now set, or IF with an interrupt pending: the careful path runs the next instruction.
          b.get(L_STATE).mem(M.i32_load, ST_RFREST).tee(L_BITS).i32(TF).op(W.i32_and).i32(0).op(W.i32_ne);
          b.get(L_BITS).i32(IF).op(W.i32_and).i32(0).op(W.i32_ne).get(L_STATE).mem(M.i32_load, ST_PENDING).i32(0).op(W.i32_ne).op(W.i32_and).op(W.i32_or);
          b.if();
          flush();
          b.get(L_N).i32(j + 1).op(W.i32_add).set(L_N).get(L_TGT).set(L_XRIP).br(out);
          b.end();
          dynamic(pg, j + 1);
          ended = true;
          known = null;
          break;
        }
        default:
          throw new Error(`wasm region: op ${x.op} passed supported() but has no code`);
      }
      if (ended) {
        if (!last) throw new Error('wasm region: a transfer in the middle of a case');
        break;
      }
      if (last) {
        const cnt = j + 1;
        if (to < insns.length && insns[to]!.addr === x.next && plan.fallsThrough(x) && pageNo[to] === pg && s + 1 < nseg) {
          flush();
          b.get(L_N).i32(cnt).op(W.i32_add).set(L_N);
        }
        else edge(pg, x.next, cnt);
      }
    }
  }
  // The dispatch cases: L_TGT against every label (return sites first), else leave.
  const order = [...labelOf.entries()].sort((p, q) => Number(isReturnSite(insns, q[0])) - Number(isReturnSite(insns, p[0])));
  loaded = new Set();
  dirty = new Set();
  flagsDirty = false;
  flagsLoaded = false;
  for (let from = 0; from < npages; from++) {
    b.end();
    for (const [a, k] of order) {
      b.get(L_TGT).i64(BigInt(a)).op(W.i64_eq).if();
      const to = pageNo[segStart[k]!]!;
      if (to !== from) pageCheck(to, () => exitAt(0, a));
      b.i32(k).set(L_PC).br(top);
      b.end();
    }
    b.get(L_TGT).set(L_XRIP).br(out);
  }
  b.end(); // loop
  b.end(); // out
  // ---- the one exit: registers (halves again), rip ----
  for (const r of written) {
    b.get(L_STATE).get(L_STATE).mem(M.i32_load, ST_R64 + 8 * r).mem(M.i32_store, ST_LO + 4 * r);
    b.get(L_STATE).get(L_STATE).mem(M.i32_load, ST_R64 + 8 * r + 4).mem(M.i32_store, ST_HI + 4 * r);
  }
  b.get(L_STATE).get(L_XRIP).mem(M.i64_store, ST_RIP);
  b.get(L_N);

  const bytes = moduleBytes({
    imports: ['pageOk', 'priv', 'fill'],
    globals: npages,
    functions: [{ params: [I32, I32, I32], result: I32, locals: LOCALS, body: b }, miss(false), miss(true)],
    memPages: WMEM_PAGES,
  });
  const mod = moduleOf(bytes);

  let cur: Cpu | null = null;
  const hasSyscall = insns.some((x) => x.op === Op.SYSCALL);
  const inst = new WebAssembly.Instance(mod, {
    m: {
      mem: WMEM,
      pageOk: (q: number): number => {
        const c = cur!;
        return c.codeFrame(plan.pageBase[q]!) === plan.frames[q] && plan.frames[q]!.code === plan.codes[q] ? 1 : 0;
      },
      // The selectors and privilege syscall (cpl 0) or sysret (3) leaves (system.ts).
      priv: (cpl: number): number => {
        const c = cur!;
        const m = syscallMsrs(c);
        if (cpl === 0) {
          c.cs = m.syscallCs & 0xfffc;
          c.ss = (m.syscallCs + 8) & 0xffff;
        } else {
          c.cs = ((m.sysretCs + 16) & 0xffff) | 3;
          c.ss = ((m.sysretCs + 8) & 0xffff) | 3;
        }
        c.cpl = cpl;
        return 0;
      },
      // 0 if the access would fault: the run loop interprets the instruction and raises it.
      fill: (lo: number, hi: number, write: number): number => (cur!.tryNotePair(lo, hi, write === 1) ? 1 : 0),
    },
  });
  const run = inst.exports.run as (state: number, lim: number, pc: number) => number;
  const region = (c: Cpu, lim: number, pc: number): number => {
    const st = c.state.base;
    if (st < 0) return 0;
    const F = c.state.flags;
    flagsOut(c, F);
    if (hasSyscall) {
      const m = syscallMsrs(c);
      const W = c.state.msrs;
      W[0] = m.lstar | 0;
      W[1] = Math.floor(m.lstar / 4294967296) | 0;
      W[2] = m.lstar === m.lstar ? 1 : 0;
      W[3] = m.fmask;
    }
    cur = c;
    const n = run(st, lim, pc);
    // cli and sti changed IF in the state block.
    c.updateAttention();
    flagsIn(c, F);
    const R = c.state.rip;
    c.rip = R[1]! * 4294967296 + (R[0]! >>> 0);
    return n;
  };
  wasmRegions.add(region);
  return region;
}

const wasmRegions = new WeakSet<object>();

/** Whether fn (an Insn's block) is a WebAssembly region (tests: the backend was really used). */
export function isWasmRegion(fn: unknown): boolean {
  return typeof fn === 'function' && wasmRegions.has(fn);
}

/** The lazy-flag record from the state block's words into f. */
function flagsIn(f: LazyFlags, F: Int32Array): void {
  f.fOp = F[0]!;
  f.fSize = F[1]!;
  f.fBits = F[2]!;
  f.fRes = F[3]!;
  f.fResHi = F[4]!;
  f.fA = F[5]!;
  f.fAHi = F[6]!;
  f.fB = F[7]!;
  f.fBHi = F[8]!;
  f.fCin = F[9]!;
}

/** c's lazy-flag record into the state block's words. */
function flagsOut(f: LazyFlags, F: Int32Array): void {
  F[0] = f.fOp;
  F[1] = f.fSize;
  F[2] = f.fBits;
  F[3] = f.fRes;
  F[4] = f.fResHi;
  F[5] = f.fA;
  F[6] = f.fAHi;
  F[7] = f.fB;
  F[8] = f.fBHi;
  F[9] = f.fCin;
}

/** Whether a is where some call in the region returns to. */
function isReturnSite(insns: Insn[], a: number): boolean {
  return insns.some((x) => (x.op === Op.CALL || x.op === Op.CALL_E) && x.next === a);
}

/**
 * miss(set, lo, hi) → the WMEM base of the page at (lo, hi) in the pair-cache set at `set`, or -1:
 * a page the set does not have is looked up by JS (fill, which fills the set) and tried once more;
 * -1 if the access would fault, or the frame is outside WMEM (or, for writes, has decoded code).
 * Out of line: the common case (the page cache) stays small in run.
 */
function miss(write: boolean): FunctionShape {
  const SET = 0;
  const LO = 1;
  const HI = 2;
  const E = 3;
  const TRY = 4;
  const b = new Body();
  const retry = b.loop();
  // The slot (pairSlot in cpu.ts): ((lo >>> 12) ^ hi) & 255, as a byte offset into the set.
  b.get(SET).get(LO).i32(12).op(W.i32_shr_u).get(HI).op(W.i32_xor).i32(255).op(W.i32_and).i32(2).op(W.i32_shl).op(W.i32_add).set(E);
  b.get(E).mem(M.i32_load, write ? SET_WTAG_LO : SET_TAG_LO).get(LO).i32(12).op(W.i32_shr_u).op(W.i32_eq);
  b.get(E).mem(M.i32_load, write ? SET_WTAG_HI : SET_TAG_HI).get(HI).op(W.i32_eq).op(W.i32_and);
  // A base of -1: outside WMEM, or (writes) a frame that had code when the entry was filled.
  b.get(E).mem(M.i32_load, write ? SET_WBASE : SET_BASE).i32(0).op(W.i32_ge_s).op(W.i32_and);
  b.if();
  b.get(E).mem(M.i32_load, write ? SET_WBASE : SET_BASE).ret();
  b.end();
  b.get(TRY);
  b.if();
  b.i32(-1).ret();
  b.end();
  b.get(LO).get(HI).i32(write ? 1 : 0).call(IMP_FILL).op(W.i32_eqz);
  b.if();
  b.i32(-1).ret();
  b.end();
  b.i32(1).set(TRY).br(retry);
  b.end();
  b.op(W.unreachable);
  return { params: [I32, I32, I32], result: I32, locals: [I32, I32], body: b };
}

/** Whether x's memory operand is on the stack (based on rsp or rbp): it gets the stack's page caches. */
function stk(x: Insn): boolean {
  return !x.ripRel && (x.base === RSP || x.base === 5);
}

/** Pushes 1 if the i64 in `local` is a canonical address (bits 63..47 equal), else 0. */
function canonical(b: Body, local: number): void {
  b.get(local).i64(16n).op(W.i64_shl).i64(16n).op(W.i64_shr_s).get(local).op(W.i64_eq);
}
