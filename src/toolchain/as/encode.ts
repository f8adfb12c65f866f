// The instruction table: AT&T mnemonic (with or without its b/w/l/q suffix) → encoder.
// Encodings and GNU as's choices among equivalent forms (the short imm8 form when the value
// fits, the accumulator forms, `shl $1` as D1 /4, the store form for reg,reg) follow GNU as
// 2.40, which the oracle tests compare byte for byte.
import { AsmError } from './errors.js';
import { evaluate } from './expr.js';
import { fitsIn, fitsS32, fitsS8, immConst, Insn, type Out } from './insn.js';
import type { ImmOp, MemOp, Operand, RegOp } from './operands.js';
import type { Reg } from './registers.js';

export const CONDITIONS: Record<string, number> = {
  o: 0, no: 1, b: 2, c: 2, nae: 2, ae: 3, nb: 3, nc: 3, e: 4, z: 4, ne: 5, nz: 5,
  be: 6, na: 6, a: 7, nbe: 7, s: 8, ns: 9, p: 10, pe: 10, np: 11, po: 11,
  l: 12, nge: 12, ge: 13, nl: 13, le: 14, ng: 14, g: 15, nle: 15,
};

const SUFFIX: Record<string, number> = { b: 1, w: 2, l: 4, q: 8 };
const SUFFIX_CHAR: Record<number, string> = { 1: 'b', 2: 'w', 4: 'l', 8: 'q' };

/** What an encoder gets: the base mnemonic, the suffix size (0 = none), operands, prefixes. */
export interface Ctx {
  name: string;
  suffix: number;
  ops: Operand[];
  out: Out;
  rep: number;
  lock: boolean;
}

type Encoder = (c: Ctx) => void;

interface Entry {
  enc: Encoder;
  /** Suffixes this mnemonic accepts (as sizes); [] = none. */
  sizes: number[];
}

const TABLE = new Map<string, Entry>();

function def(names: string | string[], sizes: number[], enc: Encoder): void {
  for (const n of Array.isArray(names) ? names : [names]) TABLE.set(n, { enc, sizes });
}

const ALL = [1, 2, 4, 8];
const WLQ = [2, 4, 8];

/** Looks a mnemonic up: exact name first, then name minus a b/w/l/q suffix. */
export function lookupMnemonic(m: string): { name: string; entry: Entry; suffix: number } | null {
  const exact = TABLE.get(m);
  if (exact) return { name: m, entry: exact, suffix: 0 };
  const sfx = SUFFIX[m[m.length - 1]!];
  if (sfx) {
    const base = m.slice(0, -1);
    const e = TABLE.get(base);
    if (e) {
      if (!e.sizes.includes(sfx)) throw new AsmError(`invalid instruction suffix for \`${base}'`);
      return { name: base, entry: e, suffix: sfx };
    }
  }
  return null;
}

export function encodeInstruction(c: Ctx, entry: Entry): void {
  entry.enc(c);
}

// ---- helpers ---------------------------------------------------------------------------

function mismatch(c: Ctx): AsmError {
  // `movq` is also an MMX/SSE mnemonic in GNU's table, so GNU names it in full.
  const name = c.name === 'mov' && c.suffix === 8 ? 'movq' : c.name;
  return new AsmError(`operand type mismatch for \`${name}'`);
}

function sizeMismatch(c: Ctx, name = c.name): AsmError {
  return new AsmError(`operand size mismatch for \`${name}'`);
}

function count(c: Ctx, ...allowed: number[]): void {
  if (!allowed.includes(c.ops.length)) throw new AsmError(`number of operands mismatch for \`${c.name}'`);
}

function gpr(op: Operand | undefined): op is RegOp {
  return op !== undefined && op.k === 'reg' && op.reg.cls === 'gpr' && !op.star;
}
function rm(op: Operand | undefined): op is RegOp | MemOp {
  return op !== undefined && !op.star && ((op.k === 'reg' && op.reg.cls === 'gpr') || op.k === 'mem');
}
function imm(op: Operand | undefined): op is ImmOp {
  return op !== undefined && op.k === 'imm';
}

/** GNU's complaint about register `r` under suffix size `sfx`. */
function suffixError(c: Ctx, r: Reg, sfx: number): AsmError {
  if (r.size === 1 || sfx === 1) return new AsmError(`\`%${r.name}' not allowed with \`${c.name}${SUFFIX_CHAR[sfx]}'`);
  return new AsmError(`incorrect register \`%${r.name}' used with \`${SUFFIX_CHAR[sfx]}' suffix`);
}

/**
 * The operand size: the registers' common size, checked against the suffix; or the suffix;
 * or (memory/immediate only) the default, with GNU's warning.
 */
function opSize(c: Ctx, ops: (Operand | undefined)[], dflt = 4, warnDefault = true): number {
  const regs: Reg[] = [];
  for (const o of ops) if (o && o.k === 'reg' && o.reg.cls === 'gpr') regs.push(o.reg);
  if (regs.length > 1 && regs.some((r) => r.size !== regs[0]!.size)) {
    if (c.name === 'mov') throw mismatch(c);
    throw new AsmError(`register type mismatch for \`${c.name}'`);
  }
  if (c.suffix) {
    for (let k = regs.length - 1; k >= 0; k--) if (regs[k]!.size !== c.suffix) throw suffixError(c, regs[k]!, c.suffix);
    return c.suffix;
  }
  if (regs.length) return regs[0]!.size;
  if (warnDefault) c.out.warn(`no instruction mnemonic suffix given and no register operands; using default for \`${c.name}'`);
  return dflt;
}

