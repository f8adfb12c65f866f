// Scrolling for the panes whose text can be longer than their box (the kbuild log, the run
// output, dmesg, the grade and the step text, the help): a window of `rows` lines over `total`,
// moved by keys, and "following" the tail while new lines arrive — as `less +F` does — until the
// student scrolls up; End (or G, or scrolling back down to the last line) follows again.
// Only the window's lines are ever drawn, so a keystroke costs the same for a 10-line log as for
// a 10,000-line one.
import { useInput, type Key } from 'ink';
import { useReducer, useRef } from 'react';
import { eachKey } from './keysplit.js';

/** The first line shown, or 'end': the last `rows` lines, whatever their number (following). */
export type Top = number | 'end';

export interface Scroll {
  top: Top;
  /** Columns hidden on the left (horizontal scrolling of long log lines). */
  left: number;
}

export interface View {
  /** Index of the first line shown. */
  top: number;
  rows: number;
  total: number;
  /** Lines hidden above and below the window. */
  above: number;
  below: number;
  following: boolean;
  left: number;
}

export const HEAD: Scroll = { top: 0, left: 0 };
export const TAIL: Scroll = { top: 'end', left: 0 };

/** The window a scroll position shows over `total` lines, `rows` at a time. */
export function viewOf(total: number, rows: number, s: Scroll): View {
  rows = Math.max(0, rows);
  const max = Math.max(0, total - rows);
  const top = s.top === 'end' ? max : Math.min(Math.max(0, s.top), max);
  return { top, rows, total, above: top, below: Math.max(0, total - top - rows), following: s.top === 'end', left: s.left };
}

export type ScrollCmd = 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'left' | 'right';

/** The scrolling command a key means, if any. Arrow keys only where `arrows` (they may mean something else). */
export function scrollCmdOf(input: string, key: Key, o: { arrows?: boolean; horizontal?: boolean } = {}): ScrollCmd | null {
  if (key.pageUp) return 'pageUp';
  if (key.pageDown) return 'pageDown';
  if (key.home || (input === 'g' && !key.ctrl && !key.meta)) return 'home';
  if (key.end || (input === 'G' && !key.ctrl && !key.meta)) return 'end';
  if (o.arrows !== false) {
    if (key.upArrow) return 'up';
    if (key.downArrow) return 'down';
  }
  if (o.horizontal) {
    if (key.leftArrow) return 'left';
    if (key.rightArrow) return 'right';
  }
  return null;
}

/** Columns a ←/→ moves the text. */
export const HSTEP = 8;

/**
 * The position after a command. Reaching the last line (down, page down, End) follows the tail.
 * `wide` is the longest line's width and `width` the window's, for horizontal moves.
 */
export function scrollBy(s: Scroll, cmd: ScrollCmd, total: number, rows: number, wide = 0, width = 0): Scroll {
  if (cmd === 'left') return { ...s, left: Math.max(0, s.left - HSTEP) };
  if (cmd === 'right') return { ...s, left: Math.max(0, Math.min(s.left + HSTEP, Math.ceil((wide - width) / HSTEP) * HSTEP)) };
  const v = viewOf(total, rows, s);
  const max = Math.max(0, total - rows);
  const page = Math.max(1, rows - 1);
  if (cmd === 'end') return { ...s, top: 'end' };
  if (total <= rows) return s; // everything is shown: nothing to move (and following is kept)
  const top = cmd === 'home' ? 0 : cmd === 'up' ? v.top - 1 : cmd === 'down' ? v.top + 1 : cmd === 'pageUp' ? v.top - page : v.top + page;
  return { ...s, top: top >= max ? 'end' : Math.max(0, top) };
}

/** The least move that shows line `line` (with a line of context where there is room). */
export function reveal(s: Scroll, line: number, total: number, rows: number): Scroll {
  const v = viewOf(total, rows, s);
  if (line >= v.top && line < v.top + v.rows) return s;
  const max = Math.max(0, total - rows);
  const top = line < v.top ? Math.max(0, line - 1) : Math.min(max, line - rows + 2);
  return { ...s, top: top >= max ? 'end' : top };
}

/**
 * What the window hides, for a pane's header: `↑ 12 more · ↓ 30 more`, `← 8 cols`; in a narrow
 * pane (`compact`) `↑12 ↓30`.
 */
export function moreText(v: View, compact = false): string {
  const parts: string[] = [];
  if (compact) {
    if (v.above) parts.push(`↑${v.above}`);
    if (v.below) parts.push(`↓${v.below}`);
    return parts.join(' ');
  }
  if (v.left) parts.push(`← ${v.left} cols`);
  if (v.above) parts.push(`↑ ${v.above} more`);
  if (v.below) parts.push(`↓ ${v.below} more`);
  return parts.join(' · ');
}

