import { describe, expect, it } from 'vitest';
import { eachKey } from './keysplit.js';

describe('eachKey', () => {
  it('splits a burst of typed text and control keys into keys', () => {
    const got: string[] = [];
    const h = eachKey((input, key) => got.push(key.return ? '<Enter>' : key.tab ? '<Tab>' : key.ctrl ? `<C-${input}>` : key.delete ? '<BS>' : input));
    h('obj-y := nsys.o\r\x13', { ctrl: false } as never);
    expect(got).toEqual(['obj-y := nsys.o', '<Enter>', '<C-s>']);
    got.length = 0;
    h('326\t64\x7f', { ctrl: false } as never);
    expect(got).toEqual(['326', '<Tab>', '64', '<BS>']);
  });

  it('passes single keys and plain text through unchanged', () => {
    const got: string[] = [];
    const h = eachKey((input) => got.push(input));
    h('a', { ctrl: false } as never);
    h('hello', { ctrl: false } as never);
    expect(got).toEqual(['a', 'hello']);
  });
});
