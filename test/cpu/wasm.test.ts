// WebAssembly regions (src/kernel/cpu/wasm/) against the interpreter and the JS regions: three
// engines, one set of programs (each built only from instructions the WebAssembly backend
// compiles, and each test checks that it really compiled them). The interpreter is the oracle;
// it is itself checked against the host CPU (differential.test.ts).
import { describe, expect, it } from 'vitest';
import type { Insn } from '../../src/kernel/cpu/insn.js';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AddressSpace, Frame, PAGE_SIZE, PROT_EXEC, PROT_READ, PROT_WRITE } from '../../src/kernel/cpu/mmu.js';
import { allocPages, reserve, WMEM } from '../../src/kernel/cpu/wasm/pool.js';
import { isWasmRegion } from '../../src/kernel/cpu/wasm/region.js';
import { CODE, DATA, machine, SYSCALL_MSRS, type Machine } from './machine.js';

type Engine = 'interpreter' | 'js' | 'wasm';

/** A machine for `source` running on `engine` (regions compiled from the `threshold`-th execution). */
function on(engine: Engine, source: string, threshold: number, setUp?: (m: Machine) => void): Machine {
  const m = machine(source);
  setUp?.(m);
  m.cpu.blockThreshold = engine === 'interpreter' ? 0 : threshold;
  m.cpu.wasmRegions = engine === 'wasm';
  return m;
}

/** How many of the decoded instructions on the pages at `addrs` enter a WebAssembly region. */
function wasmEntries(m: Machine, addrs: number[]): number {
  let n = 0;
  for (const a of addrs) {
    const code = m.space.lookup(a)!.frame.code as (Insn | undefined)[] | null;
    for (const x of code ?? []) if (x !== undefined && isWasmRegion(x.block)) n++;
  }
  return n;
}

// regions.test.ts's syscall loop without swapgs and imul (which the WebAssembly backend does not
// compile). A user loop making 300 system calls: the entry code (kernel page 1) saves registers, enables
// interrupts, calls the handler (page 2) through a table and returns with sysretq. Only
// instructions the WebAssembly backend compiles (the set-up before `user` runs interpreted).
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
  test $7, %ebx
  syscall
  pop %rbx
  add %rax, %r12
  add $1, %ebx
  cmp $300, %ebx
  jne 1b
  int3
  .balign 4096
entry:
  jne 3f
  add $1, %r10
3:
  mov %rsp, %r14
  mov $0x700ff8, %rsp
  push %rcx
  push %r11
  push %rdi
  sti
  lea table(%rip), %rdx
  call *(%rdx,%rax,8)
  cli
  pop %rdi
  pop %r11
  pop %rcx
  mov %r14, %rsp
  sysretq
table:
  .quad 0
  .quad 0
  .balign 4096
handler:
  push %rbp
  mov %rsp, %rbp
  sub $16, %rsp
  mov %rbx, -8(%rbp)
  mov -8(%rbp), %rax
  lea (%rax,%rax,2), %rax
  movslq %eax, %rax
  add $1, %r13
  cmpq $0, -8(%rbp)
  jne 1f
  movq $7, -16(%rbp)
1:
  mov %rbp, %rsp
  pop %rbp
  ret
  .balign 4096
bp:
  hlt
timer:
  add $1, %r15
  add (%rsp), %r9
  iretq
