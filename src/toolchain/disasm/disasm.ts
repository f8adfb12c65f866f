// An x86-64 disassembler that prints what GNU objdump -d prints (AT&T syntax, binutils 2.40):
// mnemonic padded to 6 columns plus a space, operands source first, immediates and displacements
// in hex, a size suffix only when no register operand shows the size (`movl $0x1,-0x8(%rbp)` but
// `mov %eax,-0x8(%rbp)`), branch targets as absolute addresses.
//
// It decodes the integer instructions a C compiler emits plus the system instructions a kernel
// uses; anything else is "(bad)" with length 1, as objdump does for undefined opcodes. It is a
// pure function of its inputs (the CPU emulator calls it for --trace-insn), and it never throws
// on bytes: running off the end of the buffer is also "(bad)".

export interface DisasmOptions {
  /**
   * Names an address for branch targets and rip-relative comments, returning objdump's
   * "<sym+0xoff>" text or undefined. With a name objdump prints "401126 <foo>", without one "0x401126".
   */
  symbolize?: (address: bigint) => string | undefined;
}

export interface Disassembled {
  length: number;
  text: string;
  bytes: number[];
  /** Absolute target of a relative branch/call, if any (for the caller's symbolization or tracing). */
  target?: bigint;
}

const R64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
const R32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d', 'r15d'];
const R16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di', 'r8w', 'r9w', 'r10w', 'r11w', 'r12w', 'r13w', 'r14w', 'r15w'];
const R8REX = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil', 'r8b', 'r9b', 'r10b', 'r11b', 'r12b', 'r13b', 'r14b', 'r15b'];
const R8 = ['al', 'cl', 'dl', 'bl', 'ah', 'ch', 'dh', 'bh'];
const SREG = ['es', 'cs', 'ss', 'ds', 'fs', 'gs', '?', '?'];
const CC = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];
const ARITH = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'];
const SHIFT = ['rol', 'ror', 'rcl', 'rcr', 'shl', 'shr', 'shl', 'sar'];
const SUFFIX: Record<number, string> = { 8: 'b', 16: 'w', 32: 'l', 64: 'q' };

const RIZ = 100; // pseudo register number for a SIB "no index" with a scale

class Bad extends Error {}
const BAD = new Bad();

/** One instruction's decoding state. */
class Decoder {
  pos: number;
  rex = 0;
  hasOpsize = false; // 66
  adsize = false; // 67
  repByte = 0; // 0xf2 / 0xf3
  lock = false;
  seg = '';
  /** The legacy prefix bytes in order (objdump names the ones an instruction does not use). */
  prefixBytes: number[] = [];
  // Which prefixes and REX bits the instruction consulted (objdump's used_prefixes / rex_used).
  usedW = false;
  usedR = false;
  usedX = false;
  usedB = false;
  usedRexByteRegs = false;
  usedOpsize = false;
  usedAdsize = false;
  usedRep = false;
  isBranch = false;
  wrap16 = false;

  get opsize(): boolean {
    if (this.hasOpsize) this.usedOpsize = true;
    return this.hasOpsize;
  }
  get rep(): number {
    if (this.repByte) this.usedRep = true;
    return this.repByte;
  }
  // ModRM
  mod = 0;
  reg = 0;
  rm = 0;
  hasModrm = false;
  memText = '';
  ripTarget: bigint | null = null;
  target: bigint | null = null;
  usedSeg = false;

  constructor(
    readonly b: Uint8Array,
    readonly start: number,
    readonly address: bigint,
  ) {
    this.pos = start;
  }

  /** Where the opcode bytes end (set once they are read), and whether the bytes ran out. */
  opEnd = -1;
  truncated = false;

  byte(): number {
    if (this.pos >= this.b.length) {
      this.truncated = true;
      throw BAD;
    }
    return this.b[this.pos++]!;
  }
  s8(): number {
    const v = this.byte();
    return v >= 0x80 ? v - 0x100 : v;
  }
  u16(): number {
    return this.byte() | (this.byte() << 8);
  }
  s32(): number {
    return this.byte() | (this.byte() << 8) | (this.byte() << 16) | (this.byte() << 24);
  }
  u32(): number {
    return this.s32() >>> 0;
  }
  u64(): bigint {
    const lo = BigInt(this.u32());
    const hi = BigInt(this.u32());
    return (hi << 32n) | lo;
  }

  get w(): boolean {
    const w = (this.rex & 8) !== 0;
    if (w) this.usedW = true;
    return w;
  }
  /** Operand size of a "v" operand. */
  get vsize(): number {
    return this.w ? 64 : this.opsize ? 16 : 32;
  }