function insn(c: Ctx): Insn {
  const i = new Insn();
  i.rep = c.rep;
  i.lock = c.lock;
  i.warnTo = c.out;
  return i;
}

/** Opcode for byte vs wider forms: `b8` for size 1, `b8 + 1` otherwise. */
function w(op: number, size: number): number {
  return size === 1 ? op : op + 1;
}

/** The plain "register and r/m" form: one opcode byte (w-widened for size > 1), then ModRM. */
function emitRegRM(c: Ctx, op: number, size: number, reg: Reg, m: RegOp | MemOp): void {
  const i = insn(c).size(size);
  i.op = [w(op, size)];
  i.modRM(reg, m).emit(c.out);
}

// ---- arithmetic -------------------------------------------------------------------------

['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'].forEach((name, n) => {
  def(name, ALL, (c) => {
    count(c, 2);
    const [src, dst] = c.ops;
    if (imm(src) && rm(dst)) {
      const size = opSize(c, [dst]);
      const i = insn(c).size(size);
      const v = immConst(src);
      const isAcc = dst.k === 'reg' && dst.reg.num === 0;
      if (size !== 1 && v !== null && fitsS8(v, size)) {
        i.op = [0x83];
        i.modRM(n, dst).immediate(src, 1, true);
      } else if (isAcc) {
        i.op = [w(0x04 + 8 * n, size)];
        immediateFor(i, src, size, c);
      } else {
        i.op = [w(0x80, size)];
        i.modRM(n, dst);
        immediateFor(i, src, size, c);
      }
      i.emit(c.out);
      return;
    }
    if (gpr(src) && rm(dst)) {
      emitRegRM(c, 0x00 + 8 * n, opSize(c, [src, dst]), src.reg, dst);
      return;
    }
    if (src?.k === 'mem' && !src.star && gpr(dst)) {
      emitRegRM(c, 0x02 + 8 * n, opSize(c, [dst]), dst.reg, src);
      return;
    }
    throw mismatch(c);
  });
});

/** An imm8/16/32 field for an operation of `size` (64-bit operations take a sign-extended imm32). */
function immediateFor(i: Insn, src: ImmOp, size: number, c?: Ctx): void {
  if (size === 8) {
    const v = immConst(src);
    if (v !== null && !fitsS32(v)) throw new AsmError(`operand type mismatch for \`${c?.name ?? ''}'`);
    i.immediate(src, 4, true);
  } else i.immediate(src, size, false);
}

def('test', ALL, (c) => {
  count(c, 2);
  const [src, dst] = c.ops;
  if (imm(src) && rm(dst)) {
    const size = opSize(c, [dst]);
    const i = insn(c).size(size);
    if (dst.k === 'reg' && dst.reg.num === 0) i.op = [w(0xa8, size)];
    else {
      i.op = [w(0xf6, size)];
      i.modRM(0, dst);
    }
    immediateFor(i, src, size, c);
    i.emit(c.out);
    return;
  }
  if (gpr(src) && rm(dst)) {
    emitRegRM(c, 0x84, opSize(c, [src, dst]), src.reg, dst);
    return;
  }
  if (src?.k === 'mem' && gpr(dst)) {
    emitRegRM(c, 0x84, opSize(c, [dst]), dst.reg, src);
    return;
  }
  throw mismatch(c);
});

// inc dec not neg mul imul div idiv: the one-operand groups
const UNARY: [string, number, number][] = [
  ['inc', 0xfe, 0], ['dec', 0xfe, 1], ['not', 0xf6, 2], ['neg', 0xf6, 3],
  ['mul', 0xf6, 4], ['div', 0xf6, 6], ['idiv', 0xf6, 7],
];
for (const [name, op, ext] of UNARY) {
  def(name, ALL, (c) => {
    count(c, 1);
    const [dst] = c.ops;
    if (!rm(dst)) throw mismatch(c);
    unary(c, op, ext, dst);
  });
}

function unary(c: Ctx, op: number, ext: number, dst: RegOp | MemOp): void {
  const size = opSize(c, [dst]);
  const i = insn(c).size(size);
  i.op = [w(op, size)];
  i.modRM(ext, dst).emit(c.out);
}

