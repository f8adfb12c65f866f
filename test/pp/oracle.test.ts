// Every case in test/pp/cases gives the same token stream as the host's gcc -E.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CASES, runBoth, tokensOf } from './oracle.js';

const cases = readdirSync(CASES).filter((f) => /\.[cS]$/.test(f));

describe('token streams match gcc -E', () => {
  for (const c of cases) {
    it(c, () => {
      const r = runBoth(c);
      expect(tokensOf(r.ours, c.endsWith('.S')).join(' ')).toBe(tokensOf(r.gcc, c.endsWith('.S')).join(' '));
    });
  }
});