  modrm(): void {
    const m = this.byte();
    this.mod = m >> 6;
    this.reg = ((m >> 3) & 7) | ((this.rex & 4) << 1);
    this.rm = m & 7;
    this.hasModrm = true;
    if (this.mod !== 3) this.memText = this.memory();
    else this.rm |= (this.rex & 1) << 3;
  }

  // Memory operand: [disp](base,index,scale); rip-relative; absolute through a SIB with no base.
  private memory(): string {
    const regs = this.adsize ? R32 : R64;
    this.usedB = true;
    this.usedAdsize = true;
    let base = -1;
    let index = -1;
    let scale = 1;
    let disp = 0;
    let hasDisp = false;
    let rip = false;
    let absolute = false;
    if (this.rm === 4) {
      const sib = this.byte();
      this.usedX = true;
      scale = 1 << (sib >> 6);
      const idx = ((sib >> 3) & 7) | ((this.rex & 2) << 2);
      if (idx !== 4) index = idx;
      // No index but a scale: objdump shows the "zero" index register %riz.
      else if (sib >> 6) index = RIZ;
      const bs = sib & 7;
      if (bs === 5 && this.mod === 0) {
        disp = this.s32();
        hasDisp = true;
        if (index < 0) absolute = true;
      } else base = bs | ((this.rex & 1) << 3);
    } else if (this.rm === 5 && this.mod === 0) {
      disp = this.s32();
      hasDisp = true;
      rip = true;
    } else base = this.rm | ((this.rex & 1) << 3);
    if (this.mod === 1) {
      disp = this.s8();
      hasDisp = true;
    } else if (this.mod === 2) {
      disp = this.s32();
      hasDisp = true;
    }
    const seg = this.seg ? `%${this.seg}:` : '';
    if (this.seg) this.usedSeg = true;
    if (absolute) {
      const a = this.adsize ? BigInt(disp >>> 0) : BigInt.asUintN(64, BigInt(disp));
      return `${seg}0x${a.toString(16)}`;
    }
    const d = hasDisp ? signedHex(disp) : '';
    if (rip) {
      this.ripTarget = 0n; // resolved once the instruction's length is known
      this.ripDisp = disp;
      return `${seg}${d}(%${this.adsize ? 'eip' : 'rip'})`;
    }
    let inner = base >= 0 ? `%${regs[base]}` : '';
    if (index >= 0) inner += `,%${index === RIZ ? (this.adsize ? 'eiz' : 'riz') : regs[index]},${scale}`;
    return `${seg}${d}(${inner})`;
  }
  ripDisp = 0;

  /** The r/m operand as a register of `size` bits, or the memory text. */
  E(size: number): string {
    if (this.mod !== 3) return this.memText;
    this.usedB = true;
    if (size === 8 && (this.rm & 12) === 4) this.usedRexByteRegs = true;
    return reg(size, this.rm, this.rex !== 0);
  }
  G(size: number): string {
    this.usedR = true;
    if (size === 8 && (this.reg & 12) === 4) this.usedRexByteRegs = true;
    return reg(size, this.reg, this.rex !== 0);
  }
  /** A register encoded in the opcode's low bits (push, pop, xchg, mov $imm, bswap): REX.B extends it. */
  opReg(op: number): number {
    this.usedB = true;
    return (op & 7) | ((this.rex & 1) << 3);
  }
  get isMem(): boolean {
    return this.mod !== 3;
  }
}

function reg(size: number, n: number, rex: boolean): string {
  switch (size) {
    case 64:
      return '%' + R64[n];
    case 32:
      return '%' + R32[n];
    case 16:
      return '%' + R16[n];
    default:
      return '%' + (rex ? R8REX[n] : n < 8 ? R8[n] : R8REX[n]);
  }
}

