import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { host, kwb } from '../helpers/kwb.js';

// -include FILE, as kbuild uses it for include/linux/kconfig.h: read before the first line of the
// source. Checked against gcc: the program's output, and the words of each way it can go wrong.
describe('kwb cc -include', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kwb-include-'));
  writeFileSync(join(dir, 'first.h'), '#define GREETING "from first.h"\n');
  writeFileSync(join(dir, 'second.h'), '#define TWICE GREETING " and second.h"\n');
  writeFileSync(join(dir, 'p.c'), '#include <stdio.h>\nint main(void) { puts(TWICE); return 0; }\n');
  const env = { ...process.env, LANG: 'C', LC_ALL: 'C' };

  for (const args of [['-include', 'first.h', '-include', 'second.h'], ['-includefirst.h', '-includesecond.h']]) {
    it(`${args.join(' ')}: the files come first, in order, as with gcc`, () => {
      expect(host('gcc', [...args, '-o', 'g', 'p.c'], { cwd: dir }).status).toBe(0);
      const ours = kwb(['cc', ...args, '-o', 'k', 'p.c'], { cwd: dir });
      expect(ours.stderr).toBe('');
      expect(host(join(dir, 'k'), [], { cwd: dir }).stdout).toBe(host(join(dir, 'g'), [], { cwd: dir }).stdout);
    });
  }

  for (const args of [['-include', 'missing.h', '-o', 'x', 'p.c'], ['-o', 'x', 'p.c', '-include']]) {
    it(`${args.join(' ')}: worded as gcc words it, exit 1`, () => {
      const gcc = host('gcc', args, { cwd: dir, env });
      const ours = kwb(['cc', ...args], { cwd: dir, env });
      expect(ours.status).toBe(gcc.status);
      expect(ours.stderr).toBe(gcc.stderr.replace(/^gcc:/gm, 'kwb cc:').replace(/[‘’]/g, "'"));
    });
  }
});