def('imul', ALL, (c) => {
  count(c, 1, 2, 3);
  const ops = c.ops;
  if (ops.length === 1) {
    if (!rm(ops[0])) throw mismatch(c);
    return unary(c, 0xf6, 5, ops[0]);
  }
  if (ops.length === 2 && rm(ops[0]) && gpr(ops[1])) {
    const size = opSize(c, [ops[0], ops[1]]);
    if (size === 1) throw mismatch(c);
    const i = insn(c).size(size);
    i.op = [0x0f, 0xaf];
    i.modRM(ops[1].reg, ops[0]).emit(c.out);
    return;
  }
  // imul $imm, r/m, reg   or   imul $imm, reg  (= imul $imm, reg, reg)
  const src = ops[0];
  const from = ops.length === 3 ? ops[1] : ops[1];
  const to = ops.length === 3 ? ops[2] : ops[1];
  if (imm(src) && rm(from) && gpr(to)) {
    const size = opSize(c, [from, to]);
    if (size === 1) throw mismatch(c);
    const i = insn(c).size(size);
    const v = immConst(src);
    if (v !== null && fitsS8(v, size)) {
      i.op = [0x6b];
      i.modRM(to.reg, from).immediate(src, 1, true);
    } else {
      i.op = [0x69];
      i.modRM(to.reg, from);
      immediateFor(i, src, size, c);
    }
    i.emit(c.out);
    return;
  }
  throw mismatch(c);
});

// rol ror rcl rcr shl/sal shr sar: by 1, by imm8, by %cl
const SHIFTS: [string, number][] = [['rol', 0], ['ror', 1], ['rcl', 2], ['rcr', 3], ['shl', 4], ['sal', 4], ['shr', 5], ['sar', 7]];
for (const [name, ext] of SHIFTS) {
  def(name, ALL, (c) => {
    count(c, 1, 2);
    const dst = c.ops[c.ops.length - 1];
    if (!rm(dst)) throw mismatch(c);
    const size = opSize(c, [dst]);
    const i = insn(c).size(size);
    if (c.ops.length === 1) i.op = [w(0xd0, size)];
    else {
      const cnt = c.ops[0]!;
      if (cnt.k === 'reg' && cnt.reg.name === 'cl') i.op = [w(0xd2, size)];
      else if (imm(cnt)) {
        const v = immConst(cnt);
        if (v !== null && !fitsIn(v, 1)) throw mismatch(c);
        if (v === 1n) i.op = [w(0xd0, size)];
        else {
          i.op = [w(0xc0, size)];
          i.modRM(ext, dst).immediate(cnt, 1, false);
          i.emit(c.out);
          return;
        }
      } else throw mismatch(c);
    }
    i.modRM(ext, dst).emit(c.out);
  });
}

for (const [name, op] of [['shld', 0xa4], ['shrd', 0xac]] as const) {
  def(name, WLQ, (c) => {
    count(c, 2, 3);
    const [cnt, src, dst] = c.ops.length === 3 ? c.ops : [undefined, c.ops[0], c.ops[1]];
    if (!gpr(src) || !rm(dst)) throw mismatch(c);
    const size = opSize(c, [src, dst]);
    const i = insn(c).size(size);
    if (cnt === undefined || (cnt.k === 'reg' && cnt.reg.name === 'cl')) {
      i.op = [0x0f, op + 1];
      i.modRM(src.reg, dst);
    } else if (imm(cnt)) {
      i.op = [0x0f, op];
      i.modRM(src.reg, dst).immediate(cnt, 1, false);
    } else throw mismatch(c);
    i.emit(c.out);
  });
}

// ---- data movement --------------------------------------------------------------------

def('mov', ALL, (c) => {
  count(c, 2);
  const [src, dst] = c.ops;
  if (src?.k === 'reg' && src.reg.cls !== 'gpr' && !src.star) return movSpecial(c, src, dst!, true);
  if (dst?.k === 'reg' && dst.reg.cls !== 'gpr') return movSpecial(c, dst, src!, false);
  if (imm(src) && gpr(dst)) {
    const size = opSize(c, [dst]);
    const i = insn(c).size(size);
    const v = immConst(src);
    if (size === 8) {
      if (v !== null && !fitsS32(v)) {
        i.op = [0xb8 + (dst.reg.num & 7)];
        i.b = dst.reg.num >> 3;
        i.immConst(v, 8).emit(c.out);
        return;
      }
      i.op = [0xc7];
      i.modRM(0, dst).immediate(src, 4, true);
    } else {
      i.op = [(size === 1 ? 0xb0 : 0xb8) + (dst.reg.num & 7)];
      i.b = dst.reg.num >> 3;
      if (dst.reg.needsRex) i.forceRex = true;
      if (dst.reg.highByte) i.noRex = dst.reg;
      i.immediate(src, size, false);
    }
    i.emit(c.out);
    return;
  }
  if (imm(src) && dst?.k === 'mem' && !dst.star) {
    const size = opSize(c, [dst]);
    const i = insn(c).size(size);
    i.op = [w(0xc6, size)];
    i.modRM(0, dst);
    if (size === 8) {
      const v = immConst(src);
      if (v !== null && !fitsS32(v)) throw mismatch(c);
      i.immediate(src, 4, true);
    } else i.immediate(src, size, false);
    i.emit(c.out);
    return;
  }
  if (gpr(src) && rm(dst)) {
    emitRegRM(c, 0x88, opSize(c, [src, dst]), src.reg, dst);
    return;
  }
  if (src?.k === 'mem' && !src.star && gpr(dst)) {
    emitRegRM(c, 0x8a, opSize(c, [dst]), dst.reg, src);
    return;
  }
  throw mismatch(c);
});

