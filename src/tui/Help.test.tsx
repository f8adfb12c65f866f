import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { Help, KEYS } from './Help.js';
import { KEY, fits, tick } from './testing.js';

describe('Help overlay', () => {
  it('lists every key, whole, in 24 rows at 80 columns', () => {
    const f = render(<Help width={80} height={24} />).lastFrame()!;
    for (const [group, keys] of KEYS) {
      expect(f).toContain(group);
      for (const [k, what] of keys) expect(f).toContain(`${k.padEnd(13)} ${what}`);
    }
    expect(fits(f, 80, 24)).toBe(true);
    expect(f).not.toContain('…');
  });

  it('names the scrolling keys of the output panes', () => {
    const f = render(<Help width={80} height={24} />).lastFrame()!;
    expect(f).toContain('↑↓ PgUp PgDn  scroll');
    expect(f).toContain('g G Home End  top / end (follows)');
    expect(f).toContain('← →           long lines sideways');
  });

  it('in a small terminal shows one column and scrolls through the rest', async () => {
    const r = render(<Help width={60} height={20} active />);
    let f = r.lastFrame()!;
    expect(fits(f, 60, 20)).toBe(true);
    expect(f).toContain('Anywhere');
    expect(f).toMatch(/↓ \d+ more/);
    expect(f).toContain('↑↓ PgUp/PgDn scroll · Esc or ? closes this help');
    expect(f).not.toContain('? s q');
    r.stdin.write(KEY.end);
    await tick();
    f = r.lastFrame()!;
    expect(f).toContain('? s q         help, save, close');
    expect(f).not.toContain('Anywhere');
    expect(fits(f, 60, 20)).toBe(true);
  });
});
