// Warnings gcc 12 prints by default: kwb must print the same ones, at the same places, worded
// the same (headlines of warnings and their notes, compared with gcc's live output).

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { formatHeadline } from '../../src/diag.js';
import { compile } from '../../src/toolchain/cc/compile.js';
import { ROOT } from '../helpers/kwb.js';
import { checkGcc, run } from './oracle.js';

const dir = join(ROOT, 'test', 'cc', 'warnings');

for (const f of readdirSync(dir).filter((x) => x.endsWith('.c')).sort()) {
  it(`warns like gcc: ${f}`, async () => {
    checkGcc();
    const g = await run('sh', ['-c', `cd '${dir}' && LANG=C LC_ALL=C gcc -fsyntax-only '${f}'`]);
    const gccLines = g.stderr.split('\n').filter((l) => /^[^ ].*:\d+:\d+: (warning|note|error): /.test(l));
    const r = compile({ file: f, cwd: dir, includeDirs: [], systemIncludeDirs: [join(ROOT, 'userland', 'include')], defines: [], undefs: [] });
    expect(r.diagnostics.map(formatHeadline)).toEqual(gccLines);
  });
}
