// ABI interoperability: kwb-compiled code calls gcc -O2 code and is called back by it — structs
// of every size class by value and as return values, stack arguments, varargs both ways, narrow
// return values, callbacks, glibc's qsort and vsnprintf. The mixed program must print exactly
// what the all-gcc build prints.

import { join } from 'node:path';
import { expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { compile } from '../../src/toolchain/cc/compile.js';
import { ROOT } from '../helpers/kwb.js';
import { checkGcc, run, workDir } from './oracle.js';

it('links and runs with gcc-compiled objects (SysV ABI)', async () => {
  checkGcc();
  const dir = join(ROOT, 'test', 'cc', 'interop');
  const tmp = workDir();
  const kwbSrc = join(dir, 'kwb_side.c');
  const gccSrc = join(dir, 'gcc_side.c');
  const pre = await run('gcc', ['-E', kwbSrc]);
  expect(pre.status).toBe(0);
  const { asm } = compile({ file: kwbSrc, includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [], preprocessed: pre.stdout });
  writeFileSync(join(tmp, 'kwb_side.s'), asm);
  const gObj = join(tmp, 'gcc_side.o');
  expect((await run('gcc', ['-O2', '-c', '-o', gObj, gccSrc])).status).toBe(0);
  const mixed = await run('gcc', ['-no-pie', '-o', join(tmp, 'mixed'), join(tmp, 'kwb_side.s'), gObj]);
  expect(mixed.stderr).toBe('');
  const pure = await run('gcc', ['-O0', '-no-pie', '-o', join(tmp, 'pure'), kwbSrc, gObj]);
  expect(pure.status).toBe(0);
  const [m, p] = await Promise.all([run(join(tmp, 'mixed'), []), run(join(tmp, 'pure'), [])]);
  expect(m.stdout).toBe(p.stdout);
  expect(m.status).toBe(p.status);
  expect(m.stdout).toContain('k_take: xyz 11 12 from gcc 13 14');
});