/** mov to or from a segment, control or debug register. */
function movSpecial(c: Ctx, special: RegOp, other: Operand, fromSpecial: boolean): void {
  const r = special.reg;
  const i = insn(c);
  if (r.cls === 'seg') {
    if (!rm(other)) throw mismatch(c);
    // GNU writes `mov %ax, %ds` and `mov %fs, %rax` without a size prefix (the width is
    // implied) but keeps 66 for `movw %ds, %ax`.
    if (other.k === 'reg' && other.reg.size === 2 && fromSpecial) i.data16 = true;
    else if (c.suffix === 8) i.w = true;
    i.op = [fromSpecial ? 0x8c : 0x8e];
    i.modRM(r.num, other).emit(c.out);
    return;
  }
  if (r.cls === 'cr' || r.cls === 'dr') {
    if (!gpr(other) || other.reg.size !== 8) throw mismatch(c);
    const base = r.cls === 'cr' ? 0x20 : 0x21;
    i.op = [0x0f, fromSpecial ? base : base + 2];
    i.modRM(r.num, other).emit(c.out);
    return;
  }
  throw mismatch(c);
}

def('movabs', ALL, (c) => {
  count(c, 2);
  const [src, dst] = c.ops;
  if (imm(src) && gpr(dst)) {
    const size = opSize(c, [dst]);
    if (size !== 8) throw mismatch(c); // the imm64 form only
    const i = insn(c).size(8);
    i.op = [0xb8 + (dst.reg.num & 7)];
    i.b = dst.reg.num >> 3;
    i.immediate(src, 8, false);
    i.emit(c.out);
    return;
  }
  // moffs forms: movabs sym, %acc / movabs %acc, sym
  const moffs = (m: Operand | undefined): m is MemOp => m?.k === 'mem' && !m.base && !m.index && !m.star;
  if ((moffs(src) && gpr(dst) && dst.reg.num === 0) || (gpr(src) && src.reg.num === 0 && moffs(dst))) {
    const acc = (gpr(dst) ? dst : src) as RegOp;
    const mem = (moffs(src) ? src : dst) as MemOp;
    const size = opSize(c, [acc]);
    const i = insn(c).size(size);
    if (mem.seg) i.seg = [0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65][mem.seg.num]!;
    i.op = [w(moffs(src) ? 0xa0 : 0xa2, size)];
    const v = mem.val;
    if (v && !v.sym && !v.sub) i.immConst(v.add, 8);
    else i.immediate({ k: 'imm', expr: mem.disp!, val: v, star: false }, 8, false);
    i.emit(c.out);
    return;
  }
  throw mismatch(c);
});

def('lea', WLQ, (c) => {
  count(c, 2);
  const [src, dst] = c.ops;
  if (src?.k !== 'mem' || !gpr(dst)) throw mismatch(c);
  const size = opSize(c, [dst]);
  const i = insn(c).size(size);
  i.op = [0x8d];
  i.modRM(dst.reg, src).emit(c.out);
});

// movsbw movsbl movsbq movswl movswq movslq movzbw movzbl movzbq movzwl movzwq
const EXTEND: [string, number, number, number[]][] = [
  ['movsbw', 1, 2, [0x0f, 0xbe]], ['movsbl', 1, 4, [0x0f, 0xbe]], ['movsbq', 1, 8, [0x0f, 0xbe]],
  ['movswl', 2, 4, [0x0f, 0xbf]], ['movswq', 2, 8, [0x0f, 0xbf]], ['movslq', 4, 8, [0x63]],
  ['movzbw', 1, 2, [0x0f, 0xb6]], ['movzbl', 1, 4, [0x0f, 0xb6]], ['movzbq', 1, 8, [0x0f, 0xb6]],
  ['movzwl', 2, 4, [0x0f, 0xb7]], ['movzwq', 2, 8, [0x0f, 0xb7]],
];
for (const [name, from, to, op] of EXTEND) {
  def(name, [], (c) => {
    count(c, 2);
    const [src, dst] = c.ops;
    if (!rm(src) || !gpr(dst)) throw mismatch(c);
    if (dst.reg.size !== to) throw suffixError({ ...c, name: name.slice(0, -1) }, dst.reg, to);
    if (src.k === 'reg' && src.reg.size !== from) throw sizeMismatch(c, name.slice(0, -1));
    const i = insn(c).size(to);
    i.op = op;
    i.modRM(dst.reg, src).emit(c.out);
  });
}
// movsx/movzx/movsxd: sizes from the operands (a memory source is a byte, as GNU assumes);
// movzb/movzw/movsb-less forms: the source size in the name, the destination from its register.
for (const [name, ops] of [['movsx', [[0x0f, 0xbe], [0x0f, 0xbf], [0x63]]], ['movzx', [[0x0f, 0xb6], [0x0f, 0xb7]]], ['movsxd', [[], [], [0x63]]]] as const) {
  def(name, [], (c) => {
    count(c, 2);
    const [src, dst] = c.ops;
    if (!rm(src) || !gpr(dst)) throw mismatch(c);
    const from = src.k === 'reg' ? src.reg.size : name === 'movsxd' ? 4 : 1;
    const op = ops[from === 1 ? 0 : from === 2 ? 1 : 2];
    if (!op || op.length === 0) throw mismatch(c);
    const i = insn(c).size(dst.reg.size);
    i.op = [...op];
    i.modRM(dst.reg, src).emit(c.out);
  });
}
for (const [name, from, op] of [['movzb', 1, [0x0f, 0xb6]], ['movzw', 2, [0x0f, 0xb7]]] as const) {
  def(name, [], (c) => {
    count(c, 2);
    const [src, dst] = c.ops;
    if (!rm(src) || !gpr(dst) || dst.reg.size <= from) throw mismatch(c);
    if (src.k === 'reg' && src.reg.size !== from) throw sizeMismatch(c);
    const i = insn(c).size(dst.reg.size);
    i.op = [...op];
    i.modRM(dst.reg, src).emit(c.out);
  });
}

