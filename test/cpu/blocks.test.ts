// Compiled blocks drop the flag computations nothing reads (block.ts). These tests hold that
// optimisation to the interpreter's semantics where it is easiest to get wrong: a fault between
// an elided flags producer and the instruction that would have overwritten it must still see
// that producer's flags, and the rip/icount of a fault mid-block stay exact.
import { describe, expect, it } from 'vitest';
import { machine } from './machine.js';

const SAVE_FRAME = `mov (%rsp), %r8\n mov 8(%rsp), %r9\n mov 16(%rsp), %r10\n mov 24(%rsp), %r11\n hlt`;

/** The CPU after running `source` to its hlt, blocks compiled from the `threshold`-th execution
 *  (0: interpreted only); `gate`: the exception vector sent to `handler`. */
function runToHalt(source: string, threshold: number, budget: number, gate?: number) {
  const m = machine(source);
  m.cpu.blockThreshold = threshold;
  if (gate !== undefined) m.gate(gate, 'handler');
  expect(m.cpu.run(budget)).toBe('halt');
  return m.cpu;
}

/** Registers `regs` (and the instruction count) after running `source` to its hlt with blocks compiled from the `threshold`-th execution. */
function finalRegs(source: string, threshold: number, budget: number, regs: number[]): bigint[] {
  const cpu = runToHalt(source, threshold, budget);
  return regs.map((r) => cpu.getReg64(r)).concat([BigInt(cpu.icount)]);
}

function faultRun(source: string, threshold: number): { rip: bigint; rflags: bigint; icount: number; rax: bigint } {
  const cpu = runToHalt(source, threshold, 1000, 14);
  return { rip: cpu.getReg64(9), rflags: cpu.getReg64(11) & 0x8d5n, icount: cpu.icount, rax: cpu.getReg64(0) };
}

