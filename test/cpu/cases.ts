// Case generators for the differential tests: every ALU, shift, multiply, divide, setcc, cmov,
// jcc and stack form at every size, over edge values (0, -1, INT_MIN, carries across 32 bits,
// counts 0/1/31/32/63/64) and seeded random operands.
import type { Case } from './harness.js';

const CF = 0x1;
const PF = 0x4;
const AF = 0x10;
const ZF = 0x40;
const SF = 0x80;
const OF = 0x800;
const ALL = CF | PF | AF | ZF | SF | OF;

/** A small deterministic PRNG (mulberry32) so failures reproduce. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EDGES: bigint[] = [
  0n,
  1n,
  -1n,
  2n,
  0x7fn,
  0x80n,
  0xffn,
  0x7fffn,
  0x8000n,
  0xffffn,
  0x7fffffffn,
  0x80000000n,
  0xffffffffn,
  0x100000000n,
  0x17fffffffn,
  -0x80000000n,
  0x7fffffffffffffffn,
  -0x8000000000000000n,
  0x123456789abcdef0n,
  -0x123456789abcdefn,
];

export class Gen {
  private r: () => number;
  constructor(seed: number) {
    this.r = rng(seed);
  }
  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  u64(): bigint {
    const hi = BigInt(Math.floor(this.r() * 4294967296));
    const lo = BigInt(Math.floor(this.r() * 4294967296));
    return (hi << 32n) | lo;
  }
  /** An operand: half the time an edge value, otherwise random of a random width. */
  value(): bigint {
    const k = this.int(4);
    if (k === 0) return this.pick(EDGES);
    if (k === 1) return BigInt(this.int(256)) - 128n;
    if (k === 2) return BigInt.asIntN(32, this.u64());
    return this.u64();
  }
  flags(): number {
    return this.int(0x1000) & ALL;
  }
  regs(): bigint[] {
    return Array.from({ length: 16 }, () => this.value());
  }
}

const R64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
const R32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d', 'r15d'];
const R16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di', 'r8w', 'r9w', 'r10w', 'r11w', 'r12w', 'r13w', 'r14w', 'r15w'];
const R8 = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil', 'r8b', 'r9b', 'r10b', 'r11b', 'r12b', 'r13b', 'r14b', 'r15b'];
const SUFFIX = { 1: 'b', 2: 'w', 4: 'l', 8: 'q' } as const;
type Size = 1 | 2 | 4 | 8;
const SIZES: Size[] = [1, 2, 4, 8];

export function reg(i: number, size: Size): string {
  return '%' + (size === 8 ? R64 : size === 4 ? R32 : size === 2 ? R16 : R8)[i]!;
}

/** Register pairs (dst, src) exercising REX.R/REX.B and the legacy low registers; never rsp. */
const PAIRS: [number, number][] = [
  [1, 2],
  [0, 3],
  [9, 10],
  [14, 8],
  [6, 7],
  [15, 5],
  [2, 2],
];

function mk(g: Gen, asm: string, undefinedFlags = 0, regs?: bigint[]): Case {
  return { asm, regs: regs ?? g.regs(), flags: g.flags(), mem: [g.value(), g.value()], undefinedFlags };
}

export function aluCases(g: Gen, perForm: number): Case[] {
  const out: Case[] = [];
  const ops = ['add', 'adc', 'sub', 'sbb', 'and', 'or', 'xor', 'cmp', 'test'];
  for (const op of ops) {
    const logic = op === 'and' || op === 'or' || op === 'xor' || op === 'test';
    const undef = logic ? AF : 0;
    for (const size of SIZES) {
      const s = SUFFIX[size];
      for (let k = 0; k < perForm; k++) {
        const [d, r] = g.pick(PAIRS);
        out.push(mk(g, `${op}${s} ${reg(r, size)}, ${reg(d, size)}`, undef));
        const imm8 = g.int(256) - 128;
        out.push(mk(g, `${op}${s} $${imm8}, ${reg(d, size)}`, undef));
        const immMax = size === 1 ? 256 : size === 2 ? 65536 : 4294967296;
        const imm = g.int(immMax) - immMax / 2;
        out.push(mk(g, `${op}${s} $${imm}, ${reg(0, size)}`, undef)); // accumulator short form
        if (op !== 'test') out.push(mk(g, `${op}${s} $${imm}, ${reg(d, size)}`, undef));
        out.push(mk(g, `${op}${s} ${reg(r, size)}, mem(%rip)`, undef));
        if (op !== 'test') out.push(mk(g, `${op}${s} mem+4(%rip), ${reg(d, size)}`, undef));
      }
    }
  }
  // High-byte registers (no REX): ah, ch, dh, bh.
  for (let k = 0; k < perForm * 2; k++) {
    const op = g.pick(['add', 'sub', 'xor', 'cmp', 'adc', 'sbb']);
    const a = g.pick(['%ah', '%ch', '%dh', '%bh', '%al', '%bl']);
    const b = g.pick(['%ah', '%ch', '%dh', '%bh', '%cl', '%dl']);
    out.push(mk(g, `${op}b ${a}, ${b}`, op === 'xor' ? AF : 0));
    out.push(mk(g, `movb ${a}, ${b}`));
  }
  return out;
}