def('push', [2, 8], (c) => pushPop(c, true));
def('pop', [2, 8], (c) => pushPop(c, false));

function pushPop(c: Ctx, push: boolean): void {
  count(c, 1);
  const [o] = c.ops;
  const i = insn(c);
  if (o?.k === 'reg' && !o.star) {
    const r = o.reg;
    if (r.cls === 'seg') {
      if (r.name === 'fs' || r.name === 'gs') {
        i.op = [0x0f, (r.name === 'fs' ? 0xa0 : 0xa8) + (push ? 0 : 1)];
        i.emit(c.out);
        return;
      }
      throw mismatch(c);
    }
    if (r.cls !== 'gpr') throw mismatch(c);
    if (c.suffix && c.suffix !== r.size) throw suffixError(c, r, c.suffix);
    if (r.size === 1 || r.size === 4) throw sizeMismatch(c);
    if (r.size === 2) i.data16 = true;
    i.op = [(push ? 0x50 : 0x58) + (r.num & 7)];
    i.b = r.num >> 3;
    i.emit(c.out);
    return;
  }
  if (push && imm(o)) {
    if (c.suffix === 2) i.data16 = true;
    const v = immConst(o);
    if (v !== null && fitsS8(v, c.suffix === 2 ? 2 : 8)) {
      i.op = [0x6a];
      i.immediate(o, 1, true);
    } else {
      i.op = [0x68];
      if (c.suffix === 2) i.immediate(o, 2, false);
      else {
        if (v !== null && !fitsS32(v)) throw mismatch(c);
        i.immediate(o, 4, true);
      }
    }
    i.emit(c.out);
    return;
  }
  if (o?.k === 'mem' && !o.star) {
    if (c.suffix === 2) i.data16 = true;
    i.op = [push ? 0xff : 0x8f];
    i.modRM(push ? 6 : 0, o).emit(c.out);
    return;
  }
  throw mismatch(c);
}

def('xchg', ALL, (c) => {
  count(c, 2);
  const [a, b] = c.ops;
  if (gpr(a) && gpr(b)) {
    const size = opSize(c, [a, b]);
    const i = insn(c).size(size);
    const acc = a.reg.num === 0 ? b : b.reg.num === 0 ? a : null;
    if (size === 8 && a.reg.num === 0 && b.reg.num === 0) {
      // GNU treats `xchg %rax, %rax` as the one-byte nop
      c.out.bytes().push(0x90);
      return;
    }
    if (size !== 1 && acc && !(size === 4 && a.reg.num === 0 && b.reg.num === 0)) {
      i.op = [0x90 + (acc.reg.num & 7)];
      i.b = acc.reg.num >> 3;
      i.emit(c.out);
      return;
    }
    i.op = [w(0x86, size)];
    i.modRM(a.reg, b).emit(c.out);
    return;
  }
  const reg = gpr(a) ? a : gpr(b) ? b : null;
  const mem = a?.k === 'mem' ? a : b?.k === 'mem' ? b : null;
  if (reg && mem) {
    emitRegRM(c, 0x86, opSize(c, [reg]), reg.reg, mem);
    return;
  }
  throw mismatch(c);
});

/** reg-to-r/m two-operand forms with a 0f opcode: cmpxchg, xadd, bt*, bsf/bsr. */
function regRm(name: string, sizes: number[], op: number[], regIsDst: boolean, byteForm: boolean): void {
  def(name, sizes, (c) => {
    count(c, 2);
    const [src, dst] = c.ops;
    const reg = regIsDst ? dst : src;
    const other = regIsDst ? src : dst;
    if (!gpr(reg) || !rm(other)) throw mismatch(c);
    const size = opSize(c, [src, dst]);
    if (size === 1 && !byteForm) throw mismatch(c);
    const i = insn(c).size(size);
    i.op = byteForm ? [...op.slice(0, -1), w(op[op.length - 1]!, size)] : op;
    i.modRM(reg.reg, other).emit(c.out);
  });
}
regRm('cmpxchg', ALL, [0x0f, 0xb0], false, true);
regRm('xadd', ALL, [0x0f, 0xc0], false, true);
regRm('bsf', WLQ, [0x0f, 0xbc], true, false);
regRm('bsr', WLQ, [0x0f, 0xbd], true, false);

