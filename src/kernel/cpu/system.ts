// System instructions and interrupt delivery: syscall/sysret, int/int3/iretq, hlt, cli/sti,
// pushfq/popfq, in/out, control and debug registers, MSRs, swapgs, descriptor tables.
// Privileged ones raise #GP(0) at CPL 3, as on hardware.
import { CpuFault, MSR_FMASK, MSR_FS_BASE, MSR_GS_BASE, MSR_KERNEL_GS_BASE, MSR_LSTAR, MSR_STAR, RAX, RBP, RCX, RDX, RSP, VEC_BP, VEC_GP, VEC_UD, type Cpu, type StopReason } from './cpu.js';
import { effAddr, pop, push } from './exec.js';
import { IF, TF } from './flags.js';
import { Op, type Insn } from './insn.js';
import { canonical, CANON_LIMIT, PAGE_SIZE } from './mmu.js';

const TWO32 = 4294967296;
const RF = 0x10000;
const NT = 0x4000;
const IOPL = 0x3000;
/** rflags bits popf/iret/sysret may set. */
export const RFLAGS_WRITABLE = 0x3f7fd5 & ~0x20000 & ~0x180000; // no VM, VIF, VIP

function privileged(c: Cpu): void {
  if (c.cpl !== 0) throw new CpuFault(VEC_GP, 0);
}

function ioAllowed(c: Cpu): void {
  if (c.cpl > (c.rfRest & IOPL) >> 12) throw new CpuFault(VEC_GP, 0);
}

function canonicalOrGp(v: bigint): number {
  const a = canonical(v);
  if (a === null) throw new CpuFault(VEC_GP, 0);
  return a;
}

function regBig(c: Cpu, r: number): bigint {
  return c.getReg64(r);
}

/** STAR, LSTAR and FMASK as numbers, recomputed only after an MSR write (MsrMap.version). */
interface SyscallMsrs {
  version: number;
  syscallCs: number;
  sysretCs: number;
  /** NaN when LSTAR is not canonical. */
  lstar: number;
  fmask: number;
}

export function syscallMsrs(c: Cpu): SyscallMsrs {
  let m = c.msrMemo as SyscallMsrs | null;
  if (m === null || m.version !== c.msrs.version) {
    const star = c.msrs.get(MSR_STAR) ?? 0n;
    const lstar = c.msrs.get(MSR_LSTAR) ?? 0n;
    const fmask = c.msrs.get(MSR_FMASK) ?? 0n;
    m = {
      version: c.msrs.version,
      syscallCs: Number((star >> 32n) & 0xffffn),
      sysretCs: Number((star >> 48n) & 0xffffn),
      lstar: canonical(lstar) ?? NaN,
      fmask: Number(fmask & 0xffffffffn),
    };
    c.msrMemo = m;
  }
  return m;
}

// The four system instructions every syscall meets (the user's syscall, the entry code's sti and
// cli, sysretq) are handlers of their own: a compiled region calls them directly.

/** syscall: rcx ← the next rip, r11 ← rflags, FMASK applied, CPL 0 at LSTAR (or the host's emulation). */
export function syscall(c: Cpu, d: Insn): void {
  if (c.onSyscall) {
    c.rip = d.next;
    c.onSyscall(c);
    return;
  }
  const m = syscallMsrs(c);
  if (Number.isNaN(m.lstar)) throw new CpuFault(VEC_GP, 0);
  c.setRegAddr(RCX, d.next);
  const fl = c.getRflags();
  c.writeReg(11, 8, fl & ~RF, 0);
  c.setRflags(fl & ~m.fmask & ~RF);
  c.cs = m.syscallCs & 0xfffc;
  c.ss = (m.syscallCs + 8) & 0xffff;
  c.cpl = 0;
  c.rip = m.lstar;
}

/** sysretq: rip ← rcx, rflags ← r11, CPL 3 (#GP for a non-canonical rcx, as Intel's CPUs). */
export function sysret(c: Cpu, d: Insn): void {
  privileged(c);
  if (d.size !== 8) throw new CpuFault(VEC_UD); // return to 32-bit compatibility mode is not emulated
  const rip = c.regAddr(RCX);
  if (Number.isNaN(rip)) throw new CpuFault(VEC_GP, 0);
  const sel = syscallMsrs(c).sysretCs;
  c.setRflags((c.lo[11]! & RFLAGS_WRITABLE) | 2);
  c.cs = ((sel + 16) & 0xffff) | 3;
  c.ss = ((sel + 8) & 0xffff) | 3;
  c.cpl = 3;
  c.rip = rip;
}

/** cli: IF ← 0 (#GP above IOPL). */
export function cli(c: Cpu, d: Insn): void {
  ioAllowed(c);
  c.rfRest &= ~IF;
  c.updateAttention();
  c.rip = d.next;
}

