// Differential testing against the host CPU. Each case is one instruction (or a short snippet)
// with its starting registers, flags and 16 bytes of memory. All cases go into one assembly file
// (GNU as) and one tiny freestanding C driver (gcc), linked static and non-PIE; the same binary
// then runs natively and under the emulator, and the dumped registers/flags/memory are compared.
// Running the very same bytes under both is the point: the emulator sees exactly what GNU as emitted.
import { mkdtempSync, openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { host } from '../helpers/kwb.js';
import { runUserProgram } from '../../src/kernel/user/process.js';

export const GCC_FLAGS = [
  '-O0',
  '-static',
  '-nostdlib',
  '-ffreestanding',
  '-fno-stack-protector',
  '-fcf-protection=none',
  '-mgeneral-regs-only',
  '-fno-pie',
  '-no-pie',
];

export interface Case {
  /** Assembly text executed between loading and dumping the state (may be several lines). */
  asm: string;
  /** rax..r15 initial values (rsp is ignored: it is set to a fixed static stack). */
  regs: bigint[];
  /** Initial arithmetic flags (masked to CF|PF|AF|ZF|SF|OF). */
  flags: number;
  /** Initial 16 bytes at the `mem` label (two quadwords). */
  mem: [bigint, bigint];
  /** Flags the SDM leaves undefined for this case; excluded from the comparison. */
  undefinedFlags: number;
}

const REGS = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
const SLOT = 19; // 16 registers, flags, 2 memory words

function generateAsm(cases: Case[]): string {
  const out: string[] = ['\t.text'];
  cases.forEach((c, i) => {
    out.push(`case_${i}:`);
    for (const r of ['rbx', 'rbp', 'r12', 'r13', 'r14', 'r15']) out.push(`\tpush %${r}`);
    out.push('\tmov %rsp, saved_rsp(%rip)', '\tmov %rsi, saved_out(%rip)');
    out.push('\tmov 136(%rdi), %rax', '\tmov %rax, mem(%rip)', '\tmov 144(%rdi), %rax', '\tmov %rax, mem+8(%rip)');
    out.push('\tlea stack_top(%rip), %rsp', '\tpushq 128(%rdi)', '\tpopfq');
    REGS.forEach((r, k) => {
      if (r !== 'rsp' && r !== 'rdi') out.push(`\tmov ${k * 8}(%rdi), %${r}`);
    });
    out.push('\tmov 56(%rdi), %rdi');
    out.push(...c.asm.split('\n').map((l) => '\t' + l.trim()));
    out.push('\tpushfq', '\tmov %rax, scratch(%rip)', '\tmov saved_out(%rip), %rax', '\tpopq 128(%rax)');
    REGS.forEach((r, k) => {
      if (r !== 'rax') out.push(`\tmov %${r}, ${k * 8}(%rax)`);
    });
    out.push('\tmov scratch(%rip), %rcx', '\tmov %rcx, 0(%rax)');
    out.push('\tmov mem(%rip), %rcx', '\tmov %rcx, 136(%rax)', '\tmov mem+8(%rip), %rcx', '\tmov %rcx, 144(%rax)');
    out.push('\tmov saved_rsp(%rip), %rsp');
    for (const r of ['r15', 'r14', 'r13', 'r12', 'rbp', 'rbx']) out.push(`\tpop %${r}`);
    out.push('\tret');
  });
  out.push('\t.section .rodata', '\t.globl case_table, case_in, case_count', '\t.align 8', 'case_count:', `\t.quad ${cases.length}`);
  out.push('case_table:');
  cases.forEach((_, i) => out.push(`\t.quad case_${i}`));
  out.push('case_in:');
  for (const c of cases) {
    const words = [...c.regs.map((v) => BigInt.asUintN(64, v)), BigInt((c.flags & 0x8d5) | 2), BigInt.asUintN(64, c.mem[0]), BigInt.asUintN(64, c.mem[1])];
    out.push(`\t.quad ${words.map((w) => '0x' + w.toString(16)).join(', ')}`);
  }
  out.push('\t.data', '\t.align 16', 'mem:', '\t.quad 0, 0', 'saved_rsp:', '\t.quad 0', 'saved_out:', '\t.quad 0', 'scratch:', '\t.quad 0');
  out.push('\t.bss', '\t.align 16', 'stack_area:', '\t.skip 8192', 'stack_top:', '\t.skip 64');
  return out.join('\n') + '\n';
}

const DRIVER = `
typedef unsigned long u64;
extern void (*const case_table[])(const u64 *in, u64 *out);
extern const u64 case_in[][${SLOT}];
extern const long case_count;
static char buf[1 << 16];
static long len;
static void flush(void) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(1L), "D"(1L), "S"(buf), "d"(len) : "rcx", "r11", "memory");
  len = 0;
}
static void hex(u64 v) {
  for (int i = 60; i >= 0; i -= 4) buf[len++] = "0123456789abcdef"[(v >> i) & 15];
}
int main(void) {
  u64 out[${SLOT}];
  for (long i = 0; i < case_count; i++) {
    case_table[i](case_in[i], out);
    for (int k = 0; k < ${SLOT}; k++) { hex(out[k]); buf[len++] = k == ${SLOT - 1} ? '\\n' : ' '; }
    if (len > (1 << 16) - 400) flush();
  }
  flush();
  return 0;
}
__asm__(".globl _start\\n_start:\\n xor %ebp,%ebp\\n and $-16,%rsp\\n call main\\n mov %eax,%edi\\n mov $60,%eax\\n syscall\\n");
`;

const BUILT = new WeakMap<Case[], { dir: string; exe: string; native: { stdout: string } }>();

export interface Mismatch {
  index: number;
  asm: string;
  detail: string;
}

/**
 * Builds the harness, runs it natively and under the emulator, returns every differing case.
 * `blockThreshold` 0 runs the pure interpreter; 1 compiles every block before its first run.
 */
export function runDifferential(cases: Case[], blockThreshold = 0): { mismatches: Mismatch[]; nativeLines: number } {
  let built = BUILT.get(cases);
  if (!built) {
    const dir = mkdtempSync(join(tmpdir(), 'kwb-cpu-diff-'));
    writeFileSync(join(dir, 'cases.s'), generateAsm(cases));
    writeFileSync(join(dir, 'driver.c'), DRIVER);
    const exe = join(dir, 'harness');
    const cc = host('gcc', [...GCC_FLAGS, '-o', exe, join(dir, 'driver.c'), join(dir, 'cases.s')]);
    if (cc.status !== 0) throw new Error(`gcc failed building the harness:\n${cc.stderr}`);
    const native = host(exe, [], { maxBuffer: 1 << 28 });
    if (native.status !== 0) throw new Error(`native harness failed with status ${native.status}: ${native.stderr}`);
    built = { dir, exe, native };
    BUILT.set(cases, built);
  }
  const { dir, exe, native } = built;
  const outPath = join(dir, 'emu.out');
  const fd = openSync(outPath, 'w');
  let result;
  try {
    result = runUserProgram({
      program: new Uint8Array(readFileSync(exe)),
      argv: [exe],
      envp: [],
      execfn: exe,
      maxInsns: 1e9,
      timeoutMs: 60_000,
      stdout: fd,
      configure: (cpu) => {
        cpu.blockThreshold = blockThreshold;
      },
    });
  } finally {
    closeSync(fd);
  }
  const emu = readFileSync(outPath, 'utf8');
  const nl = native.stdout.trimEnd().split('\n');
  const el = emu.trimEnd().split('\n');
  const mismatches: Mismatch[] = [];
  if (result.exit.kind !== 'exit' || result.exit.status !== 0) {
    mismatches.push({ index: el.length, asm: cases[el.length]?.asm ?? '?', detail: `emulated harness ended: ${JSON.stringify(result.exit)} ${result.kernelLog.join('; ')}` });
  }
  for (let i = 0; i < cases.length; i++) {
    const n = nl[i]?.split(' ').map((h) => BigInt('0x' + h));
    const e = el[i]?.split(' ').map((h) => BigInt('0x' + h));
    if (!n || !e) {
      if (!e && mismatches.length < 50) mismatches.push({ index: i, asm: cases[i]!.asm, detail: 'no emulator output' });
      continue;
    }
    const diffs: string[] = [];
    for (let k = 0; k < SLOT; k++) {
      let a = n[k]!;
      let b = e[k]!;
      if (k === 16) {
        const mask = BigInt(0x8d5 & ~cases[i]!.undefinedFlags);
        a &= mask;
        b &= mask;
      }
      if (a !== b) diffs.push(`${k < 16 ? REGS[k] : k === 16 ? 'flags' : `mem${k - 17}`}: native 0x${a.toString(16)} emulated 0x${b.toString(16)}`);
    }
    if (diffs.length) {
      const c = cases[i]!;
      const inputs = c.regs.map((v, k) => (v !== 0n ? `${REGS[k]}=0x${BigInt.asUintN(64, v).toString(16)}` : '')).filter(Boolean).join(' ');
      mismatches.push({ index: i, asm: c.asm, detail: `${diffs.join('; ')} [in: ${inputs} flags=0x${c.flags.toString(16)}]` });
    }
  }
  return { mismatches, nativeLines: nl.length };
}