export function unaryCases(g: Gen, perForm: number): Case[] {
  const out: Case[] = [];
  for (const op of ['inc', 'dec', 'neg', 'not']) {
    for (const size of SIZES) {
      for (let k = 0; k < perForm; k++) {
        const [d] = g.pick(PAIRS);
        out.push(mk(g, `${op}${SUFFIX[size]} ${reg(d, size)}`));
        out.push(mk(g, `${op}${SUFFIX[size]} mem(%rip)`));
      }
    }
  }
  return out;
}

const COUNTS = [0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 255];

function shiftUndef(op: string, size: Size, count: number): number {
  const masked = count & (size === 8 ? 63 : 31);
  if (masked === 0) return 0;
  let u = 0;
  if (op === 'shl' || op === 'sal' || op === 'shr' || op === 'sar') {
    u |= AF;
    if (masked !== 1) u |= OF;
    if (masked > size * 8 && op !== 'sar') u |= CF;
  } else if (masked !== 1) u |= OF;
  return u;
}

export function shiftCases(g: Gen, perForm: number): Case[] {
  const out: Case[] = [];
  for (const op of ['shl', 'shr', 'sar', 'rol', 'ror', 'rcl', 'rcr']) {
    for (const size of SIZES) {
      const s = SUFFIX[size];
      for (let k = 0; k < perForm; k++) {
        const d = g.pick([0, 2, 9, 14, 3]);
        out.push(mk(g, `${op}${s} $1, ${reg(d, size)}`, shiftUndef(op, size, 1)));
        out.push(mk(g, `${op}${s} ${reg(d, size)}`, shiftUndef(op, size, 1)));
        const ic = k < COUNTS.length ? COUNTS[k]! : g.int(256);
        out.push(mk(g, `${op}${s} $${ic}, ${reg(d, size)}`, shiftUndef(op, size, ic)));
        const cc = k < COUNTS.length ? COUNTS[(k + 5) % COUNTS.length]! : g.int(256);
        const regs = g.regs();
        regs[1] = (g.u64() & ~0xffn) | BigInt(cc);
        out.push(mk(g, `${op}${s} %cl, ${reg(d, size)}`, shiftUndef(op, size, cc), regs));
        out.push(mk(g, `${op}${s} $${ic}, mem(%rip)`, shiftUndef(op, size, ic)));
      }
    }
  }
  for (const op of ['shld', 'shrd']) {
    for (const size of [2, 4, 8] as Size[]) {
      for (let k = 0; k < perForm; k++) {
        const bits = size * 8;
        const c = g.int(bits); // counts beyond the operand size leave the result undefined
        const masked = c & (size === 8 ? 63 : 31);
        const u = masked === 0 ? 0 : AF | (masked !== 1 ? OF : 0);
        out.push(mk(g, `${op}${SUFFIX[size]} $${c}, ${reg(2, size)}, ${reg(9, size)}`, u));
      }
    }
  }
  return out;
}

