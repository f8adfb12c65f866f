import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { Help, KEYS } from './Help.js';

describe('Help overlay', () => {
  it('lists every key in 24 rows at 80 columns', () => {
    const f = render(<Help width={80} />).lastFrame()!;
    for (const [, keys] of KEYS) for (const [k] of keys) expect(f).toContain(k);
    expect(f.split('\n').length).toBeLessThanOrEqual(24);
    expect(Math.max(...f.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
  });
});
