// One x86-64 instruction being put together: prefixes, REX bits, opcode, ModRM/SIB,
// displacement and immediate, then written out in the architecture's order:
//   [seg] [67] [66] [f2/f3] [f0] [REX] opcode [ModRM] [SIB] [disp] [imm]
// (the prefix order is GNU as's). Symbolic displacements and immediates become fixups.
import { AsmError } from './errors.js';
import type { Expr } from './expr.js';
import type { Explicit, RelocKind, Sym } from './model.js';
import type { ImmOp, MemOp, Operand, RegOp } from './operands.js';
import { SEG_PREFIX, type Reg } from './registers.js';

/** Where encoded bytes go; implemented by the assembler driver. */
export interface Out {
  bytes(): number[];
  fixup(at: number, size: 1 | 2 | 4 | 8, kind: RelocKind, signed: boolean, expr: Expr, pcAdjust: number, explicit?: Explicit): void;
  branch(jcc: number, target: Sym, addend: bigint): void;
  warn(message: string): void;
}

interface Field {
  size: number;
  value: bigint;
  fix: { expr: Expr; kind: RelocKind; signed: boolean; explicit?: Explicit } | null;
}

export class Insn {
  seg = 0;
  addr32 = false;
  data16 = false;
  rep = 0;
  lock = false;
  w = false;
  r = 0;
  x = 0;
  b = 0;
  forceRex = false;
  noRex: Reg | null = null;
  op: number[] = [];
  modrm = -1;
  sib = -1;
  disp: Field | null = null;
  imm: Field | null = null;
  imm2: Field | null = null;

  size(sz: number): this {
    if (sz === 2) this.data16 = true;
    else if (sz === 8) this.w = true;
    return this;
  }

  private noteReg(r: Reg): void {
    if (r.needsRex) this.forceRex = true;
    if (r.highByte) this.noRex = r;
  }

  /** ModRM with a register in the reg field and `rm` (register or memory) in r/m. */
  modRM(regField: number | Reg, rm: RegOp | MemOp): this {
    let regNum: number;
    if (typeof regField === 'number') regNum = regField;
    else {
      regNum = regField.num;
      this.noteReg(regField);
    }
    this.r = (regNum >> 3) & 1;
    if (rm.k === 'reg') {
      this.noteReg(rm.reg);
      this.b = (rm.reg.num >> 3) & 1;
      this.modrm = 0xc0 | ((regNum & 7) << 3) | (rm.reg.num & 7);
      return this;
    }
    this.mem(regNum & 7, rm);
    return this;
  }

  private mem(reg3: number, m: MemOp): void {
    if (m.seg) this.seg = SEG_PREFIX[m.seg.num]!;
    const base = m.base;
    const index = m.index;
    if ((base && base.size === 4 && base.cls === 'gpr') || (index && index.size === 4)) this.addr32 = true;
    const v = m.val;
    const isConst = m.disp === null || (v !== null && !v.sym && !v.sub);
    const dval = m.disp === null ? 0n : isConst ? v!.add : 0n;
    const dispField = (size: number, kind: RelocKind, signed: boolean): Field => dispFieldOf(m, isConst, dval, size, kind, signed);
    if (base?.cls === 'rip') {
      this.modrm = (reg3 << 3) | 5;
      this.disp = dispField(4, 'pcrel', true);
      return;
    }
    if (!base && !index) {
      this.modrm = (reg3 << 3) | 4;
      this.sib = 0x25;
      this.disp = dispField(4, 'abs', !this.addr32);
      return;
    }
    const ss = m.scale === 1 ? 0 : m.scale === 2 ? 1 : m.scale === 4 ? 2 : 3;
    if (!base) {
      this.x = (index!.num >> 3) & 1;
      this.modrm = (reg3 << 3) | 4;
      this.sib = (ss << 6) | ((index!.num & 7) << 3) | 5;
      this.disp = dispField(4, 'abs', !this.addr32);
      return;
    }
    this.b = (base.num >> 3) & 1;
    let mod: number;
    if (!isConst) mod = 2;
    else {
      const d = BigInt.asIntN(64, dval);
      if (d === 0n && (base.num & 7) !== 5) mod = 0;
      else if (d >= -128n && d <= 127n) mod = 1;
      else mod = 2;
    }
    if (index || (base.num & 7) === 4) {
      const idx = index ? index.num : 4;
      this.x = (idx >> 3) & 1;
      this.modrm = (mod << 6) | (reg3 << 3) | 4;
      this.sib = (ss << 6) | ((idx & 7) << 3) | (base.num & 7);
    } else {
      this.modrm = (mod << 6) | (reg3 << 3) | (base.num & 7);
    }
    if (mod === 1) this.disp = dispField(1, 'abs', true);
    else if (mod === 2) this.disp = dispField(4, 'abs', !this.addr32);
  }

  /** An immediate field of `size` bytes; `signed` picks R_X86_64_32S over R_X86_64_32 when symbolic. */
  immediate(op: ImmOp, size: number, signed: boolean): this {
    const f = immField(op, size, signed, this.warnTo);
    if (this.imm) this.imm2 = f;
    else this.imm = f;
    return this;
  }