export function mulDivCases(g: Gen, perForm: number): Case[] {
  const out: Case[] = [];
  const MUL_UNDEF = SF | ZF | AF | PF;
  for (const size of SIZES) {
    const s = SUFFIX[size];
    for (let k = 0; k < perForm; k++) {
      out.push(mk(g, `mul${s} ${reg(g.pick([1, 3, 9]), size)}`, MUL_UNDEF));
      out.push(mk(g, `imul${s} ${reg(g.pick([1, 3, 10]), size)}`, MUL_UNDEF));
      out.push(mk(g, `imul${s} mem(%rip)`, MUL_UNDEF));
      if (size !== 1) {
        out.push(mk(g, `imul${s} ${reg(2, size)}, ${reg(9, size)}`, MUL_UNDEF));
        out.push(mk(g, `imul${s} $${g.int(256) - 128}, ${reg(2, size)}, ${reg(11, size)}`, MUL_UNDEF));
        const big = size === 2 ? g.int(65536) - 32768 : g.int(4294967296) - 2147483648;
        out.push(mk(g, `imul${s} $${big}, ${reg(12, size)}, ${reg(1, size)}`, MUL_UNDEF));
        out.push(mk(g, `imul${s} ${reg(3, size)}, ${reg(3, size)}`, MUL_UNDEF));
        out.push(mk(g, `imul${s} mem+4(%rip), ${reg(2, size)}`, MUL_UNDEF));
        out.push(mk(g, `imul${s} $${g.int(256) - 128}, mem(%rip), ${reg(6, size)}`, MUL_UNDEF));
      }
      // Divides whose quotient fits (natively a #DE would kill the harness; #DE is tested whole-program).
      for (const signed of [false, true]) {
        const regs = g.regs();
        const bits = BigInt(size * 8);
        let divisor = BigInt.asIntN(size * 8, g.value());
        if (divisor === 0n) divisor = 3n;
        if (signed && divisor === -1n) divisor = -7n;
        let dividendHi: bigint;
        let dividendLo: bigint;
        if (signed) {
          const q = BigInt.asIntN(size * 8 - 1, g.value());
          const r = g.value() % (divisor < 0n ? -divisor : divisor);
          let n = q * divisor + (q * divisor >= 0n ? (r < 0n ? -r : r) : r < 0n ? r : -r);
          const lim = 1n << (bits * 2n - 1n);
          if (n >= lim || n < -lim) n = 12345n;
          if (n / divisor >= 1n << (bits - 1n) || n / divisor < -(1n << (bits - 1n))) n = divisor * 5n;
          const u = BigInt.asUintN(size * 16, n);
          dividendHi = u >> bits;
          dividendLo = u & ((1n << bits) - 1n);
        } else {
          const ud = BigInt.asUintN(size * 8, divisor);
          dividendHi = BigInt.asUintN(size * 8, g.value()) % ud;
          dividendLo = BigInt.asUintN(size * 8, g.value());
        }
        if (size === 1) {
          regs[0] = (regs[0]! & ~0xffffn) | (dividendHi << 8n) | dividendLo;
        } else {
          const mask = (1n << bits) - 1n;
          regs[0] = (regs[0]! & ~mask) | dividendLo;
          regs[2] = (regs[2]! & ~mask) | dividendHi;
        }
        regs[3] = (regs[3]! & ~((1n << bits) - 1n)) | BigInt.asUintN(size * 8, divisor);
        out.push(mk(g, `${signed ? 'idiv' : 'div'}${s} ${reg(3, size)}`, ALL, regs));
      }
    }
  }
  // cltd/cqto + idiv, the compiler's own sequence.
  for (let k = 0; k < perForm; k++) {
    const regs = g.regs();
    regs[1] = BigInt(g.int(1000) + 1) * (g.int(2) ? 1n : -1n);
    out.push(mk(g, 'cltd\nidivl %ecx', ALL, regs));
    out.push(mk(g, 'cqto\nidivq %rcx', ALL, regs));
    out.push(mk(g, 'xorl %edx, %edx\ndivq %rcx', ALL, regs));
  }
  return out;
}

