// Instruction-level differential tests: the host CPU is the oracle. Every case runs natively
// and under the emulator (the same GNU-as-assembled bytes); registers, flags (those the SDM
// defines for the instruction) and memory must agree exactly.
import { describe, expect, it } from 'vitest';
import { runDifferential, type Case } from './harness.js';
import { aluCases, bitCases, condCases, Gen, moveCases, mulDivCases, sequenceCases, shiftCases, stackCases, stringCases, unaryCases } from './cases.js';

// Each set runs twice: through the interpreter alone, and with every block compiled (block.ts).
function check(cases: Case[]): void {
  for (const threshold of [0, 1]) {
    const { mismatches, nativeLines } = runDifferential(cases, threshold);
    expect(nativeLines).toBe(cases.length);
    const report = mismatches.slice(0, 25).map((m) => `#${m.index} ${m.asm.replace(/\n/g, '; ')}\n    ${m.detail}`);
    expect(report.join('\n'), threshold ? 'compiled blocks' : 'interpreter').toBe('');
  }
}

describe('differential against the host CPU', () => {
  it('add/adc/sub/sbb/and/or/xor/cmp/test in every form and size', () => {
    check(aluCases(new Gen(1), 4));
  });
  it('inc/dec/neg/not', () => {
    check(unaryCases(new Gen(2), 8));
  });
  it('shl/shr/sar/rol/ror/rcl/rcr by 1, imm8 and cl; shld/shrd', () => {
    check(shiftCases(new Gen(3), 8));
  });
  it('mul/imul (1, 2, 3 operands)/div/idiv', () => {
    check(mulDivCases(new Gen(4), 12));
  });
  it('setcc, cmovcc and jcc on every condition', () => {
    check(condCases(new Gen(5), 8));
  });
  it('moves, extensions, lea, xchg, bswap, xadd, cmpxchg, flag ops, nops', () => {
    check(moveCases(new Gen(6), 3));
  });
  it('bt/bts/btr/btc, bsf/bsr', () => {
    check(bitCases(new Gen(7), 6));
  });
  it('push/pop/call/ret/leave/enter and indirect branches', () => {
    check(stackCases(new Gen(8), 3));
  });
  it('rep movs/stos, lods, cmps, scas, std/cld', () => {
    check(stringCases(new Gen(9), 4));
  });
  it('sequences: flags overwritten before use (dead in a block) and read mid-sequence', () => {
    check(sequenceCases(new Gen(10), 600));
  });
});
