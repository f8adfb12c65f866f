// The executor: one switch case per Op. An instruction either completes (registers, memory,
// flags and rip all updated) or throws CpuFault before changing anything visible: memory
// destinations are probed for writability before flags or registers change, pushes write
// before moving rsp, and rip advances only at the end.
import { alu, divide, divide32, imulTrunc, incdec, logicFlags, mulWide, shift, shiftDouble, sx, zx } from './alu.js';
import { CpuFault, RAX, RCX, RDI, RSI, RSP, RBP, VEC_GP, VEC_UD, type Cpu } from './cpu.js';
import { AF, CF, condition, DF, materialize, PF, SF, ZF } from './flags.js';
import { Op, SEG_FS, type Insn } from './insn.js';
import { CANON_LIMIT, dropCode } from './mmu.js';
import * as sys from './system.js';

const TWO32 = 4294967296;

/** Effective address of d's memory operand, with segment base; #GP if not canonical. */
export function effAddr(c: Cpu, d: Insn): number {
  let a: number;
  if (d.ripRel) a = d.next + d.disp;
  else {
    a = d.disp;
    const b = d.base;
    if (b >= 0) a += c.hi[b]! * TWO32 + (c.lo[b]! >>> 0);
    const i = d.index;
    if (i >= 0) a += (c.hi[i]! * TWO32 + (c.lo[i]! >>> 0)) * d.scale;
    if (d.addr32) a = a >>> 0; // 67 prefix: 32-bit address arithmetic
  }
  if (d.seg !== 0) a += d.seg === SEG_FS ? c.fsBase : c.gsBase;
  if (!(a >= -CANON_LIMIT && a < CANON_LIMIT)) throw new CpuFault(VEC_GP, 0);
  return a;
}

/** Reads the r/m operand at the instruction's size (high half in c.tHi for size 8). */
function readE(c: Cpu, d: Insn): number {
  if (d.rm >= 0) return c.readReg(d.rm, d.size);
  const a = effAddr(c, d);
  c.ea = a;
  return c.readMem(a, d.size);
}

/** Reads the r/m operand at an explicit size (movzx/movsx sources, bit tests). */
function readEs(c: Cpu, d: Insn, size: number): number {
  if (d.rm >= 0) return c.readReg(d.rm, size);
  const a = effAddr(c, d);
  c.ea = a;
  return c.readMem(a, size);
}

/** Reads a read-modify-write destination, first making sure the write-back cannot fault. */
function readEW(c: Cpu, d: Insn): number {
  if (d.rm >= 0) return c.readReg(d.rm, d.size);
  const a = effAddr(c, d);
  c.ea = a;
  c.probeWrite(a, d.size);
  return c.readMem(a, d.size);
}

/** Writes the r/m operand (memory at the address readE/readEW computed). */
function writeEAgain(c: Cpu, d: Insn, lo: number, hi: number): void {
  if (d.rm >= 0) c.writeReg(d.rm, d.size, lo, hi);
  else c.writeMem(c.ea, d.size, lo, hi);
}

/** Writes the r/m operand, computing its address. */
function writeE(c: Cpu, d: Insn, size: number, lo: number, hi: number): void {
  if (d.rm >= 0) c.writeReg(d.rm, size, lo, hi);
  else c.writeMem(effAddr(c, d), size, lo, hi);
}

function target(a: number): number {
  if (!(a >= -CANON_LIMIT && a < CANON_LIMIT)) throw new CpuFault(VEC_GP, 0);
  return a;
}

function asAddr(lo: number, hi: number): number {
  return target(hi * TWO32 + (lo >>> 0));
}

export function push(c: Cpu, size: number, lo: number, hi: number): void {
  const sp = c.hi[RSP]! * TWO32 + (c.lo[RSP]! >>> 0) - size;
  c.writeMem(target(sp), size, lo, hi);
  c.setRegAddr(RSP, sp);
}

/** Pops size bytes (value returned, high half in tHi); rsp moves only after the read succeeded. */
export function pop(c: Cpu, size: number): number {
  const sp = c.hi[RSP]! * TWO32 + (c.lo[RSP]! >>> 0);
  const v = c.readMem(target(sp), size);
  const hi = c.tHi;
  c.setRegAddr(RSP, sp + size);
  c.tHi = hi;
  return v;
}

function opMovEg(c: Cpu, d: Insn): void {
  const size = d.size;
  const v = c.readReg(d.reg, size);
  writeE(c, d, size, v, c.tHi);
  c.rip = d.next;
}

function opMovGe(c: Cpu, d: Insn): void {
  const size = d.size;
  const v = readE(c, d);
  c.writeReg(d.reg, size, v, c.tHi);
  c.rip = d.next;
}

function opMovEi(c: Cpu, d: Insn): void {
  const size = d.size;
  writeE(c, d, size, d.immLo, d.immHi);
  c.rip = d.next;
}

function opMovzx(c: Cpu, d: Insn): void {
  const size = d.size;
  const v = readEs(c, d, d.sub);
  c.writeReg(d.reg, size, v, 0);
  c.rip = d.next;
}

function opMovsx(c: Cpu, d: Insn): void {
  const size = d.size;
  const v = sx(readEs(c, d, d.sub), d.sub);
  c.writeReg(d.reg, size, v, v >> 31);
  c.rip = d.next;
}

function opLea(c: Cpu, d: Insn): void {
  lea(c, d);
  c.rip = d.next;
}