`;

function kernelPages(m: Machine): void {
  m.space.protect(CODE + 0x1000, 0x2000, PROT_READ | PROT_WRITE | PROT_EXEC);
  m.gate(3, 'bp', 3);
}

/** Runs in slices (the machine's timer), recording the state at every slice boundary. */
function slices(m: Machine, slice: number, between?: (m: Machine, k: number) => void) {
  const trace: string[] = [];
  for (let k = 0; k < 20_000; k++) {
    const r = m.cpu.run(slice);
    trace.push(`${m.cpu.icount} ${m.cpu.getRip().toString(16)} ${m.cpu.cpl} ${m.cpu.getReg64(3)} ${m.cpu.getRflags().toString(16)}`);
    if (r === 'halt') break;
    expect(r).toBe('budget');
    between?.(m, k);
  }
  return { trace, regs: m.cpu.snapshot(), icount: m.cpu.icount };
}

/** kernelPages, and an interrupt gate for `vector` to the symbol `handler`. */
function kernelPagesAnd(vector: number, handler: string): (m: Machine) => void {
  return (m) => {
    kernelPages(m);
    m.gate(vector, handler);
  };
}

/**
 * The states at the slice boundaries of `src` run interpreted, once WebAssembly regions
 * (compiled from the 1st and the 40th execution) have reached the same states and an instruction
 * on `page` has entered one.
 */
function agreeOnWasm(src: string, slice: number, page: number, setUp?: (m: Machine) => void, between?: (m: Machine, k: number) => void): ReturnType<typeof slices> {
  const interp = slices(on('interpreter', src, 0, setUp), slice, between);
  for (const t of [1, 40]) {
    const m = on('wasm', src, t, setUp);
    expect(slices(m, slice, between)).toEqual(interp);
    expect(wasmEntries(m, [page])).toBeGreaterThan(0);
  }
  return interp;
}

describe('WebAssembly regions: a syscall loop across pages and privilege levels', () => {
  for (const slice of [1000, 37, 7]) {
    it(`agrees with the interpreter and the JS regions at every slice boundary (slices of ${slice})`, () => {
      const interp = slices(on('interpreter', SYSCALL_LOOP, 0, kernelPages), slice);
      expect(interp.regs.r12).toBe(3n * ((299n * 300n) / 2n));
      expect(interp.regs.r13).toBe(300n);
      expect(interp.regs.r10).toBe(38n); // the user's flags reach the entry code (rbx % 8 == 0)
      for (const t of [1, 40]) {
        const js = on('js', SYSCALL_LOOP, t, kernelPages);
        expect(slices(js, slice)).toEqual(interp);
        expect(wasmEntries(js, [CODE, CODE + 0x1000, CODE + 0x2000])).toBe(0);
        const wasm = on('wasm', SYSCALL_LOOP, t, kernelPages);
        expect(slices(wasm, slice)).toEqual(interp);
        expect(wasmEntries(wasm, [CODE, CODE + 0x1000, CODE + 0x2000])).toBeGreaterThan(0);
      }
    });
  }

  it('an interrupt pending at sti is taken right after it, at the same instruction', () => {
    const run = (engine: Engine, t: number) =>
      slices(on(engine, SYSCALL_LOOP, t, kernelPages), 53, (m, k) => {
        if (k === 0) m.gate(0x20, 'timer');
        if (k % 4 === 3) m.cpu.raiseIrq(0x20);
      });
    const interp = run('interpreter', 0);
    expect(interp.regs.r15).toBeGreaterThan(10n); // r9: the sum of the interrupted rips
    for (const t of [1, 40]) expect(run('wasm', t)).toEqual(interp);
  });

  it('a page of the region mapped to another frame between slices: the new code runs', () => {
    // After the 60th slice (the regions are compiled, the entry code's through the handler's page)
    // the handler's page is replaced by a copy whose `add $1, %r13` adds 2:
    // the region's check of that page (the code epoch changed) sends it back to the run loop.
    const remap = (m: Machine, k: number): void => {
      if (k !== 60) return;
      const old = m.space.lookup(CODE + 0x2000)!;
      const f = new Frame();
      f.data.set(old.frame.data);
      const at = m.sym.handler! - (CODE + 0x2000);
      const code = Array.from(f.data.subarray(at, at + 64));
      const add = code.findIndex((_, i) => code[i] === 0x49 && code[i + 1] === 0x83 && code[i + 2] === 0xc5 && code[i + 3] === 0x01); // add $1, %r13
      expect(add).toBeGreaterThan(0);
      f.data[at + add + 3] = 2;
      m.space.mapFrame(CODE + 0x2000, f, old.prot);
    };
    const interp = agreeOnWasm(SYSCALL_LOOP, 97, CODE + 0x1000, kernelPages, remap);
    expect(interp.regs.r13).toBeGreaterThan(300n); // some calls added 2
  });

  it('another address space with other code at the same user address (a process switch)', () => {
    // After the 60th slice the CPU switches to a space that shares every frame but the user
    // code's, where `add %rax, %r12` is `sub %rax, %r12`: sysretq's return into the user page
    // must not run the first space's code that the region has for that address.
    // The space is built at the start (building it changes mappings, which alone would send
    // regions back to JS); the switch itself changes none.
    let b: AddressSpace | null = null;
    const other = (m: Machine, k: number): void => {
      if (k === 0) b = otherSpace(m);
      if (k === 60) m.cpu.setAddressSpace(b!);
    };
    const otherSpace = (m: Machine): AddressSpace => {
      const b = new AddressSpace();
      for (const [pn, mp] of m.space.pages) {
        if (pn * PAGE_SIZE !== CODE) {
          b.mapFrame(pn * PAGE_SIZE, mp.frame, mp.prot);
          continue;
        }
        const f = new Frame();
        f.data.set(mp.frame.data);
        const at = f.data.findIndex((_, i) => f.data[i] === 0x49 && f.data[i + 1] === 0x01 && f.data[i + 2] === 0xc4); // add %rax, %r12
        expect(at).toBeGreaterThan(0);
        f.data[at + 1] = 0x29; // sub %rax, %r12
        b.mapFrame(pn * PAGE_SIZE, f, mp.prot);
      }
      return b;
    };
    agreeOnWasm(SYSCALL_LOOP, 97, CODE + 0x1000, kernelPages, other);
  });

  it('an interrupt pending when sysretq sets IF arrives right after it', () => {
    // Without sti/cli the whole kernel path runs with IF clear (FMASK): an interrupt raised at a
    // slice boundary inside it waits for sysretq, then arrives before the next user instruction.
    const src = SYSCALL_LOOP.replace('  sti\n', '').replace('  cli\n', '');
    const interp = agreeOnWasm(src, 1000, CODE + 0x1000, kernelPages, (m, k) => {
      if (k === 0) m.gate(0x20, 'timer');
      m.cpu.raiseIrq(0x20);
    });
    expect(interp.regs.r15).toBeGreaterThan(5n); // r9: the sum of the interrupted rips
  });

  it('sysretq setting TF: the next user instruction traps (#DB), as interpreted', () => {
    // The 150th return sets TF in the user's rflags; the #DB handler counts and clears it.
    const src = SYSCALL_LOOP.replace('  mov %r14, %rsp\n  sysretq', '  mov %r14, %rsp\n  cmp $150, %rbx\n  jne 2f\n  or $0x100, %r11\n2:\n  sysretq').replace(
      'bp:\n  hlt',
      'bp:\n  hlt\ndb:\n  add $1, %r15\n  add (%rsp), %r9\n  andq $-0x101, 16(%rsp)\n  iretq',
    );
    const interp = agreeOnWasm(src, 1000, CODE + 0x1000, kernelPagesAnd(1, 'db'));
    expect(interp.regs.r15).toBe(1n);
  });

  it('user code reading the kernel page the entry code just read faults (#PF), as interpreted', () => {
    // The privileges' page caches are apart: what the kernel found readable at CPL 0 (table, on
    // the entry page) is not readable by the 200th iteration's user code.
    // A load after each syscall reads user data, until r9 points at `table`, which the kernel
    // read at CPL 0 in the same region call (the cold lea happens before that call's syscall).
    const src = SYSCALL_LOOP.replace('user:\n  xor %ebx, %ebx', 'user:\n  mov $0x600100, %r9\n  xor %ebx, %ebx')
      .replace('  pop %rbx\n  add %rax, %r12', '  pop %rbx\n  mov (%r9), %r8\n  add %rax, %r12')
      .replace('  add $1, %ebx\n  cmp $300, %ebx', '  add $1, %ebx\n  cmp $200, %ebx\n  jne 3f\n  lea table(%rip), %r9\n3:\n  cmp $300, %ebx')
      .replace('bp:\n  hlt', 'bp:\n  hlt\npf:\n  mov (%rsp), %r10\n  mov 8(%rsp), %r11\n  hlt');
    const interp = agreeOnWasm(src, 1000, CODE + 0x1000, kernelPagesAnd(14, 'pf'));
    expect(interp.regs.r10).toBe(5n); // present, user
    expect(interp.regs.rbx).toBe(200n);
  });

  it('sysretq to a non-canonical rcx raises #GP at the sysretq, as interpreted', () => {
    // The 200th call returns to a non-canonical address: #GP (vector 13) at CPL 0.
    const src = SYSCALL_LOOP.replace('  mov %r14, %rsp\n  sysretq', '  mov %r14, %rsp\n  cmp $200, %rbx\n  jne 2f\n  movabs $0x8000000000000000, %rcx\n2:\n  sysretq').replace(
      'bp:\n  hlt',
      'bp:\n  hlt\ngp:\n  mov (%rsp), %r8\n  mov 8(%rsp), %r9\n  hlt',
    );
    const interp = agreeOnWasm(src, 1000, CODE + 0x1000, kernelPagesAnd(13, 'gp'));
    expect(interp.regs.rbx).toBe(200n);
  });
});

describe('WebAssembly regions: memory', () => {
  it('a load from an unmapped page leaves the region; the fault has the exact rip and count', () => {
    // The 50th iteration reads DATA - 8 (unmapped): #PF, whose handler records rip and the error code.
    const src = `
