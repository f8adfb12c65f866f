// The spelling table the preprocessor's and the compiler's lexers share (src/toolchain/cc/intern.ts):
// whatever it returns must be exactly the text it was asked for, before and after the table grows,
// for names whose hashes collide, and for spellings that are special as property keys.

import { describe, expect, it } from 'vitest';
import { spelling, spellingHash } from '../../src/toolchain/cc/intern.js';
import { tokenize } from '../../src/toolchain/cc/tokenize.js';

const spell = (s: string, start = 0, end = s.length): string => spelling(s, start, end, spellingHash(s, start, end));

describe('spelling table', () => {
  it('returns the text of the range asked for, also inside a longer string', () => {
    const line = 'int counter = limit + 0x10;';
    expect(spell(line, 4, 11)).toBe('counter');
    expect(spell(line, 14, 19)).toBe('limit');
    expect(spell(line, 22, 26)).toBe('0x10');
    expect(spell('counter')).toBe('counter');
  });

  it('keeps every name exact while it grows far past its first size', () => {
    const names = Array.from({ length: 40_000 }, (_, i) => `name_${i.toString(36)}_${(i * 7919) % 1000}`);
    for (const n of names) expect(spell(` ${n} `, 1, n.length + 1)).toBe(n);
    for (const n of names) expect(spell(n)).toBe(n);
  });

  it('tells apart names with the same hash and length', () => {
    // "Aa" and "BB" have the same h * 31 + c hash; so do their concatenations.
    expect(spellingHash('Aa', 0, 2)).toBe(spellingHash('BB', 0, 2));
    const words = ['AaAa', 'AaBB', 'BBAa', 'BBBB'];
    for (const w of words) expect(spell(w)).toBe(w);
    for (const w of [...words].reverse()) expect(spell(w)).toBe(w);
  });

  it('returns property-like and index-like names as they are', () => {
    for (const w of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '0', '42', '4294967295', '007', '1e3']) {
      expect(spell(`(${w})`, 1, w.length + 1)).toBe(w);
    }
  });

  it('gives the compiler tokens with the spelled text', () => {
    const toks = tokenize('int __proto__ = constructor + 4294967295;\n', { mainFile: 'a.c', mainSource: '' });
    expect(toks.map((t) => t.text)).toEqual(['int', '__proto__', '=', 'constructor', '+', '4294967295', ';', '']);
  });
});
