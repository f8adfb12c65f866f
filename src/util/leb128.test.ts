// LEB128 against the DWARF specification's own examples (DWARF 5, tables 7.7 and 7.8).
import { describe, expect, it } from 'vitest';
import { sleb128, uleb128 } from './leb128.js';

const enc = (f: (o: number[], v: bigint) => void, v: bigint): number[] => {
  const out: number[] = [];
  f(out, v);
  return out;
};

describe('LEB128', () => {
  it('unsigned', () => {
    for (const [v, bytes] of [[2n, [2]], [127n, [127]], [128n, [0x80, 1]], [129n, [0x81, 1]], [130n, [0x82, 1]], [12857n, [0xb9, 100]]] as const) expect(enc(uleb128, v)).toEqual(bytes);
    expect(enc(uleb128, 0xffffffffffffffffn)).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(enc(uleb128, -1n)).toEqual(enc(uleb128, 0xffffffffffffffffn));
  });
  it('signed', () => {
    for (const [v, bytes] of [[2n, [2]], [-2n, [0x7e]], [127n, [0xff, 0]], [-127n, [0x81, 0x7f]], [128n, [0x80, 1]], [-128n, [0x80, 0x7f]], [129n, [0x81, 1]], [-129n, [0xff, 0x7e]]] as const) expect(enc(sleb128, v)).toEqual(bytes);
  });
});