export function condCases(g: Gen, perForm: number): Case[] {
  const out: Case[] = [];
  const ccs = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];
  for (const cc of ccs) {
    for (let k = 0; k < perForm; k++) {
      // Flags from a real comparison half the time, from the random initial flags otherwise.
      const size = g.pick(SIZES);
      const pre = k % 2 === 0 ? `cmp${SUFFIX[size]} ${reg(2, size)}, ${reg(1, size)}\n` : '';
      const preTest = k % 4 === 1 ? `test${SUFFIX[size]} ${reg(2, size)}, ${reg(1, size)}\n` : pre;
      const u = preTest.startsWith('test') ? AF : 0;
      out.push(mk(g, `${preTest}set${cc} %al\nset${cc} %r9b\nset${cc} %bh\nset${cc} mem(%rip)`, u));
      out.push(mk(g, `${preTest}cmov${cc}q %rdx, %r10\ncmov${cc}l %ebx, %r11d\ncmov${cc}w mem(%rip), %si`, u));
      out.push(mk(g, `${preTest}j${cc} 1f\nmov $1, %r12\n1:\nj${cc} 2f\nnop\n.byte 0x0f, 0x1f, 0x44, 0, 0\n2: mov $2, %r13`, u));
    }
    // Equal operands (the boundary of be/a/le/g, which compiled blocks test as one comparison).
    for (const size of [4, 8] as const) out.push(mk(g, `cmp${SUFFIX[size]} ${reg(1, size)}, ${reg(1, size)}\nj${cc} 1f\nmov $1, %r12\n1:`, 0));
  }
  return out;
}

export function moveCases(g: Gen, perForm: number): Case[] {
  const out: Case[] = [];
  for (let k = 0; k < perForm; k++) {
    for (const a of [
      'movsbl %dl, %ecx',
      'movsbq %dl, %r9',
      'movswl %dx, %r10d',
      'movswq %dx, %rcx',
      'movslq %edx, %rcx',
      'movzbl %dh, %ecx',
      'movzbl %sil, %r8d',
      'movzwl %dx, %ecx',
      'movzbq mem(%rip), %rcx',
      'movzwq mem+1(%rip), %rcx',
      'movsbw %bl, %cx',
      'movslq mem(%rip), %r15',
      'movsbl mem+3(%rip), %ecx',
      'movsbq mem+7(%rip), %r9',
      'movswl mem+1(%rip), %r10d',
      'movswq mem+6(%rip), %rcx',
      'movzbl mem+5(%rip), %r11d',
      'movzwl mem+2(%rip), %esi',
      'movsbl %ah, %edx',
      'movzbw %bh, %cx',
      'movzbl %bh, %ecx',
      'cbtw',
      'cwtl',
      'cltq',
      'cwtd',
      'cltd',
      'cqto',
      'bswapl %ecx',
      'bswapq %r10',
      'xchgq %rdx, %rcx',
      'xchgl %eax, %r9d',
      'xchgw %ax, %dx',
      'xchgb %al, %ch',
      'xchgq %rax, mem(%rip)',
      'movl %edx, %ecx',
      'movw %dx, %cx',
      'movb %dl, %ch',
      'movq $-5, %rcx',
      'movl $-5, %ecx',
      'movabsq $0x123456789abcdef0, %r11',
      'movw $0x1234, mem+2(%rip)',
      'movb $0x99, mem+7(%rip)',
      'leaq 8(%rdx,%rcx,4), %rsi',
      'leaq -1(%rdx,%rcx,8), %r8',
      'leal 3(%rdx,%rcx,2), %esi',
      'leaw 3(%rdx), %si',
      'leaq (,%rcx,8), %rax',
      'leaq 0x7fffffff(%r13), %rax',
      'leaq mem(%rip), %rax',
      'xaddq %rdx, %rcx',
      'xaddl %edx, mem(%rip)',
      'xaddb %dl, %cl',
      'cmpxchgq %rdx, %rcx',
      'cmpxchgl %edx, mem(%rip)',
      'cmpxchgb %dl, %cl',
      'lock cmpxchgq %rdx, mem(%rip)',
      'lock xaddq %rcx, mem(%rip)',
      'lock incl mem(%rip)',
      'clc',
      'stc',
      'cmc',
      'lahf',
      'sahf',
      'nop',
      'nopw 0x0(%rax,%rax,1)',
      'nopl 0x0(%rax)',
      'endbr64',
    ]) {
      const regs = g.regs();
      if (a.startsWith('cmpxchg') || a.includes(' cmpxchg')) {
        if (k % 2 === 0) regs[0] = a.includes('mem') ? 0n : regs[1]!; // sometimes equal
      }
      out.push(mk(g, a, 0, regs));
    }
    // Equal-compare cmpxchg against memory.
    const regs = g.regs();
    const m0 = g.value();
    regs[0] = m0;
    out.push({ asm: 'cmpxchgq %rdx, mem(%rip)', regs, flags: g.flags(), mem: [m0, g.value()], undefinedFlags: 0 });
  }
  return out;
}