function opAluEg(c: Cpu, d: Insn): void {
  const size = d.size;
  const a = d.sub === 7 ? readE(c, d) : readEW(c, d);
  const aHi = c.tHi;
  const b = c.readReg(d.reg, size);
  const r = alu(c, d.sub, size, a, aHi, b, c.tHi);
  if (d.sub !== 7) writeEAgain(c, d, r, c.tHi);
  c.rip = d.next;
}

function opAluGe(c: Cpu, d: Insn): void {
  const size = d.size;
  const b = readE(c, d);
  const bHi = c.tHi;
  const a = c.readReg(d.reg, size);
  const r = alu(c, d.sub, size, a, c.tHi, b, bHi);
  if (d.sub !== 7) c.writeReg(d.reg, size, r, c.tHi);
  c.rip = d.next;
}

function opAluEi(c: Cpu, d: Insn): void {
  const size = d.size;
  const a = d.sub === 7 ? readE(c, d) : readEW(c, d);
  const r = alu(c, d.sub, size, a, c.tHi, d.immLo, d.immHi);
  if (d.sub !== 7) writeEAgain(c, d, r, c.tHi);
  c.rip = d.next;
}

function opTestEg(c: Cpu, d: Insn): void {
  const size = d.size;
  const a = readE(c, d);
  const aHi = c.tHi;
  const b = c.readReg(d.reg, size);
  logicFlags(c, size, a & b, aHi & c.tHi);
  c.rip = d.next;
}

function opTestEi(c: Cpu, d: Insn): void {
  const size = d.size;
  const a = readE(c, d);
  logicFlags(c, size, a & d.immLo, c.tHi & d.immHi);
  c.rip = d.next;
}

function opInc(c: Cpu, d: Insn): void {
  const size = d.size;
  const a = readEW(c, d);
  const r = incdec(c, size, a, c.tHi, d.op === Op.INC ? 1 : -1);
  writeEAgain(c, d, r, c.tHi);
  c.rip = d.next;
}

function opNeg(c: Cpu, d: Insn): void {
  const size = d.size;
  const a = readEW(c, d);
  const r = alu(c, 5, size, 0, 0, a, c.tHi);
  writeEAgain(c, d, r, c.tHi);
  c.rip = d.next;
}

function opNot(c: Cpu, d: Insn): void {
  const a = readEW(c, d);
  writeEAgain(c, d, ~a, ~c.tHi);
  c.rip = d.next;
}

function opMul1(c: Cpu, d: Insn): void {
  const size = d.size;
  const s = readE(c, d);
  mulWide(c, d.op === Op.IMUL1, size, s, c.tHi);
  c.rip = d.next;
}

function opDiv(c: Cpu, d: Insn): void {
  const size = d.size;
  const s = readE(c, d);
  const sHi = c.tHi;
  if (size === 4 && divide32(c, d.op === Op.IDIV, s)) {
    c.rip = d.next;
    return;
  }
  divide(c, d.op === Op.IDIV, size, s, sHi);
  c.rip = d.next;
}

function opImul2(c: Cpu, d: Insn): void {
  const size = d.size;
  const b = readE(c, d);
  const bHi = c.tHi;
  const a = c.readReg(d.reg, size);
  const r = imulTrunc(c, size, a, c.tHi, b, bHi);
  c.writeReg(d.reg, size, r, c.tHi);
  c.rip = d.next;
}

function opImul3(c: Cpu, d: Insn): void {
  const size = d.size;
  const a = readE(c, d);
  const r = imulTrunc(c, size, a, c.tHi, d.immLo, d.immHi);
  c.writeReg(d.reg, size, r, c.tHi);
  c.rip = d.next;
}

function opShift(c: Cpu, d: Insn): void {
  const size = d.size;
  const count = d.cl ? c.lo[RCX]! & 0xff : d.immLo;
  const a = readEW(c, d);
  if ((count & (size === 8 ? 63 : 31)) === 0) {
    if (size === 4 && d.rm >= 0) c.hi[d.rm] = 0; // still a 32-bit write: zero-extends
    c.rip = d.next;
    return;
  }
  const r = shift(c, d.sub, size, a, c.tHi, count);
  writeEAgain(c, d, r, c.tHi);
  c.rip = d.next;
}

function opShd(c: Cpu, d: Insn): void {
  const size = d.size;
  const count = d.cl ? c.lo[RCX]! & 0xff : d.immLo;
  const a = readEW(c, d);
  const aHi = c.tHi;
  if ((count & (size === 8 ? 63 : 31)) === 0) {
    if (size === 4 && d.rm >= 0) c.hi[d.rm] = 0;
    c.rip = d.next;
    return;
  }
  const s = c.readReg(d.reg, size);
  const r = shiftDouble(c, d.sub === 0, size, a, aHi, s, c.tHi, count);
  writeEAgain(c, d, r, c.tHi);
  c.rip = d.next;
}

function opPushR(c: Cpu, d: Insn): void {
  const size = d.size;
  const v = c.readReg(d.reg, size);
  push(c, size, v, c.tHi);
  c.rip = d.next;
}

function opPopR(c: Cpu, d: Insn): void {
  const size = d.size;
  const v = pop(c, size);
  c.writeReg(d.reg, size, v, c.tHi);
  c.rip = d.next;
}

function opPushI(c: Cpu, d: Insn): void {
  const size = d.size;
  push(c, size, d.immLo, d.immHi);
  c.rip = d.next;
}