_start:
  xor %ebx, %ebx
  mov $0x600100, %rsi
1:
  mov (%rsi), %rax
  add %rax, %rbx
  add $1, %rax
  mov %rax, (%rsi)
  cmp $49, %rbx
  jne 2f
  mov $0x5ffff8, %rsi
2:
  add $1, %ecx
  cmp $100, %ecx
  jne 1b
  hlt
pf:
  mov 8(%rsp), %r8
  mov (%rsp), %r9
  hlt
`;
    const interp = agreeOnWasm(src, 10_000, CODE, (m) => m.gate(14, 'pf'));
    expect(interp.regs.r9).toBe(0n); // error code: a read of a page not present
  });

  it('a store into the running code page leaves; the modified instruction runs afresh', () => {
    // Each pass patches the immediate of the add below (add $k → add $k+1): the region must not
    // run its old decoding of it.
    const src = `
_start:
  xor %ebx, %ebx
  xor %ecx, %ecx
1:
  add $1, %ecx
  mov %ecx, patch+3(%rip)
patch:
  add $0x7fffffff, %rbx
  cmp $40, %ecx
  jne 1b
  hlt
`;
    const interp = slices(on('interpreter', src, 0), 10_000);
    expect(interp.regs.rbx).toBe(BigInt((40 * 41) / 2));
    for (const t of [1, 40]) {
      expect(slices(on('wasm', src, t), 10_000)).toEqual(interp);
      expect(slices(on('js', src, t), 10_000)).toEqual(interp);
    }
  });

  it('the pages of frames that are garbage come back, zeroed', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const take = (n: number): Frame[] =>
      Array.from({ length: n }, () => {
        const f = new Frame();
        f.data.fill(0x5a);
        return f;
      });
    let frames: Frame[] | null = take(2000);
    const bases = new Set(frames.map((f) => f.base));
    expect(bases.size).toBe(2000);
    frames = null;
    // Finalizers run in a later task, after a collection.
    for (let i = 0; i < 10; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 1));
    }
    const end = allocPages(0);
    const again = Array.from({ length: 2000 }, () => new Frame());
    expect(allocPages(0)).toBe(end); // all from the freed pages
    expect(again.filter((f) => bases.has(f.base)).length).toBeGreaterThan(0);
    for (const f of again) expect(f.data.every((b) => b === 0)).toBe(true);
  });

  it('a frame outside the WebAssembly memory (it was used up) is read and written through JS', () => {
    // The loop's data page is a frame with a plain ArrayBuffer (base -1): every access there
    // leaves the region, and the run loop does it.
    const src = `