function signedHex(v: number): string {
  return v < 0 ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`;
}

/** An immediate as objdump shows it: masked to the operand size, in hex. */
function imm(v: number | bigint, size: number): string {
  // Numbers that need no 64-bit wrapping stay off the (slow) bigint path.
  if (typeof v === 'number') {
    if (size === 32) return `$0x${(v >>> 0).toString(16)}`;
    if (size === 16) return `$0x${(v & 0xffff).toString(16)}`;
    if (size === 8) return `$0x${(v & 0xff).toString(16)}`;
    if (v >= 0) return `$0x${v.toString(16)}`;
  }
  return `$0x${BigInt.asUintN(size, BigInt(v)).toString(16)}`;
}

// Mnemonic and operands are joined by a \u0001 mark; `finish` pads the mnemonic (with any prefix
// words such as "rep " or "lock " in front) to objdump's 6 columns once the prefixes are known.
function fmt(mn: string, ops: string[]): string {
  if (!ops.length) return mn;
  return mn + '\u0001' + ops.join(',');
}

function finish(text: string): string {
  const k = text.indexOf('\u0001');
  if (k < 0) return text;
  const mn = text.slice(0, k);
  return (mn.length < 6 ? mn.padEnd(6) : mn) + ' ' + text.slice(k + 1);
}

/** Decodes one instruction at `offset` in `bytes`, located at `address`. */
const NO_OPTIONS: DisasmOptions = {};

export function disassembleOne(bytes: Uint8Array, offset: number, address: bigint, opts: DisasmOptions = NO_OPTIONS): Disassembled {
  const d = new Decoder(bytes, offset, address);
  let text: string;
  try {
    text = decode(d);
  } catch (e) {
    if (e !== BAD) throw e;
    // objdump consumes the prefixes and opcode bytes of an undefined encoding (not its ModRM);
    // an instruction cut off by the end of the bytes counts one byte.
    const n = d.opEnd > offset && !d.truncated ? d.opEnd - offset : 1;
    const notes = d.truncated ? '' : prefixNotes(d);
    return { length: n, text: notes + '(bad)', bytes: Array.from(bytes.subarray(offset, offset + n)) };
  }
  const length = d.pos - offset;
  const name = (a: bigint): string => {
    const s = opts.symbolize?.(a);
    return s ? `${a.toString(16)} ${s}` : `0x${a.toString(16)}`;
  };
  const list: number[] = new Array(length);
  for (let i = 0; i < length; i++) list[i] = bytes[offset + i]!;
  const out: Disassembled = { length, text, bytes: list };
  if (d.target === null && d.ripTarget === null) return out;
  const next = address + BigInt(length);
  if (d.target !== null) {
    const t = BigInt.asUintN(d.wrap16 ? 16 : 64, next + d.target);
    out.target = t;
    out.text = text.replace('\u0000', name(t));
  } else if (d.ripTarget !== null) {
    const t = BigInt.asUintN(64, next + BigInt(d.ripDisp));
    out.text = `${text}        # ${name(t)}`;
  }
  return out;
}

// Relative branch operand: a placeholder replaced by the symbolized absolute address.
function rel(d: Decoder, disp: number, branch = false): string {
  if (branch) d.isBranch = true;
  d.target = BigInt(disp);
  return '\u0000';
}

// A rel32 branch; with a 66 prefix objdump (like AMD CPUs) reads a rel16 and wraps the target to 16 bits.
function rel32(d: Decoder): string {
  if (d.opsize) {
    d.wrap16 = true;
    return rel(d, (d.u16() << 16) >> 16, true);
  }
  return rel(d, d.s32(), true);
}

function decode(d: Decoder): string {
  // Prefixes (legacy ones in any order, then at most one REX right before the opcode).
  let op: number;
  let prefixes = 0;
  for (;;) {
    op = d.byte();
    if (++prefixes > 14) throw BAD;
    if (op === 0x66) d.hasOpsize = true;
    else if (op === 0x67) d.adsize = true;
    else if (op === 0xf2 || op === 0xf3) d.repByte = op;
    else if (op === 0xf0) d.lock = true;
    else if (SEGS[op]) d.seg = SEGS[op]!;
    else break;
    d.prefixBytes.push(op);
  }
  if (op >= 0x40 && op <= 0x4f) {
    d.rex = op;
    op = d.byte();
  }
  let body: string;
  if (op === 0x0f) {
    const op2 = d.byte();
    d.opEnd = d.pos;
    body = twoByte(d, op2);
  } else {
    d.opEnd = d.pos;
    body = oneByte(d, op);
  }
  return finish(prefixNotes(d) + body);
}

const SEGS: Record<number, string> = { 0x26: 'es', 0x2e: 'cs', 0x36: 'ss', 0x3e: 'ds', 0x64: 'fs', 0x65: 'gs' };
const REP_KIND = (b: number) => (b === 0xf2 || b === 0xf3 ? 1 : b === 0x66 ? 2 : b === 0x67 ? 3 : SEGS[b] ? 4 : 5);

