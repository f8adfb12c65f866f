// Compiled regions that span pages and privilege levels (block.ts): a user loop calling into a
// kernel through syscall, the kernel's entry code on another page calling the handler through a
// table (an indirect call whose last target the region includes), and sysret back. Each scenario
// runs interpreted (threshold 0) and compiled (thresholds 1 and 5: regions built from different
// first instructions) and must end in the same state, with the same instruction count, at every
// slice boundary: slices play the machine's timer (run(n) stops exactly after n instructions).
import { describe, expect, it } from 'vitest';
import { PROT_EXEC, PROT_READ, PROT_USER, PROT_WRITE } from '../../src/kernel/cpu/mmu.js';
import { CODE, machine, SYSCALL_MSRS, type Machine } from './machine.js';

// Page 0 (CODE): set-up, then the user loop; page 1 (kernel only): the entry code; page 2
// (kernel only): the system call's handler, called through `table`.
const SYSCALL_LOOP = `
_start:
${SYSCALL_MSRS}
  lea handler(%rip), %rax
  mov %rax, table+8(%rip)
  lea user(%rip), %rcx
  mov $0x202, %r11d
  mov $0x610000, %rsp
  sysretq
user:
  xor %ebx, %ebx
  xor %r12d, %r12d
1:
  mov $1, %eax
  push %rbx
  syscall
  pop %rbx
  add %rax, %r12
  add $1, %ebx
  cmp $300, %ebx
  jne 1b
  int3
  .balign 4096
entry:
  swapgs
  mov %rsp, %r14
  mov $0x700ff8, %rsp
  push %rcx
  push %r11
  push %rdi
  lea table(%rip), %rdx
  call *(%rdx,%rax,8)
  pop %rdi
  pop %r11
  pop %rcx
  mov %r14, %rsp
  swapgs
  sysretq
table:
  .quad 0
  .quad 0
  .balign 4096
handler:
  mov %rbx, %rax
  imul $3, %rax
counter:
  add $1, %r13
  ret
  .balign 4096
bp:
  hlt
`;

function setUp(m: Machine): void {
  // The entry and handler pages: kernel only (user code cannot execute them).
  m.space.protect(CODE + 0x1000, 0x2000, PROT_READ | PROT_WRITE | PROT_EXEC);
  m.gate(3, 'bp', 3);
}

function runSlices(threshold: number, slice: number, source = SYSCALL_LOOP, between?: (m: Machine, k: number) => void) {
  const m = machine(source);
  setUp(m);
  m.cpu.blockThreshold = threshold;
  const trace: string[] = [];
  for (let k = 0; k < 10_000; k++) {
    const r = m.cpu.run(slice);
    trace.push(`${m.cpu.icount} ${m.cpu.getRip().toString(16)} ${m.cpu.cpl} ${m.cpu.getReg64(3)}`);
    if (r === 'halt') break;
    expect(r).toBe('budget');
    between?.(m, k);
  }
  return { trace, regs: m.cpu.snapshot(), icount: m.cpu.icount, stack: m.u64(0x700fe8) };
}

