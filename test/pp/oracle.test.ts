// Every case in test/pp/cases gives the same token stream as the host's gcc -E.
import { describe, expect, it } from 'vitest';
import { caseFiles, runBoth, tokensOf } from './oracle.js';

const cases = caseFiles();

describe('token streams match gcc -E', () => {
  for (const c of cases) {
    it(c, () => {
      const r = runBoth(c);
      expect(tokensOf(r.ours, c.endsWith('.S')).join(' ')).toBe(tokensOf(r.gcc, c.endsWith('.S')).join(' '));
    });
  }
});