function opPushE(c: Cpu, d: Insn): void {
  const size = d.size;
  const v = readE(c, d);
  push(c, size, v, c.tHi);
  c.rip = d.next;
}

function opPopE(c: Cpu, d: Insn): void {
  const size = d.size;
  const sp = c.regAddr(RSP);
  const v = c.readMem(target(sp), size);
  const hi = c.tHi;
  // The destination address uses the incremented rsp; undo if the write faults.
  c.setRegAddr(RSP, sp + size);
  try {
    writeE(c, d, size, v, hi);
  } catch (e) {
    c.setRegAddr(RSP, sp);
    throw e;
  }
  c.rip = d.next;
}

function opJcc(c: Cpu, d: Insn): void {
  if (condition(c, d.sub)) {
    const t = d.tgt;
    c.rip = t === t ? t : target(d.next + d.immLo);
  } else c.rip = d.next;
}

function opJmp(c: Cpu, d: Insn): void {
  const t = d.tgt;
  c.rip = t === t ? t : target(d.next + d.immLo);
}

function opJmpE(c: Cpu, d: Insn): void {
  const lo = readE(c, d);
  c.rip = d.seen = asAddr(lo, c.tHi);
}

function opCall(c: Cpu, d: Insn): void {
  const t = d.tgt;
  if (t !== t) target(d.next + d.immLo); // NaN: non-canonical target, #GP
  const old = c.lo[SP]!;
  const lo = (old - 8) | 0;
  const hi = (old >>> 0 < 8 ? c.hi[SP]! - 1 : c.hi[SP]!) | 0;
  c.write64p(lo, hi, d.nextLo, d.nextHi);
  c.lo[SP] = lo;
  c.hi[SP] = hi;
  c.rip = t;
}
function opCallE(c: Cpu, d: Insn): void {
  const lo = readE(c, d);
  const t = asAddr(lo, c.tHi);
  pushRip(c, d.next);
  c.rip = d.seen = t;
}

function opRet(c: Cpu, d: Insn): void {
  const lo = c.lo[SP]!;
  const hi = c.hi[SP]!;
  const v = c.read64p(lo, hi);
  const t = asAddr(v, c.tHi);
  const s = (lo >>> 0) + 8 + d.immLo;
  c.lo[SP] = s | 0;
  c.hi[SP] = (s > 0xffffffff ? hi + 1 : hi) | 0;
  c.rip = t;
}
function opSetcc(c: Cpu, d: Insn): void {
  writeE(c, d, 1, condition(c, d.sub) ? 1 : 0, 0);
  c.rip = d.next;
}

function opCmovcc(c: Cpu, d: Insn): void {
  const size = d.size;
  const v = readE(c, d);
  if (condition(c, d.sub)) c.writeReg(d.reg, size, v, c.tHi);
  else if (size === 4) c.hi[d.reg] = 0; // a 32-bit cmov zero-extends even when it does not move
  c.rip = d.next;
}

function opLeave(c: Cpu, d: Insn): void {
  const lo = c.lo[RBP]!;
  const hi = c.hi[RBP]!;
  const v = c.read64p(lo, hi);
  const vhi = c.tHi;
  const nlo = (lo + 8) | 0;
  c.lo[SP] = nlo;
  c.hi[SP] = (nlo >>> 0 < 8 ? hi + 1 : hi) | 0;
  c.lo[RBP] = v;
  c.hi[RBP] = vhi;
  c.rip = d.next;
}
function opNop(c: Cpu, d: Insn): void {
  c.rip = d.next;
}

function opXchg(c: Cpu, d: Insn): void {
  const size = d.size;
  const a = readEW(c, d);
  const aHi = c.tHi;
  const b = c.readReg(d.reg, size);
  writeEAgain(c, d, b, c.tHi);
  c.writeReg(d.reg, size, a, aHi);
  c.rip = d.next;
}

function opBswap(c: Cpu, d: Insn): void {
  const size = d.size;
  const r = d.rm;
  if (size === 8) {
    const lo = c.lo[r]!;
    c.lo[r] = bswap32(c.hi[r]!);
    c.hi[r] = bswap32(lo);
  } else if (size === 4) c.writeReg(r, 4, bswap32(c.lo[r]!), 0);
  else c.writeReg(r, 2, 0, 0);
  c.rip = d.next;
}

function opBtG(c: Cpu, d: Insn): void {
  bitTest(c, d);
  c.rip = d.next;
}

function opBsf(c: Cpu, d: Insn): void {
  const size = d.size;
  const v = readE(c, d);
  const vHi = size === 8 ? c.tHi : 0;
  const u = size === 2 ? v & 0xffff : v;
  const old = materialize(c);
  if (u === 0 && vHi === 0) {
    c.setArithFlags((old & ~ZF) | ZF);
    c.rip = d.next;
    return;
  }
  let idx: number;
  if (d.op === Op.BSF) idx = u !== 0 ? 31 - Math.clz32(u & -u) : 32 + 31 - Math.clz32(vHi & -vHi);
  else idx = vHi !== 0 ? 32 + 31 - Math.clz32(vHi) : 31 - Math.clz32(u);
  c.setArithFlags(old & ~ZF);
  c.writeReg(d.reg, size, idx, 0);
  c.rip = d.next;
}

