// Integer arithmetic on 8/16/32-bit values (int32, sign-extended from their size) and 64-bit
// values (lo/hi int32 pairs). Results come back as the low half with the high half in cpu.tHi;
// flags go to the lazy-flags record, or are computed eagerly where the rule is irregular
// (shifts, rotates, multiply). BigInt appears only in 64-bit multiply/divide and rotate-through-carry.
import { CpuFault, VEC_DE, RAX, RDX, type Cpu } from './cpu.js';
import { AF, carry, CF, F_ADC, F_ADD, F_DEC, F_INC, F_LOGIC, F_SBB, F_SUB, materialize, OF, parity, SF, ZF } from './flags.js';

/** Sign-extends the low `size` bytes of v to int32 (size 1, 2 or 4). */
export function sx(v: number, size: number): number {
  return size === 4 ? v | 0 : size === 2 ? (v << 16) >> 16 : (v << 24) >> 24;
}

/** Zero-extends the low `size` bytes (1, 2 or 4) to an unsigned number. */
export function zx(v: number, size: number): number {
  return size === 4 ? v >>> 0 : size === 2 ? v & 0xffff : v & 0xff;
}

const TWO32 = 4294967296;

/**
 * The eight classic ALU operations (0 add, 1 or, 2 adc, 3 sbb, 4 and, 5 sub, 6 xor, 7 cmp).
 * Returns the result's low half (high half in c.tHi for size 8) and records the flags.
 */
export function alu(c: Cpu, sub: number, size: number, a: number, aHi: number, b: number, bHi: number): number {
  if (size !== 8) {
    a = sx(a, size);
    b = sx(b, size);
    let r: number;
    let op: number;
    let cin = 0;
    switch (sub) {
      case 0:
        r = sx(a + b, size);
        op = F_ADD;
        break;
      case 1:
        r = sx(a | b, size);
        op = F_LOGIC;
        break;
      case 2:
        cin = carry(c);
        r = sx(a + b + cin, size);
        op = F_ADC;
        break;
      case 3:
        cin = carry(c);
        r = sx(a - b - cin, size);
        op = F_SBB;
        break;
      case 4:
        r = a & b;
        op = F_LOGIC;
        break;
      case 6:
        r = sx(a ^ b, size);
        op = F_LOGIC;
        break;
      default: // 5 sub, 7 cmp
        r = sx(a - b, size);
        op = F_SUB;
        break;
    }
    c.fOp = op;
    c.fSize = size;
    c.fRes = r;
    c.fA = a;
    c.fB = b;
    c.fCin = cin;
    return r;
  }
  let lo: number;
  let hi: number;
  let op: number;
  let cin = 0;
  switch (sub) {
    case 0:
    case 2: {
      if (sub === 2) cin = carry(c);
      const s = (a >>> 0) + (b >>> 0) + cin;
      lo = s | 0;
      hi = (aHi + bHi + (s >= TWO32 ? 1 : 0)) | 0;
      op = sub === 0 ? F_ADD : F_ADC;
      break;
    }
    case 1:
      lo = a | b;
      hi = aHi | bHi;
      op = F_LOGIC;
      break;
    case 4:
      lo = a & b;
      hi = aHi & bHi;
      op = F_LOGIC;
      break;
    case 6:
      lo = a ^ b;
      hi = aHi ^ bHi;
      op = F_LOGIC;
      break;
    default: {
      if (sub === 3) cin = carry(c);
      const s = (a >>> 0) - (b >>> 0) - cin;
      lo = s | 0;
      hi = (aHi - bHi - (s < 0 ? 1 : 0)) | 0;
      op = sub === 3 ? F_SBB : F_SUB;
      break;
    }
  }
  c.fOp = op;
  c.fSize = 8;
  c.fRes = lo;
  c.fResHi = hi;
  c.fA = a;
  c.fAHi = aHi;
  c.fB = b;
  c.fBHi = bHi;
  c.fCin = cin;
  c.tHi = hi;
  return lo;
}

/** inc (dir 1) / dec (dir -1): like add/sub 1 but CF is preserved. */
export function incdec(c: Cpu, size: number, a: number, aHi: number, dir: number): number {
  const cf = carry(c);
  let lo: number;
  let hi = 0;
  if (size !== 8) {
    a = sx(a, size);
    lo = sx(a + dir, size);
  } else {
    const s = (a >>> 0) + dir;
    lo = s | 0;
    hi = (aHi + (s >= TWO32 ? 1 : s < 0 ? -1 : 0)) | 0;
    c.fResHi = hi;
    c.fAHi = aHi;
    c.fBHi = 0;
  }
  c.fOp = dir > 0 ? F_INC : F_DEC;
  c.fSize = size;
  c.fRes = lo;
  c.fA = a;
  c.fB = 1;
  c.fCin = cf;
  c.tHi = hi;
  return lo;
}