  immConst(value: number | bigint, size: number): this {
    const f: Field = { size, value: BigInt(value), fix: null };
    if (this.imm) this.imm2 = f;
    else this.imm = f;
    return this;
  }

  warnTo: Out | null = null;

  emit(out: Out): void {
    const bytes = out.bytes();
    if (this.seg) bytes.push(this.seg);
    if (this.addr32) bytes.push(0x67);
    if (this.data16) bytes.push(0x66);
    if (this.rep) bytes.push(this.rep);
    if (this.lock) bytes.push(0xf0);
    const rex = (this.w ? 8 : 0) | (this.r << 2) | (this.x << 1) | this.b;
    if (rex || this.forceRex) {
      if (this.noRex) throw new AsmError(`can't encode register '%${this.noRex.name}' in an instruction requiring REX prefix.`);
      bytes.push(0x40 | rex);
    }
    for (const b of this.op) bytes.push(b);
    if (this.modrm >= 0) bytes.push(this.modrm);
    if (this.sib >= 0) bytes.push(this.sib);
    const immBytes = (this.imm?.size ?? 0) + (this.imm2?.size ?? 0);
    // GNU marks GOT loads it could relax: REX_GOTPCRELX with a REX prefix, GOTPCRELX without.
    if (this.disp?.fix?.explicit === 'gotpcrel' && (rex || this.forceRex)) this.disp.fix.explicit = 'gotpcrel-rex';
    if (this.disp) put(out, bytes, this.disp, -(this.disp.size + immBytes));
    if (this.imm) put(out, bytes, this.imm, -(this.imm.size + (this.imm2?.size ?? 0)));
    if (this.imm2) put(out, bytes, this.imm2, -this.imm2.size);
  }
}

/** Appends a little-endian field; a symbolic one also records its fixup. */
function put(out: Out, bytes: number[], f: Field, pcAdjust: number): void {
  const at = bytes.length;
  if (f.size <= 4 && f.value >= -0x80000000n && f.value <= 0xffffffffn) {
    let v = Number(f.value) | 0;
    for (let i = 0; i < f.size; i++) {
      bytes.push(v & 0xff);
      v >>= 8;
    }
  } else {
    let v = f.value;
    for (let i = 0; i < f.size; i++) {
      bytes.push(Number(v & 0xffn));
      v >>= 8n;
    }
  }
  if (f.fix) out.fixup(at, f.size as 1 | 2 | 4 | 8, f.fix.kind, f.fix.signed, f.fix.expr, f.fix.kind !== 'abs' ? pcAdjust : 0, f.fix.explicit);
}

function dispFieldOf(m: MemOp, isConst: boolean, dval: bigint, size: number, kind: RelocKind, signed: boolean): Field {
  if (isConst) return { size, value: checkDisp(dval, size), fix: null };
  return { size, value: 0n, fix: { expr: m.disp!, kind, signed, explicit: m.explicit } };
}

function checkDisp(v: bigint, size: number): bigint {
  const s = BigInt.asIntN(64, v);
  if (size === 4 && (s < -0x80000000n || s > 0xffffffffn)) {
    throw new AsmError(`0x${(v & 0xffffffffffffffffn).toString(16)} out of range of signed 32bit displacement`);
  }
  return v;
}

/** The constant value of an immediate operand, or null when it needs a relocation. */
export function immConst(op: ImmOp): bigint | null {
  const v = op.val;
  return v && !v.sym && !v.sub ? v.add : null;
}

export function fitsS8(v: bigint, opSize: number): boolean {
  const t = BigInt.asIntN(opSize * 8, v);
  // GNU first checks the value fits the operand at all (so 0x1ff is not an imm8 for a 16-bit op).
  if (opSize < 8 && !fitsIn(v, opSize)) return false;
  return t >= -128n && t <= 127n;
}

/** Whether v (a 64-bit pattern) fits in `size` bytes, signed or unsigned. */
export function fitsIn(v: bigint, size: number): boolean {
  if (size >= 8) return true;
  const s = BigInt.asIntN(64, v);
  const bits = BigInt(size * 8);
  return s >= -(1n << (bits - 1n)) && s < 1n << bits;
}

export function fitsS32(v: bigint): boolean {
  const s = BigInt.asIntN(64, v);
  return s >= -0x80000000n && s <= 0x7fffffffn;
}

function immField(op: ImmOp, size: number, signed: boolean, warn: Out | null): Field {
  const c = immConst(op);
  if (c === null) return { size, value: 0n, fix: { expr: op.expr, kind: 'abs', signed, explicit: op.explicit } };
  if (size < 8 && !fitsIn(c, size) && warn) {
    const mask = (1n << BigInt(size * 8)) - 1n;
    warn.warn(`0x${(c & 0xffffffffffffffffn).toString(16)} shortened to 0x${(c & mask).toString(16)}`);
  }
  return { size, value: c, fix: null };
}