function opCmpxchg(c: Cpu, d: Insn): void {
  const size = d.size;
  const dst = readEW(c, d);
  const dstHi = c.tHi;
  const acc = c.readReg(RAX, size);
  const accHi = c.tHi;
  alu(c, 7, size, acc, accHi, dst, dstHi);
  const equal = size === 8 ? acc === dst && accHi === dstHi : zx(acc, size) === zx(dst, size);
  if (equal) {
    const s = c.readReg(d.reg, size);
    writeEAgain(c, d, s, c.tHi);
  } else {
    if (d.rm < 0) c.writeMem(c.ea, size, dst, dstHi); // the processor always writes the destination
    c.writeReg(RAX, size, dst, dstHi);
  }
  c.rip = d.next;
}

function opXadd(c: Cpu, d: Insn): void {
  const size = d.size;
  const a = readEW(c, d);
  const aHi = c.tHi;
  const b = c.readReg(d.reg, size);
  const r = alu(c, 0, size, a, aHi, b, c.tHi);
  const rHi = c.tHi;
  c.writeReg(d.reg, size, a, aHi);
  writeEAgain(c, d, r, rHi);
  c.rip = d.next;
}

function opCbw(c: Cpu, d: Insn): void {
  const size = d.size;
  if (size === 2) c.writeReg(RAX, 2, sx(c.lo[RAX]!, 1), 0);
  else if (size === 4) c.writeReg(RAX, 4, sx(c.lo[RAX]!, 2), 0);
  else c.hi[RAX] = c.lo[RAX]! >> 31;
  c.rip = d.next;
}

function opCwd(c: Cpu, d: Insn): void {
  const size = d.size;
  if (size === 2) c.writeReg(2, 2, (c.lo[RAX]! << 16) >> 31, 0);
  else if (size === 4) c.writeReg(2, 4, c.lo[RAX]! >> 31, 0);
  else {
    const s = c.hi[RAX]! >> 31;
    c.lo[2] = s;
    c.hi[2] = s;
  }
  c.rip = d.next;
}

function opMovs(c: Cpu, d: Insn): void {
  if (!stringOp(c, d)) return; // not finished: rip stays on the instruction
  c.rip = d.next;
}

function opClc(c: Cpu, d: Insn): void {
  c.setArithFlags(materialize(c) & ~CF);
  c.rip = d.next;
}

function opStc(c: Cpu, d: Insn): void {
  c.setArithFlags(materialize(c) | CF);
  c.rip = d.next;
}

function opCmc(c: Cpu, d: Insn): void {
  c.setArithFlags(materialize(c) ^ CF);
  c.rip = d.next;
}

function opCld(c: Cpu, d: Insn): void {
  c.rfRest &= ~DF;
  c.rip = d.next;
}

function opStd(c: Cpu, d: Insn): void {
  c.rfRest |= DF;
  c.rip = d.next;
}

function opLahf(c: Cpu, d: Insn): void {
  c.writeReg(16, 1, (materialize(c) & (SF | ZF | AF | PF | CF)) | 2, 0);
  c.rip = d.next;
}

function opSahf(c: Cpu, d: Insn): void {
  const ah = (c.lo[RAX]! >> 8) & 0xff;
  c.setArithFlags((materialize(c) & ~(SF | ZF | AF | PF | CF)) | (ah & (SF | ZF | AF | PF | CF)));
  c.rip = d.next;
}

function opUd(c: Cpu, d: Insn): void {
  throw new CpuFault(VEC_UD);
}

function opSystem(c: Cpu, d: Insn): void {
  // System instructions may change rip themselves and report whether they did.
  if (!sys.executeSystem(c, d)) c.rip = d.next;
}

/** The handler of each Op (system instructions share one). */
export const HANDLERS: ((c: Cpu, d: Insn) => void)[] = [];
for (let op = 0; op < Op.LAST; op++) HANDLERS[op] = opSystem;
HANDLERS[Op.MOV_EG] = opMovEg;
HANDLERS[Op.MOV_GE] = opMovGe;
HANDLERS[Op.MOV_EI] = opMovEi;
HANDLERS[Op.MOVZX] = opMovzx;
HANDLERS[Op.MOVSX] = opMovsx;
HANDLERS[Op.LEA] = opLea;
HANDLERS[Op.ALU_EG] = opAluEg;
HANDLERS[Op.ALU_GE] = opAluGe;
HANDLERS[Op.ALU_EI] = opAluEi;
HANDLERS[Op.TEST_EG] = opTestEg;
HANDLERS[Op.TEST_EI] = opTestEi;
HANDLERS[Op.INC] = opInc;
HANDLERS[Op.DEC] = opInc;
HANDLERS[Op.NEG] = opNeg;
HANDLERS[Op.NOT] = opNot;
HANDLERS[Op.MUL1] = opMul1;
HANDLERS[Op.IMUL1] = opMul1;
HANDLERS[Op.DIV] = opDiv;
HANDLERS[Op.IDIV] = opDiv;
HANDLERS[Op.IMUL2] = opImul2;
HANDLERS[Op.IMUL3] = opImul3;
HANDLERS[Op.SHIFT] = opShift;
HANDLERS[Op.SHD] = opShd;
HANDLERS[Op.PUSH_R] = opPushR;
HANDLERS[Op.POP_R] = opPopR;
HANDLERS[Op.PUSH_I] = opPushI;
HANDLERS[Op.PUSH_E] = opPushE;
HANDLERS[Op.POP_E] = opPopE;
HANDLERS[Op.JCC] = opJcc;
HANDLERS[Op.JMP] = opJmp;
HANDLERS[Op.JMP_E] = opJmpE;
HANDLERS[Op.CALL] = opCall;
HANDLERS[Op.CALL_E] = opCallE;
HANDLERS[Op.RET] = opRet;
HANDLERS[Op.SETCC] = opSetcc;
HANDLERS[Op.CMOVCC] = opCmovcc;
HANDLERS[Op.LEAVE] = opLeave;
HANDLERS[Op.NOP] = opNop;
HANDLERS[Op.PAUSE] = opNop;
HANDLERS[Op.XCHG] = opXchg;
HANDLERS[Op.BSWAP] = opBswap;
HANDLERS[Op.BT_G] = opBtG;
HANDLERS[Op.BT_I] = opBtG;
HANDLERS[Op.BSF] = opBsf;
HANDLERS[Op.BSR] = opBsf;
HANDLERS[Op.CMPXCHG] = opCmpxchg;
HANDLERS[Op.XADD] = opXadd;
HANDLERS[Op.CBW] = opCbw;
HANDLERS[Op.CWD] = opCwd;
HANDLERS[Op.MOVS] = opMovs;
HANDLERS[Op.STOS] = opMovs;
HANDLERS[Op.LODS] = opMovs;
HANDLERS[Op.CMPS] = opMovs;
HANDLERS[Op.SCAS] = opMovs;
HANDLERS[Op.CLC] = opClc;
HANDLERS[Op.STC] = opStc;
HANDLERS[Op.CMC] = opCmc;
HANDLERS[Op.CLD] = opCld;
HANDLERS[Op.STD] = opStd;
HANDLERS[Op.LAHF] = opLahf;
HANDLERS[Op.SAHF] = opSahf;
HANDLERS[Op.UD] = opUd;