for (const [name, op, ext] of [['bt', 0xa3, 4], ['bts', 0xab, 5], ['btr', 0xb3, 6], ['btc', 0xbb, 7]] as const) {
  def(name, WLQ, (c) => {
    count(c, 2);
    const [src, dst] = c.ops;
    if (!rm(dst)) throw mismatch(c);
    if (imm(src)) {
      const size = opSize(c, [dst]);
      const i = insn(c).size(size);
      i.op = [0x0f, 0xba];
      i.modRM(ext, dst).immediate(src, 1, false);
      i.emit(c.out);
      return;
    }
    if (!gpr(src)) throw mismatch(c);
    const size = opSize(c, [src, dst]);
    const i = insn(c).size(size);
    i.op = [0x0f, op];
    i.modRM(src.reg, dst).emit(c.out);
  });
}

def('bswap', [4, 8], (c) => {
  count(c, 1);
  const [r] = c.ops;
  if (!gpr(r) || r.reg.size < 4) throw mismatch(c);
  const size = opSize(c, [r]);
  const i = insn(c).size(size);
  i.op = [0x0f, 0xc8 + (r.reg.num & 7)];
  i.b = r.reg.num >> 3;
  i.emit(c.out);
});

// ---- conditions -----------------------------------------------------------------------

for (const [cc, n] of Object.entries(CONDITIONS)) {
  def('set' + cc, [1], (c) => {
    count(c, 1);
    const [d] = c.ops;
    if (!rm(d)) throw mismatch(c);
    if (d.k === 'reg' && d.reg.size !== 1) throw sizeMismatch(c);
    const i = insn(c);
    i.op = [0x0f, 0x90 + n];
    i.modRM(0, d).emit(c.out);
  });
  def('cmov' + cc, WLQ, (c) => {
    count(c, 2);
    const [src, dst] = c.ops;
    if (!rm(src) || !gpr(dst)) throw mismatch(c);
    const size = opSize(c, [src, dst]);
    if (size === 1) throw mismatch(c);
    const i = insn(c).size(size);
    i.op = [0x0f, 0x40 + n];
    i.modRM(dst.reg, src).emit(c.out);
  });
  def('j' + cc, [], (c) => branch(c, n));
}

// ---- control transfer -----------------------------------------------------------------

def('jmp', [8], (c) => branch(c, -1));
def('call', [8], (c) => branch(c, -2));

/** jcc (n >= 0), jmp (-1), call (-2): direct targets relax or take a fixup; `*op` is indirect. */
function branch(c: Ctx, n: number): void {
  count(c, 1);
  let [t] = c.ops;
  // A register or based memory operand without `*' is still an indirect jmp/call (GNU warns).
  if (n < 0 && !t!.star && (t!.k === 'reg' || (t!.k === 'mem' && (t!.base || t!.index)))) {
    c.out.warn(`indirect ${n === -1 ? 'jmp' : 'call'} without \`*'`);
    t = { ...t!, star: true };
  }
  if (t!.star) {
    if (n >= 0) throw mismatch(c);
    if (t!.k === 'imm') throw sizeMismatch(c);
    const target = t as RegOp | MemOp;
    if (target.k === 'reg' && (target.reg.cls !== 'gpr' || target.reg.size !== 8)) {
      throw new AsmError(`operand size mismatch for \`${c.name}'`);
    }
    const i = insn(c);
    i.op = [0xff];
    i.modRM(n === -1 ? 4 : 2, { ...target, star: false } as RegOp | MemOp).emit(c.out);
    return;
  }
  if (t!.k !== 'mem' || t.base || t.index || t.seg) {
    if (t!.k === 'imm') throw sizeMismatch(c);
    throw mismatch(c);
  }
  const v = t.val ?? evaluate(t.disp!, false);
  if (!v || v.sub) throw new AsmError(`operand type mismatch for \`${c.name}'`);
  if (!v.sym && n !== -2) {
    // An absolute target: the 5/6-byte form with a pc-relative relocation against *ABS*.
    const i = insn(c);
    i.op = n === -1 ? [0xe9] : [0x0f, 0x80 + n];
    i.immediate({ k: 'imm', expr: t.disp!, val: null, star: false }, 4, true);
    (i.imm!.fix as { kind: string }).kind = 'branch';
    i.emit(c.out);
    return;
  }
  if (n === -2) {
    const i = insn(c);
    i.op = [0xe8];
    i.immediate({ k: 'imm', expr: t.disp!, val: null, star: false, explicit: t.explicit }, 4, true);
    (i.imm!.fix as { kind: string }).kind = 'branch';
    i.emit(c.out);
    return;
  }
  if (c.rep || c.lock) {
    const bytes = c.out.bytes();
    if (c.rep) bytes.push(c.rep);
    if (c.lock) bytes.push(0xf0);
  }
  c.out.branch(n, v.sym!, v.add);
}

// loop, loope, loopne, jrcxz, jecxz: rel8 only, so never relaxed; out of reach is an error.
for (const [name, op] of [['loop', [0xe2]], ['loope', [0xe1]], ['loopz', [0xe1]], ['loopne', [0xe0]], ['loopnz', [0xe0]], ['jrcxz', [0xe3]], ['jecxz', [0x67, 0xe3]]] as const) {
  def(name, [], (c) => {
    count(c, 1);
    const [t] = c.ops;
    if (t?.k !== 'mem' || t.base || t.index || t.seg || t.star) throw mismatch(c);
    const bytes = c.out.bytes();
    bytes.push(...op);
    const at = bytes.length;
    bytes.push(0);
    c.out.fixup(at, 1, 'pcrel', true, t.disp!, -1);
  });
}

