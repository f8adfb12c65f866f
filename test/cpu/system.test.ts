// System-level behaviour: exceptions and interrupts through the IDT with the 64-bit frame,
// int3 and TF single-step, #PF with CR2 and the error code, #GP/#UD, precise faults,
// self-modifying code, syscall/sysret, MSRs, port I/O.
import { describe, expect, it } from 'vitest';
import { DR6_BS, MSR_LSTAR, MSR_STAR, RSP } from '../../src/kernel/cpu/cpu.js';
import { PROT_READ, PROT_USER } from '../../src/kernel/cpu/mmu.js';
import { DATA, KSTACK, machine, SYSCALL_MSRS } from './machine.js';

// Every handler copies the frame the CPU pushed into DATA (five or six quadwords) and halts.
const SAVE_FRAME = (withError: boolean): string =>
  withError
    ? `mov (%rsp), %r8\n mov 8(%rsp), %r9\n mov 16(%rsp), %r10\n mov 24(%rsp), %r11\n mov 32(%rsp), %r12\n mov 40(%rsp), %r13\n mov %rsp, %r14\n hlt`
    : `mov (%rsp), %r9\n mov 8(%rsp), %r10\n mov 16(%rsp), %r11\n mov 24(%rsp), %r12\n mov 32(%rsp), %r13\n mov %rsp, %r14\n hlt`;