// ---- specialized forms ----

/** Rewrites d.op to a faster equivalent when the operands allow it. */
export function specialize(d: Insn): void {
  // Memory operands the pair path handles: base/index/disp or rip-relative, no segment, 64-bit addressing.
  const pairMem = d.rm < 0 && d.seg === 0 && !d.addr32;
  const wide = d.size === 4 || d.size === 8;
  const plainAlu = d.sub !== 2 && d.sub !== 3;
  const nh = Math.floor(d.next / TWO32);
  d.nextHi = nh | 0;
  d.nextLo = (d.next - nh * TWO32) | 0;
  if (d.op === Op.JCC || d.op === Op.JMP || d.op === Op.CALL) {
    const t = d.next + d.immLo;
    d.tgt = t >= -CANON_LIMIT && t < CANON_LIMIT ? t : NaN;
  }
  if (!wide) {
    if (d.op === Op.PUSH_R && d.size === 8) d.op = Op.PUSH64;
    return;
  }
  switch (d.op) {
    case Op.MOV_EG:
      if (d.rm >= 0) d.op = Op.MOV_RR;
      else if (pairMem) d.op = Op.STORE;
      break;
    case Op.MOV_GE:
      if (pairMem) d.op = Op.LOAD;
      else if (d.rm >= 0) {
        // Normalize to MOV_RR's direction: destination in rm, source in reg.
        const t = d.reg;
        d.reg = d.rm;
        d.rm = t;
        d.op = Op.MOV_RR;
      }
      break;
    case Op.MOV_EI:
      if (pairMem) d.op = Op.STORE_I;
      break;
    case Op.PUSH_R:
      if (d.size === 8) d.op = Op.PUSH64;
      break;
    case Op.POP_R:
      if (d.size === 8) d.op = Op.POP64;
      break;
    case Op.ALU_EG:
      if (plainAlu && d.rm >= 0) d.op = Op.ALU_RR;
      else if (plainAlu && pairMem) d.op = Op.ALU_MR;
      break;
    case Op.ALU_GE:
      if (plainAlu && pairMem) d.op = Op.ALU_RM;
      else if (plainAlu && d.rm >= 0) {
        // G ← G op E with E a register: the same as ALU_RR with the roles swapped.
        const t = d.reg;
        d.reg = d.rm;
        d.rm = t;
        d.op = Op.ALU_RR;
      }
      break;
    case Op.ALU_EI:
      if (plainAlu && d.rm >= 0) d.op = Op.ALU_RI;
      else if (plainAlu && pairMem) d.op = Op.ALU_MI;
      break;
  }
}

/** The effective address of a base/index/disp or rip-relative operand as an int32 pair: low half returned, high in c.tHi (wraps mod 2^64 like the hardware). */
function eaPair(c: Cpu, d: Insn): number {
  let s = d.disp;
  let hi: number;
  if (d.ripRel) {
    s += d.nextLo >>> 0;
    hi = d.nextHi;
  } else {
    hi = 0;
    const b = d.base;
    if (b >= 0) {
      s += c.lo[b]! >>> 0;
      hi = c.hi[b]!;
    }
    const i = d.index;
    if (i >= 0) {
      s += (c.lo[i]! >>> 0) * d.scale;
      hi += c.hi[i]! * d.scale;
    }
  }
  c.tHi = (hi + Math.floor(s / TWO32)) | 0;
  return s | 0;
}

const SP = 4; // rsp (a literal: cpu.ts and this module import each other)

function opMovRR(c: Cpu, d: Insn): void {
  c.lo[d.rm] = c.lo[d.reg]!;
  c.hi[d.rm] = d.size === 8 ? c.hi[d.reg]! : 0;
  c.rip = d.next;
}

