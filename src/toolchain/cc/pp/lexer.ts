// The preprocessing-token lexer (C11 6.4 plus GNU habits), one pass over a whole file.
//
// Line splices are removed before lexing (translation phase 2); the splice positions are kept so
// physical line numbers stay right. Comments become "space before the next token" (phase 3);
// a newline inside a block comment does not start a new logical line, as the standard says.

import { makeToken, type SourceFile, type Token, type TokenKind } from './token.js';
import { spelling, spellingHash } from '../intern.js';

export interface LexProblem {
  line: number;
  col: number; // 0-based offset in the physical line
  message: string;
  severity: 'error' | 'warning';
}

export interface LexResult {
  tokens: Token[]; // always ends with an 'eof' token
  problems: LexProblem[];
}

/** Removes backslash-newline pairs; returns the spliced text and where each splice was (in it). */
export function removeSplices(raw: string): { text: string; splices: number[] } {
  if (raw.indexOf('\\\n') < 0 && raw.indexOf('\\\r\n') < 0) return { text: raw, splices: [] };
  const parts: string[] = [];
  const splices: number[] = [];
  let from = 0;
  let outLen = 0;
  for (let i = raw.indexOf('\\'); i >= 0; i = raw.indexOf('\\', i + 1)) {
    let end = -1;
    if (raw.charCodeAt(i + 1) === 10) end = i + 2;
    else if (raw.charCodeAt(i + 1) === 13 && raw.charCodeAt(i + 2) === 10) end = i + 3;
    if (end < 0) continue;
    parts.push(raw.slice(from, i));
    outLen += i - from;
    splices.push(outLen);
    from = end;
    i = end - 1;
  }
  parts.push(raw.slice(from));
  return { text: parts.join(''), splices };
}

const C_NL = 10;
const C_SPACE = 32;

function isIdentStart(c: number, asm: boolean): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c === 36 && !asm) || c >= 128;
}

function isIdentChar(c: number, asm: boolean): boolean {
  return isIdentStart(c, asm) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Length of the punctuator starting at text[i] (0 if none). */
export function punctLength(s: string, i: number): number {
  const c = s.charCodeAt(i);
  const c1 = s.charCodeAt(i + 1);
  const c2 = s.charCodeAt(i + 2);
  switch (c) {
    case 46: // .
      return c1 === 46 && c2 === 46 ? 3 : 1;
    case 60: // <
      if (c1 === 60) return c2 === 61 ? 3 : 2; // << <<=
      return c1 === 61 ? 2 : 1;
    case 62: // >
      if (c1 === 62) return c2 === 61 ? 3 : 2;
      return c1 === 61 ? 2 : 1;
    case 45: // -
      return c1 === 45 || c1 === 61 || c1 === 62 ? 2 : 1;
    case 43: // +
      return c1 === 43 || c1 === 61 ? 2 : 1;
    case 38: // &
      return c1 === 38 || c1 === 61 ? 2 : 1;
    case 124: // |
      return c1 === 124 || c1 === 61 ? 2 : 1;
    case 61: // =
    case 33: // !
    case 42: // *
    case 47: // /
    case 37: // %
    case 94: // ^
      return c1 === 61 ? 2 : 1;
    case 35: // #
      return c1 === 35 ? 2 : 1;
    case 40: case 41: case 91: case 93: case 123: case 125: // ( ) [ ] { }
    case 44: case 59: case 58: case 63: case 126: // , ; : ? ~
      return 1;
    default:
      return 0;
  }
}

/** Index just past a string or char literal whose opening quote is at `i`, or -1 if unterminated. */
function scanQuoted(s: string, i: number, quote: number): number {
  const n = s.length;
  let j = i + 1;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c === quote) return j + 1;
    if (c === C_NL) return -1;
    if (c === 92 /* \ */) {
      if (s.charCodeAt(j + 1) === C_NL) return -1;
      j += 2;
      continue;
    }
    j++;
  }
  return -1;
}

/** Index just past the pp-number starting at `i`. */
export function scanNumber(s: string, i: number): number {
  const n = s.length;
  let j = i + 1;
  while (j < n) {
    const c = s.charCodeAt(j);
    if ((c === 43 || c === 45) /* + - */) {
      const p = s.charCodeAt(j - 1) | 0x20;
      if (p === 101 /* e */ || p === 112 /* p */) {
        j++;
        continue;
      }
      break;
    }
    if (isDigit(c) || c === 46 || c === 95 || (c >= 97 && c <= 122) || (c >= 65 && c <= 90)) j++;
    else break;
  }
  return j;
}