_start:
  mov $0x600100, %rsi
  xor %ebx, %ebx
1:
  mov (%rsi), %rax
  add %rbx, %rax
  mov %rax, (%rsi)
  add $1, %ebx
  cmp $300, %ebx
  jne 1b
  mov (%rsi), %r12
  hlt
`;
    const outside = (m: Machine): void => {
      const f = Object.create(Frame.prototype) as Frame;
      const data = new Uint8Array(PAGE_SIZE);
      Object.assign(f, { base: -1, data, dv: new DataView(data.buffer), code: null });
      m.space.mapFrame(DATA, f, PROT_READ | PROT_WRITE);
    };
    const interp = agreeOnWasm(src, 1000, CODE, outside);
    expect(interp.regs.r12).toBe((299n * 300n) / 2n);
  });

  it('pages that collide in every cache, an access across a page boundary, a write to a read-only page', () => {
    // Sixteen pages 0x100000 apart (one slot in the pair caches, one entry of the data cache),
    // read and written in turn; every 16th pass an 8-byte load straddles a page boundary (the
    // region leaves, the run loop does it); at the end a store to a read-only page raises #PF
    // (error code 3: present, write) at the exact instruction.
    const setUp = (m: Machine): void => {
      for (let k = 0; k < 16; k++) m.space.map(0x1000000 + k * 0x100000, 0x1000, PROT_READ | PROT_WRITE);
      m.space.map(0x1001000, 0x1000, PROT_READ | PROT_WRITE);
      m.space.map(0x2000000, 0x1000, PROT_READ);
      m.gate(14, 'pf');
    };
    const prog = `