// objdump prints, before the mnemonic and in byte order, every prefix the instruction did not
// use — a repeated one, a 66 on a byte operation ("data16"), REX bits nothing consulted
// ("rex.W push %rbp") — and always "lock".
function prefixNotes(d: Decoder): string {
  if (!d.prefixBytes.length && !d.rex) return '';
  let out = '';
  const lastOfKind = new Map<number, number>();
  d.prefixBytes.forEach((b, i) => lastOfKind.set(REP_KIND(b), i));
  d.prefixBytes.forEach((b, i) => {
    const last = lastOfKind.get(REP_KIND(b)) === i;
    if (b === 0xf0) out += 'lock ';
    else if (b === 0x66) {
      if (!last || !d.usedOpsize) out += 'data16 ';
    } else if (b === 0x67) {
      if (!last || !d.usedAdsize) out += 'addr32 ';
    } else if (b === 0xf2 || b === 0xf3) {
      if (!last || !d.usedRep) out += b === 0xf3 ? 'repz ' : d.isBranch ? 'bnd ' : 'repnz ';
    } else if (!last || !d.usedSeg) out += SEGS[b] + ' ';
  });
  if (d.rex) {
    const bits = d.rex & 15;
    let used = (d.usedW ? 8 : 0) | (d.usedR ? 4 : 0) | (d.usedX ? 2 : 0) | (d.usedB ? 1 : 0);
    used &= bits;
    const any = used !== 0 || d.usedRexByteRegs;
    if (bits !== used || !any) {
      out += 'rex' + (bits ? '.' + (bits & 8 ? 'W' : '') + (bits & 4 ? 'R' : '') + (bits & 2 ? 'X' : '') + (bits & 1 ? 'B' : '') : '') + ' ';
    }
  }
  return out;
}

// The operand-size suffix, shown only when no register operand gives the size away.
function sfx(d: Decoder, size: number, hasRegOperand: boolean): string {
  return hasRegOperand || !d.isMem ? '' : SUFFIX[size]!;
}

// push/pop are 64-bit; a 66 makes them 16-bit unless REX.W overrides it (without "using" W).
function stackSize(d: Decoder): number {
  return d.rex & 8 ? 64 : d.opsize ? 16 : 64;
}