describe('dead flags in compiled blocks', () => {
  // add's flags are dead in the block (sub overwrites them) — unless the load between faults.
  for (const [name, producer, flags] of [
    ['add (flags elided, 64-bit)', 'mov $5, %rax\n  add $-5, %rax', 0x55n], // ZF PF CF AF
    // A read-modify-write: the first run takes its handler (the page is not cached yet).
    ['add to memory (flags elided)', 'mov $1, %rax\n  addq $-5, 0x600000', 0x80n], // SF (0 - 5; 0xfb has odd parity)
    ['sub from memory, 32-bit (flags elided)', 'movl $1, 0x600010\n  mov $2, %ecx\n  subl %ecx, 0x600010', 0x95n], // SF PF AF CF
    ['xor (flags elided, 32-bit)', 'mov $-1, %eax\n  xor $1, %eax', 0x80n], // SF
    ['sar (flags elided)', 'mov $-3, %rax\n  sar $1, %rax', 0x81n], // SF CF (0xfe has odd parity)
    ['shl (flags elided)', 'movabs $0x4000000000000001, %rax\n  shl $2, %rax', 0x801n], // CF (and OF as the interpreter leaves it: undefined for counts > 1)
  ] as const) {
    it(`a fault after ${name} sees its flags, interpreted and compiled`, () => {
      const src = `
_start:
  ${producer}
  movabs $0x12345000, %rsi
fault:
  mov (%rsi), %rcx
  sub $1, %rax
  hlt
handler:
  ${SAVE_FRAME}
`;
      const interp = faultRun(src, 0);
      const compiled = faultRun(src, 1);
      expect(interp.rflags & 0x8c5n).toBe(flags & 0x8c5n); // AF aside (undefined after logic/shift)
      expect(compiled).toEqual(interp);
    });
  }

  it('flags live at a block exit through a taken jcc are the right producer', () => {
    const src = `
_start:
  mov $7, %rax
  add $1, %rax
  cmp $8, %rax
  je 1f
  mov $99, %rbx
1:
  pushfq
  pop %rcx
  hlt
handler:
  hlt
`;
    for (const t of [0, 1]) {
      const cpu = runToHalt(src, t, 100);
      expect(cpu.getReg64(3)).toBe(0n);
      expect(cpu.getReg64(1) & 0x8d5n).toBe(0x44n); // ZF PF from the cmp
    }
  });

  // The same for each producer kind and size a jcc tests inline: the taken exit writes the
  // producer's flags from the result it exposed (sub/cmp/and/xor/test, 32- and 64-bit).
  for (const [producer, jcc] of [
    ['sub $9, %rax', 'jae'],
    ['cmp $-3, %rax', 'jne'],
    ['cmp $9, %eax', 'jl'],
    ['sub $0x7fffffff, %eax', 'jo'],
    ['and $-16, %rax', 'js'],
    ['xor %eax, %eax', 'je'],
    ['test $0x80000000, %eax', 'jne'],
  ] as const) {
    it(`a taken ${jcc} after ${producer} leaves with its flags, result and operands`, () => {
      const src = `
_start:
  movabs $0xffffffff80000005, %rax
  ${producer}
  ${jcc} 1f
  add $1, %rbx
1:
  pushfq
  pop %rdx
  hlt
handler:
  hlt
`;
      const interp = finalRegs(src, 0, 100, [0, 2, 3]);
      expect(finalRegs(src, 1, 100, [0, 2, 3])).toEqual(interp);
      expect(interp[2]).toBe(0n); // taken
    });
  }

  // cmp's flags are dead on the path that stays in the block (add overwrites them) but live
  // where je leaves it: the taken exit must write them.
  for (const [name, value] of [['taken', 8], ['not taken', 7]] as const) {
    it(`a jcc tested on its cmp's operands leaves with the cmp's flags (${name})`, () => {
      const src = `
_start:
  mov $${value}, %rax
  cmp $8, %rax
  je 1f
  add $1, %rbx
  mov $5, %rcx
1:
  pushfq
  pop %rdx
  hlt
handler:
  hlt
`;
      const interp = finalRegs(src, 0, 100, [0, 1, 2, 3]);
      expect(finalRegs(src, 1, 100, [0, 1, 2, 3])).toEqual(interp);
      expect(interp[2]! & 0x40n).toBe(value === 8 ? 0x40n : 0n);
    });
  }

  it('a block that rewrites its own code leaves with the elided flags written', () => {
    // add's flags are dead in the block as compiled (sub overwrites them), but the store turns
    // the nop after it into pushfq: the block stops at its self-modification check, and the
    // re-decoded pushfq must push add's flags.
    const src = `
_start:
  mov $5, %rax
  add $-5, %rax
  movb $0x9c, patch(%rip)
patch:
  nop
  sub $1, %rax
  pop %rcx
  hlt
handler:
  hlt
`;
    const interp = finalRegs(src, 0, 100, [0, 1]);
    expect(interp[1]! & 0x8d5n).toBe(0x55n); // ZF PF AF CF from add
    expect(finalRegs(src, 1, 100, [0, 1])).toEqual(interp);
  });

  it('flags kept in locals reach the handlers and helpers that read them, and come back from those that write them', () => {
    // add (inline) → adc (a handler reads its carry, writes flags) → jc (the evaluator reads
    // adc's) → shl by 1 (the helper writes flags) → setc; add (inline) → jp (the evaluator reads
    // add's); imul (the helper writes flags) → jo;
    // a loop, so the region runs it many times; then the flags leave through pushfq.
    const src = `
_start:
  xor %ebx, %ebx
  xor %esi, %esi
  mov $40, %ecx
1:
  mov %rcx, %rax
  shl $58, %rax
  add %rax, %rax
  adc $0, %rbx
  jc 2f
  add $3, %rsi
2:
  shl $1, %rax
  setc %dl
  add %rdx, %rsi
  jp 4f
  add $7, %rsi
4:
  imul $0x40000000, %rsi, %rdi
  jo 3f
  add $1, %rsi
3:
  sub $1, %ecx
  jne 1b
  pushfq
  pop %r8
  hlt
handler:
  hlt
`;
    const interp = finalRegs(src, 0, 10_000, [3, 6, 7, 8]);
    expect(interp[0]).toBeGreaterThan(0n); // some carries
    for (const t of [1, 5]) expect(finalRegs(src, t, 10_000, [3, 6, 7, 8])).toEqual(interp);
  });
});

// A region keeps the guest registers it uses in JS locals: stored back at every exit, around
// each handler call (the handler reads and writes c's registers) and on a fault — except a
// fault inside a handler, which leaves c's registers as the handler left them.
describe('push and pop runs in compiled regions', () => {
  // A run of pushes (or pops) is one page access when all its slots lie in one cached page; when
  // they straddle a page boundary (or the page is not cached yet) the region leaves before the run
  // and the run loop interprets it. rsp walks down across 0x601000, so both happen in the loop.
  it('agree with the interpreter when their slots straddle a page boundary', () => {
    const src = `
_start:
  mov $0x601020, %rsp
  mov $40, %ecx
  xor %r9d, %r9d
loop:
  mov %rcx, %rax
  lea 1(%rcx), %rbx
  lea 2(%rcx), %rdx
  push %rax
  push %rbx
  push %rdx
  pop %rsi
  pop %rdi
  pop %r8
  imul $3, %rsi
  add %rsi, %r9
  add %rdi, %r9
  sub %r8, %r9
  sub $8, %rsp
  dec %ecx
  jnz loop
  mov 0x600ff8, %r10
  mov 0x601000, %r11
  hlt
`;
    const regs = [4, 9, 10, 11];
    const interp = finalRegs(src, 0, 100_000, regs);
    expect(finalRegs(src, 1, 100_000, regs)).toEqual(interp);
    expect(finalRegs(src, 5, 100_000, regs)).toEqual(interp);
    expect(interp[0]).toBe(0x601020n - 40n * 8n);
    // Σ over c = 1..40 of 3(c+2) + (c+1) - c = 3·Σc + 7·40.
    expect(interp[1]).toBe(3n * 820n + 7n * 40n);
  });
});