_start:
  xor %ebx, %ebx
  xor %r12d, %r12d
1:
  mov %rbx, %rcx
  and $15, %ecx
  lea pages(%rip), %rdx
  mov (%rdx,%rcx,8), %rsi
  mov (%rsi), %r8
  add %r8, %r12
  add %rbx, %r12
  mov %r12, 8(%rsi)
  cmp $0, %ecx
  jne 2f
  mov 0x1000ffc, %r9
  add %r9, %r12
2:
  add $1, %ebx
  cmp $400, %ebx
  jne 1b
  movq $1, 0x2000000
  hlt
pf:
  mov (%rsp), %r10
  mov 8(%rsp), %r11
  hlt
pages:
${Array.from({ length: 16 }, (_, k) => `  .quad ${0x1000000 + k * 0x100000}`).join('\n')}
`;
    const interp = agreeOnWasm(prog, 10_000, CODE, setUp);
    expect(interp.regs.r10).toBe(3n); // present | write, at CPL 0
    expect(interp.regs.r12).not.toBe(0n);
  });

  it('a host that will not reserve 512 MiB gets a smaller memory, or one page', () => {
    const asked: number[] = [];
    const make = (limit: number) => (pages: number) => {
      asked.push(pages);
      if (pages > limit) throw new RangeError('WebAssembly.Memory(): could not allocate memory');
      return new WebAssembly.Memory({ initial: pages, maximum: pages });
    };
    expect(reserve([512, 64], make(1024)).buffer.byteLength).toBe(64 * 1024 * 1024);
    expect(asked).toEqual([8192, 1024]);
    expect(reserve([512, 64], make(16)).buffer.byteLength).toBe(65536);
  });

  it('frames and registers live in the WebAssembly memory', () => {
    const m = machine('_start:\n  hlt\n');
    const f = m.space.lookup(DATA)!.frame;
    expect(f.base).toBeGreaterThan(0);
    expect(f.data.buffer).toBe(WMEM.buffer);
    f.data[5] = 0xab;
    expect(new Uint8Array(WMEM.buffer)[f.base + 5]).toBe(0xab);
    expect(f.base % PAGE_SIZE).toBe(0);
    m.cpu.setReg64(3, 0x1122334455667788n);
    const words = new Int32Array(WMEM.buffer, m.cpu.state.base, 64);
    expect(words[3]).toBe(0x55667788);
    expect(words[16 + 3]).toBe(0x11223344);
  });
});

// Conditions after every flag producer: the producer, then jcc either right after it (the region
// knows the producer) or behind a jump to a label (it does not: the six flags are computed from
// the lazy-flag record). Producers the backend does not compile run interpreted (rdtsc ends a
// region without touching the flags); their records reach the region's jcc all the same.
const VALUES = [0n, 1n, -1n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x7fffffffffffffffn, -0x8000000000000000n, 0x123456789abcdef0n, 0x80n];
const PAIRS = VALUES.flatMap((a, i) => [VALUES[(i + 3) % VALUES.length]!, 1n, -1n].map((b) => [a, b] as const));
const PRODUCERS = ['add', 'sub', 'cmp', 'and', 'or', 'xor', 'test', 'adc', 'sbb', 'inc', 'dec', 'neg', 'shl', 'sar', 'imul'];
const JCC = ['jo', 'jno', 'jb', 'jae', 'je', 'jne', 'jbe', 'ja', 'js', 'jns', 'jp', 'jnp', 'jl', 'jge', 'jle', 'jg'];

/** For each (a, b) in PAIRS, each producer, each way: a word with bit cc set if jcc was taken. */
function conditionProgram(size: 4 | 8): string {
  const r = (n: string): string => (size === 8 ? `%r${n}` : `%e${n}`);
  const lines = ['_start:', '  mov $0x600000, %rdi', '  lea pairs(%rip), %rsi', `  mov $${PAIRS.length}, %r14d`, 'next:'];
  for (const p of PRODUCERS) {
    const op = ['inc', 'dec', 'neg'].includes(p) ? `${p} ${r('bx')}` : p === 'shl' || p === 'sar' ? `${p} $3, ${r('bx')}` : p === 'imul' ? `imul ${r('cx')}, ${r('bx')}` : `${p} ${r('cx')}, ${r('bx')}`;
    for (const via of ['known', 'record']) {
      lines.push('  xor %r15d, %r15d');
      JCC.forEach((jcc, cc) => {
        lines.push('  mov (%rsi), %rbx', '  mov 8(%rsi), %rcx', '  rdtsc', `  ${op}`);
        if (via === 'known') lines.push(`  ${jcc} 2f`);
        else lines.push('  rdtsc', '  jmp 1f', '1:', `  ${jcc} 2f`);
        lines.push(`  or $${1 << cc}, %r15d`, '2:', '  rdtsc');
      });
      lines.push('  mov %r15, (%rdi)', '  add $8, %rdi', '  rdtsc');
    }
  }
  lines.push('  add $16, %rsi', '  sub $1, %r14d', '  jne next', '  hlt', 'pairs:');
  for (const [a, b] of PAIRS) lines.push(`  .quad ${BigInt.asUintN(64, a)}, ${BigInt.asUintN(64, b)}`);
  return lines.join('\n');
}

describe('WebAssembly regions: every instruction form the backend compiles', () => {
  it('memory operands, extensions, stack forms and indirect transfers agree with the interpreter', () => {
    // For 64 values in `vals`, a mix of every form, results stored to `out` (64 words per value).
    const src = `