/** Sets the flags of a logical result (test, and/or/xor already do this through alu). */
export function logicFlags(c: Cpu, size: number, lo: number, hi: number): void {
  c.fOp = F_LOGIC;
  c.fSize = size;
  c.fRes = size === 8 ? lo : sx(lo, size);
  c.fResHi = hi;
}

function szp(size: number, lo: number, hi: number): number {
  let bits = parity(lo);
  if (size === 8) {
    if (lo === 0 && hi === 0) bits |= ZF;
    if (hi < 0) bits |= SF;
  } else {
    const v = sx(lo, size);
    if (v === 0) bits |= ZF;
    if (v < 0) bits |= SF;
  }
  return bits;
}

/**
 * shl/shr/sar/rol/ror/rcl/rcr (sub = ModRM.reg: 0 rol 1 ror 2 rcl 3 rcr 4 shl 5 shr 6 sal 7 sar).
 * `count` is the raw count; it is masked here. A masked count of 0 changes nothing (the caller
 * must then skip the write). Returns the result; sets c.tHi for size 8.
 */
export function shift(c: Cpu, sub: number, size: number, v: number, vHi: number, count: number): number {
  const bits = size * 8;
  const n = count & (size === 8 ? 63 : 31);
  let lo = v;
  let hi = vHi;
  // Only rotates keep some old flags; shifts replace all six.
  const old = sub < 4 ? materialize(c) : 0;
  let fl = old;
  if (sub === 6) sub = 4;
  if (size !== 8) {
    const u = zx(v, size);
    const s = sx(v, size);
    let r: number;
    let cf: number;
    switch (sub) {
      case 4:
        r = n < 32 ? u << n : 0;
        cf = n <= bits ? (u >>> (bits - n)) & 1 : 0;
        r = zx(r, size);
        fl = szp(size, r, 0) | cf;
        if (((sx(r, size) >>> 31) ^ cf) !== 0) fl |= OF;
        lo = r;
        break;
      case 5:
        r = u >>> n;
        cf = (u >>> (n - 1)) & 1;
        fl = szp(size, r, 0) | cf;
        if (s < 0) fl |= OF; // defined for count 1: the original sign
        lo = r;
        break;
      case 7:
        r = zx(s >> n, size);
        cf = (s >> (n - 1)) & 1;
        fl = szp(size, r, 0) | cf;
        lo = r;
        break;
      case 0:
      case 1: {
        const k = n % bits;
        r = k === 0 ? u : sub === 0 ? zx((u << k) | (u >>> (bits - k)), size) : zx((u >>> k) | (u << (bits - k)), size);
        const msb = (r >>> (bits - 1)) & 1;
        if (sub === 0) {
          cf = r & 1;
          fl = (old & ~(CF | OF)) | cf | ((msb ^ cf) !== 0 ? OF : 0);
        } else {
          cf = msb;
          const msb2 = (r >>> (bits - 2)) & 1;
          fl = (old & ~(CF | OF)) | cf | ((msb ^ msb2) !== 0 ? OF : 0);
        }
        lo = r;
        break;
      }
      default: {
        const rr = rotateCarry(sub === 2, bits, BigInt(u), n, old & CF);
        lo = Number(rr.value);
        fl = (old & ~(CF | OF)) | rr.cf | (rr.of ? OF : 0);
        break;
      }
    }
    c.setArithFlags(fl);
    return lo;
  }
  switch (sub) {
    case 4: {
      // The bit shifted out last is bit (64 - n) of the original.
      const cf = bit64(v, vHi, 64 - n);
      if (n < 32) {
        hi = (vHi << n) | (v >>> (32 - n));
        lo = v << n;
      } else {
        hi = v << (n - 32);
        lo = 0;
      }
      fl = szp(8, lo, hi) | cf;
      if (((hi >>> 31) ^ cf) !== 0) fl |= OF;
      break;
    }
    case 5: {
      const cf = bit64(v, vHi, n - 1);
      if (n < 32) {
        lo = (v >>> n) | (n === 0 ? 0 : vHi << (32 - n));
        hi = vHi >>> n;
      } else {
        lo = vHi >>> (n - 32);
        hi = 0;
      }
      lo |= 0;
      hi |= 0;
      fl = szp(8, lo, hi) | cf;
      if (vHi < 0) fl |= OF;
      break;
    }
    case 7: {
      const cf = bit64(v, vHi, n - 1);
      if (n < 32) {
        lo = ((v >>> n) | (n === 0 ? 0 : vHi << (32 - n))) | 0;
        hi = vHi >> n;
      } else {
        lo = vHi >> (n - 32);
        hi = vHi >> 31;
      }
      fl = szp(8, lo, hi) | cf;
      break;
    }
    case 0:
    case 1: {
      const x = (BigInt(vHi >>> 0) << 32n) | BigInt(v >>> 0);
      const k = BigInt(n);
      const r = sub === 0 ? ((x << k) | (x >> (64n - k))) & 0xffffffffffffffffn : ((x >> k) | (x << (64n - k))) & 0xffffffffffffffffn;
      lo = Number(r & 0xffffffffn) | 0;
      hi = Number(r >> 32n) | 0;
      const msb = hi >>> 31;
      if (sub === 0) {
        const cf = lo & 1;
        fl = (old & ~(CF | OF)) | cf | ((msb ^ cf) !== 0 ? OF : 0);
      } else {
        const msb2 = (hi >>> 30) & 1;
        fl = (old & ~(CF | OF)) | msb | ((msb ^ msb2) !== 0 ? OF : 0);
      }
      break;
    }
    default: {
      const x = (BigInt(vHi >>> 0) << 32n) | BigInt(v >>> 0);
      const rr = rotateCarry(sub === 2, 64, x, n, old & CF);
      lo = Number(rr.value & 0xffffffffn) | 0;
      hi = Number(rr.value >> 32n) | 0;
      fl = (old & ~(CF | OF)) | rr.cf | (rr.of ? OF : 0);
      break;
    }
  }
  c.setArithFlags(fl);
  c.tHi = hi;
  return lo;
}