export function bitCases(g: Gen, perForm: number): Case[] {
  const out: Case[] = [];
  const BT_UNDEF = OF | SF | AF | PF;
  for (const op of ['bt', 'bts', 'btr', 'btc']) {
    for (const size of [2, 4, 8] as Size[]) {
      const s = SUFFIX[size];
      for (let k = 0; k < perForm; k++) {
        out.push(mk(g, `${op}${s} ${reg(2, size)}, ${reg(9, size)}`, BT_UNDEF));
        out.push(mk(g, `${op}${s} $${g.int(256)}, ${reg(1, size)}`, BT_UNDEF));
        out.push(mk(g, `${op}${s} $${g.int(size * 8)}, mem(%rip)`, BT_UNDEF));
        const regs = g.regs();
        regs[2] = BigInt(g.int(128));
        out.push(mk(g, `${op}${s} ${reg(2, size)}, mem(%rip)`, BT_UNDEF, regs));
      }
    }
  }
  for (const op of ['bsf', 'bsr']) {
    for (const size of [2, 4, 8] as Size[]) {
      for (let k = 0; k < perForm; k++) {
        const regs = g.regs();
        const bits = BigInt(size * 8);
        if ((regs[2]! & ((1n << bits) - 1n)) === 0n) regs[2] = regs[2]! | 1n << BigInt(g.int(size * 8));
        out.push(mk(g, `${op}${SUFFIX[size]} ${reg(2, size)}, ${reg(1, size)}`, CF | OF | SF | AF | PF, regs));
      }
    }
  }
  return out;
}

export function stackCases(g: Gen, perForm: number): Case[] {
  const out: Case[] = [];
  for (let k = 0; k < perForm; k++) {
    for (const a of [
      'pushq %rdx\npopq %rcx',
      'pushq %r9\npopq %r10',
      'pushq $-3\npopq %rcx',
      'pushq $0x12345678\npopq %rcx',
      'pushq mem(%rip)\npopq %rcx',
      'pushq %rdx\npopq mem(%rip)',
      'pushw %dx\npopw %cx',
      'pushfq\npopq %rcx',
      'pushq %rdx\npopfq',
      'pushq %rsp\npopq %rcx',
      'call 1f\n1: popq %rcx',
      'leaq 1f(%rip), %rcx\npushq %rcx\nret\nmov $7, %rdx\n1:',
      'leaq 1f(%rip), %rcx\npushq $0\npushq %rcx\nret $8\n1:',
      'leaq 1f(%rip), %rcx\ncall *%rcx\n1: popq %r8',
      'leaq 1f(%rip), %rcx\njmp *%rcx\nmov $9, %rdx\n1:',
      'leaq 1f(%rip), %rcx\nmovq %rcx, mem(%rip)\njmp *mem(%rip)\nmov $9, %rdx\n1:',
      'movq %rsp, %rbp\npushq %rdx\npushq %rcx\nleave',
      'pushq %rbp\nmovq %rsp, %rbp\nsubq $32, %rsp\nmovq %rdx, -8(%rbp)\nmovl -8(%rbp), %ecx\nleave',
      'enter $16, $0\nleave',
    ]) {
      out.push(mk(g, a));
    }
  }
  return out;
}