function opLoad(c: Cpu, d: Insn): void {
  const lo = eaPair(c, d);
  const hi = c.tHi;
  if (d.size === 8) {
    const v = c.read64p(lo, hi);
    c.hi[d.reg] = c.tHi;
    c.lo[d.reg] = v;
  } else {
    c.lo[d.reg] = c.read32p(lo, hi);
    c.hi[d.reg] = 0;
  }
  c.rip = d.next;
}

function opStore(c: Cpu, d: Insn): void {
  const lo = eaPair(c, d);
  const hi = c.tHi;
  if (d.size === 8) c.write64p(lo, hi, c.lo[d.reg]!, c.hi[d.reg]!);
  else c.write32p(lo, hi, c.lo[d.reg]!);
  c.rip = d.next;
}

function opStoreI(c: Cpu, d: Insn): void {
  const lo = eaPair(c, d);
  const hi = c.tHi;
  if (d.size === 8) c.write64p(lo, hi, d.immLo, d.immHi);
  else c.write32p(lo, hi, d.immLo);
  c.rip = d.next;
}

/** [mem] op= src for 32/64-bit operands, straight on the page when the pair cache knows it writable. */
function aluMem(c: Cpu, d: Insn, b: number, bHi: number): void {
  const lo = eaPair(c, d);
  const hi = c.tHi;
  const size = d.size;
  if (d.sub === 7) {
    // cmp only reads (the operand may be read-only).
    let a: number;
    let aHi = 0;
    if (size === 8) {
      a = c.read64p(lo, hi);
      aHi = c.tHi;
    } else a = c.read32p(lo, hi);
    alu(c, 7, size, a, aHi, b, bHi);
    c.rip = d.next;
    return;
  }
  const f = c.writableFrame(lo, hi, size);
  if (f === null) {
    // General path (probes, fills the caches, faults precisely).
    const a = readEW(c, d);
    const r = alu(c, d.sub, size, a, c.tHi, b, bHi);
    writeEAgain(c, d, r, c.tHi);
    c.notePair(lo, hi, true);
    c.rip = d.next;
    return;
  }
  const dv = f.dv;
  const off = lo & 0xfff;
  if (size === 8) {
    const r = alu(c, d.sub, 8, dv.getInt32(off, true), dv.getInt32(off + 4, true), b, bHi);
    if (f.code !== null) dropCode(f);
    dv.setInt32(off, r, true);
    dv.setInt32(off + 4, c.tHi, true);
  } else {
    const r = alu(c, d.sub, 4, dv.getInt32(off, true), 0, b, 0);
    if (f.code !== null) dropCode(f);
    dv.setInt32(off, r, true);
  }
  c.rip = d.next;
}

function opAluMI(c: Cpu, d: Insn): void {
  aluMem(c, d, d.immLo, d.immHi);
}

function opAluMR(c: Cpu, d: Insn): void {
  aluMem(c, d, c.lo[d.reg]!, c.hi[d.reg]!);
}

function opAluRM(c: Cpu, d: Insn): void {
  const lo = eaPair(c, d);
  const hi = c.tHi;
  const size = d.size;
  let b: number;
  let bHi = 0;
  if (size === 8) {
    b = c.read64p(lo, hi);
    bHi = c.tHi;
  } else b = c.read32p(lo, hi);
  const r = alu(c, d.sub, size, c.lo[d.reg]!, c.hi[d.reg]!, b, bHi);
  if (d.sub !== 7) {
    c.lo[d.reg] = r;
    c.hi[d.reg] = size === 8 ? c.tHi : 0;
  }
  c.rip = d.next;
}

function opPush64(c: Cpu, d: Insn): void {
  const r = d.reg;
  const vlo = c.lo[r]!;
  const vhi = c.hi[r]!;
  const old = c.lo[SP]!;
  const lo = (old - 8) | 0;
  const hi = (old >>> 0 < 8 ? c.hi[SP]! - 1 : c.hi[SP]!) | 0;
  c.write64p(lo, hi, vlo, vhi);
  c.lo[SP] = lo;
  c.hi[SP] = hi;
  c.rip = d.next;
}

function opPop64(c: Cpu, d: Insn): void {
  const lo = c.lo[SP]!;
  const hi = c.hi[SP]!;
  const v = c.read64p(lo, hi);
  const vhi = c.tHi;
  const nlo = (lo + 8) | 0;
  c.lo[SP] = nlo;
  c.hi[SP] = (nlo >>> 0 < 8 ? hi + 1 : hi) | 0;
  c.lo[d.reg] = v;
  c.hi[d.reg] = vhi;
  c.rip = d.next;
}

function opAluRR(c: Cpu, d: Insn): void {
  const size = d.size;
  const r = alu(c, d.sub, size, c.lo[d.rm]!, c.hi[d.rm]!, c.lo[d.reg]!, c.hi[d.reg]!);
  if (d.sub !== 7) {
    c.lo[d.rm] = r;
    c.hi[d.rm] = size === 8 ? c.tHi : 0;
  }
  c.rip = d.next;
}

function opAluRI(c: Cpu, d: Insn): void {
  const size = d.size;
  const r = alu(c, d.sub, size, c.lo[d.rm]!, c.hi[d.rm]!, d.immLo, d.immHi);
  if (d.sub !== 7) {
    c.lo[d.rm] = r;
    c.hi[d.rm] = size === 8 ? c.tHi : 0;
  }
  c.rip = d.next;
}