def('enter', [2, 8], (c) => {
  count(c, 2);
  const [a, b] = c.ops;
  if (!imm(a) || !imm(b)) throw mismatch(c);
  const i = insn(c);
  if (c.suffix === 2) i.data16 = true;
  i.op = [0xc8];
  i.immediate(a, 2, false).immediate(b, 1, false).emit(c.out);
});

for (const [name, wide] of [['cmpxchg8b', false], ['cmpxchg16b', true]] as const) {
  def(name, [], (c) => {
    count(c, 1);
    const [m] = c.ops;
    if (m?.k !== 'mem' || m.star) throw mismatch(c);
    const i = insn(c);
    i.w = wide;
    i.op = [0x0f, 0xc7];
    i.modRM(1, m).emit(c.out);
  });
}

def('ret', [2, 8], (c) => {
  count(c, 0, 1);
  const i = insn(c);
  if (c.suffix === 2) i.data16 = true;
  if (c.ops.length === 1) {
    if (!imm(c.ops[0])) throw mismatch(c);
    const n = immConst(c.ops[0]);
    if (n !== null && !fitsIn(n, 2)) throw sizeMismatch(c);
    i.op = [0xc2];
    i.immediate(c.ops[0], 2, false);
  } else i.op = [0xc3];
  i.emit(c.out);
});
def('lret', [2, 4, 8], (c) => {
  count(c, 0, 1);
  if (!c.suffix) c.out.warn(`no instruction mnemonic suffix given and no register operands; using default for \`lret'`);
  const i = insn(c).size(c.suffix === 2 ? 2 : c.suffix === 8 ? 8 : 0);
  if (c.ops.length === 1) {
    if (!imm(c.ops[0])) throw mismatch(c);
    i.op = [0xca];
    i.immediate(c.ops[0], 2, false);
  } else i.op = [0xcb];
  i.emit(c.out);
});

def('int', [], (c) => {
  count(c, 1);
  const [v] = c.ops;
  if (!imm(v)) throw mismatch(c);
  const n = immConst(v);
  if (n !== null && !fitsIn(n, 1)) throw sizeMismatch(c);
  if (n === 3n) {
    // GNU assembles `int $3` as the one-byte breakpoint instruction int3 (cc)
    c.out.bytes().push(0xcc);
    return;
  }
  const i = insn(c);
  i.op = [0xcd];
  i.immediate(v, 1, false).emit(c.out);
});

// ---- ports ---------------------------------------------------------------------------

// `in port, acc` and `out acc, port`: the port is %dx or an 8-bit immediate; the accumulator
// (%al/%ax/%eax) may be left out, and is then %al or sized by the suffix.
for (const [name, dxOp, immOp] of [['in', 0xec, 0xe4], ['out', 0xee, 0xe6]] as const) {
  def(name, [1, 2, 4], (c) => {
    count(c, 1, 2);
    const port = name === 'in' ? c.ops[0] : c.ops[c.ops.length - 1];
    const given = c.ops.length === 2 ? c.ops[name === 'in' ? 1 : 0] : undefined;
    const acc = given ?? { k: 'reg', reg: { name: 'al', cls: 'gpr', num: 0, size: c.suffix || 1, needsRex: false, highByte: false }, star: false };
    if (!gpr(acc) || acc.reg.num !== 0 || acc.reg.size === 8) throw mismatch(c);
    const size = opSize(c, [acc]);
    const i = insn(c).size(size);
    if (port?.k === 'reg' && port.reg.name === 'dx') i.op = [w(dxOp, size)];
    else if (imm(port)) {
      i.op = [w(immOp, size)];
      i.immediate(port, 1, false);
    } else throw mismatch(c);
    i.emit(c.out);
  });
}

// ---- system ----------------------------------------------------------------------------

for (const [name, op, ext] of [
  ['sgdt', [0x0f, 0x01], 0], ['sidt', [0x0f, 0x01], 1], ['lgdt', [0x0f, 0x01], 2], ['lidt', [0x0f, 0x01], 3],
  ['invlpg', [0x0f, 0x01], 7], ['sldt', [0x0f, 0x00], 0], ['str', [0x0f, 0x00], 1], ['lldt', [0x0f, 0x00], 2],
  ['ltr', [0x0f, 0x00], 3],
] as [string, number[], number][]) {
  def(name, name.endsWith('dt') && name !== 'lldt' && name !== 'sldt' ? [8] : [2], (c) => {
    count(c, 1);
    const [m] = c.ops;
    if (!rm(m) || (m.k === 'reg' && !['ltr', 'lldt', 'sldt', 'str'].includes(name))) throw mismatch(c);
    const i = insn(c);
    if ((name === 'str' || name === 'sldt') && m.k === 'reg') i.size(m.reg.size);
    i.op = op;
    i.modRM(ext, m).emit(c.out);
  });
}

