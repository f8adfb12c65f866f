// Compiled regions chain their blocks: an edge between two instructions of one page becomes a
// jump inside one JS function (block.ts), and calls and returns inside the region stay there too.
// These tests hold that to the interpreter where it could go wrong: code written while a chained
// loop runs, a breakpoint put into a chained target, TF single-stepping across a chained edge,
// and interrupts and the instruction budget preempting a tight chained loop. Each scenario runs
// interpreted (threshold 0) and compiled (threshold 1) and must end in the same state.
import { describe, expect, it } from 'vitest';
import { DR6_BS, TF } from '../../src/kernel/cpu/cpu.js';
import { machine, type Machine } from './machine.js';

// A loop whose jz and jmp are both edges inside one compiled region.
const LOOP = `loop:
  add $1, %eax
  test $1, %eax
  jz skip
  add $2, %ebx
skip:
  jmp loop
`;

function both(source: string, scenario: (m: Machine) => void): { regs: Record<string, bigint>; icount: number }[] {
  return [0, 1].map((threshold) => {
    const m = machine(source);
    m.cpu.blockThreshold = threshold;
    scenario(m);
    return { regs: m.cpu.snapshot(), icount: m.cpu.icount };
  });
}

describe('chained regions', () => {
  it('a store into a later instruction of the running loop takes effect on the next iteration', () => {
    const src = `
_start:
  xor %eax, %eax
  xor %ecx, %ecx
loop:
  add $1, %ecx
patch:
  add $1, %eax
  cmp $10, %ecx
  jne 1f
  movb $5, patch+2(%rip)
1:
  cmp $20, %ecx
  jne loop
  hlt
`;
    const [interp, compiled] = both(src, (m) => expect(m.cpu.run(10_000)).toBe('halt'));
    expect(interp!.regs.rax).toBe(60n); // ten iterations adding 1, ten adding 5
    expect(compiled).toEqual(interp);
  });

  it('a breakpoint written into a chained jump target by the host traps there', () => {
    const src = `
_start:
  xor %eax, %eax
  xor %ebx, %ebx
${LOOP}
handler:
  mov (%rsp), %r9
  hlt
`;
    const [interp, compiled] = both(src, (m) => {
      m.gate(3, 'handler');
      expect(m.cpu.run(1000)).toBe('budget'); // the loop is compiled and chained by now
      m.space.writeBytes(m.sym.skip!, Uint8Array.of(0xcc));
      expect(m.cpu.run(1000)).toBe('halt');
      expect(m.cpu.getReg64(9)).toBe(BigInt(m.sym.skip! + 1));
    });
    expect(compiled).toEqual(interp);
  });

  it('TF single-steps every instruction of a chained loop (one #DB each, DR6.BS set)', () => {
    const src = `
_start:
  xor %eax, %eax
  xor %ebx, %ebx
  xor %r15d, %r15d
${LOOP}
debug:
  inc %r15
  iretq
`;
    const [interp, compiled] = both(src, (m) => {
      m.gate(1, 'debug');
      expect(m.cpu.run(1003)).toBe('budget');
      const before = m.cpu.icount;
      m.cpu.setRflags(m.cpu.getRflags() | TF);
      // Each loop instruction traps; the handler's two instructions run with TF clear.
      expect(m.cpu.run(300)).toBe('budget');
      expect(m.cpu.getReg64(15)).toBe(100n);
      expect(m.cpu.icount - before).toBe(300);
      expect(m.cpu.dr[6]! & BigInt(DR6_BS)).toBe(BigInt(DR6_BS));
    });
    expect(compiled).toEqual(interp);
  });

  it('timer interrupts preempt a tight chained loop, and the budget stops it exactly', () => {
    const src = `
_start:
  xor %eax, %eax
  xor %r14d, %r14d
loop:
  add $1, %rax
  jmp loop
timer:
  inc %r14
  iretq
`;
    const [interp, compiled] = both(src, (m) => {
      m.gate(0x20, 'timer');
      m.cpu.setRflags(0x202);
      for (let tick = 1; tick <= 10; tick++) {
        expect(m.cpu.run(997)).toBe('budget');
        expect(m.cpu.icount).toBe(tick * 997);
        m.cpu.raiseIrq(0x20);
      }
      expect(m.cpu.run(1)).toBe('budget'); // the pending interrupt is delivered before anything else runs
      expect(m.cpu.getReg64(14)).toBe(10n); // one handler run per interrupt, none lost
    });
    expect(compiled).toEqual(interp);
  });

  it('recursion through calls and returns inside one region matches the interpreter, and a fault deep in it is exact', () => {
    const src = `
_start:
  mov $12, %edi
  call fib
  mov %rax, %r12
  movabs $0x12345000, %rsi
  mov $6, %edi
  call deep
  hlt
fib:
  cmp $2, %edi
  jl 1f
  push %rdi
  sub $1, %edi
  call fib
  pop %rdi
  push %rax
  sub $2, %edi
  call fib
  pop %rcx
  add %rcx, %rax
  ret
1:
  mov %edi, %eax
  ret
deep:
  test %edi, %edi
  jz 2f
  sub $1, %edi
  call deep
  ret
2:
  mov (%rsi), %rax
  ret
handler:
  mov 8(%rsp), %r9
  hlt
`;
    const [interp, compiled] = both(src, (m) => {
      m.gate(14, 'handler');
      expect(m.cpu.run(100_000)).toBe('halt');
    });
    expect(interp!.regs.r12).toBe(144n);
    expect(compiled).toEqual(interp);
  });

  it('base + displacement carries into (and borrows from) the high half of the address', () => {
    for (const [base, disp, addr] of [
      ['0x100000004', '-8', 0xfffffffcn],
      ['0xfffffffc', '8', 0x100000004n],
      ['0x7ffffffff000', '0x7ff', 0x7ffffffff7ffn],
    ] as const) {
      const src = `
_start:
  movabs $${base}, %rsi
  nop
  mov ${disp}(%rsi), %rax
  hlt
handler:
  hlt
`;
      const cr2 = [0, 1].map((threshold) => {
        const m = machine(src);
        m.cpu.blockThreshold = threshold;
        m.gate(14, 'handler');
        expect(m.cpu.run(100)).toBe('halt');
        return BigInt.asUintN(64, BigInt(m.cpu.cr2));
      });
      expect(cr2).toEqual([addr, addr]);
    }
  });
});
