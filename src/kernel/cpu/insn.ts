// A decoded instruction: what the executor needs, computed once per address and cached per page.
// Operands are normalized so one executor case serves every encoding of a form: an accumulator
// short form (05 id) is the r/m form with rm = rax, B8+r is mov E,imm with rm = r, and so on.

/** Operation codes, one per executor case. */
export const enum Op {
  UD = 0, // invalid / unsupported bytes: raises #UD when executed
  MOV_EG, // E ← G
  MOV_GE, // G ← E
  MOV_EI, // E ← imm
  MOVZX, // G ← zero-extend(E of srcSize)
  MOVSX, // G ← sign-extend(E of srcSize)
  LEA,
  ALU_EG, // E ← E op G (sub = 0 add, 1 or, 2 adc, 3 sbb, 4 and, 5 sub, 6 xor, 7 cmp)
  ALU_GE, // G ← G op E
  ALU_EI, // E ← E op imm
  TEST_EG,
  TEST_EI,
  INC,
  DEC,
  NEG,
  NOT,
  MUL1, // rdx:rax ← rax * E (unsigned)
  IMUL1,
  DIV,
  IDIV,
  IMUL2, // G ← G * E
  IMUL3, // G ← E * imm
  SHIFT, // sub: 0 rol 1 ror 2 rcl 3 rcr 4 shl 5 shr 6 sal 7 sar; count: imm, or cl if cl
  SHD, // shld/shrd: sub 0 left 1 right; count imm or cl
  PUSH_R,
  POP_R,
  PUSH_I,
  PUSH_E,
  POP_E,
  JCC,
  JMP,
  JMP_E,
  CALL,
  CALL_E,
  RET,
  SETCC,
  CMOVCC,
  LEAVE,
  NOP,
  XCHG,
  BSWAP,
  BT_G, // sub 0 bt 1 bts 2 btr 3 btc; bit offset from G
  BT_I,
  BSF,
  BSR,
  CMPXCHG,
  XADD,
  CBW, // cbw / cwde / cdqe by size
  CWD, // cwd / cdq / cqo by size
  MOVS,
  STOS,
  LODS,
  CMPS,
  SCAS,
  CLC,
  STC,
  CMC,
  CLD,
  STD,
  LAHF,
  SAHF,
  SYSCALL,
  SYSRET,
  INT,
  INT3,
  IRET,
  HLT,
  CLI,
  STI,
  PUSHF,
  POPF,
  IN, // port in imm, or dx if cl
  OUT,
  MOV_CR_R, // G(cr n) ← E(reg)
  MOV_R_CR,
  MOV_DR_R,
  MOV_R_DR,
  RDMSR,
  WRMSR,
  SWAPGS,
  LIDT,
  LGDT,
  SIDT,
  LTR,
  RDTSC,
  CPUID,
  PAUSE,
  ENTER,
  INVLPG,
  MOV_FROM_SREG, // E ← segment register selector (8C)
  MOV_TO_SREG, // segment register ← E (8E)
  // Specialized forms chosen after decoding (see specialize() in exec.ts); same semantics, faster paths.
  MOV_RR, // register ← register, 32/64-bit
  LOAD, // register ← [base + disp], 32/64-bit
  STORE, // [base + disp] ← register, 32/64-bit
  PUSH64,
  POP64,
  ALU_RR, // 32/64-bit register op register (G op E form with E a register), not adc/sbb
  ALU_RI, // 32/64-bit register op immediate, not adc/sbb
  ALU_MI, // 32/64-bit [mem] op immediate, not adc/sbb
  ALU_MR, // 32/64-bit [mem] op register, not adc/sbb
  ALU_RM, // 32/64-bit register op [mem], not adc/sbb
  STORE_I, // [mem] ← immediate, 32/64-bit
  LAST,
}

/** Segment override prefixes that matter in 64-bit mode. */
export const SEG_NONE = 0;
export const SEG_FS = 1;
export const SEG_GS = 2;

export interface Insn {
  /** Address of the first byte (signed canonical number) and of the next instruction. */
  addr: number;
  next: number;
  len: number;
  op: Op;
  /** Operand size in bytes: 1, 2, 4 or 8. */
  size: number;
  /** Sub-operation (ALU op, shift kind, condition code, bit-test kind, extension source size). */
  sub: number;
  /** ModRM.reg register (REX.R applied). For 8-bit operands 16..19 name ah, ch, dh, bh. */
  reg: number;
  /** Register r/m operand, or -1 for a memory operand. Same 8-bit convention as reg. */
  rm: number;
  base: number; // -1: none
  index: number; // -1: none
  scale: number;
  disp: number;
  ripRel: boolean;
  addr32: boolean;
  seg: number;
  /** Immediate, low and high 32 bits (sign-extended to 64 as the form requires). */
  immLo: number;
  immHi: number;
  /** Second immediate (enter's nesting level). */
  imm2: number;
  /** Shift/in/out: count or port comes from cl/dx rather than the immediate. */
  cl: boolean;
  /** 0: none, 1: rep/repe (F3), 2: repne (F2). */
  rep: number;
  lock: boolean;
  /** Relative branches: the target if canonical, else NaN (then executing raises #GP). */
  tgt: number;
  /** `next` as an int32 pair (pushed by call). */
  nextLo: number;
  nextHi: number;
  /** The instruction's bytes (for #UD reports and tracing). */
  bytes: Uint8Array;
  /**
   * Executions seen by the interpreter, and the compiled region entered here (block.ts): called
   * as block(cpu, budget, blockPc), it returns the instructions it retired.
   */
  hits: number;
  /** Indirect jumps and calls: the target last taken (NaN before), so a region can include it (block.ts). */
  seen: number;
  block: ((c: never, budget: number, pc: number) => number) | null;
  blockPc: number;
}