describe('regions across pages and privilege levels', () => {
  for (const slice of [1000, 37, 7]) {
    it(`a syscall loop through an entry page and a handler page (slices of ${slice})`, () => {
      const interp = runSlices(0, slice);
      expect(interp.regs.r12).toBe(3n * ((299n * 300n) / 2n)); // sum of 3 * rbx
      expect(interp.regs.r13).toBe(300n);
      for (const t of [1, 5]) expect(runSlices(t, slice)).toEqual(interp);
    });
  }

  it('a write by the kernel into another page of the running region takes effect', () => {
    // In the call with rbx = 100 the handler's page is patched (add $1 → add $2 at counter+3)
    // from the entry page: the region must leave and decode the handler afresh.
    const src = SYSCALL_LOOP.replace('  call *(%rdx,%rax,8)\n', '  call *(%rdx,%rax,8)\n  cmp $100, %rbx\n  jne 2f\n  movb $2, counter+3(%rip)\n2:\n');
    const interp = runSlices(0, 1000, src);
    expect(interp.regs.r13).toBe(101n + 2n * 199n);
    for (const t of [1, 5]) expect(runSlices(t, 1000, src)).toEqual(interp);
  });

  it('another frame mapped at the user page (another process) is not run from the old code', () => {
    // Between two slices the host maps a new frame at the user page, a copy whose loop counts
    // in twos (add $1, %ebx → add $2, %ebx): a region entered in the kernel must not return
    // into the old frame's code.
    const patch = (m: Machine, k: number): void => {
      if (k !== 20) return;
      const page = m.space.readBytes(CODE, 0x1000);
      const at = m.sym['user']! - CODE;
      for (let i = at; i < at + 64; i++) if (page[i] === 0x83 && page[i + 1] === 0xc3 && page[i + 2] === 0x01) page[i + 2] = 0x02;
      m.space.unmap(CODE, 0x1000);
      m.space.map(CODE, 0x1000, PROT_READ | PROT_WRITE | PROT_EXEC | PROT_USER);
      m.space.writeBytes(CODE, page);
    };
    const src = SYSCALL_LOOP.replace('cmp $300, %ebx\n  jne 1b', 'cmp $400, %ebx\n  jb 1b');
    const interp = runSlices(0, 97, src, patch);
    expect(interp.regs.rbx).toBeGreaterThanOrEqual(400n);
    expect(interp.regs.rbx).toBeLessThan(300n + 200n); // the new code ran
    for (const t of [1, 5]) expect(runSlices(t, 97, src, patch)).toEqual(interp);
  });

  /**
   * Runs `src` (its `timer` label the handler of vector 0x20) in slices, raising the interrupt
   * between every `every` slices: interpreted, then compiled from two thresholds; all must agree.
   */
  function agreeWithTimer(src: string, slice: number, every: number): ReturnType<typeof runSlices> {
    const run = (t: number) =>
      runSlices(t, slice, src, (m, k) => {
        if (k === 0) m.gate(0x20, 'timer');
        if (k % every === every - 1) m.cpu.raiseIrq(0x20);
      });
    const interp = run(0);
    for (const t of [1, 5]) expect(run(t)).toEqual(interp);
    return interp;
  }

  it('sti and cli in the entry code (inline at CPL 0): a pending interrupt is taken right after sti', () => {
    // The entry code enables interrupts around the handler's call, as Linux's does; interrupts
    // raised between slices wait for that window, then arrive at the same instruction compiled or not.
    const src = SYSCALL_LOOP.replace('  push %rdi\n', '  push %rdi\n  sti\n')
      .replace('  pop %rdi\n', '  cli\n  pop %rdi\n')
      .replace('bp:\n  hlt', 'bp:\n  hlt\ntimer:\n  add $1, %r15\n  add (%rsp), %r9\n  iretq'); // r9: the sum of the interrupted rips
    expect(agreeWithTimer(src, 53, 4).regs.r15).toBeGreaterThan(10n);
  });

  it('an interrupt raised between slices is taken at the same instruction', () => {
    const src = SYSCALL_LOOP.replace('bp:\n  hlt', 'bp:\n  hlt\ntimer:\n  add $1, %r15\n  iretq');
    expect(agreeWithTimer(src, 61, 5).regs.r15).toBeGreaterThan(0n);
  });
});

describe('regions above 2 GiB', () => {
  // A region dispatches after ret (and other dynamic transfers) on rip as an int32 when its
  // labels fit; code at 0x7f0000400000 has labels that do not. The page after _start's is copied
  // there (its calls are relative) and run: a loop calling a function that calls another.
  const HIGH = 0x7f0000400000;
  const src = `
_start:
  movabs $${HIGH}, %rax
  mov $0x610000, %rsp
  jmp *%rax
  .balign 4096
high:
  xor %ebx, %ebx
  xor %r12d, %r12d
1:
  mov %rbx, %rdi
  call f
  add %rax, %r12
  add $1, %ebx
  cmp $500, %ebx
  jne 1b
  hlt
f:
  call g
  lea 1(%rax,%rdi), %rax
  ret
g:
  lea (%rdi,%rdi,2), %rax
  ret
  .balign 4096
`;
  const run = (threshold: number) => {
    const m = machine(src);
    m.space.map(HIGH, 0x1000, PROT_READ | PROT_EXEC | PROT_USER);
    m.space.writeBytes(HIGH, m.space.readBytes(m.sym['high']!, 0x1000));
    m.cpu.blockThreshold = threshold;
    expect(m.cpu.run(1_000_000)).toBe('halt');
    return { regs: m.cpu.snapshot(), icount: m.cpu.icount };
  };

  it('agree with the interpreter on a call/ret loop whose labels do not fit in an int32', () => {
    const interp = run(0);
    expect(interp.regs.r12).toBe(4n * ((499n * 500n) / 2n) + 500n); // Σ (3i + i + 1)
    expect(interp.regs.rip).toBeGreaterThan(BigInt(HIGH));
    for (const t of [1, 5]) expect(run(t)).toEqual(interp);
  });
});
