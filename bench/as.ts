// Assembler speed: lines per second of CPU time on gcc -O0 style assembly (goal > 200,000),
// next to GNU as on the same file in the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../src/toolchain/as/assemble.js';

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

function cpuSeconds(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

export default async function (): Promise<void> {
  const { src, n } = bigSource(60_000);
  assemble(src, { file: 'big.s' }); // warm up the JIT
  let ours = Infinity;
  for (let r = 0; r < 3; r++) ours = Math.min(ours, cpuSeconds(() => assemble(src, { file: 'big.s' })));

  // GNU as on the same file: the child's CPU time (user + sys) of the best of three runs.
  const dir = mkdtempSync(join(tmpdir(), 'kwb-bench-as-'));
  writeFileSync(join(dir, 'big.s'), src);
  let gnu = Infinity;
  for (let r = 0; r < 3; r++) {
    const t = spawnSync('bash', ['-c', `TIMEFORMAT='%U %S'; { time as -o ${dir}/big.o ${dir}/big.s ; } 2>&1`], { encoding: 'utf8' });
    if (t.status !== 0) throw new Error('GNU as is needed as the anchor: ' + t.stdout);
    const [u, s] = t.stdout.trim().split(/\s+/).map(Number);
    gnu = Math.min(gnu, u! + s!);
  }
  console.log(`   kwb as       ${Math.round(n / ours).toLocaleString('en')} lines/s (CPU time, ${n} lines; goal > 200,000)`);
  console.log(`   GNU as       ${Math.round(n / gnu).toLocaleString('en')} lines/s (anchor, same file)`);
  console.log(`   ratio        kwb takes ${(ours / gnu).toFixed(1)}x GNU as's time`);
}