describe('exceptions through the IDT', () => {
  it('int3 traps to vector 3 with rip = breakpoint + 1, and iretq resumes there', () => {
    const m = machine(`
_start:
  mov $5, %eax
bp:
  int3
after:
  add $1, %eax
  hlt
handler:
  mov (%rsp), %rbx
  mov 8(%rsp), %rcx
  mov 16(%rsp), %rdx
  add $10, %eax
  iretq
`);
    m.gate(3, 'handler');
    expect(m.cpu.run(1000)).toBe('halt');
    expect(m.cpu.getReg64(3)).toBe(BigInt(m.sym.bp! + 1));
    expect(m.cpu.getReg64(3)).toBe(BigInt(m.sym.after!));
    expect(m.cpu.getReg64(1)).toBe(0x10n); // the CS pushed
    expect(m.cpu.getReg64(2) & 0x2n).toBe(0x2n); // rflags pushed (reserved bit 1)
    expect(m.cpu.getReg64(0)).toBe(16n); // 5 + 10 in the handler + 1 after iretq
  });

  it('TF single-steps one instruction, then #DB with DR6.BS and rip at the next instruction', () => {
    const m = machine(`
_start:
  pushfq
  orq $0x100, (%rsp)
  popfq
first:
  mov $7, %eax
second:
  mov $8, %eax
  hlt
handler:
  mov (%rsp), %rbx
  mov 16(%rsp), %rcx
  mov %dr6, %rdx
  hlt
`);
    m.gate(1, 'handler');
    expect(m.cpu.run(1000)).toBe('halt');
    // The trap comes after popfq's successor executes: TF set by popf takes effect one instruction later.
    const rip = m.cpu.getReg64(3);
    expect([BigInt(m.sym.first!), BigInt(m.sym.second!)]).toContain(rip);
    expect(m.cpu.getReg64(2) & BigInt(DR6_BS)).toBe(BigInt(DR6_BS));
    expect(m.cpu.getReg64(1) & 0x100n).toBe(0x100n); // the pushed rflags still has TF
    expect(m.cpu.getRflags() & 0x100).toBe(0); // the handler runs with TF clear
  });

  it('#PF sets CR2 and pushes the error code (not present / protection / write / user / fetch)', () => {
    const m = machine(`
_start:
  movabs $0x12345000, %rsi
fault:
  mov (%rsi), %rax
  hlt
handler:
  ${SAVE_FRAME(true)}
`);
    m.gate(14, 'handler');
    expect(m.cpu.run(1000)).toBe('halt');
    expect(m.cpu.cr2).toBe(0x12345000);
    expect(m.cpu.getReg64(8)).toBe(0n); // read, not present, supervisor
    expect(m.cpu.getReg64(9)).toBe(BigInt(m.sym.fault!)); // rip = the faulting instruction

    // A write to a read-only page from user mode: present | write | user = 7.
    const u = machine(`
_start:
  movabs $0x600000, %rsi
fault:
  movq $1, (%rsi)
  hlt
handler:
  ${SAVE_FRAME(true)}
`, { user: true });
    u.space.protect(DATA, 0x1000, PROT_READ | PROT_USER);
    u.gate(14, 'handler');
    expect(u.cpu.run(1000)).toBe('halt');
    expect(u.cpu.cr2).toBe(DATA);
    expect(u.cpu.getReg64(8)).toBe(7n);
    expect(u.cpu.getReg64(9)).toBe(BigInt(u.sym.fault!));
    expect(u.cpu.getReg64(10)).toBe(0x33n); // user CS
    expect(u.cpu.getReg64(13)).toBe(0x2bn); // user SS
    expect(u.cpu.getReg64(14)).toBe(BigInt(KSTACK + 0x1000 - 48)); // switched to rsp0, six words

    // An instruction fetch from a page without execute permission: error code has I/D (0x10).
    const x = machine(`
_start:
  movabs $0x600000, %rax
  jmp *%rax
handler:
  ${SAVE_FRAME(true)}
`);
    x.gate(14, 'handler');
    expect(x.cpu.run(1000)).toBe('halt');
    expect(x.cpu.cr2).toBe(DATA);
    expect(x.cpu.getReg64(8)).toBe(0x11n);
  });

  it('#GP(0) for a privileged instruction in user mode; #UD for ud2 and unknown bytes', () => {
    const g = machine(`
_start:
fault:
  mov %rax, %cr3
  hlt
handler:
  ${SAVE_FRAME(true)}
`, { user: true });
    g.gate(13, 'handler');
    expect(g.cpu.run(1000)).toBe('halt');
    expect(g.cpu.getReg64(8)).toBe(0n);
    expect(g.cpu.getReg64(9)).toBe(BigInt(g.sym.fault!));

    const u = machine(`
_start:
  nop
fault:
  ud2
  hlt
bad:
  .byte 0x0f, 0xff
handler:
  ${SAVE_FRAME(false)}
`);
    u.gate(6, 'handler');
    expect(u.cpu.run(1000)).toBe('halt');
    expect(u.cpu.getReg64(9)).toBe(BigInt(u.sym.fault!));
    expect(u.cpu.lastTrap?.bytes?.subarray(0, 2)).toEqual(new Uint8Array([0x0f, 0x0b]));
  });

  it('int $n from user mode through a DPL-0 gate is #GP(n*8+2); through a DPL-3 gate it is delivered', () => {
    const m = machine(`
_start:
fault:
  int $0x81
  hlt
gp:
  ${SAVE_FRAME(true)}
`, { user: true });
    m.gate(0x81, 'gp', 0);
    m.gate(13, 'gp', 0);
    expect(m.cpu.run(1000)).toBe('halt');
    expect(m.cpu.getReg64(8)).toBe(BigInt(0x81 * 8 + 2));
    expect(m.cpu.getReg64(9)).toBe(BigInt(m.sym.fault!));

    const ok = machine(`
_start:
  int $0x80
after:
  hlt
h80:
  ${SAVE_FRAME(false)}
`, { user: true });
    ok.gate(0x80, 'h80', 3);
    expect(ok.cpu.run(1000)).toBe('halt');
    expect(ok.cpu.getReg64(9)).toBe(BigInt(ok.sym.after!));
    expect(ok.cpu.cpl).toBe(0);
  });

  it('#DE on divide by zero and on quotient overflow', () => {
    const m = machine(`
_start:
  mov $1, %eax
  xor %edx, %edx
  xor %ecx, %ecx
fault:
  div %ecx
  hlt
handler:
  ${SAVE_FRAME(false)}
`);
    m.gate(0, 'handler');
    expect(m.cpu.run(1000)).toBe('halt');
    expect(m.cpu.getReg64(9)).toBe(BigInt(m.sym.fault!));
    const o = machine(`
_start:
  mov $0x80000000, %eax
  cltd
  mov $-1, %ecx
fault:
  idiv %ecx
  hlt
handler:
  ${SAVE_FRAME(false)}
`);
    o.gate(0, 'handler');
    expect(o.cpu.run(1000)).toBe('halt');
    expect(o.cpu.getReg64(9)).toBe(BigInt(o.sym.fault!));
  });
});

