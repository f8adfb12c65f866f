// The C conformance corpus: every test/c/*.c program, compiled by kwb, must behave exactly like
// the same program compiled by gcc (stdout and exit status).

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticError, renderDiagnostics } from '../../src/diag.js';
import { compile } from '../../src/toolchain/cc/compile.js';
import { ROOT } from '../helpers/kwb.js';
import { checkGcc, compareWithGcc, pool, workDir, type Comparison } from './oracle.js';

const dir = join(ROOT, 'test', 'c');
const files = readdirSync(dir).filter((f) => f.endsWith('.c')).sort();
const results = new Map<string, Comparison>();

describe('C corpus against gcc', () => {
  beforeAll(async () => {
    checkGcc();
    const tmp = workDir();
    const rs = await pool(files, 4, (f) => compareWithGcc(join(dir, f), tmp));
    for (const r of rs) results.set(r.name, r);
  }, 300_000);

  it('has at least 60 programs', () => {
    expect(files.length).toBeGreaterThanOrEqual(60);
  });

  for (const f of files) {
    const name = f.replace(/\.c$/, '');
    it(name, () => {
      const r = results.get(name)!;
      expect(r.compileError ?? '').toBe('');
      expect(r.kwb.stdout).toBe(r.gcc.stdout);
      expect(r.kwb.status).toBe(r.gcc.status);
    });
  }
});

// The real pipeline: kwb's own preprocessor with kwb's userland headers must feed the compiler
// every corpus program without an error (running them is the job of the libc/linker tests).
describe('C corpus through kwb preprocess() and userland/include', () => {
  for (const f of files) {
    it(f, () => {
      let problem = '';
      try {
        compile({ file: join(dir, f), includeDirs: [], systemIncludeDirs: [join(ROOT, 'userland', 'include')], defines: [], undefs: [] });
      } catch (e) {
        problem = e instanceof DiagnosticError ? renderDiagnostics(e.diagnostics) : String(e);
      }
      expect(problem).toBe('');
    });
  }
});
