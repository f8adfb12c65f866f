// Every lab shipped in exercises/ validates through the CLI: it loads against the schema, its
// starting state fails the final checks, and its reference solution passes every check.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kwb, ROOT } from '../helpers/kwb.js';

const labs = readdirSync(join(ROOT, 'exercises')).filter((f) => /\.ya?ml$/.test(f)).sort();

describe('the shipped labs', () => {
  it('exist, numbered, and are all listed', () => {
    expect(labs.length).toBeGreaterThan(0);
    for (const f of labs) expect(f).toMatch(/^\d\d-[a-z0-9-]+\.yaml$/);
    expect(new Set(labs.map((f) => f.slice(0, 2))).size).toBe(labs.length);
    const list = kwb(['lab', 'list']);
    expect(list.stderr).toBe('');
    expect(list.status).toBe(0);
    expect(list.stdout.split('\n').filter((l) => /^ ?\d+  /.test(l))).toHaveLength(labs.length);
  });

  for (const f of labs) {
    it(`kwb lab validate exercises/${f}`, () => {
      const r = kwb(['lab', 'validate', join('exercises', f)], { cwd: ROOT });
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(new RegExp(`^exercises/${f.replace('.', '\\.')}: ok \\(the start scores \\d+/(\\d+) and fails the final checks; the solution passes all \\1 points\\)$`, 'm'));
      expect(r.status).toBe(0);
    }, 120_000);
  }
});