describe('precise faults', () => {
  it('a push that faults leaves rsp unchanged', () => {
    const m = machine(`
_start:
  movabs $0x500000, %rsp
fault:
  push %rax
  hlt
handler:
  ${SAVE_FRAME(true)}
`);
    m.gate(14, 'handler');
    // Deliver #PF on a good stack: the kernel stack through a DPL-0 → DPL-0 frame is the faulting rsp,
    // which is unmapped, so use an interrupt stack from the host: a double fault would follow.
    m.cpu.run(2); // movabs; the push faults and delivery itself faults → #DF; no #DF gate → shutdown
    const rspAfter = m.cpu.getReg64(RSP);
    expect(rspAfter).toBe(0x500000n);
  });

  it('a write straddling two pages checks both before writing either', () => {
    const m = machine(`
_start:
  movabs $0x600ffc, %rsi
  movabs $0x1122334455667788, %rax
fault:
  mov %rax, (%rsi)
  hlt
handler:
  ${SAVE_FRAME(true)}
`);
    m.space.protect(DATA + 0x1000, 0x1000, PROT_READ | PROT_USER);
    m.gate(14, 'handler');
    expect(m.cpu.run(1000)).toBe('halt');
    expect(m.cpu.cr2).toBe(DATA + 0x1000);
    expect(m.cpu.getReg64(9)).toBe(BigInt(m.sym.fault!));
    expect(m.u64(DATA + 0xff8)).toBe(0n); // the first page's half was not written
  });

  it('a faulting read-modify-write leaves flags and registers as they were', () => {
    const m = machine(`
_start:
  mov $1, %eax
  cmp $2, %eax
  movabs $0x12345000, %rsi
fault:
  addl $5, (%rsi)
  hlt
handler:
  ${SAVE_FRAME(true)}
`);
    m.gate(14, 'handler');
    expect(m.cpu.run(1000)).toBe('halt');
    expect(m.cpu.getReg64(11) & 0x8d5n).toBe(0x95n); // CF SF AF PF from cmp 1,2 pushed intact
  });
});

describe('compiled blocks keep the same guarantees', () => {
  it('a guest store over code later in the same block stops the block; the new bytes run', () => {
    const m = machine(`
_start:
  xor %ebx, %ebx
loop:
  inc %ebx
  cmp $40, %ebx
  jne loop
  movb $0xcc, patch(%rip)
patch:
  nop
  hlt
handler:
  ${SAVE_FRAME(false)}
`);
    m.cpu.blockThreshold = 1;
    m.gate(3, 'handler');
    expect(m.cpu.run(10000)).toBe('halt');
    expect(m.cpu.getReg64(9)).toBe(BigInt(m.sym.patch! + 1));
  });

  it('a fault in the middle of a block: rip at the faulting instruction, earlier ones done, count exact', () => {
    const m = machine(`
_start:
  mov $1, %eax
  mov $2, %ebx
  movabs $0x12345000, %rsi
fault:
  mov (%rsi), %rcx
  mov $3, %edx
  hlt
handler:
  ${SAVE_FRAME(true)}
`);
    m.cpu.blockThreshold = 1;
    m.gate(14, 'handler');
    expect(m.cpu.run(1000)).toBe('halt');
    expect(m.cpu.getReg64(9)).toBe(BigInt(m.sym.fault!));
    expect(m.cpu.getReg64(0)).toBe(1n);
    expect(m.cpu.getReg64(3)).toBe(2n);
    expect(m.cpu.getReg64(2)).toBe(0n); // not reached
    // 3 instructions before the fault (the faulting one is not retired) + 7 movs and hlt in the handler
    expect(m.cpu.icount).toBe(11);
  });

  it('the instruction budget is exact with blocks', () => {
    const m = machine(`
_start:
  inc %rax
  inc %rax
  inc %rax
  inc %rax
  jmp _start
`);
    m.cpu.blockThreshold = 1;
    expect(m.cpu.run(1003)).toBe('budget');
    expect(m.cpu.icount).toBe(1003);
    expect(m.cpu.getReg64(0)).toBe(803n); // 200 rounds of 4 incs + 3 more
  });
});

describe('self-modifying code and breakpoints', () => {
  it('an int3 written over cached code by the guest takes effect on the next execution', () => {
    const m = machine(`
_start:
  xor %ebx, %ebx
loop:
  call f
  inc %ebx
  cmp $3, %ebx
  jne loop
  movb $0xcc, f(%rip)
  call f
  hlt
f:
  nop
  ret
handler:
  ${SAVE_FRAME(false)}
`);
    m.gate(3, 'handler');
    expect(m.cpu.run(10000)).toBe('halt');
    expect(m.cpu.getReg64(9)).toBe(BigInt(m.sym.f! + 1));
  });

  it('a breakpoint patched by the host between runs is seen at the right address', () => {
    const m = machine(`
_start:
loop:
  call f
  jmp loop
f:
  add $1, %rax
  ret
handler:
  ${SAVE_FRAME(false)}
`);
    m.gate(3, 'handler');
    expect(m.cpu.run(100)).toBe('budget');
    m.space.writeBytes(m.sym.f!, new Uint8Array([0xcc]));
    expect(m.cpu.run(100)).toBe('halt');
    expect(m.cpu.getReg64(9)).toBe(BigInt(m.sym.f! + 1));
  });
});

