// The x86-64 register file as AT&T syntax names it. Each register carries what the encoder
// needs: its 4-bit number (bit 3 goes to a REX bit), its width, and the two byte-register
// quirks — %spl/%bpl/%sil/%dil exist only with a REX prefix, %ah/%ch/%dh/%bh only without one.

export type RegClass = 'gpr' | 'seg' | 'cr' | 'dr' | 'rip';

export interface Reg {
  readonly name: string;
  readonly cls: RegClass;
  /** 0..15 (bit 3 is the REX extension bit). */
  readonly num: number;
  /** Width in bytes (1, 2, 4, 8); segment registers count as 2. */
  readonly size: number;
  /** %spl %bpl %sil %dil: encodable only with a REX prefix. */
  readonly needsRex: boolean;
  /** %ah %ch %dh %bh: not encodable together with a REX prefix. */
  readonly highByte: boolean;
}

const TABLE = new Map<string, Reg>();

function add(name: string, cls: RegClass, num: number, size: number, needsRex = false, highByte = false): void {
  TABLE.set(name, { name, cls, num, size, needsRex, highByte });
}

const Q = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi'];
const D = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi'];
const W = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di'];
const B = ['al', 'cl', 'dl', 'bl'];
for (let i = 0; i < 8; i++) {
  add(Q[i]!, 'gpr', i, 8);
  add(D[i]!, 'gpr', i, 4);
  add(W[i]!, 'gpr', i, 2);
}
for (let i = 0; i < 4; i++) add(B[i]!, 'gpr', i, 1);
['spl', 'bpl', 'sil', 'dil'].forEach((n, i) => add(n, 'gpr', 4 + i, 1, true));
['ah', 'ch', 'dh', 'bh'].forEach((n, i) => add(n, 'gpr', 4 + i, 1, false, true));
for (let i = 8; i < 16; i++) {
  add(`r${i}`, 'gpr', i, 8);
  add(`r${i}d`, 'gpr', i, 4);
  add(`r${i}w`, 'gpr', i, 2);
  add(`r${i}b`, 'gpr', i, 1);
  add(`r${i}l`, 'gpr', i, 1);
}
['es', 'cs', 'ss', 'ds', 'fs', 'gs'].forEach((n, i) => add(n, 'seg', i, 2));
for (const i of [0, 2, 3, 4, 8]) add(`cr${i}`, 'cr', i, 8);
for (let i = 0; i < 8; i++) add(`db${i}`, 'dr', i, 8);
add('rip', 'rip', 5, 8);
add('eip', 'rip', 5, 4);

/** The register called `name` (without the '%'), or undefined. */
export function lookupReg(name: string): Reg | undefined {
  return TABLE.get(name) ?? TABLE.get(name.toLowerCase());
}

/** Segment override prefix bytes, by segment register number. */
export const SEG_PREFIX = [0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65] as const;