def('nop', WLQ, (c) => {
  count(c, 0, 1);
  const i = insn(c);
  if (c.ops.length === 0) {
    i.op = [0x90];
    i.emit(c.out);
    return;
  }
  const [m] = c.ops;
  if (!rm(m)) throw mismatch(c);
  i.size(opSize(c, [m]));
  i.op = [0x0f, 0x1f];
  i.modRM(0, m).emit(c.out);
});

/** Instructions with no operands: fixed bytes, per suffix. */
function fixed(name: string, bytes: number[], sizes: number[] = [], bySize?: Record<number, number[]>, warnDefault = false): void {
  def(name, sizes, (c) => {
    count(c, 0);
    if (warnDefault && !c.suffix) c.out.warn(`no instruction mnemonic suffix given and no register operands; using default for \`${c.name}'`);
    const out = c.out.bytes();
    if (c.rep) out.push(c.rep);
    if (c.lock) out.push(0xf0);
    for (const b of bySize?.[c.suffix] ?? bytes) out.push(b);
  });
}

fixed('hlt', [0xf4]);
fixed('int3', [0xcc]);
fixed('int1', [0xf1]);
fixed('icebp', [0xf1]);
fixed('into', [0xce]);
fixed('ud2', [0x0f, 0x0b]);
fixed('syscall', [0x0f, 0x05]);
fixed('sysret', [0x0f, 0x07], [4, 8], { 8: [0x48, 0x0f, 0x07] }, true);
fixed('sysenter', [0x0f, 0x34]);
fixed('sysexit', [0x0f, 0x35], [4, 8], { 8: [0x48, 0x0f, 0x35] });
fixed('iret', [0xcf], [2, 4, 8], { 2: [0x66, 0xcf], 8: [0x48, 0xcf] }, true);
fixed('swapgs', [0x0f, 0x01, 0xf8]);
fixed('rdtscp', [0x0f, 0x01, 0xf9]);
fixed('cli', [0xfa]);
fixed('sti', [0xfb]);
fixed('cld', [0xfc]);
fixed('std', [0xfd]);
fixed('clc', [0xf8]);
fixed('stc', [0xf9]);
fixed('cmc', [0xf5]);
fixed('sahf', [0x9e]);
fixed('lahf', [0x9f]);
fixed('pushf', [0x9c], [2, 8], { 2: [0x66, 0x9c] });
fixed('popf', [0x9d], [2, 8], { 2: [0x66, 0x9d] });
fixed('leave', [0xc9], [2, 8], { 2: [0x66, 0xc9] });
fixed('rdmsr', [0x0f, 0x32]);
fixed('wrmsr', [0x0f, 0x30]);
fixed('rdtsc', [0x0f, 0x31]);
fixed('rdpmc', [0x0f, 0x33]);
fixed('cpuid', [0x0f, 0xa2]);
fixed('pause', [0xf3, 0x90]);
fixed('mfence', [0x0f, 0xae, 0xf0]);
fixed('lfence', [0x0f, 0xae, 0xe8]);
fixed('sfence', [0x0f, 0xae, 0xf8]);
fixed('clts', [0x0f, 0x06]);
fixed('invd', [0x0f, 0x08]);
fixed('wbinvd', [0x0f, 0x09]);
fixed('monitor', [0x0f, 0x01, 0xc8]);
fixed('mwait', [0x0f, 0x01, 0xc9]);
fixed('xgetbv', [0x0f, 0x01, 0xd0]);
fixed('clac', [0x0f, 0x01, 0xca]);
fixed('stac', [0x0f, 0x01, 0xcb]);
fixed('cbtw', [0x66, 0x98]);
fixed('cwtl', [0x98]);
fixed('cltq', [0x48, 0x98]);
fixed('cwtd', [0x66, 0x99]);
fixed('cltd', [0x99]);
fixed('cqto', [0x48, 0x99]);
fixed('cbw', [0x66, 0x98]);
fixed('cwde', [0x98]);
fixed('cdqe', [0x48, 0x98]);
fixed('cwd', [0x66, 0x99]);
fixed('cdq', [0x99]);
fixed('cqo', [0x48, 0x99]);
fixed('xlat', [0xd7]);
fixed('endbr64', [0xf3, 0x0f, 0x1e, 0xfa]);
fixed('endbr32', [0xf3, 0x0f, 0x1e, 0xfb]);

// String instructions: movs stos lods cmps scas with a size suffix (operands optional).
for (const [name, op] of [['movs', 0xa4], ['stos', 0xaa], ['lods', 0xac], ['cmps', 0xa6], ['scas', 0xae], ['ins', 0x6c], ['outs', 0x6e]] as const) {
  def(name, ALL, (c) => {
    if (c.ops.length > 2) throw new AsmError(`number of operands mismatch for \`${c.name}'`);
    let size = c.suffix;
    if (!size) {
      const r = c.ops.find((o) => o.k === 'reg' && o.reg.cls === 'gpr' && o.reg.name !== 'dx');
      if (r && r.k === 'reg') size = r.reg.size;
      else throw new AsmError(`no instruction mnemonic suffix given and no register operands; can't size \`${c.name}'`);
    }
    const i = insn(c).size(size);
    i.op = [w(op, size)];
    i.emit(c.out);
  });
}