export function lex(file: SourceFile, splices: number[], asm: boolean): LexResult {
  const s = file.text;
  const n = s.length;
  const tokens: Token[] = [];
  const problems: LexProblem[] = [];
  let line = 1;
  let lineStart = 0;
  let sp = 0; // next splice to account for
  let space = false;
  let bol = true;
  let i = 0;

  const push = (kind: TokenKind, start: number, end: number, warn?: string): void => {
    // Names, numbers and punctuators come from the process-wide spelling table (no new string
    // for one seen before); literals and stray characters are sliced.
    const text = kind === 'ident' || kind === 'number' || kind === 'punct' ? spelling(s, start, end, spellingHash(s, start, end)) : s.slice(start, end);
    tokens.push(makeToken(kind, text, file, line, start - lineStart, start, space, bol, false, null, false, undefined, warn));
    space = false;
    bol = false;
  };

  while (i < n) {
    while (sp < splices.length && splices[sp] <= i) {
      line++;
      if (splices[sp] > lineStart) lineStart = splices[sp];
      sp++;
    }
    const c = s.charCodeAt(i);
    if (c === C_NL) {
      i++;
      line++;
      lineStart = i;
      bol = true;
      space = false;
      continue;
    }
    if (c === C_SPACE || c === 9 || c === 13 || c === 11 || c === 12) {
      space = true;
      i++;
      continue;
    }
    if (c === 47 /* / */) {
      const c1 = s.charCodeAt(i + 1);
      if (c1 === 42 /* * */) {
        const end = s.indexOf('*/', i + 2);
        if (end < 0) {
          problems.push({ line, col: i - lineStart, message: 'unterminated comment', severity: 'error' });
          i = n;
          break;
        }
        for (let j = s.indexOf('\n', i + 2); j >= 0 && j < end; j = s.indexOf('\n', j + 1)) {
          line++;
          lineStart = j + 1;
        }
        i = end + 2;
        space = true;
        continue;
      }
      if (c1 === 47) {
        const end = s.indexOf('\n', i + 2);
        i = end < 0 ? n : end;
        space = true;
        continue;
      }
    }
    if (isIdentStart(c, asm)) {
      let j = i + 1;
      while (j < n && isIdentChar(s.charCodeAt(j), asm)) j++;
      const q = s.charCodeAt(j);
      if ((q === 34 || q === 39) && j - i <= 2) {
        const prefix = s.slice(i, j);
        // u8 prefixes strings only: u8'c' is C2x, which gcc's C modes here lex as u8 'c'.
        if (prefix === 'L' || prefix === 'u' || prefix === 'U' || (prefix === 'u8' && q === 34)) {
          const end = scanQuoted(s, j, q);
          if (end >= 0) {
            push(q === 34 ? 'string' : 'char', i, end);
            i = end;
            continue;
          }
        }
      }
      push('ident', i, j);
      i = j;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(s.charCodeAt(i + 1)))) {
      const end = scanNumber(s, i);
      push('number', i, end);
      i = end;
      continue;
    }
    if (c === 34 || c === 39) {
      const end = scanQuoted(s, i, c);
      if (end >= 0) {
        push(c === 34 ? 'string' : 'char', i, end);
        i = end;
        continue;
      }
      // gcc keeps the rest of the line as one token and warns (the compiler then rejects it); in
      // assembly the quote is ordinary text ("# don't", gas's 'c constants) and nobody warns.
      let eol = s.indexOf('\n', i);
      if (eol < 0) eol = n;
      push('other', i, eol, asm ? undefined : `missing terminating ${String.fromCharCode(c)} character`);
      i = eol;
      continue;
    }
    const plen = punctLength(s, i);
    if (plen > 0) {
      push('punct', i, i + plen);
      i += plen;
      continue;
    }
    push('other', i, i + 1);
    i++;
  }
  while (sp < splices.length) {
    line++;
    sp++;
  }
  tokens.push(makeToken('eof', '', file, line, i - lineStart, n, false, true, false, null, false, undefined, undefined));
  return { tokens, problems };
}