describe('registers in locals in compiled regions', () => {
  const state = (src: string, t: number, vector: number): bigint[] => {
    const cpu = runToHalt(src, t, 1000, vector);
    return [...Array(16).keys()].map((r) => cpu.getReg64(r)).concat([BigInt(cpu.icount)]);
  };
  /** The interpreter's final state, which the compiled run must equal. */
  const agree = (src: string, vector: number): bigint[] => {
    const interp = state(src, 0, vector);
    expect(state(src, 1, vector)).toEqual(interp);
    return interp;
  };
  const program = (body: string): string => `\n_start:\n${body}\n  hlt\nhandler:\n  ${SAVE_FRAME}\n`;

  it('handlers between inline instructions see and change the registers, and a handler fault sees them', () => {
    const interp = agree(program(`
  mov $100, %rax
  add $23, %rax
  mov $7, %rcx
  xchg %rax, %rcx
  add $1, %rax
  imul %rcx, %rax
  mov %rax, %rsi
  mov $0, %edx
  mov $0, %ebx
  div %rbx`), 0);
    expect(interp[0]).toBe(8n * 123n);
    expect(interp[1]).toBe(123n);
  });

  it('a fault after inline register writes sees them', () => {
    const interp = agree(program(`
  mov $5, %rax
  lea 3(%rax), %rdx
  push %rdx
  movabs $0x12345000, %rsi
  add $2, %rdx
  mov (%rsi), %rcx`), 14);
    expect(interp[2]).toBe(10n);
  });

  it('the last read and written pages cached in locals: two pages, a page-crossing access, a fault', () => {
    const interp = agree(program(`
  mov $0x600000, %rbx
  mov $0x601000, %rcx
  movq $5, (%rbx)
  movq $7, (%rcx)
  movl $-1, 0xffc(%rbx)
  mov (%rbx), %rax
  add (%rcx), %rax
  mov %rax, 8(%rbx)
  addq $1, 8(%rcx)
  mov 0xffc(%rbx), %rdx
  movq $9, 0xffc(%rbx)
  mov 8(%rbx), %rsi
  mov 8(%rcx), %rdi
  add (%rcx), %edi
  movabs $0x12345000, %r8
  mov (%r8), %r9`), 14);
    expect(interp.slice(0, 8)).toEqual([12n, 0x601000n, 0x7ffffffffn, 0x600000n, interp[4], interp[5], 12n, 1n]);
  });

  it('push and call through memory and a register, inline: values, return addresses, the stack', () => {
    const interp = agree(program(`
  mov $0x600000, %rbx
  lea fn(%rip), %rax
  mov %rax, (%rbx)
  movq $5, 8(%rbx)
  mov $4, %ecx
  xor %edx, %edx
  xor %edi, %edi
1:
  push 8(%rbx)
  call *(%rbx)
  pop %rsi
  lea fn2(%rip), %r12
  call *%r12
  dec %ecx
  jnz 1b
  jmp 2f
fn:
  add 8(%rsp), %rdx
  mov (%rsp), %rdi
  ret
fn2:
  add $1, %rdx
  mov %rsp, %r13
  ret
2:`), 14);
    expect(interp[2]).toBe(24n);
    expect(interp[6]).not.toBe(0n); // the return address fn saw (the compiled run's must be the same)
    expect(interp[13]! + 8n).toBe(interp[4]);
  });

  for (const [name, body, vector] of [
    ['call through unmapped memory (#PF before the push)', 'mov $0x12345000, %esi\n  call *(%rsi)', 14],
    ['call to a non-canonical address read from memory (#GP before the push)', 'mov $0x600000, %ebx\n  movabs $0x8000000000000000, %rax\n  mov %rax, (%rbx)\n  call *(%rbx)', 13],
    ['call to a non-canonical address in a register (#GP)', 'movabs $0x0000800000000000, %rax\n  call *%rax', 13],
    ['push from unmapped memory (#PF, rsp unchanged)', 'mov $0x12345000, %esi\n  push 8(%rsi)', 14],
  ] as const) {
    it(`${name}: the same fault, rip, rsp and count interpreted and compiled`, () => {
      const interp = agree(program(`  mov $7, %ecx\n  ${body}`), vector);
      expect(interp[1]).toBe(7n);
    });
  }

  it('a rep movsb that faults part way keeps the registers it advanced', () => {
    // The destination runs off the end of DATA after 8 bytes: rcx, rsi and rdi stop there.
    const interp = agree(program(`
  mov $0x600000, %esi
  mov $0x60fff8, %edi
  mov $32, %ecx
  add $0, %rcx
  rep movsb`), 14);
    expect(interp[1]).toBe(24n);
    expect(interp[7]).toBe(0x610000n);
  });
});
