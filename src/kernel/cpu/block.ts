// Hot straight-line code runs as compiled blocks: a JS function per basic block that calls each
// instruction's handler directly, with the decoded instruction as a constant. Every call site in
// such a function sees exactly one handler, so the JIT inlines it; the interpreter's per-
// instruction fetch and megamorphic dispatch disappear.
//
// Semantics are the handlers' own: each handler sets rip last, so when one faults rip addresses
// it and the instructions before it have completed (the run loop recovers the count from rip).
// A block lives on its first instruction, inside its page's decoded-instruction cache, so a write
// to the page drops it; a block that writes memory checks after each such instruction whether
// it wrote its own page, and stops there so the modified code is decoded afresh.
import type { Cpu } from './cpu.js';
import { HANDLERS } from './exec.js';
import { Op, type Insn } from './insn.js';
import { PAGE_SIZE, type Frame } from './mmu.js';

/** Executions of an instruction before a block is compiled from it. */
export const BLOCK_THRESHOLD = 32;
const MAX_BLOCK = 48;

export type BlockFn = (c: Cpu) => number;

/** Ops that end a block (control transfers) — included as the block's last instruction. */
function ends(op: Op): boolean {
  return (
    op === Op.JCC ||
    op === Op.JMP ||
    op === Op.JMP_E ||
    op === Op.CALL ||
    op === Op.CALL_E ||
    op === Op.RET ||
    op === Op.MOVS ||
    op === Op.STOS ||
    op === Op.LODS ||
    op === Op.CMPS ||
    op === Op.SCAS
  );
}

/** Ops a block may contain: the pure integer instructions. System instructions stay interpreted. */
function allowed(op: Op): boolean {
  switch (op) {
    case Op.UD:
    case Op.SYSCALL:
    case Op.SYSRET:
    case Op.INT:
    case Op.INT3:
    case Op.IRET:
    case Op.HLT:
    case Op.CLI:
    case Op.STI:
    case Op.PUSHF:
    case Op.POPF:
    case Op.IN:
    case Op.OUT:
    case Op.MOV_CR_R:
    case Op.MOV_R_CR:
    case Op.MOV_DR_R:
    case Op.MOV_R_DR:
    case Op.RDMSR:
    case Op.WRMSR:
    case Op.SWAPGS:
    case Op.LIDT:
    case Op.LGDT:
    case Op.SIDT:
    case Op.LTR:
    case Op.RDTSC:
    case Op.CPUID:
    case Op.ENTER:
    case Op.INVLPG:
    case Op.MOV_FROM_SREG:
    case Op.MOV_TO_SREG:
      return false;
  }
  return true;
}

/** Ops that never write memory (no self-modification check needed after them). */
function registerOnly(d: Insn): boolean {
  switch (d.op) {
    case Op.MOV_RR:
    case Op.LOAD:
    case Op.ALU_RR:
    case Op.ALU_RI:
    case Op.ALU_RM:
    case Op.LEA:
    case Op.CBW:
    case Op.CWD:
    case Op.MOVZX:
    case Op.MOVSX:
    case Op.MOV_GE:
    case Op.ALU_GE:
    case Op.IMUL2:
    case Op.IMUL3:
    case Op.POP64:
    case Op.JCC:
    case Op.JMP:
    case Op.RET:
    case Op.LEAVE:
    case Op.NOP:
    case Op.CLC:
    case Op.STC:
    case Op.CMC:
    case Op.CLD:
    case Op.STD:
    case Op.BSWAP:
    case Op.CMOVCC:
    case Op.TEST_EG:
    case Op.TEST_EI:
    case Op.MUL1:
    case Op.IMUL1:
    case Op.DIV:
    case Op.IDIV:
      return true;
  }
  return d.rm >= 0 && (d.op === Op.ALU_EG || d.op === Op.ALU_EI || d.op === Op.SHIFT || d.op === Op.INC || d.op === Op.DEC || d.op === Op.NEG || d.op === Op.NOT || d.op === Op.MOV_EG || d.op === Op.MOV_EI || d.op === Op.SETCC);
}

/**
 * Compiles the block starting at `first` (already decoded from frame f at page offset `off`).
 * `decodeNext` returns the instruction at an address in the same page, or null if it cannot be
 * decoded without faulting.
 */
export function compileBlock(first: Insn, f: Frame, decodeNext: (addr: number) => Insn | null): void {
  const insns: Insn[] = [];
  let d: Insn | null = first;
  const pageEnd = Math.floor(first.addr / PAGE_SIZE) * PAGE_SIZE + PAGE_SIZE;
  while (d !== null && insns.length < MAX_BLOCK && allowed(d.op) && d.next <= pageEnd) {
    insns.push(d);
    if (ends(d.op)) break;
    d = d.next < pageEnd ? decodeNext(d.next) : null;
  }
  if (insns.length < 2) {
    first.block = NO_BLOCK as Insn['block'];
    return;
  }
  const params: string[] = ['f', 'arr'];
  const args: unknown[] = [f, f.code];
  const body: string[] = ['return function block(c) {'];
  insns.forEach((x, i) => {
    params.push(`h${i}`, `d${i}`);
    args.push(HANDLERS[x.op], x);
    body.push(`  h${i}(c, d${i});`);
    const last = i === insns.length - 1;
    if (!last && !registerOnly(x)) body.push(`  if (f.code !== arr) return ${i + 1};`);
  });
  body.push(`  return ${insns.length};`, '};');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const make = new Function(...params, body.join('\n')) as (...a: unknown[]) => BlockFn;
  first.block = make(...args) as Insn['block'];
  first.blockAddrs = insns.map((x) => x.addr);
}

/** Marks an instruction where no useful block starts. */
export const NO_BLOCK: BlockFn = () => 0;
