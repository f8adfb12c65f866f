import { describe, expect, it } from 'vitest';
import { HEAD, TAIL, moreText, printable, reveal, scrollBy, scrollCmdOf, slice, viewOf, wrap } from './scroll.js';
import { keyOf } from './keysplit.js';

describe('scroll window', () => {
  it('shows the tail while following, and what it hides', () => {
    const v = viewOf(100, 7, TAIL);
    expect(v).toMatchObject({ top: 93, above: 93, below: 0, following: true });
    expect(moreText(v)).toBe('↑ 93 more');
    expect(moreText(viewOf(100, 7, HEAD))).toBe('↓ 93 more');
    expect(moreText(viewOf(100, 7, { top: 10, left: 16 }))).toBe('← 16 cols · ↑ 10 more · ↓ 83 more');
    expect(moreText(viewOf(5, 7, HEAD))).toBe('');
  });

  it('scrolling up stops following; coming back down to the last line follows again', () => {
    let s = scrollBy(TAIL, 'up', 100, 7);
    expect(viewOf(100, 7, s)).toMatchObject({ top: 92, following: false });
    expect(viewOf(120, 7, s).top).toBe(92); // new lines arrive: the window stays where it is
    s = scrollBy(s, 'down', 100, 7);
    expect(s.top).toBe('end');
    expect(scrollBy({ top: 50, left: 0 }, 'pageDown', 100, 7).top).toBe(56);
    expect(scrollBy({ top: 90, left: 0 }, 'pageDown', 100, 7).top).toBe('end');
    expect(scrollBy({ top: 3, left: 0 }, 'pageUp', 100, 7).top).toBe(0);
    expect(scrollBy(TAIL, 'home', 100, 7).top).toBe(0);
    expect(scrollBy(HEAD, 'end', 100, 7).top).toBe('end');
  });

  it('does not move what fits, and clamps a stale position to the lines there are', () => {
    expect(scrollBy(HEAD, 'down', 5, 7)).toBe(HEAD);
    expect(viewOf(10, 7, { top: 50, left: 0 })).toMatchObject({ top: 3, below: 0 });
  });

  it('moves sideways by 8 columns up to the longest line', () => {
    let s = scrollBy(HEAD, 'right', 100, 7, 100, 80);
    expect(s.left).toBe(8);
    s = scrollBy(scrollBy(scrollBy(s, 'right', 100, 7, 100, 80), 'right', 100, 7, 100, 80), 'right', 100, 7, 100, 80);
    expect(s.left).toBe(24); // 100 columns in an 80-column window: 24 hides the first, shows the last
    expect(scrollBy(HEAD, 'right', 100, 7, 60, 80).left).toBe(0);
    expect(scrollBy(s, 'left', 100, 7).left).toBe(16);
  });

  it('reveals a line with the least move', () => {
    expect(reveal(TAIL, 97, 100, 7)).toBe(TAIL); // already in view
    expect(reveal(TAIL, 40, 100, 7).top).toBe(39);
    expect(reveal(HEAD, 40, 100, 7).top).toBe(35);
    expect(reveal(HEAD, 98, 100, 7).top).toBe('end');
  });

  it('reads PgUp/PgDn, Home/End, g/G and (where asked) the arrows', () => {
    const k = (s: string) => keyOf(s);
    expect(scrollCmdOf(...k('g'))).toBe('home');
    expect(scrollCmdOf(...k('G'))).toBe('end');
    expect(scrollCmdOf('', { ...k('x')[1], pageDown: true })).toBe('pageDown');
    expect(scrollCmdOf('', { ...k('x')[1], upArrow: true }, { arrows: false })).toBeNull();
    expect(scrollCmdOf('', { ...k('x')[1], leftArrow: true })).toBeNull();
    expect(scrollCmdOf('', { ...k('x')[1], leftArrow: true }, { horizontal: true })).toBe('left');
  });
});

describe('text helpers', () => {
  it('draws control characters harmlessly: CR as the terminal leaves the line, escapes in caret notation', () => {
    expect(printable('ret: 0\r')).toBe('ret: 0');
    expect(printable('10%\r50%\r100%')).toBe('100%');
    expect(printable('\x1b[2Jcleared?')).toBe('^[[2Jcleared?');
    expect(printable('plain\ttext')).toBe('plain\ttext');
    expect(slice('\x1b[31mred', 0, 80)).toBe('^[[31mred');
    expect(wrap('a\x07b', 20)).toEqual(['a^Gb']);
  });

  it('cuts a line to a column window, expanding tabs as the terminal would', () => {
    expect(slice('a\tb\tc', 0, 80)).toBe('a       b       c');
    expect(slice('0123456789', 4, 3)).toBe('45…');
    expect(slice('0123456789', 4, 6)).toBe('456789');
  });

  it('word-wraps with a hanging indent and splits words longer than the line', () => {
    expect(wrap('one two three four', 9, '  ')).toEqual(['one two', '  three', '  four']);
    expect(wrap('x'.repeat(20), 8)).toEqual(['x'.repeat(8), 'x'.repeat(8), 'xxxx']);
    expect(wrap('', 10)).toEqual(['']);
    // a message of several lines (a link error quoted in a check's message) keeps its lines, indented
    expect(wrap('  check — does not build:\nbuilt-in.o: undefined reference\nmake: *** Error 1', 30, '    ')).toEqual([
      '  check — does not build:',
      '    built-in.o: undefined',
      '    reference',
      '    make: *** Error 1',
    ]);
    expect(wrap('  a b c d e f g h i', 12, '    ')).toEqual(['  a b c d e', '    f g h i']);
  });
});
