// Lazy arithmetic flags. Most instructions only record their operands and result (a few stores);
// CF/PF/AF/ZF/SF/OF are computed when something reads them (jcc, setcc, adc, pushfq, ...).
//
// Operands of 8/16/32-bit operations are stored sign-extended to int32 from their size. That
// keeps every order relation intact (sign extension is monotonic for both signed and unsigned
// comparison), so one 64-bit formula serves all sizes with hi = lo >> 31.

export const F_EXPLICIT = 0; // flags held as bits in fBits
export const F_ADD = 1;
export const F_ADC = 2;
export const F_SUB = 3;
export const F_SBB = 4;
export const F_LOGIC = 5;
export const F_INC = 6; // CF preserved in fCin
export const F_DEC = 7;

export const CF = 0x1;
export const PF = 0x4;
export const AF = 0x10;
export const ZF = 0x40;
export const SF = 0x80;
export const TF = 0x100;
export const IF = 0x200;
export const DF = 0x400;
export const OF = 0x800;
export const ARITH = CF | PF | AF | ZF | SF | OF; // 0x8d5

/** The lazy-flags record (fields of the CPU). */
export interface LazyFlags {
  fOp: number;
  fSize: number;
  fBits: number;
  fRes: number;
  fResHi: number;
  fA: number;
  fAHi: number;
  fB: number;
  fBHi: number;
  fCin: number;
}

const PARITY = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  let p = 1;
  for (let b = i; b; b >>= 1) p ^= b & 1;
  PARITY[i] = p ? PF : 0;
}
export function parity(v: number): number {
  return PARITY[v & 0xff]!;
}

function ult(aHi: number, aLo: number, bHi: number, bLo: number): boolean {
  return aHi >>> 0 < bHi >>> 0 || (aHi === bHi && aLo >>> 0 < bLo >>> 0);
}

/** All six arithmetic flags as rflags bits. */
export function materialize(f: LazyFlags): number {
  const op = f.fOp;
  if (op === F_EXPLICIT) return f.fBits;
  const w = f.fSize === 8;
  const r = f.fRes;
  const rh = w ? f.fResHi : r >> 31;
  let bits = parity(r);
  if (r === 0 && rh === 0) bits |= ZF;
  if (rh < 0) bits |= SF;
  if (op === F_LOGIC) return bits;
  const a = f.fA;
  const ah = w ? f.fAHi : a >> 31;
  const b = f.fB;
  const bh = w ? f.fBHi : b >> 31;
  bits |= (a ^ b ^ r) & AF;
  switch (op) {
    case F_ADD:
    case F_ADC:
    case F_INC: {
      if (op === F_INC) bits |= f.fCin;
      else if (ult(rh, r, ah, a) || (f.fCin !== 0 && rh === ah && r === a)) bits |= CF;
      if ((~(ah ^ bh) & (ah ^ rh)) < 0) bits |= OF;
      return bits;
    }
    default: {
      if (op === F_DEC) bits |= f.fCin;
      else if (ult(ah, a, bh, b) || (f.fCin !== 0 && ah === bh && a === b)) bits |= CF;
      if (((ah ^ bh) & (ah ^ rh)) < 0) bits |= OF;
      return bits;
    }
  }
}

/** CF alone (adc, sbb, jb, setb, ...), without computing the rest. */
export function carry(f: LazyFlags): number {
  switch (f.fOp) {
    case F_EXPLICIT:
      return f.fBits & CF;
    case F_LOGIC:
      return 0;
    case F_INC:
    case F_DEC:
      return f.fCin;
    case F_SUB:
      if (f.fSize !== 8) return f.fA >>> 0 < f.fB >>> 0 ? 1 : 0;
      return ult(f.fAHi, f.fA, f.fBHi, f.fB) ? 1 : 0;
  }
  return materialize(f) & CF;
}

/** Evaluates condition code cc (the low nibble of jcc/setcc/cmovcc). */
export function condition(f: LazyFlags, cc: number): boolean {
  const op = f.fOp;
  // Fast paths for the overwhelmingly common cmp/sub and test/and producers.
  if (op === F_SUB) {
    if (f.fSize !== 8) {
      const a = f.fA;
      const b = f.fB;
      switch (cc) {
        case 2:
          return a >>> 0 < b >>> 0;
        case 3:
          return a >>> 0 >= b >>> 0;
        case 4:
          return a === b;
        case 5:
          return a !== b;
        case 6:
          return a >>> 0 <= b >>> 0;
        case 7:
          return a >>> 0 > b >>> 0;
        case 12:
          return a < b;
        case 13:
          return a >= b;
        case 14:
          return a <= b;
        case 15:
          return a > b;
      }
    } else {
      const ah = f.fAHi;
      const bh = f.fBHi;
      const a = f.fA;
      const b = f.fB;
      switch (cc) {
        case 4:
          return a === b && ah === bh;
        case 5:
          return a !== b || ah !== bh;
        case 12:
          return ah < bh || (ah === bh && a >>> 0 < b >>> 0);
        case 13:
          return !(ah < bh || (ah === bh && a >>> 0 < b >>> 0));
        case 14:
          return ah < bh || (ah === bh && a >>> 0 <= b >>> 0);
        case 15:
          return !(ah < bh || (ah === bh && a >>> 0 <= b >>> 0));
      }
    }
  } else if (op === F_LOGIC) {
    const zero = f.fRes === 0 && (f.fSize !== 8 || f.fResHi === 0);
    const neg = f.fSize === 8 ? f.fResHi < 0 : f.fRes < 0;
    switch (cc) {
      case 4:
        return zero;
      case 5:
        return !zero;
      case 8:
        return neg;
      case 9:
        return !neg;
      case 12: // SF != OF, OF = 0
        return neg;
      case 13:
        return !neg;
      case 14:
        return zero || neg;
      case 15:
        return !zero && !neg;
    }
  }
  const bits = materialize(f);
  let r: boolean;
  switch (cc >> 1) {
    case 0:
      r = (bits & OF) !== 0;
      break;
    case 1:
      r = (bits & CF) !== 0;
      break;
    case 2:
      r = (bits & ZF) !== 0;
      break;
    case 3:
      r = (bits & (CF | ZF)) !== 0;
      break;
    case 4:
      r = (bits & SF) !== 0;
      break;
    case 5:
      r = (bits & PF) !== 0;
      break;
    case 6:
      r = (bits & SF) !== 0 !== ((bits & OF) !== 0);
      break;
    default:
      r = (bits & ZF) !== 0 || (bits & SF) !== 0 !== ((bits & OF) !== 0);
      break;
  }
  return (cc & 1) === 0 ? r : !r;
}

export const CONDITION_NAMES = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];