export interface ScrollOptions {
  total: number;
  rows: number;
  /** Keys scroll only while this is true (the pane has the focus). */
  active: boolean;
  /** Where a fresh pane starts: the first line (instructions, checks) or the tail (logs). */
  start?: 'head' | 'tail';
  /** A new value starts over from `start` (a new build, a new step). */
  reset?: unknown;
  /** A line to bring into view when this value changes (the selected build error). */
  show?: number | null;
  /** ←/→ move long lines sideways: the longest line's width and the window's. */
  wide?: number;
  width?: number;
}

/**
 * A pane's scroll position, moved by the keys while `active`. The position is read and written
 * through a ref, so keys arriving in one burst (faster than frames) each see the last one's move.
 */
export function useScroll(o: ScrollOptions): View {
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const initial = o.start === 'tail' ? TAIL : HEAD;
  const state = useRef<{ s: Scroll; reset: unknown; show: number | null | undefined } | null>(null);
  if (!state.current) state.current = { s: initial, reset: o.reset, show: undefined };
  const st = state.current;
  if (st.reset !== o.reset) {
    st.reset = o.reset;
    st.s = initial;
    st.show = undefined;
  }
  if (o.show != null && st.show !== o.show) st.s = reveal(st.s, o.show, o.total, o.rows);
  st.show = o.show;
  const latest = useRef(o);
  latest.current = o;
  const horizontal = o.wide !== undefined && o.width !== undefined;
  useInput(
    eachKey((input, key) => {
      const l = latest.current;
      const cmd = scrollCmdOf(input, key, { horizontal });
      if (!cmd) return;
      const next = scrollBy(st.s, cmd, l.total, l.rows, l.wide, l.width);
      if (next.top === st.s.top && next.left === st.s.left) return;
      st.s = next;
      redraw();
    }),
    { isActive: o.active },
  );
  return viewOf(o.total, o.rows, st.s);
}

/**
 * A line as a terminal would leave it, made safe to draw: a carriage return starts the line over
 * (a trailing one, from CRLF, is dropped), and other control characters — an escape sequence in a
 * program's output would move the cursor or clear the screen — are shown in caret notation (^[).
 */
export function printable(line: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\x00-\x08\x0b-\x1f\x7f]/.test(line)) return line;
  let t = line.replace(/\r+$/, '');
  if (t.includes('\r')) t = t.slice(t.lastIndexOf('\r') + 1);
  // eslint-disable-next-line no-control-regex
  return t.replace(/[\x00-\x08\x0a-\x1f\x7f]/g, (c) => (c === '\x7f' ? '^?' : '^' + String.fromCharCode(c.charCodeAt(0) + 64)));
}

/** Expands tabs to multiples of 8 columns. */
function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let t = '';
  for (const ch of line) t += ch === '\t' ? ' '.repeat(8 - (t.length % 8)) : ch;
  return t;
}

/**
 * Cuts a line (made printable, tabs expanded) to the columns [left, left+width); a line going on
 * past the window ends in `…`.
 */
export function slice(line: string, left: number, width: number): string {
  const t = expandTabs(printable(line));
  if (t.length > left + width) return t.slice(left, left + width - 1) + '…';
  return left ? t.slice(left) : t;
}

/**
 * Word-wraps text to `width`. The first line keeps its leading spaces; every further line — a
 * wrapped one, or one after a newline in the text (a multi-line message) — starts with `indent`.
 * Words longer than a line are split.
 */
export function wrap(text: string, width: number, indent = ''): string[] {
  const out: string[] = [];
  text.split('\n').forEach((hard, i) => {
    const h = expandTabs(printable(hard));
    const own = /^ */.exec(h)![0];
    const first = i === 0 ? own : indent + own;
    out.push(...wrapOne(h.slice(own.length), Math.max(Math.max(first.length, indent.length) + 8, width), first, indent));
  });
  return out;
}

function wrapOne(text: string, width: number, first: string, rest: string): string[] {
  const out: string[] = [];
  let line = '';
  const prefix = () => (out.length ? rest : first);
  const room = () => width - prefix().length;
  const push = () => {
    out.push(prefix() + line);
    line = '';
  };
  for (let w of text.split(/ +/).filter(Boolean)) {
    if (line && line.length + 1 + w.length > room()) push();
    while (w.length > room()) {
      line = w.slice(0, room());
      w = w.slice(line.length);
      push();
    }
    if (w) line = line ? `${line} ${w}` : w;
  }
  if (line || !out.length) push();
  return out;
}