HANDLERS[Op.MOV_RR] = opMovRR;
HANDLERS[Op.LOAD] = opLoad;
HANDLERS[Op.STORE] = opStore;
HANDLERS[Op.PUSH64] = opPush64;
HANDLERS[Op.POP64] = opPop64;
HANDLERS[Op.ALU_RR] = opAluRR;
HANDLERS[Op.ALU_RI] = opAluRI;
HANDLERS[Op.ALU_MI] = opAluMI;
HANDLERS[Op.ALU_MR] = opAluMR;
HANDLERS[Op.ALU_RM] = opAluRM;
HANDLERS[Op.STORE_I] = opStoreI;
HANDLERS[Op.SYSCALL] = sys.syscall;
HANDLERS[Op.SYSRET] = sys.sysret;
HANDLERS[Op.CLI] = sys.cli;
HANDLERS[Op.STI] = sys.sti;

export function execute(c: Cpu, d: Insn): void {
  HANDLERS[d.op]!(c, d);
}

/**
 * Executes d with the most frequent forms called directly: each call site below sees one
 * function, so the JIT can inline it, where the table call is megamorphic.
 */
export function dispatch(c: Cpu, d: Insn): void {
  switch (d.op) {
    case Op.LOAD:
      return opLoad(c, d);
    case Op.STORE:
      return opStore(c, d);
    case Op.STORE_I:
      return opStoreI(c, d);
    case Op.MOV_RR:
      return opMovRR(c, d);
    case Op.ALU_RR:
      return opAluRR(c, d);
    case Op.ALU_RI:
      return opAluRI(c, d);
    case Op.ALU_MI:
      return opAluMI(c, d);
    case Op.ALU_MR:
      return opAluMR(c, d);
    case Op.ALU_RM:
      return opAluRM(c, d);
    case Op.JCC:
      return opJcc(c, d);
    case Op.JMP:
      return opJmp(c, d);
    case Op.PUSH64:
      return opPush64(c, d);
    case Op.POP64:
      return opPop64(c, d);
    case Op.CALL:
      return opCall(c, d);
    case Op.RET:
      return opRet(c, d);
    case Op.LEAVE:
      return opLeave(c, d);
    default:
      return HANDLERS[d.op]!(c, d);
  }
}

function pushRip(c: Cpu, rip: number): void {
  const hi = Math.floor(rip / TWO32);
  push(c, 8, (rip - hi * TWO32) | 0, hi | 0);
}

function bswap32(v: number): number {
  return ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24);
}

/** lea: exact 64-bit address arithmetic (no canonical check, no segment base, no memory access). */
function lea(c: Cpu, d: Insn): void {
  let lo: number;
  let hi: number;
  if (d.ripRel) {
    const a = d.next + d.disp;
    hi = Math.floor(a / TWO32);
    lo = a - hi * TWO32;
  } else {
    // Start from the sign-extended displacement as an unsigned low part and a high part.
    let s = d.disp < 0 ? d.disp + TWO32 : d.disp;
    hi = d.disp < 0 ? -1 : 0;
    if (d.base >= 0) {
      s += c.lo[d.base]! >>> 0;
      hi += c.hi[d.base]!;
    }
    if (d.index >= 0) {
      s += (c.lo[d.index]! >>> 0) * d.scale;
      hi += c.hi[d.index]! * d.scale;
    }
    const carry = Math.floor(s / TWO32);
    lo = s - carry * TWO32;
    hi += carry;
  }
  c.writeReg(d.reg, d.size, lo | 0, hi | 0);
}

function bitTest(c: Cpu, d: Insn): void {
  const size = d.size;
  const bits = size * 8;
  let bit: number;
  let lo: number;
  let hi = 0;
  let memAddr = 0;
  let memByte = false;
  if (d.op === Op.BT_I) {
    bit = d.immLo & (bits - 1);
  } else {
    const off = c.readReg(d.reg, size);
    const offHi = c.tHi;
    if (d.rm >= 0) bit = off & (bits - 1);
    else {
      // A register bit offset reaches beyond the operand: signed, in bytes off the address.
      const signed = size === 8 ? offHi * TWO32 + (off >>> 0) : sx(off, size);
      const a = effAddr(c, d) + Math.floor(signed / 8);
      memAddr = a;
      memByte = true;
      bit = ((signed % 8) + 8) % 8;
    }
  }
  if (d.rm >= 0) {
    lo = c.readReg(d.rm, size);
    hi = size === 8 ? c.tHi : 0;
  } else if (memByte) {
    if (d.sub !== 0) c.probeWrite(memAddr, 1);
    lo = c.read8(memAddr);
  } else {
    memAddr = effAddr(c, d) + (bit >> 3);
    bit &= 7;
    memByte = true;
    if (d.sub !== 0) c.probeWrite(memAddr, 1);
    lo = c.read8(memAddr);
  }
  const inHi = bit >= 32;
  const mask = 1 << (bit & 31);
  const cf = ((inHi ? hi : lo) & mask) !== 0 ? 1 : 0;
  if (d.sub !== 0) {
    let w = inHi ? hi : lo;
    if (d.sub === 1) w |= mask;
    else if (d.sub === 2) w &= ~mask;
    else w ^= mask;
    if (inHi) hi = w;
    else lo = w;
    if (memByte) c.write8(memAddr, lo & 0xff);
    else c.writeReg(d.rm, size, lo, hi);
  }
  c.setArithFlags((materialize(c) & ~CF) | cf);
}

const STRING_CHUNK = 65536;