export function stringCases(g: Gen, perForm: number): Case[] {
  const out: Case[] = [];
  for (let k = 0; k < perForm; k++) {
    const n = g.int(17);
    for (const a of [
      `leaq mem(%rip), %rdi\nmovq $${n}, %rcx\nrep stosb`,
      `leaq mem(%rip), %rdi\nmovq $${n >> 3}, %rcx\nrep stosq`,
      `leaq mem(%rip), %rsi\nleaq mem+3(%rip), %rdi\nmovq $${Math.min(n, 13)}, %rcx\nrep movsb`,
      `leaq mem+4(%rip), %rsi\nleaq mem(%rip), %rdi\nmovq $${Math.min(n, 12)}, %rcx\nrep movsb`,
      `leaq mem(%rip), %rsi\nleaq mem+8(%rip), %rdi\nmovq $1, %rcx\nrep movsq`,
      `leaq mem(%rip), %rdi\nstosl`,
      `leaq mem+15(%rip), %rdi\nstd\nmovq $${Math.min(n, 16)}, %rcx\nrep stosb\ncld`,
      `leaq mem(%rip), %rsi\nlodsw`,
      `leaq mem(%rip), %rsi\nleaq mem+8(%rip), %rdi\nmovq $8, %rcx\nrepe cmpsb`,
      `leaq mem(%rip), %rdi\nmovq $16, %rcx\nrepne scasb`,
    ]) {
      out.push(mk(g, a));
    }
  }
  return out;
}

/**
 * Short straight-line sequences of the forms compiled blocks inline (ALU, shifts, moves, loads,
 * read-modify-writes, jcc), so that flags one instruction produces and a later one overwrites
 * (dead in a block) and flags read mid-sequence (adc, setcc, jcc) are both exercised.
 */
export function sequenceCases(g: Gen, count: number): Case[] {
  const out: Case[] = [];
  const regs = [0, 1, 2, 3, 6, 8, 9, 10, 11];
  const alu = ['add', 'sub', 'and', 'or', 'xor', 'cmp'];
  const ccs = ['b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'l', 'ge', 'le', 'g', 'o', 'p'];
  for (let k = 0; k < count; k++) {
    const lines: string[] = [];
    let undef = 0; // flags the last writer leaves undefined
    const n = 3 + g.int(6);
    for (let j = 0; j < n; j++) {
      const size: Size = g.int(2) === 0 ? 8 : 4;
      const s = SUFFIX[size];
      const a = reg(g.pick(regs), size);
      const b = reg(g.pick(regs), size);
      const op = g.pick(alu);
      switch (g.int(9)) {
        case 0:
          lines.push(`${op}${s} ${a}, ${b}`);
          undef = op === 'and' || op === 'or' || op === 'xor' ? AF : 0;
          break;
        case 1:
          lines.push(`${op}${s} $${g.int(2) ? g.int(100) - 50 : 0x7fffffff}, ${a}`);
          undef = op === 'and' || op === 'or' || op === 'xor' ? AF : 0;
          break;
        case 2:
          lines.push(`${op}${s} mem(%rip), ${a}`);
          undef = op === 'and' || op === 'or' || op === 'xor' ? AF : 0;
          break;
        case 3:
          lines.push(g.int(2) ? `${op}${s} ${a}, mem+8(%rip)` : `${op}${s} $${g.int(64)}, mem(%rip)`);
          undef = op === 'and' || op === 'or' || op === 'xor' ? AF : 0;
          break;
        case 4: {
          const cnt = 1 + g.int(size * 8 - 1);
          lines.push(`${g.pick(['shl', 'shr', 'sar'])}${s} $${cnt}, ${a}`);
          undef = AF | (cnt > 1 ? OF : 0);
          break;
        }
        case 5:
          lines.push(g.pick([`mov${s} ${a}, ${b}`, `mov${s} mem(%rip), ${a}`, `lea 8(${reg(g.pick(regs), 8)},${reg(g.pick(regs), 8)},4), ${reg(g.pick(regs), 8)}`, `push ${reg(g.pick(regs), 8)}\npop ${reg(g.pick(regs), 8)}`]));
          break;
        case 6:
          // A reader after a shift whose OF is undefined would compare undefined bits: compare first.
          if (undef & OF) lines.push(`cmp${s} ${a}, ${b}`), (undef = 0);
          lines.push(`j${g.pick(ccs)} 7f\nmov $1, %r12\n7:`);
          break;
        case 7:
          if (undef & OF) lines.push(`cmp${s} ${a}, ${b}`), (undef = 0);
          lines.push(g.int(2) ? `set${g.pick(ccs)} %r13b` : `adc${s} ${a}, ${b}`);
          if (lines[lines.length - 1]!.startsWith('adc')) undef = 0;
          break;
        default:
          lines.push(`mov${s} ${a}, mem(%rip)`);
          break;
      }
    }
    out.push(mk(g, lines.join('\n'), undef));
  }
  return out;
}