function bit64(lo: number, hi: number, i: number): number {
  if (i < 0 || i > 63) return 0;
  return i < 32 ? (lo >>> i) & 1 : (hi >>> (i - 32)) & 1;
}

/** rcl/rcr one bit at a time, as the SDM describes them (counts are small and these are rare). */
function rotateCarry(left: boolean, bits: number, x: bigint, n: number, cf: number): { value: bigint; cf: number; of: boolean } {
  let k = bits < 32 ? n % (bits + 1) : n;
  const top = BigInt(bits - 1);
  const mask = (1n << BigInt(bits)) - 1n;
  let c = BigInt(cf);
  while (k-- > 0) {
    if (left) {
      const out = (x >> top) & 1n;
      x = ((x << 1n) | c) & mask;
      c = out;
    } else {
      const out = x & 1n;
      x = (x >> 1n) | (c << top);
      c = out;
    }
  }
  const msb = (x >> top) & 1n;
  const of = left ? (msb ^ c) !== 0n : (msb ^ ((x >> (top - 1n)) & 1n)) !== 0n;
  return { value: x, cf: Number(c), of };
}

/** shld (left) / shrd: shifts dst, filling from src. Count masked; 0 changes nothing. */
export function shiftDouble(c: Cpu, left: boolean, size: number, d: number, dHi: number, s: number, sHi: number, count: number): number {
  const bits = size * 8;
  const n = count & (size === 8 ? 63 : 31);
  const toBig = (lo: number, hi: number): bigint =>
    size === 8 ? (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0) : BigInt(zx(lo, size));
  const B = BigInt(bits);
  const mask = (1n << B) - 1n;
  const dv = toBig(d, dHi);
  const sv = toBig(s, sHi);
  const k = BigInt(n);
  let r: bigint;
  let cf: number;
  if (left) {
    const wide = (dv << B) | sv;
    r = ((wide << k) >> B) & mask;
    cf = Number((dv >> (B - k)) & 1n);
  } else {
    const wide = (sv << B) | dv;
    r = (wide >> k) & mask;
    cf = Number((dv >> (k - 1n)) & 1n);
  }
  const lo = Number(r & 0xffffffffn) | 0;
  const hi = size === 8 ? Number(r >> 32n) | 0 : 0;
  let fl = szp(size, lo, hi) | cf;
  const msbOld = Number((dv >> (B - 1n)) & 1n);
  const msbNew = Number((r >> (B - 1n)) & 1n);
  if (msbOld !== msbNew) fl |= OF;
  c.setArithFlags(fl);
  c.tHi = hi;
  return size === 8 ? lo : zx(lo, size);
}

// ---- multiply and divide ----

function big(lo: number, hi: number, size: number, signed: boolean): bigint {
  if (size === 8) {
    const u = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
    return signed ? BigInt.asIntN(64, u) : u;
  }
  return BigInt(signed ? sx(lo, size) : zx(lo, size));
}

function mulFlags(c: Cpu, size: number, lo: number, hi: number, overflow: boolean): void {
  c.setArithFlags(szp(size, lo, hi) | (overflow ? CF | OF : 0));
}

