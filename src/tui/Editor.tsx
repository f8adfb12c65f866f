// The editor pane: a window onto a Buffer with line numbers, syntax colours, the cursor in
// inverse video, and diagnostics marked in the gutter (the one under the cursor spelled out).
import { Box, Text } from 'ink';
import type { ReactElement } from 'react';
import type { Buffer } from './editor/buffer.js';
import { highlightRange, languageOf, type Span } from './editor/highlight.js';
import { printable, wrap } from './scroll.js';
import { color, noColor, tokenColor } from './theme.js';

export interface EditorDiagnostic {
  line: number; // 1-based, as compilers print it
  col: number;
  severity: 'error' | 'warning' | 'note';
  message: string;
}

export interface EditorProps {
  buffer: Buffer;
  path: string;
  width: number;
  height: number; // rows for text, including the status line
  focused: boolean;
  diagnostics: EditorDiagnostic[];
  /** A prompt or message for the status line (search, save result). */
  status?: string;
}

const TAB = 8;

/** Expands tabs to the next multiple of 8 (as the compiler's caret does); maps columns too. */
function expand(spans: Span[]): Span[] {
  let col = 0;
  return spans.map((s) => {
    let t = '';
    for (const ch of s.text) {
      if (ch === '\t') {
        const n = TAB - (col % TAB);
        t += ' '.repeat(n);
        col += n;
      } else {
        t += ch;
        col++;
      }
    }
    return { text: t, tok: s.tok };
  });
}

export function displayCol(line: string, col: number): number {
  let d = 0;
  for (let i = 0; i < col && i < line.length; i++) d = line[i] === '\t' ? d + TAB - (d % TAB) : d + 1;
  return d;
}

/** The first line shown, so the cursor stays inside the window with a little context. */
export function scrollTop(prevTop: number, cursorLine: number, rows: number): number {
  if (cursorLine < prevTop) return Math.max(0, cursorLine - 2);
  if (cursorLine >= prevTop + rows) return cursorLine - rows + 3 > 0 ? cursorLine - rows + 3 : 0;
  return prevTop;
}

/** Cuts spans to the columns [from, from+width). */
function window(spans: Span[], from: number, width: number): Span[] {
  const out: Span[] = [];
  let col = 0;
  for (const s of spans) {
    const a = Math.max(from, col);
    const b = Math.min(from + width, col + s.text.length);
    if (b > a) out.push({ text: s.text.slice(a - col, b - col), tok: s.tok });
    col += s.text.length;
  }
  return out;
}

export function Editor({ buffer, path, width, height, focused, diagnostics, status, top: wantedTop = 0 }: EditorProps & { top?: number }) {
  const lang = languageOf(path);
  const lines = buffer.lines;
  const cur = buffer.cursor;
  const byLine = new Map<number, EditorDiagnostic>();
  for (const d of diagnostics) {
    const prev = byLine.get(d.line);
    if (!prev || (prev.severity !== 'error' && d.severity === 'error')) byLine.set(d.line, d);
  }
  // The status line: a message, the diagnostic under the cursor (word-wrapped over up to three
  // lines, so that a long compiler message is read whole), or the file and position.
  const here = byLine.get(cur.line + 1);
  const info = status
    ? [printable(status.split('\n')[0]!)]
    : here
      ? wrap(`${cur.line + 1}:${here.col}: ${here.severity}: ${here.message}`, width, '  ').slice(0, Math.max(1, Math.min(3, height - 2)))
      : [`${path}${buffer.dirty ? ' [+]' : ''}  ${cur.line + 1}:${cur.col + 1}  ${lang}`];
  const rows = Math.max(1, height - info.length);
  // The caller scrolled for a one-line status line: keep the cursor in view above a longer one.
  const top = cur.line >= wantedTop + rows ? cur.line - rows + 1 : wantedTop;
  const spans = highlightRange(lang, lines, top, top + rows);
  const gutter = String(lines.length).length + 2;
  const textWidth = Math.max(4, width - gutter);
  const curDisplay = displayCol(buffer.line(cur.line), cur.col);
  // Horizontal scroll in steps, so the cursor never leaves the window.
  const left = curDisplay < textWidth - 1 ? 0 : Math.floor((curDisplay - textWidth + 8) / 8) * 8;
  const shown: ReactElement[] = [];
  for (let i = top; i < Math.min(lines.length, top + rows); i++) {
    const d = byLine.get(i + 1);
    const mark = d ? (d.severity === 'error' ? 'E' : 'W') : ' ';
    let line = window(expand(spans[i - top]!), left, textWidth);
    const parts: ReactElement[] = [];
    if (focused && i === cur.line) {
      // Split the visible spans around the cursor cell, drawn in inverse video.
      const at = curDisplay - left;
      let col = 0;
      let drawn = false;
      line.forEach((s, k) => {
        const end = col + s.text.length;
        if (!drawn && at >= col && at < end) {
          const before = s.text.slice(0, at - col);
          const under = s.text[at - col]!;
          const after = s.text.slice(at - col + 1);
          if (before) parts.push(<Text key={`${k}a`} color={tokenColor(s.tok)}>{before}</Text>);
          parts.push(<Text key={`${k}c`} inverse>{under}</Text>);
          if (after) parts.push(<Text key={`${k}b`} color={tokenColor(s.tok)}>{after}</Text>);
          drawn = true;
        } else parts.push(<Text key={k} color={tokenColor(s.tok)}>{s.text}</Text>);
        col = end;
      });
      if (!drawn) parts.push(<Text key="cur" inverse>{' '}</Text>);
      line = [];
    } else {
      line.forEach((s, k) => parts.push(<Text key={k} color={tokenColor(s.tok)}>{s.text}</Text>));
    }
    shown.push(
      <Box key={i} height={1}>
        <Text color={d ? color(d.severity === 'error' ? 'red' : 'yellow') : undefined} dimColor={!d} bold={Boolean(d)}>
          {mark}
          {String(i + 1).padStart(gutter - 2)}{' '}
        </Text>
        <Text wrap="truncate">{parts}</Text>
      </Box>,
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      {shown}
      {Array.from({ length: Math.max(0, rows - shown.length) }, (_, k) => (
        <Text key={`pad${k}`} dimColor>
          ~
        </Text>
      ))}
      {info.map((l, k) => (
        <Text key={`st${k}`} inverse={focused && !noColor()} bold={focused} color={here && !status ? color(here.severity === 'error' ? 'red' : 'yellow') : undefined} wrap="truncate">
          {l}
        </Text>
      ))}
    </Box>
  );
}