function oneByte(d: Decoder, op: number): string {
  // ALU ops 00-3f: add/or/adc/sbb/and/sub/xor/cmp in six forms each.
  if (op < 0x40 && (op & 7) < 6) {
    const mn = ARITH[op >> 3]!;
    switch (op & 7) {
      case 0:
        d.modrm();
        return fmt(mn, [d.G(8), d.E(8)]);
      case 1:
        d.modrm();
        return fmt(mn, [d.G(d.vsize), d.E(d.vsize)]);
      case 2:
        d.modrm();
        return fmt(mn, [d.E(8), d.G(8)]);
      case 3:
        d.modrm();
        return fmt(mn, [d.E(d.vsize), d.G(d.vsize)]);
      case 4:
        return fmt(mn, [imm(d.byte(), 8), '%al']);
      case 5:
        return fmt(mn, [imm(d.vsize === 16 ? d.u16() : d.s32(), d.vsize), reg(d.vsize, 0, false)]);
    }
  }
  if (op >= 0x50 && op <= 0x57) return fmt('push', [reg(stackSize(d), d.opReg(op), true)]);
  if (op >= 0x58 && op <= 0x5f) return fmt('pop', [reg(stackSize(d), d.opReg(op), true)]);
  if (op >= 0x70 && op <= 0x7f) return fmt('j' + CC[op & 15], [rel(d, d.s8(), true)]);
  if (op >= 0x91 && op <= 0x97) return fmt('xchg', [reg(d.vsize, 0, false), reg(d.vsize, d.opReg(op), true)]);
  if (op >= 0xb0 && op <= 0xb7) {
    if ((op & 4) !== 0) d.usedRexByteRegs = true;
    return fmt('mov', [imm(d.byte(), 8), reg(8, d.opReg(op), d.rex !== 0)]);
  }
  if (op >= 0xb8 && op <= 0xbf) {
    const r = d.opReg(op);
    if (d.w) return fmt('movabs', [imm(d.u64(), 64), reg(64, r, true)]);
    return fmt('mov', [imm(d.vsize === 16 ? d.u16() : d.u32(), d.vsize), reg(d.vsize, r, true)]);
  }
  switch (op) {
    case 0x63:
      d.modrm();
      return d.w ? fmt('movslq', [d.E(32), d.G(64)]) : fmt('movsxd', [d.E(32), d.G(d.vsize)]);
    case 0x68:
    case 0x6a: {
      const w16 = stackSize(d) === 16;
      const i = op === 0x6a ? d.s8() : w16 ? d.u16() : d.s32();
      return fmt(w16 ? 'pushw' : 'push', [imm(i, w16 ? 16 : 64)]);
    }
    case 0x69:
    case 0x6b: {
      d.modrm();
      const i = op === 0x6b ? d.s8() : d.vsize === 16 ? d.u16() : d.s32();
      return fmt('imul', [imm(i, d.vsize), d.E(d.vsize), d.G(d.vsize)]);
    }
    case 0x6c:
      return fmt('insb', ['(%dx)', '%es:(%rdi)']);
    case 0x6d:
      return fmt('ins' + SUFFIX[d.vsize === 64 ? 32 : d.vsize], ['(%dx)', '%es:(%rdi)']);
    case 0x6e:
      return fmt('outsb', ['%ds:(%rsi)', '(%dx)']);
    case 0x6f:
      return fmt('outs' + SUFFIX[d.vsize === 64 ? 32 : d.vsize], ['%ds:(%rsi)', '(%dx)']);
    case 0x80:
    case 0x81:
    case 0x83: {
      d.modrm();
      const size = op === 0x80 ? 8 : d.vsize;
      const i = op === 0x81 ? (size === 16 ? d.u16() : d.s32()) : op === 0x80 ? d.byte() : d.s8();
      return fmt(ARITH[d.reg & 7]! + sfx(d, size, false), [imm(i, size), d.E(size)]);
    }
    case 0x84:
    case 0x85:
    case 0x86:
    case 0x87:
    case 0x88:
    case 0x89: {
      d.modrm();
      const size = op & 1 ? d.vsize : 8;
      return fmt(op < 0x86 ? 'test' : op < 0x88 ? 'xchg' : 'mov', [d.G(size), d.E(size)]);
    }
    case 0x8a:
    case 0x8b: {
      d.modrm();
      const size = op & 1 ? d.vsize : 8;
      return fmt('mov', [d.E(size), d.G(size)]);
    }
    case 0x8c:
      d.modrm();
      return fmt('mov', ['%' + SREG[d.reg & 7], d.isMem ? d.E(16) : d.E(d.vsize)]);
    case 0x8d:
      d.modrm();
      if (!d.isMem) throw BAD;
      return fmt('lea', [d.memText, d.G(d.vsize)]);
    case 0x8e:
      d.modrm();
      return fmt('mov', [d.isMem ? d.E(16) : d.E(32), '%' + SREG[d.reg & 7]]);
    case 0x8f:
      d.modrm();
      if ((d.reg & 7) !== 0) throw BAD;
      return fmt('pop', [d.E(d.opsize ? 16 : 64)]);
    case 0x90:
      if (d.rex & 1) return fmt('xchg', [reg(d.vsize, 0, false), reg(d.vsize, d.opReg(op), true)]);
      if (d.rep === 0xf3) return 'pause';
      if (d.opsize) return fmt('xchg', ['%ax', '%ax']);
      return 'nop';
    case 0x98:
      return d.vsize === 64 ? 'cltq' : d.vsize === 16 ? 'cbtw' : 'cwtl';
    case 0x99:
      return d.vsize === 64 ? 'cqto' : d.vsize === 16 ? 'cwtd' : 'cltd';
    case 0x9c:
      return d.opsize ? 'pushfw' : 'pushf';
    case 0x9d:
      return d.opsize ? 'popfw' : 'popf';
    case 0x9e:
      return 'sahf';
    case 0x9f:
      return 'lahf';
    case 0xa0:
    case 0xa1:
    case 0xa2:
    case 0xa3: {
      const size = op & 1 ? d.vsize : 8;
      const a = `${d.seg ? `%${d.seg}:` : ''}0x${d.u64().toString(16)}`;
      if (d.seg) d.usedSeg = true;
      const r = reg(size, 0, false);
      return fmt('movabs', op < 0xa2 ? [a, r] : [r, a]);
    }
    case 0xa4:
    case 0xa5:
    case 0xa6:
    case 0xa7:
    case 0xaa:
    case 0xab:
    case 0xac:
    case 0xad:
    case 0xae:
    case 0xaf:
      return stringOp(d, op);
    case 0xa8:
      return fmt('test', [imm(d.byte(), 8), '%al']);
    case 0xa9:
      return fmt('test', [imm(d.vsize === 16 ? d.u16() : d.s32(), d.vsize), reg(d.vsize, 0, false)]);
    case 0xc0:
    case 0xc1:
    case 0xd0:
    case 0xd1:
    case 0xd2:
    case 0xd3: {
      d.modrm();
      const size = op & 1 ? d.vsize : 8;
      const mn = SHIFT[d.reg & 7]! + sfx(d, size, false);
      if (op <= 0xc1) return fmt(mn, [imm(d.byte(), 8), d.E(size)]);
      if (op <= 0xd1) return fmt(mn, [d.E(size)]);
      return fmt(mn, ['%cl', d.E(size)]);
    }
    case 0xc2:
      d.isBranch = true;
      return fmt(stackSize(d) === 16 ? 'retw' : 'ret', [imm(d.u16(), 16)]);
    case 0xc3:
      d.isBranch = true;
      return stackSize(d) === 16 ? 'retw' : 'ret';
    case 0xc6:
    case 0xc7: {
      d.modrm();
      if ((d.reg & 7) !== 0) throw BAD;
      const size = op & 1 ? d.vsize : 8;
      const i = size === 8 ? d.byte() : size === 16 ? d.u16() : d.s32();
      return fmt('mov' + sfx(d, size, false), [imm(i, size), d.E(size)]);
    }
    case 0xc8: {
      const a = d.u16();
      return fmt('enter', [imm(a, 16), imm(d.byte(), 8)]);
    }
    case 0xc9:
      return 'leave';
    case 0xca:
      return fmt(d.w ? 'lretq' : d.opsize ? 'lretw' : 'lret', [imm(d.u16(), 16)]);
    case 0xcb:
      return d.w ? 'lretq' : d.opsize ? 'lretw' : 'lret';
    case 0xcc:
      return 'int3';
    case 0xcd:
      return fmt('int', [imm(d.byte(), 8)]);
    case 0xcf:
      return d.w ? 'iretq' : d.opsize ? 'iretw' : 'iret';
    case 0xd7:
      d.usedAdsize = true;
      d.usedSeg = true;
      return fmt('xlat', [`%${d.seg || 'ds'}:(%${d.adsize ? 'ebx' : 'rbx'})`]);
    case 0xe0:
    case 0xe1:
    case 0xe2:
      return fmt(['loopne', 'loope', 'loop'][op - 0xe0]!, [rel(d, d.s8())]);
    case 0xe3:
      d.usedAdsize = true;
      return fmt(d.adsize ? 'jecxz' : 'jrcxz', [rel(d, d.s8())]);
    case 0xe4:
      return fmt('in', [imm(d.byte(), 8), '%al']);
    case 0xe5:
      return fmt('in', [imm(d.byte(), 8), d.opsize ? '%ax' : '%eax']);
    case 0xe6:
      return fmt('out', ['%al', imm(d.byte(), 8)]);
    case 0xe7:
      return fmt('out', [d.opsize ? '%ax' : '%eax', imm(d.byte(), 8)]);
    case 0xe8:
      return fmt('call', [rel32(d)]);
    case 0xe9:
      return fmt('jmp', [rel32(d)]);
    case 0xeb:
      return fmt('jmp', [rel(d, d.s8(), true)]);
    case 0xec:
      return fmt('in', ['(%dx)', '%al']);
    case 0xed:
      return fmt('in', ['(%dx)', d.opsize ? '%ax' : '%eax']);
    case 0xee:
      return fmt('out', ['%al', '(%dx)']);
    case 0xef:
      return fmt('out', [d.opsize ? '%ax' : '%eax', '(%dx)']);
    case 0xf1:
      return 'int1';
    case 0xf4:
      return 'hlt';
    case 0xf5:
      return 'cmc';
    case 0xf6:
    case 0xf7: {
      d.modrm();
      const size = op & 1 ? d.vsize : 8;
      const r = d.reg & 7;
      if (r === 0 || r === 1) {
        const i = size === 8 ? d.byte() : size === 16 ? d.u16() : d.s32();
        return fmt('test' + sfx(d, size, false), [imm(i, size), d.E(size)]);
      }
      const mn = ['', '', 'not', 'neg', 'mul', 'imul', 'div', 'idiv'][r]!;
      return fmt(mn + sfx(d, size, false), [d.E(size)]);
    }
    case 0xf8:
      return 'clc';
    case 0xf9:
      return 'stc';
    case 0xfa:
      return 'cli';
    case 0xfb:
      return 'sti';
    case 0xfc:
      return 'cld';
    case 0xfd:
      return 'std';
    case 0xfe: {
      d.modrm();
      const r = d.reg & 7;
      if (r > 1) throw BAD;
      return fmt((r ? 'dec' : 'inc') + sfx(d, 8, false), [d.E(8)]);
    }
    case 0xff: {
      d.modrm();
      const r = d.reg & 7;
      if (r === 0 || r === 1) return fmt((r ? 'dec' : 'inc') + sfx(d, d.vsize, false), [d.E(d.vsize)]);
      if (r === 2 || r === 4) {
        d.isBranch = true;
        return fmt(r === 2 ? 'call' : 'jmp', ['*' + d.E(64)]);
      }
      if (r === 3 || r === 5) {
        if (!d.isMem) throw BAD;
        return fmt(r === 3 ? 'lcall' : 'ljmp', ['*' + d.memText]);
      }
      if (r === 6) return fmt('push', [d.E(d.opsize ? 16 : 64)]);
      throw BAD;
    }
  }
  throw BAD;
}