/**
 * movs/stos/lods/cmps/scas with optional rep. Each element updates rsi/rdi/rcx as it completes,
 * so a fault mid-string leaves a restartable state. A long rep stops after a chunk of elements
 * and returns false (rip stays, the loop re-executes it), so huge counts stay interruptible.
 * As in qemu's instruction counting, every element beyond the first counts as an instruction
 * (so the instruction budget and time limit also bound a huge rep).
 */
function stringOp(c: Cpu, d: Insn): boolean {
  elements = 0;
  try {
    return stringLoop(c, d);
  } finally {
    if (elements > 1) c.icount += elements - 1;
  }
}

let elements = 0;

function stringLoop(c: Cpu, d: Insn): boolean {
  const size = d.size;
  const step = c.df ? -size : size;
  const rep = d.rep !== 0;
  let left = STRING_CHUNK;
  const cond = d.op === Op.CMPS || d.op === Op.SCAS;
  for (;;) {
    if (rep) {
      if (c.lo[RCX] === 0 && c.hi[RCX] === 0) return true;
      if (left <= 0) return false;
    }
    // Bulk path for forward rep stos/movs of bytes or qwords within pages.
    if (rep && step > 0 && (d.op === Op.STOS || d.op === Op.MOVS) && (c.hi[RCX] !== 0 || c.lo[RCX]! >>> 0 > 1)) {
      const n = bulk(c, d);
      if (n > 0) {
        elements += n;
        left -= n;
        continue;
      }
    }
    elements++;
    left--;
    switch (d.op) {
      case Op.MOVS: {
        const v = c.readMem(target(c.regAddr(RSI)), size);
        c.writeMem(target(c.regAddr(RDI)), size, v, c.tHi);
        c.setRegAddr(RSI, c.regAddr(RSI) + step);
        c.setRegAddr(RDI, c.regAddr(RDI) + step);
        break;
      }
      case Op.STOS: {
        const v = c.readReg(RAX, size);
        c.writeMem(target(c.regAddr(RDI)), size, v, c.tHi);
        c.setRegAddr(RDI, c.regAddr(RDI) + step);
        break;
      }
      case Op.LODS: {
        const v = c.readMem(target(c.regAddr(RSI)), size);
        c.writeReg(RAX, size, v, c.tHi);
        c.setRegAddr(RSI, c.regAddr(RSI) + step);
        break;
      }
      case Op.CMPS: {
        const a = c.readMem(target(c.regAddr(RSI)), size);
        const aHi = c.tHi;
        const b = c.readMem(target(c.regAddr(RDI)), size);
        alu(c, 7, size, a, aHi, b, c.tHi);
        c.setRegAddr(RSI, c.regAddr(RSI) + step);
        c.setRegAddr(RDI, c.regAddr(RDI) + step);
        break;
      }
      default: {
        const b = c.readMem(target(c.regAddr(RDI)), size);
        const bHi = c.tHi;
        const a = c.readReg(RAX, size);
        alu(c, 7, size, a, c.tHi, b, bHi);
        c.setRegAddr(RDI, c.regAddr(RDI) + step);
        break;
      }
    }
    if (!rep) return true;
    decRcx(c, 1);
    if (cond) {
      const zf = condition(c, 4);
      if (d.rep === 1 && !zf) return true;
      if (d.rep === 2 && zf) return true;
    }
  }
}

function decRcx(c: Cpu, n: number): void {
  const s = (c.lo[RCX]! >>> 0) - n;
  c.lo[RCX] = s | 0;
  if (s < 0) c.hi[RCX] = (c.hi[RCX]! - 1) | 0;
}

/** Copies/fills as many whole elements as fit in the current source/destination pages; returns how many (0: use the element path). */
function bulk(c: Cpu, d: Insn): number {
  const size = d.size;
  const dst = c.regAddr(RDI);
  if (Number.isNaN(dst)) return 0;
  const dOff = dst - Math.floor(dst / 4096) * 4096;
  let n = Math.floor((4096 - dOff) / size);
  const count = c.hi[RCX] !== 0 ? Infinity : c.lo[RCX]! >>> 0;
  n = Math.min(n, count);
  if (d.op === Op.MOVS) {
    const src = c.regAddr(RSI);
    if (Number.isNaN(src)) return 0;
    const sOff = src - Math.floor(src / 4096) * 4096;
    n = Math.min(n, Math.floor((4096 - sOff) / size));
    if (n <= 1) return 0;
    const sf = c.frameFor(src, 0);
    const df = c.frameFor(dst, 1);
    // Overlap within one frame where the destination trails the source changes the result; go bytewise.
    if (sf === df && dOff > sOff && dOff < sOff + n * size) return 0;
    if (df.code !== null) dropCode(df);
    df.data.set(sf.data.subarray(sOff, sOff + n * size), dOff);
    c.setRegAddr(RSI, src + n * size);
  } else {
    if (n <= 1) return 0;
    const df = c.frameFor(dst, 1);
    if (df.code !== null) dropCode(df);
    if (size === 1) df.data.fill(c.lo[RAX]! & 0xff, dOff, dOff + n);
    else {
      const lo = c.readReg(RAX, size);
      const hi = c.tHi;
      for (let i = 0; i < n; i++) {
        const o = dOff + i * size;
        if (size === 2) df.dv.setUint16(o, lo & 0xffff, true);
        else {
          df.dv.setInt32(o, lo, true);
          if (size === 8) df.dv.setInt32(o + 4, hi, true);
        }
      }
    }
  }
  c.setRegAddr(RDI, dst + n * size);
  decRcx(c, n);
  return n;
}