/** sti: IF ← 1 (#GP above IOPL); a pending interrupt is delivered before the next instruction. */
export function sti(c: Cpu, d: Insn): void {
  ioAllowed(c);
  c.rfRest |= IF;
  c.updateAttention();
  c.rip = d.next;
}

/** Executes a system instruction. Returns true if it set rip itself. */
export function executeSystem(c: Cpu, d: Insn): boolean {
  switch (d.op) {
    case Op.SYSCALL:
      syscall(c, d);
      return true;
    case Op.SYSRET:
      sysret(c, d);
      return true;
    case Op.INT:
      throw new CpuFault(d.immLo, -1, 0, d.next, true);
    case Op.INT3:
      throw new CpuFault(VEC_BP, -1, 0, d.next, true);
    case Op.IRET:
      iret(c, d.size === 8 ? 8 : 4);
      return true;
    case Op.HLT:
      privileged(c);
      c.halted = true;
      c.attention = true;
      return false;
    case Op.CLI:
      cli(c, d);
      return true;
    case Op.STI:
      sti(c, d);
      return true;
    case Op.PUSHF: {
      const fl = c.getRflags() & ~(RF | 0x20000);
      push(c, d.size, fl, 0);
      return false;
    }
    case Op.POPF: {
      const v = pop(c, d.size);
      let mask = RFLAGS_WRITABLE;
      if (d.size === 2) mask &= 0xffff;
      if (c.cpl > 0) mask &= ~IOPL;
      if (c.cpl > (c.rfRest & IOPL) >> 12) mask &= ~IF;
      const old = c.getRflags();
      c.setRflags((old & ~mask) | (v & mask));
      return false;
    }
    case Op.IN: {
      ioAllowed(c);
      const port = d.cl ? c.lo[RDX]! & 0xffff : d.immLo;
      const v = c.io ? c.io.in(port, d.size) : -1;
      c.writeReg(RAX, d.size, d.size === 4 ? v | 0 : v & (d.size === 2 ? 0xffff : 0xff), 0);
      return false;
    }
    case Op.OUT: {
      ioAllowed(c);
      const port = d.cl ? c.lo[RDX]! & 0xffff : d.immLo;
      const v = c.readReg(RAX, d.size);
      if (c.io) c.io.out(port, d.size, d.size === 4 ? v >>> 0 : v);
      return false;
    }
    case Op.MOV_CR_R: {
      privileged(c);
      const v = regBig(c, d.rm);
      switch (d.reg) {
        case 0:
          c.cr0 = v;
          break;
        case 2:
          c.cr2 = Number(BigInt.asIntN(64, v));
          break;
        case 3: {
          c.cr3 = v;
          const space = c.spaces.get(v & ~0xfffn) ?? c.spaces.get(v);
          if (space) c.setAddressSpace(space);
          else c.flushTlb();
          break;
        }
        case 4:
          c.cr4 = v;
          break;
        case 8:
          break;
        default:
          throw new CpuFault(VEC_UD);
      }
      return false;
    }
    case Op.MOV_R_CR: {
      privileged(c);
      let v: bigint;
      switch (d.reg) {
        case 0:
          v = c.cr0;
          break;
        case 2:
          v = BigInt.asUintN(64, BigInt(c.cr2));
          break;
        case 3:
          v = c.cr3;
          break;
        case 4:
          v = c.cr4;
          break;
        case 8:
          v = 0n;
          break;
        default:
          throw new CpuFault(VEC_UD);
      }
      c.setReg64(d.rm, v);
      return false;
    }
    case Op.MOV_DR_R: {
      privileged(c);
      const n = drIndex(d.reg);
      c.dr[n] = regBig(c, d.rm);
      return false;
    }
    case Op.MOV_R_DR: {
      privileged(c);
      c.setReg64(d.rm, c.dr[drIndex(d.reg)]!);
      return false;
    }
    case Op.RDMSR: {
      privileged(c);
      const msr = c.lo[RCX]! >>> 0;
      const v = readMsr(c, msr);
      c.writeReg(RAX, 4, Number(v & 0xffffffffn) | 0, 0);
      c.writeReg(RDX, 4, Number(v >> 32n) | 0, 0);
      return false;
    }
    case Op.WRMSR: {
      privileged(c);
      const msr = c.lo[RCX]! >>> 0;
      const v = (BigInt(c.lo[RDX]! >>> 0) << 32n) | BigInt(c.lo[RAX]! >>> 0);
      writeMsr(c, msr, v);
      return false;
    }
    case Op.SWAPGS: {
      privileged(c);
      const t = c.gsBase;
      c.gsBase = c.kernelGsBase;
      c.kernelGsBase = t;
      return false;
    }
    case Op.LIDT:
    case Op.LGDT: {
      privileged(c);
      const a = effAddr(c, d);
      const limit = c.readMem(a, 2);
      const lo = c.read32(a + 2);
      const hi = c.read32(a + 6);
      const base = hi * TWO32 + (lo >>> 0);
      if (d.op === Op.LIDT) {
        c.idtBase = base;
        c.idtLimit = limit;
      } else {
        c.gdtBase = base;
        c.gdtLimit = limit;
      }
      return false;
    }
    case Op.SIDT: {
      const a = effAddr(c, d);
      c.probeWrite(a, 10);
      const hi = Math.floor(c.idtBase / TWO32);
      c.writeMem(a, 2, c.idtLimit, 0);
      c.writeMem(a + 2, 8, (c.idtBase - hi * TWO32) | 0, hi | 0);
      return false;
    }
    case Op.LTR: {
      privileged(c);
      c.tr = d.rm >= 0 ? c.lo[d.rm]! & 0xffff : c.readMem(effAddr(c, d), 2);
      return false;
    }
    case Op.INVLPG:
      privileged(c);
      c.flushTlb();
      return false;
    case Op.RDTSC: {
      const t = c.icount + c.inFlight;
      const hi = Math.floor(t / TWO32);
      c.writeReg(RAX, 4, (t - hi * TWO32) | 0, 0);
      c.writeReg(RDX, 4, hi | 0, 0);
      return false;
    }
    case Op.CPUID: {
      const leaf = c.lo[RAX]! >>> 0;
      // Vendor "KwbKwbKwbKwb"-free: report a plain family-6 x86-64 with no optional features.
      const r = leaf === 0 ? [1, 0x756e6547, 0x6c65746e, 0x49656e69] : leaf === 1 ? [0x000306a9, 0, 0, 0] : [0, 0, 0, 0];
      c.writeReg(RAX, 4, r[0]!, 0);
      c.writeReg(3, 4, r[1]!, 0);
      c.writeReg(RCX, 4, r[2]!, 0);
      c.writeReg(RDX, 4, r[3]!, 0);
      return false;
    }
    case Op.MOV_FROM_SREG: {
      const v = d.reg === 1 ? c.cs : d.reg === 2 ? c.ss : c.sregs[d.reg]!;
      if (d.rm >= 0) c.writeReg(d.rm, d.size, v, 0);
      else c.writeMem(effAddr(c, d), 2, v, 0);
      return false;
    }
    case Op.MOV_TO_SREG: {
      // 64-bit mode ignores ds/es/ss bases; fs/gs bases come from the MSRs, so only the selector is kept.
      const v = (d.rm >= 0 ? c.lo[d.rm]! : c.readMem(effAddr(c, d), 2)) & 0xffff;
      if (d.reg === 2) c.ss = v;
      else c.sregs[d.reg] = v;
      return false;
    }
    case Op.ENTER: {
      if (d.imm2 !== 0) throw new CpuFault(VEC_UD); // nested frames are not emulated
      const sp = c.regAddr(RSP);
      const bp = c.readReg(RBP, 8);
      push(c, 8, bp, c.tHi);
      c.setRegAddr(RBP, sp - 8);
      c.setRegAddr(RSP, sp - 8 - d.immLo);
      return false;
    }
  }
  throw new CpuFault(VEC_UD);
}

