// The generated 5,000-line program that bench/cc.ts times (goal: 50,000 lines/s) compiles to code
// that behaves as gcc's does. Speed itself is measured by the benchmark, not asserted here.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { compile } from '../../src/toolchain/cc/compile.js';
import { generateProgram } from './generate.js';
import { checkGcc, run, workDir } from './oracle.js';

it('compiles the generated 5,000-line program correctly', async () => {
  checkGcc();
  const dir = workDir();
  const src = generateProgram(5000);
  const file = join(dir, 'big.c');
  writeFileSync(file, src);
  const pre = await run('gcc', ['-E', file]);
  expect(src.split('\n').length).toBeGreaterThanOrEqual(5000);
  const asm = compile({ file, includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [], preprocessed: pre.stdout }).asm;
  writeFileSync(join(dir, 'big.s'), asm);
  expect((await run('gcc', ['-no-pie', '-o', join(dir, 'big.kwb'), join(dir, 'big.s')])).status).toBe(0);
  expect((await run('gcc', ['-w', '-no-pie', '-o', join(dir, 'big.gcc'), file])).status).toBe(0);
  const [k, g] = await Promise.all([run(join(dir, 'big.kwb'), []), run(join(dir, 'big.gcc'), [])]);
  expect(k.stdout).toBe(g.stdout);
}, 120_000);
