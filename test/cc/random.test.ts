// Random integer expressions (every type, operator, conversion and constant suffix) compiled by
// kwb and by gcc must print the same values. The generator avoids undefined behaviour that -O0
// gcc would not reproduce: no unsequenced side effects, no division by zero, shifts in range.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { compile } from '../../src/toolchain/cc/compile.js';
import { checkGcc, pool, run, workDir } from './oracle.js';

const TYPES = ['signed char', 'unsigned char', 'short', 'unsigned short', 'int', 'unsigned', 'long', 'unsigned long', '_Bool'];
const CONSTS = ['0', '1', '2', '3', '7', '-1', '-5', '100', '255', '256', '65535', '0x7fffffff', '-2147483647', '4294967295', '0x80000000'];
const SUFFIXES = ['', 'u', 'L', 'UL', ''];
const INITS = ['0', '1', '-1', '7', '-100', '300', '70000', '-3000000000', '123456789012', '255', '-128'];

function generate(seed: number): string {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)]!;
  const vars = TYPES.map((t, i) => `v${i}`);
  const leaf = (): string => {
    const r = rnd();
    if (r < 0.55) return pick(vars);
    if (r < 0.8) return pick(CONSTS) + pick(SUFFIXES);
    return `(${pick(TYPES)})${pick(vars)}`;
  };
  const expr = (d: number): string => {
    if (d <= 0) return leaf();
    const r = rnd();
    const a = expr(d - 1);
    const b = expr(d - 1);
    if (r < 0.45) return `(${a} ${pick(['+', '-', '*', '&', '|', '^', '==', '!=', '<', '<=', '>', '>=', '&&', '||'])} ${b})`;
    if (r < 0.55) return rnd() < 0.5 ? `(${a} / ((${b}) | 1))` : `(${a} % ((${b}) | 1))`;
    if (r < 0.62) return `((unsigned long)(${a}) / ((unsigned)(${b}) % 13 + 1))`;
    if (r < 0.7) return rnd() < 0.5 ? `(${a} << ((${b}) & 15))` : `(${a} >> ((${b}) & 31))`;
    if (r < 0.78) return `(${pick(['-', '~', '!'])} ${a})`;
    if (r < 0.86) return `(${a} ? ${b} : ${expr(d - 1)})`;
    return `((${pick(TYPES)})(${a}))`;
  };
  const out = ['#include <stdio.h>', 'int main(void) {'];
  TYPES.forEach((t, i) => out.push(`\t${t} v${i} = (${t})${pick(INITS)}L;`));
  for (let i = 0; i < 25; i++) {
    out.push(`\tprintf("%d: %lld\\n", ${i}, (long long)(${expr(1 + Math.floor(rnd() * 4))}));`);
    if (rnd() < 0.3) out.push(`\t${pick(vars)}${pick(['++', '--'])};`);
    if (rnd() < 0.4) {
      const op = pick(['+=', '-=', '*=', '&=', '|=', '^=', '=', '<<=', '>>=']);
      out.push(`\t${pick(vars)} ${op} ${op === '<<=' || op === '>>=' ? `7 & (${expr(2)})` : expr(2)};`);
    }
  }
  out.push('\treturn 0;', '}');
  return out.join('\n') + '\n';
}

it('agrees with gcc on random integer expressions', async () => {
  checkGcc();
  const dir = workDir();
  const seeds = Array.from({ length: 12 }, (_, i) => 1000 + i);
  const problems = await pool(seeds, 4, async (seed) => {
    const file = join(dir, `r${seed}.c`);
    writeFileSync(file, generate(seed));
    const pre = await run('gcc', ['-E', file]);
    const asm = compile({ file, includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [], preprocessed: pre.stdout }).asm;
    writeFileSync(join(dir, `r${seed}.s`), asm);
    const [kl, gl] = await Promise.all([
      run('gcc', ['-no-pie', '-o', join(dir, `r${seed}.k`), join(dir, `r${seed}.s`)]),
      run('gcc', ['-w', '-O0', '-no-pie', '-o', join(dir, `r${seed}.g`), file]),
    ]);
    if (kl.status !== 0 || gl.status !== 0) return `seed ${seed}: build failed ${kl.stderr}${gl.stderr}`;
    const [k, g] = await Promise.all([run(join(dir, `r${seed}.k`), []), run(join(dir, `r${seed}.g`), [])]);
    if (g.stdout.split('\n').length !== 26) return `seed ${seed}: gcc's program printed ${JSON.stringify(g.stdout.slice(0, 80))}`;
    return k.stdout === g.stdout ? null : `seed ${seed} (${file}) differs`;
  });
  expect(problems.filter((p) => p !== null)).toEqual([]);
}, 180_000);
