// Preprocessing errors do not stop the compilation, as in gcc (whose preprocessor is part of cc1):
// `#error`, a bad `#if`, an unknown directive or an unterminated macro call is reported and the
// parser goes on and reports its own errors after it, each with its "In function" line; only a
// fatal error (a missing #include file) ends everything, with "compilation terminated.".
//
// Each test/cc-errors/pp/NAME.c is compiled by `kwb cc -c` as a whole process: its stderr must be
// exactly NAME.expected and its exit status 1. The oracle is gcc 12 itself (`gcc -fsyntax-only`,
// LC_ALL=C): the same exit status and the same text, except that kwb's parser stops at its first
// error where gcc's goes on, so ours may end there (never after a fatal error, which ends gcc's
// output too).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { host, kwb, ROOT } from '../helpers/kwb.js';

const dir = join(ROOT, 'test', 'cc-errors', 'pp');
const files = readdirSync(dir).filter((f) => f.endsWith('.c')).sort();
const out = mkdtempSync(join(tmpdir(), 'kwb-pp-recovery-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('preprocessing errors: the compilation goes on like gcc', () => {
  it('has the cases', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  for (const f of files) {
    it(f, () => {
      const ours = kwb(['cc', '-c', '-o', join(out, 'x.o'), f], { cwd: dir });
      expect(ours.stderr).toBe(readFileSync(join(dir, f.replace(/\.c$/, '.expected')), 'utf8'));
      expect(ours.stderr).not.toMatch(/\n\s+at |internal/);
      expect(ours.status).toBe(1);

      const gcc = host('gcc', ['-fsyntax-only', f], { cwd: dir, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } });
      expect(ours.status).toBe(gcc.status);
      const g = gcc.stderr;
      if (ours.stderr !== g) {
        // Only a shorter tail after our parser's first error: everything we print, gcc prints.
        expect(ours.stderr).not.toContain('compilation terminated.');
        expect(g.startsWith(ours.stderr)).toBe(true);
      }
    });
  }
});