describe('the clock', () => {
  it('rdtsc counts the instructions retired before it, exactly, also in the middle of a run and after a compiled loop', () => {
    const m = machine(`
_start:
  mov $300, %ecx
loop:
  sub $1, %ecx
  jnz loop
  rdtsc
  mov %eax, %ebx
  nop
  nop
  nop
  rdtsc
  hlt
`);
    const t0 = m.cpu.icount;
    // One run() call: the loop runs compiled after its first 200 iterations, and rdtsc comes
    // from the run loop, which adds its count to icount only when it returns.
    expect(m.cpu.run(100_000)).toBe('halt');
    expect(m.cpu.getReg64(3)).toBe(BigInt(t0 + 1 + 300 * 2)); // mov, then 300 × (sub, jnz)
    expect(m.cpu.getReg64(0)).toBe(BigInt(t0 + 1 + 300 * 2 + 5)); // rdtsc, mov, 3 × nop
  });
});

describe('syscall/sysret, MSRs, swapgs, port I/O', () => {
  it('syscall enters at LSTAR with rcx/r11 saved and FMASK applied; sysretq returns to CPL 3', () => {
    const m = machine(`
_start:
${SYSCALL_MSRS}
  lea user(%rip), %rcx
  mov $0x202, %r11d
  sysretq
user:
  mov $39, %eax
  pushfq
  orq $0x400, (%rsp)
  popfq
sc:
  syscall
back:
  mov $1, %r15d
  int3
entry:
  swapgs
  mov %rcx, %r8
  mov %r11, %r9
  pushfq
  pop %r10
  mov %cs, %r12
  swapgs
  sysretq
bp:
  hlt
`);
    m.gate(3, 'bp', 3);
    expect(m.cpu.run(1000)).toBe('halt');
    expect(m.cpu.getReg64(8)).toBe(BigInt(m.sym.back!)); // rcx = return rip
    expect(m.cpu.getReg64(9) & 0x400n).toBe(0x400n); // r11 = user rflags (DF set)
    expect(m.cpu.getReg64(10) & 0x700n).toBe(0n); // FMASK cleared TF/IF/DF in the kernel
    expect(m.cpu.getReg64(15)).toBe(1n); // sysretq came back to user code
    expect(m.cpu.msrs.get(MSR_LSTAR)).toBe(BigInt(m.sym.entry!));
    expect(m.cpu.msrs.get(MSR_STAR)).toBe(0x0023001000000000n);
  });

  it('in/out reach the port I/O hook; rdmsr/wrmsr reach GS base and KERNEL_GS_BASE; swapgs swaps them', () => {
    const m = machine(`
_start:
  mov $0x3f8, %dx
  mov $'h', %al
  out %al, %dx
  mov $'i', %al
  out %al, %dx
  in $0x64, %al
  mov %eax, %ebx
  mov $0xc0000101, %ecx
  mov $0x1000, %eax
  xor %edx, %edx
  wrmsr
  mov $0xc0000102, %ecx
  mov $0x2000, %eax
  wrmsr
  swapgs
  mov $0xc0000101, %ecx
  rdmsr
  mov %eax, %esi
  hlt
`);
    const out: number[] = [];
    m.cpu.io = { in: (port) => (port === 0x64 ? 0x5a : 0xff), out: (port, _s, v) => void (port === 0x3f8 && out.push(v)) };
    expect(m.cpu.run(1000)).toBe('halt');
    expect(String.fromCharCode(...out)).toBe('hi');
    expect(m.cpu.getReg64(3)).toBe(0x5an);
    expect(m.cpu.getReg64(6)).toBe(0x2000n);
    expect(m.cpu.kernelGsBase).toBe(0x1000);
  });

  it('lidt loads the IDT base and limit from memory', () => {
    const m = machine(`
_start:
  movw $0xfff, idtr(%rip)
  movq $0x800000, idtr+2(%rip)
  lidt idtr(%rip)
  int3
  hlt
handler:
  mov $42, %eax
  hlt
idtr:
  .zero 10
`);
    m.cpu.idtBase = 0;
    m.cpu.idtLimit = 0;
    m.gate(3, 'handler');
    expect(m.cpu.run(1000)).toBe('halt');
    expect(m.cpu.idtBase).toBe(0x800000);
    expect(m.cpu.getReg64(0)).toBe(42n);
  });

  it('without an IDT an exception shuts the machine down instead of crashing the emulator', () => {
    const m = machine(`
_start:
  ud2
`);
    m.cpu.idtLimit = 0;
    expect(m.cpu.run(1000)).toBe('shutdown');
  });
});
