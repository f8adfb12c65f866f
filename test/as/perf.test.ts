// Assembling is fast: more than 200,000 lines per second of CPU time on gcc-style output.
import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/toolchain/as/assemble.js';

/** A gcc -O0 style function, repeated with fresh labels, to `lines` lines. */
function bigSource(lines: number): { src: string; n: number } {
  const out: string[] = ['\t.text'];
  for (let k = 0; out.length < lines; k++) {
    out.push(
      `\t.globl\tf${k}`, `\t.type\tf${k}, @function`, `f${k}:`, '\tpushq\t%rbp', '\tmovq\t%rsp, %rbp', '\tsubq\t$32, %rsp',
      '\tmovl\t%edi, -20(%rbp)', '\tmovq\t%rsi, -32(%rbp)', '\tmovl\t$0, -4(%rbp)', `\tjmp\t.L${k}_2`, `.L${k}_3:`,
      '\tmovl\t-4(%rbp), %eax', '\tcltq', '\tleaq\t0(,%rax,8), %rdx', '\tmovq\t-32(%rbp), %rax', '\taddq\t%rdx, %rax',
      '\tmovq\t(%rax), %rax', '\tmovq\t%rax, %rsi', `\tleaq\t.LC${k}(%rip), %rax`, '\tmovq\t%rax, %rdi', '\tmovl\t$0, %eax',
      '\tcall\tprintf@PLT', '\taddl\t$1, -4(%rbp)', `.L${k}_2:`, '\tmovl\t-4(%rbp), %eax', '\tcmpl\t-20(%rbp), %eax',
      `\tjl\t.L${k}_3`, '\tmovl\t$0, %eax', '\tleave', '\tret', `\t.size\tf${k}, .-f${k}`,
      '\t.section\t.rodata', `.LC${k}:`, '\t.string\t"%s\\n"', '\t.text',
    );
  }
  return { src: out.join('\n') + '\n', n: out.length };
}

describe('assembler speed', () => {
  it('assembles more than 200k lines per second', () => {
    const { src, n } = bigSource(60_000);
    assemble(src, { file: 'big.s' }); // warm up the JIT
    let best = 0;
    for (let r = 0; r < 3; r++) {
      const before = process.cpuUsage();
      assemble(src, { file: 'big.s' });
      const used = process.cpuUsage(before);
      const seconds = (used.user + used.system) / 1e6;
      best = Math.max(best, n / seconds);
    }
    console.log(`assembler: ${Math.round(best)} lines/s (CPU time)`);
    expect(best).toBeGreaterThan(200_000);
  });
});