function drIndex(n: number): number {
  if (n === 4) return 6;
  if (n === 5) return 7;
  if (n > 7) throw new CpuFault(VEC_UD);
  return n;
}

export function readMsr(c: Cpu, msr: number): bigint {
  switch (msr) {
    case MSR_FS_BASE:
      return BigInt.asUintN(64, BigInt(c.fsBase));
    case MSR_GS_BASE:
      return BigInt.asUintN(64, BigInt(c.gsBase));
    case MSR_KERNEL_GS_BASE:
      return BigInt.asUintN(64, BigInt(c.kernelGsBase));
  }
  const v = c.msrs.get(msr);
  if (v === undefined) throw new CpuFault(VEC_GP, 0);
  return v;
}

export function writeMsr(c: Cpu, msr: number, v: bigint): void {
  switch (msr) {
    case MSR_FS_BASE:
      c.fsBase = canonicalOrGp(v);
      return;
    case MSR_GS_BASE:
      c.gsBase = canonicalOrGp(v);
      return;
    case MSR_KERNEL_GS_BASE:
      c.kernelGsBase = canonicalOrGp(v);
      return;
    case MSR_LSTAR:
      canonicalOrGp(v);
      break;
  }
  if (!c.msrs.has(msr)) throw new CpuFault(VEC_GP, 0);
  c.msrs.set(msr, v);
}

