// Compile speed on a generated 5,000-line program (goal: 50,000 lines/s). The machine running the
// tests is shared, so the assertion is a floor that catches pathological slowdowns; the measured
// rate is printed. The program's output is also checked against gcc, so speed is not bought
// with wrong code.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { compile } from '../../src/toolchain/cc/compile.js';
import { generateProgram } from './generate.js';
import { checkGcc, run, workDir } from './oracle.js';

it('compiles a 5,000-line program quickly and correctly', async () => {
  checkGcc();
  const dir = workDir();
  const src = generateProgram(5000);
  const file = join(dir, 'big.c');
  writeFileSync(file, src);
  const pre = await run('gcc', ['-E', file]);
  const lines = src.split('\n').length;
  let best = Infinity;
  let asm = '';
  for (let i = 0; i < 6; i++) {
    const c0 = process.cpuUsage();
    asm = compile({ file, includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [], preprocessed: pre.stdout }).asm;
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1000);
  }
  const rate = Math.round((lines / best) * 1000);
  console.log(`cc: ${lines} lines in ${best.toFixed(0)} ms of CPU = ${rate} lines/s`);
  expect(rate).toBeGreaterThan(15_000);
  writeFileSync(join(dir, 'big.s'), asm);
  expect((await run('gcc', ['-no-pie', '-o', join(dir, 'big.kwb'), join(dir, 'big.s')])).status).toBe(0);
  expect((await run('gcc', ['-w', '-no-pie', '-o', join(dir, 'big.gcc'), file])).status).toBe(0);
  const [k, g] = await Promise.all([run(join(dir, 'big.kwb'), []), run(join(dir, 'big.gcc'), [])]);
  expect(k.stdout).toBe(g.stdout);
}, 120_000);