/** Two- and three-operand imul: the truncated signed product; CF=OF when it did not fit. */
export function imulTrunc(c: Cpu, size: number, a: number, aHi: number, b: number, bHi: number): number {
  if (size !== 8) {
    const x = sx(a, size);
    const y = sx(b, size);
    const full = x * y; // |full| < 2^62: inexact beyond 2^53, but only its range matters below
    const r = size === 4 ? Math.imul(x, y) : sx(Math.imul(x, y), size);
    const fits = size === 4 ? full === r : full === r;
    mulFlags(c, size, r, 0, !fits || (size === 4 && (full > 2147483647 || full < -2147483648)));
    return r;
  }
  // Small operands (the common case) multiply exactly in doubles.
  if (aHi === a >> 31 && bHi === b >> 31 && Math.abs(a) < 0x4000000 && Math.abs(b) < 0x4000000) {
    const p = a * b;
    const hi = Math.floor(p / TWO32);
    const lo = (p - hi * TWO32) | 0;
    mulFlags(c, 8, lo, hi | 0, false);
    c.tHi = hi | 0;
    return lo;
  }
  const p = big(a, aHi, 8, true) * big(b, bHi, 8, true);
  const t = BigInt.asIntN(64, p);
  const lo = Number(t & 0xffffffffn) | 0;
  const hi = Number((t >> 32n) & 0xffffffffn) | 0;
  mulFlags(c, 8, lo, hi, t !== p);
  c.tHi = hi;
  return lo;
}

/** One-operand mul/imul: rdx:rax (or ax for bytes) ← accumulator × src. */
export function mulWide(c: Cpu, signed: boolean, size: number, s: number, sHi: number): void {
  const a = c.readReg(RAX, size);
  const aHi = c.tHi;
  const p = big(a, aHi, size, signed) * big(s, sHi, size, signed);
  const bits = BigInt(size * 8);
  const mask = (1n << bits) - 1n;
  const low = p & mask;
  const high = (p >> bits) & mask;
  const overflow = signed ? BigInt.asIntN(size * 8, low) !== p : high !== 0n;
  const lo = Number(low & 0xffffffffn) | 0;
  const lhi = size === 8 ? Number(low >> 32n) | 0 : 0;
  if (size === 1) {
    c.writeReg(RAX, 2, Number(p & 0xffffn), 0);
  } else {
    c.writeReg(RAX, size, lo, lhi);
    c.writeReg(RDX, size, Number(high & 0xffffffffn) | 0, size === 8 ? Number(high >> 32n) | 0 : 0);
  }
  mulFlags(c, size, lo, lhi, overflow);
}

/** div/idiv: quotient and remainder of rdx:rax (ax for bytes) by src; #DE on zero or overflow. */
export function divide(c: Cpu, signed: boolean, size: number, s: number, sHi: number): void {
  const divisor = big(s, sHi, size, signed);
  if (divisor === 0n) throw new CpuFault(VEC_DE);
  const bits = size * 8;
  let dividend: bigint;
  if (size === 1) {
    const ax = c.lo[RAX]! & 0xffff;
    dividend = signed ? BigInt((ax << 16) >> 16) : BigInt(ax);
  } else {
    const loPart = big(c.readReg(RAX, size), c.tHi, size, false);
    const hiPart = big(c.readReg(RDX, size), c.tHi, size, false);
    const u = (hiPart << BigInt(bits)) | loPart;
    dividend = signed ? BigInt.asIntN(bits * 2, u) : u;
  }
  const q = dividend / divisor; // BigInt division truncates toward zero, as idiv does
  const r = dividend % divisor;
  const fits = signed ? BigInt.asIntN(bits, q) === q : BigInt.asUintN(bits, q) === q;
  if (!fits) throw new CpuFault(VEC_DE);
  const qu = BigInt.asUintN(bits, q);
  const ru = BigInt.asUintN(bits, r);
  if (size === 1) {
    c.writeReg(RAX, 2, Number(qu) | (Number(ru) << 8), 0);
    return;
  }
  c.writeReg(RAX, size, Number(qu & 0xffffffffn) | 0, Number(qu >> 32n) | 0);
  c.writeReg(RDX, size, Number(ru & 0xffffffffn) | 0, Number(ru >> 32n) | 0);
}

/** 32-bit divide fast path: edx:eax / src when edx is just the extension of eax (cltd/xor edx). */
export function divide32(c: Cpu, signed: boolean, s: number): boolean {
  const eax = c.lo[RAX]!;
  const edx = c.lo[RDX]!;
  if (signed ? edx !== eax >> 31 : edx !== 0) return false;
  const x = signed ? eax : eax >>> 0;
  const y = signed ? s | 0 : s >>> 0;
  if (y === 0) throw new CpuFault(VEC_DE);
  const q = Math.trunc(x / y);
  if (signed && q === 2147483648) throw new CpuFault(VEC_DE);
  const r = x - q * y;
  c.writeReg(RAX, 4, q | 0, 0);
  c.writeReg(RDX, 4, r | 0, 0);
  return true;
}

export { AF };