/** iretq (size 8) / iretd: pops rip, cs, rflags, rsp, ss. */
function iret(c: Cpu, size: number): void {
  const sp = c.regAddr(RSP);
  const read = (i: number): number => {
    const lo = c.readMem(sp + i * size, size);
    return size === 8 ? c.tHi * TWO32 + (lo >>> 0) : lo >>> 0;
  };
  const rip = read(0);
  const cs = read(1) & 0xffff;
  const fl = read(2);
  const rsp = read(3);
  const ss = read(4) & 0xffff;
  const rpl = cs & 3;
  if (rpl < c.cpl) throw new CpuFault(VEC_GP, cs & 0xfffc);
  if (!(rip >= -CANON_LIMIT && rip < CANON_LIMIT)) throw new CpuFault(VEC_GP, 0);
  let mask = RFLAGS_WRITABLE;
  if (c.cpl > 0) mask &= ~IOPL;
  if (c.cpl > (c.rfRest & IOPL) >> 12) mask &= ~IF;
  const old = c.getRflags();
  c.setRflags((old & ~mask) | ((fl >>> 0) & mask));
  c.cs = cs;
  c.ss = ss;
  c.cpl = rpl;
  c.setRegAddr(RSP, rsp);
  c.rip = rip;
}

/**
 * Delivers an interrupt or exception through the IDT as a 64-bit CPU does: optional stack switch
 * to rsp0 when coming from CPL 3, 16-byte alignment, then SS, RSP, RFLAGS, CS, RIP and the error
 * code pushed; TF/NT/RF cleared, IF cleared for interrupt gates. A fault while doing so becomes a
 * double fault; a fault delivering that shuts the machine down.
 */
export function deliverInterrupt(c: Cpu, vector: number, errorCode: number, rip: number, software: boolean): StopReason | null {
  const insnAddr = c.insnAddr;
  if (vector * 16 + 15 > c.idtLimit) return escalate(c, vector, vector * 8 + 2, insnAddr);
  const gateAddr = c.idtBase + vector * 16;
  let gate: Uint8Array;
  try {
    gate = supervisorRead(c, gateAddr, 16);
  } catch {
    return escalate(c, vector, 0, insnAddr);
  }
  const attr = gate[5]!;
  const type = attr & 0xf;
  const dpl = (attr >> 5) & 3;
  const gdv = new DataView(gate.buffer, gate.byteOffset, 16);
  if (software && dpl < c.cpl) return deliverInterrupt(c, VEC_GP, vector * 8 + 2, insnAddr, false);
  if ((attr & 0x80) === 0 || (type !== 0xe && type !== 0xf)) return escalate(c, vector, vector * 8 + 2, insnAddr);
  const offset = gdv.getUint16(0, true) + gdv.getUint16(6, true) * 65536 + gdv.getInt32(8, true) * TWO32;
  const selector = gdv.getUint16(2, true);
  const newCpl = selector & 3;

  const saved = { cpl: c.cpl, cs: c.cs, ss: c.ss, rspLo: c.lo[RSP]!, rspHi: c.hi[RSP]! };
  const oldRsp = c.regAddr(RSP);
  const oldFlags = c.getRflags();
  let sp = newCpl < c.cpl ? c.rsp0 : oldRsp;
  const newSs = newCpl < c.cpl ? newCpl : c.ss;
  sp = Math.floor(sp / 16) * 16;
  try {
    c.cpl = newCpl;
    c.setRegAddr(RSP, sp);
    const hiOf = (v: number): number => Math.floor(v / TWO32);
    const push64 = (v: number): void => {
      const hi = hiOf(v);
      push(c, 8, (v - hi * TWO32) | 0, hi | 0);
    };
    push64(saved.ss);
    push64(oldRsp);
    push64(oldFlags);
    push64(saved.cs);
    push64(rip);
    if (errorCode >= 0) push64(errorCode);
  } catch (e) {
    if (!(e instanceof CpuFault)) throw e;
    c.cpl = saved.cpl;
    c.lo[RSP] = saved.rspLo;
    c.hi[RSP] = saved.rspHi;
    return escalate(c, vector, 0, insnAddr);
  }
  c.cs = selector;
  c.ss = newSs;
  let fl = oldFlags & ~(TF | NT | RF | 0x20000);
  if (type === 0xe) fl &= ~IF;
  c.setRflags(fl);
  c.rip = offset;
  return null;
}

function escalate(c: Cpu, vector: number, _code: number, insnAddr: number): StopReason | null {
  if (vector === 8) return 'shutdown'; // triple fault
  if (c.idtLimit === 0) return 'shutdown'; // no IDT at all: nothing can handle it
  c.insnAddr = insnAddr;
  return deliverInterrupt(c, 8, 0, insnAddr, false);
}

function supervisorRead(c: Cpu, addr: number, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) {
    const a = addr + i;
    const m = c.space.lookup(a);
    if (!m) throw new CpuFault(VEC_GP, 0);
    out[i] = m.frame.data[a - Math.floor(a / PAGE_SIZE) * PAGE_SIZE]!;
  }
  return out;
}