// movs/cmps/stos/lods/scas with their implicit operands and rep/repz/repnz spelling.
function stringOp(d: Decoder, op: number): string {
  const size = op & 1 ? d.vsize : 8;
  const a = d.adsize ? 'e' : 'r';
  d.usedAdsize = true;
  const si = `%${d.seg || 'ds'}:(%${a}si)`;
  if (d.seg) d.usedSeg = true;
  const di = `%es:(%${a}di)`;
  const acc = reg(size, 0, false);
  const kind = op & 0xfe;
  const compare = kind === 0xa6 || kind === 0xae;
  const pre = d.rep === 0xf3 ? (compare ? 'repz ' : 'rep ') : d.rep === 0xf2 ? (compare ? 'repnz ' : 'repnz ') : '';
  switch (kind) {
    case 0xa4:
      return pre + fmt('movs' + SUFFIX[size], [si, di]);
    case 0xa6:
      return pre + fmt('cmps' + SUFFIX[size], [di, si]);
    case 0xaa:
      return pre + fmt('stos', [acc, di]);
    case 0xac:
      return pre + fmt('lods', [si, acc]);
    default:
      return pre + fmt('scas', [di, acc]);
  }
}

function twoByte(d: Decoder, op: number): string {
  if (op >= 0x80 && op <= 0x8f) return fmt('j' + CC[op & 15], [rel32(d)]);
  if (op >= 0x90 && op <= 0x9f) {
    d.modrm();
    return fmt('set' + CC[op & 15], [d.E(8)]);
  }
  if (op >= 0x40 && op <= 0x4f) {
    d.modrm();
    return fmt('cmov' + CC[op & 15], [d.E(d.vsize), d.G(d.vsize)]);
  }
  if (op >= 0xc8 && op <= 0xcf) return fmt('bswap', [reg(d.vsize, d.opReg(op), true)]);
  switch (op) {
    case 0x00: {
      d.modrm();
      const r = d.reg & 7;
      const mn = ['sldt', 'str', 'lldt', 'ltr', 'verr', 'verw'][r];
      if (!mn) throw BAD;
      return fmt(mn, [d.isMem ? d.memText : d.E(r < 2 ? d.vsize : 16)]);
    }
    case 0x01: {
      d.modrm();
      if (!d.isMem) {
        const m = 0xc0 | ((d.reg & 7) << 3) | (d.rm & 7);
        const named: Record<number, string> = {
          0xc1: 'vmcall', 0xc8: fmt('monitor', ['%rax', '%ecx', '%edx']), 0xc9: fmt('mwait', ['%eax', '%ecx']), 0xca: 'clac', 0xcb: 'stac',
          0xd0: 'xgetbv', 0xd1: 'xsetbv', 0xf8: 'swapgs', 0xf9: 'rdtscp',
        };
        const n = named[m];
        if (!n) throw BAD;
        return n;
      }
      const mn = ['sgdt', 'sidt', 'lgdt', 'lidt', 'smsw', '', 'lmsw', 'invlpg'][d.reg & 7]!;
      if (!mn) throw BAD;
      return fmt(mn, [d.memText]);
    }
    case 0x05:
      return 'syscall';
    case 0x06:
      return 'clts';
    case 0x07:
      return d.w ? 'sysretq' : 'sysretl';
    case 0x08:
      return 'invd';
    case 0x09:
      // 66 0F 09 is undefined (objdump: "(bad)", the 66 taken as part of the opcode); F3 0F 09 is wbnoinvd.
      if (d.opsize) throw BAD;
      return d.rep === 0xf3 ? 'wbnoinvd' : 'wbinvd';
    case 0x0b:
      return 'ud2';
    case 0x1f:
      // Every 0F 1F /r is a (hint) nop to the CPU and to objdump, whatever the reg field.
      d.modrm();
      // objdump shows a segment override on a long nop as a prefix word ("cs nopw ..."), not "%cs:".
      if (d.seg && d.isMem) {
        d.memText = d.memText.slice(d.seg.length + 2);
        d.usedSeg = false;
      }
      return fmt('nop' + SUFFIX[d.vsize], [d.E(d.vsize)]);
    case 0x20:
    case 0x21:
    case 0x22:
    case 0x23: {
      // The ModRM of a control/debug register move always names registers, whatever its mod.
      const m = d.byte();
      d.usedR = true;
      d.usedB = true;
      const special = `%${op & 1 ? 'db' : 'cr'}${((m >> 3) & 7) | ((d.rex & 4) << 1)}`;
      const gpr = reg(64, (m & 7) | ((d.rex & 1) << 3), true);
      return fmt('mov', op < 0x22 ? [special, gpr] : [gpr, special]);
    }
    case 0x30:
      return 'wrmsr';
    case 0x31:
      return 'rdtsc';
    case 0x32:
      return 'rdmsr';
    case 0x33:
      return 'rdpmc';
    case 0x34:
      return 'sysenter';
    case 0x35:
      return d.w ? 'sysexitq' : 'sysexitl';
    case 0xa0:
    case 0xa1:
    case 0xa8:
    case 0xa9: {
      const w = d.rex & 8 ? '' : d.opsize ? 'w' : '';
      return fmt((op & 1 ? 'pop' : 'push') + w, [op < 0xa8 ? '%fs' : '%gs']);
    }
    case 0xa2:
      return 'cpuid';
    case 0xa3:
    case 0xab:
    case 0xb3:
    case 0xbb:
      d.modrm();
      return fmt({ 0xa3: 'bt', 0xab: 'bts', 0xb3: 'btr', 0xbb: 'btc' }[op]!, [d.G(d.vsize), d.E(d.vsize)]);
    case 0xa4:
    case 0xac: {
      d.modrm();
      return fmt(op === 0xa4 ? 'shld' : 'shrd', [imm(d.byte(), 8), d.G(d.vsize), d.E(d.vsize)]);
    }
    case 0xa5:
    case 0xad:
      d.modrm();
      return fmt(op === 0xa5 ? 'shld' : 'shrd', ['%cl', d.G(d.vsize), d.E(d.vsize)]);
    case 0xae: {
      d.modrm();
      if (!d.isMem) {
        const f = ['', '', '', '', '', 'lfence', 'mfence', 'sfence'][d.reg & 7];
        if (!f) throw BAD;
        return f;
      }
      const mn = ['fxsave', 'fxrstor', 'ldmxcsr', 'stmxcsr', 'xsave', 'xrstor', 'xsaveopt', 'clflush'][d.reg & 7]!;
      return fmt(mn, [d.memText]);
    }
    case 0xaf:
      d.modrm();
      return fmt('imul', [d.E(d.vsize), d.G(d.vsize)]);
    case 0xb0:
    case 0xb1: {
      d.modrm();
      const size = op & 1 ? d.vsize : 8;
      return fmt('cmpxchg', [d.G(size), d.E(size)]);
    }
    case 0xb6:
    case 0xb7:
    case 0xbe:
    case 0xbf: {
      d.modrm();
      const from = op & 1 ? 16 : 8;
      const mn = (op < 0xb8 ? 'movz' : 'movs') + SUFFIX[from] + SUFFIX[d.vsize];
      return fmt(mn, [d.E(from), d.G(d.vsize)]);
    }
    case 0xba: {
      d.modrm();
      const mn = ['', '', '', '', 'bt', 'bts', 'btr', 'btc'][d.reg & 7];
      if (!mn) throw BAD;
      return fmt(mn + sfx(d, d.vsize, false), [imm(d.byte(), 8), d.E(d.vsize)]);
    }
    case 0xbc:
    case 0xbd:
      d.modrm();
      // With an F3 prefix these are BMI/ABM's tzcnt and lzcnt (gcc's __builtin_ctz on new CPUs).
      if (d.rep === 0xf3) return fmt(op === 0xbc ? 'tzcnt' : 'lzcnt', [d.E(d.vsize), d.G(d.vsize)]);
      return fmt(op === 0xbc ? 'bsf' : 'bsr', [d.E(d.vsize), d.G(d.vsize)]);
    case 0xb8:
      if (d.rep !== 0xf3) throw BAD;
      d.modrm();
      return fmt('popcnt', [d.E(d.vsize), d.G(d.vsize)]);
    case 0xc0:
    case 0xc1: {
      d.modrm();
      const size = op & 1 ? d.vsize : 8;
      return fmt('xadd', [d.G(size), d.E(size)]);
    }
  }
  throw BAD;
}