_start:
  lea f(%rip), %r11
  mov %r11, table+8(%rip)
  lea vals(%rip), %rsi
  mov $0x600000, %rdi
  xor %ecx, %ecx
next:
  mov (%rsi,%rcx,8), %rax
  mov %rax, 0x800(%rdi)
  mov %rax, %rbx
  addq %rbx, 0x800(%rdi)
  subl $0x1234567, 0x800(%rdi)
  andq $-16, 0x800(%rdi)
  orl %ebx, 0x804(%rdi)
  xorq $0x5a5a, 0x800(%rdi)
  mov 0x800(%rdi), %rdx
  mov %rdx, (%rdi)
  add 0x800(%rdi), %ebx
  mov %rbx, 8(%rdi)
  sub 0x800(%rdi), %rbx
  mov %rbx, 16(%rdi)
  cmpq %rax, 0x800(%rdi)
  jae 1f
  orq $1, 24(%rdi)
1:
  testl $0x80000000, 0x800(%rdi)
  je 1f
  orq $2, 24(%rdi)
1:
  testq %rax, 0x800(%rdi)
  jne 1f
  orq $4, 24(%rdi)
1:
  movsbq 0x801(%rdi), %r8
  movzbl 0x802(%rdi), %r9d
  movswq 0x803(%rdi), %r10
  movzwl 0x805(%rdi), %r11d
  movslq 0x804(%rdi), %r12
  mov %r8, 32(%rdi)
  mov %r9, 40(%rdi)
  mov %r10, 48(%rdi)
  mov %r11, 56(%rdi)
  mov %r12, 64(%rdi)
  movslq %eax, %r13
  mov %r13, 72(%rdi)
  mov %eax, %r14d
  mov %r14, 80(%rdi)
  movl $0x87654321, 88(%rdi)
  movq $-2, 96(%rdi)
  mov $-3, %r15d
  mov %r15, 104(%rdi)
  lea 0x10(%rax,%rcx,4), %r8
  mov %r8, 112(%rdi)
  lea -8(%rax,%rax,8), %r8d
  mov %r8, 120(%rdi)
  cltq
  mov %rax, 128(%rdi)
  cqto
  mov %rdx, 136(%rdi)
  pushq $-77
  pushq 0x800(%rdi)
  push %rcx
  pop %r8
  pop %r9
  pop %r10
  mov %r8, 144(%rdi)
  mov %r9, 152(%rdi)
  mov %r10, 160(%rdi)
  lea f(%rip), %r11
  call *%r11
  mov %rax, 168(%rdi)
  lea table(%rip), %r11
  call *8(%r11)
  mov %rax, 176(%rdi)
  call g
  mov %rax, 184(%rdi)
  lea 1f(%rip), %r11
  jmp *%r11
  hlt
1:
  add $0x100, %rdi
  add $1, %ecx
  cmp $64, %ecx
  jne next
  hlt
f:
  push %rbp
  mov %rsp, %rbp
  sub $32, %rsp
  mov %rcx, -8(%rbp)
  mov -8(%rbp), %rax
  lea 1(%rax,%rax,2), %rax
  leave
  ret
g:
  mov %rcx, %rax
  xor $-1, %rax
  ret $0
table:
  .quad 0
  .quad 0
vals:
${Array.from({ length: 64 }, (_, i) => `  .quad ${BigInt.asUintN(64, BigInt(Math.round(Math.sin(i + 1) * 2 ** 31)) * 0x10001n + BigInt(i) * 0x8000000000000000n / 64n)}`).join('\n')}
`;
    const run = (engine: Engine): bigint[] => {
      const m = on(engine, src, 1);
      expect(m.cpu.run(10_000_000)).toBe('halt');
      if (engine === 'wasm') expect(wasmEntries(m, [CODE])).toBeGreaterThan(5);
      return Array.from({ length: 64 * 32 }, (_, i) => m.u64(DATA + 8 * i)).concat(Object.values(m.cpu.snapshot()));
    };
    const interp = run('interpreter');
    expect(run('wasm')).toEqual(interp);
  });
});

describe('WebAssembly regions: conditions', () => {
  for (const size of [4, 8] as const) {
    it(`every condition after every producer, ${size * 8}-bit (known producer and from the flag record)`, () => {
      const src = conditionProgram(size);
      const results = (engine: Engine): bigint[] => {
        const m = on(engine, src, 1);
        expect(m.cpu.run(50_000_000)).toBe('halt');
        const n = PRODUCERS.length * PAIRS.length * 2;
        const out: bigint[] = [];
        for (let i = 0; i < n; i++) out.push(m.u64(DATA + 8 * i));
        if (engine === 'wasm') expect(wasmEntries(m, Array.from({ length: 64 }, (_, i) => CODE + i * PAGE_SIZE).filter((a) => m.space.lookup(a)))).toBeGreaterThan(100);
        return out;
      };
      const interp = results('interpreter');
      // Not all conditions agree by accident: the record holds a mix of outcomes.
      expect(new Set(interp.map(String)).size).toBeGreaterThan(20);
      expect(results('wasm')).toEqual(interp);
    });
  }
});
