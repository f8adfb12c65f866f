// C tokens from preprocessed text. The input is what `gcc -E` prints: source lines interleaved with
// `# LINE "FILE" FLAGS` linemarkers. Each token remembers the original file and line the markers
// name, and its column in that line, so diagnostics point at what the user wrote.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { displayColumn, type Diagnostic } from '../../diag.js';
import { CompileError } from './diagnostics.js';
import { spelling } from './intern.js';

export type TokenKind = 'ident' | 'punct' | 'num' | 'str' | 'char' | 'eof' | 'error';

export interface SrcFile {
  name: string;
  /** Lines of the original file when readable; otherwise filled from the preprocessed text. */
  /** Reads the original lines, only when a diagnostic needs them. */
  load: (() => string[] | null) | null;
  lines: string[] | null;
  fallback: Map<number, string>;
  /** The original file exists; otherwise the preprocessed lines stand in for it. */
  readable: boolean;
  /** Marked as a system header (linemarker flag 3): floating-point declarations are tolerated there. */
  system: boolean;
  /** The #include lines that led here, innermost first (linemarker flags 1 and 2); [] for the main file. */
  includedFrom: { file: string; line: number }[];
}

export interface Token {
  kind: TokenKind;
  text: string;
  file: SrcFile;
  line: number;
  /** 0-based character index in the line. */
  col: number;
  /** Constants, string literals and error tokens: what they carry besides their text (null for
   *  the identifiers and punctuators that make up most tokens, which stay small). */
  lit: Literal | null;
}

export interface Literal {
  /** Integer and character constants: the value (already wrapped to the constant's type). */
  val?: bigint;
  /** Integer constants: 'int' | 'uint' | 'long' | 'ulong'. */
  numType?: 'int' | 'uint' | 'long' | 'ulong';
  /** String literals: the decoded bytes without the terminating NUL. */
  bytes?: number[];
  /** A floating constant (reported as unsupported when the parser meets it). */
  isFloat?: true;
  /** 'error' tokens: the lexical error, reported when the parser reaches it (so it gets its context). */
  diag?: Diagnostic;
}

export function sourceLine(f: SrcFile, line: number): string | undefined {
  if (f.load) {
    f.lines = f.load();
    f.load = null;
  }
  if (f.lines && line - 1 < f.lines.length) return f.lines[line - 1];
  return f.fallback.get(line);
}

/**
 * The token's index in the original source line. A line that contained a macro call is laid out
 * expanded, so tokens after the call may have shifted; then the nearest spelling of the token in
 * the original line is where the user wrote it.
 */
function sourceIndex(tok: Token, src: string): number {
  const text = tok.text;
  if (!text || src.startsWith(text, tok.col)) return Math.min(tok.col, src.length);
  const isWord = /^[A-Za-z0-9_$]/.test(text);
  let best = -1;
  for (let i = src.indexOf(text); i >= 0; i = src.indexOf(text, i + 1)) {
    if (isWord && (/[A-Za-z0-9_$]/.test(src[i - 1] ?? '') || /[A-Za-z0-9_$]/.test(src[i + text.length] ?? ''))) continue;
    if (best < 0 || Math.abs(i - tok.col) < Math.abs(best - tok.col)) best = i;
  }
  return best >= 0 ? best : Math.min(tok.col, src.length);
}

function located(tok: Token, index: number, severity: Diagnostic['severity'], message: string, length: number): Diagnostic {
  const src = sourceLine(tok.file, tok.line);
  const col = src !== undefined ? displayColumn(src, Math.min(index, src.length)) : index + 1;
  const d: Diagnostic = { file: tok.file.name, line: tok.line, col, severity, message };
  if (tok.file.includedFrom.length) d.includedFrom = tok.file.includedFrom;
  if (src !== undefined) {
    d.sourceLine = src;
    d.length = Math.max(1, length);
  }
  return d;
}

/** Located diagnostic at a token. */
export function diagAt(tok: Token, severity: Diagnostic['severity'], message: string, length?: number): Diagnostic {
  const src = sourceLine(tok.file, tok.line);
  const index = src !== undefined ? sourceIndex(tok, src) : tok.col;
  return located(tok, index, severity, message, length ?? tok.text.length);
}

/** Diagnostic just past the end of a token (gcc's spot for "expected ';' before ..."). */
export function diagAfter(tok: Token, severity: Diagnostic['severity'], message: string): Diagnostic {
  const src = sourceLine(tok.file, tok.line);
  const index = (src !== undefined ? sourceIndex(tok, src) : tok.col) + tok.text.length;
  return located(tok, index, severity, message, 1);
}

const PUNCTS = [
  '<<=', '>>=', '...', '==', '!=', '<=', '>=', '->', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=',
  '&&', '||', '++', '--', '<<', '>>', '##',
];

const PUNCT1 = '()[]{};,.<>+-*/%&|^!~?:=#';
/** Two-character punctuators by their two char codes (c1 * 256 + c2), so lexing one allocates nothing. */
const PUNCT2_TEXT = new Map(PUNCTS.filter((p) => p.length === 2).map((p) => [p.charCodeAt(0) * 256 + p.charCodeAt(1), p]));
const ONE_CHAR = Array.from({ length: 128 }, (_, k) => String.fromCharCode(k));

/** Length of the punctuator at s[i] (first char code c; the line ends at n): 3, 2 or 1. Allocation-free. */
function punctLength(s: string, i: number, c: number, n: number): number {
  if (i + 1 >= n) return 1; // end of line
  const d = s.charCodeAt(i + 1);
  if (c === 46) return d === 46 && i + 2 < n && s.charCodeAt(i + 2) === 46 ? 3 : 1; // ...
  if ((c === 60 || c === 62) && d === c) return i + 2 < n && s.charCodeAt(i + 2) === 61 ? 3 : 2; // <<= >>= << >>
  return PUNCT2_TEXT.has(c * 256 + d) ? 2 : 1;
}

function mkTok(toks: Token[], kind: TokenKind, text: string, file: SrcFile, line: number, col: number): Token {
  // Every field present from the start keeps all tokens in one hidden class. (An object literal:
  // V8 allocates tokens, which live as long as the syntax tree, directly in the old generation.)
  const t: Token = { kind, text, file, line, col, lit: null };
  toks.push(t);
  return t;
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c >= 128;
}
function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

export interface TokenizeContext {
  mainFile: string;
  mainSource?: string;
  /** Directory relative file names are read from (default: process.cwd()). */
  cwd?: string;
  /** Offsets into the text, ascending (where the preprocessor reported something): filled into
   *  `anchorTokens` as the index of the first token at or after each (the eof token's after the last). */
  anchors?: number[];
  anchorTokens?: number[];
  /** Files known to be readable (those the preprocessor read), so not looked up again. */
  known?: ReadonlySet<string>;
}

const PSEUDO_FILES = new Set(['<built-in>', '<command-line>']);

/** An identifier `_Pragma` was lexed (only then is there anything for dropPragmaOperators). */
let sawPragma = false;

export function tokenize(text: string, ctx: TokenizeContext): Token[] {
  sawPragma = false;
  // One SrcFile per inclusion path, so a header included from two places names the right chain.
  const files = new Map<string, SrcFile>();
  const getFile = (name: string, chain: { file: string; line: number }[]): SrcFile => {
    let key = name;
    for (const c of chain) key += `\0${c.file}\0${c.line}`;
    let f = files.get(key);
    if (!f) {
      const isMain = name === ctx.mainFile && ctx.mainSource !== undefined;
      const path = resolve(ctx.cwd ?? process.cwd(), name);
      // The preprocessor just read the files it names; <built-in> and <command-line> are none.
      const readable = isMain || ctx.known?.has(name) === true || (!PSEUDO_FILES.has(name) && existsSync(path));
      const load = (): string[] | null => {
        try {
          const content = isMain ? ctx.mainSource! : readFileSync(path, 'utf8');
          return content.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
        } catch {
          return null;
        }
      };
      f = { name, load: readable ? load : null, lines: null, fallback: new Map(), system: false, readable, includedFrom: chain };
      files.set(key, f);
    }
    return f;
  };

  const toks: Token[] = [];
  let chain: { file: string; line: number }[] = [];
  let file = getFile(ctx.mainFile, chain);
  let line = 1;
  let pos = 0;
  const n = text.length;

  const anchors = ctx.anchors ?? [];
  const anchorTokens: number[] = [];
  let ai = 0;
  while (pos < n) {
    // One physical line of preprocessed text per iteration.
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    while (ai < anchors.length && anchors[ai]! < pos) anchorTokens[ai++] = toks.length;
    const lineStart = pos;
    const firstTok = toks.length;
    const lineEnd = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    pos = end + 1;

    // Linemarker or other directive left by the preprocessor.
    let k = lineStart;
    while (k < lineEnd && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    if (k < lineEnd && text.charCodeAt(k) === 35) {
      const lineText = text.slice(lineStart, lineEnd);
      const m = /^\s*#\s*(?:line\s+)?(\d+)(?:\s+"((?:[^"\\]|\\.)*)")?(.*)$/.exec(lineText);
      if (m) {
        const at = line;
        line = parseInt(m[1]!, 10);
        if (m[2] !== undefined) {
          const flags = m[3] ?? '';
          // Flag 1: entering an #include made on the current line; flag 2: back in the includer.
          if (/\b1\b/.test(flags)) chain = [{ file: file.name, line: at }, ...chain];
          else if (/\b2\b/.test(flags)) chain = chain.slice(1);
          file = getFile(m[2].replace(/\\(.)/g, '$1'), chain);
          if (/\b3\b/.test(flags)) file.system = true;
        }
      } else {
        line++;
      }
      continue; // #pragma, #ident and friends are ignored
    }

    if (!file.readable) file.fallback.set(line, text.slice(lineStart, lineEnd));
    try {
      lexLine(text, lineStart, lineEnd, file, line, toks);
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      const d = e.diagnostics[0]!;
      const bad = toks.pop()!; // the malformed token itself
      toks.push({ kind: 'error', text: '', file, line, col: 0, lit: { diag: d } });
      // What the preprocessor said about this line up to the malformed token comes before it.
      while (ai < anchors.length && anchors[ai]! <= lineStart + bad.col) {
        let k = firstTok;
        while (k < toks.length - 1 && lineStart + toks[k]!.col < anchors[ai]!) k++;
        anchorTokens[ai++] = k;
      }
      break;
    }
    while (ai < anchors.length && anchors[ai]! <= end) {
      let k = firstTok;
      while (k < toks.length && lineStart + toks[k]!.col < anchors[ai]!) k++;
      anchorTokens[ai++] = k;
    }
    line++;
  }
  while (ai < anchors.length) anchorTokens[ai++] = toks.length;
  const kept = sawPragma ? dropPragmaOperators(toks) : null;
  if (kept) for (let i = 0; i < anchorTokens.length; i++) anchorTokens[i] = kept[anchorTokens[i]!]!;
  if (ctx.anchors) ctx.anchorTokens = anchorTokens;
  const last = toks[toks.length - 1];
  if (last && last.kind === 'error') return toks;
  toks.push({ kind: 'eof', text: '', file: last ? last.file : file, line: last ? last.line : line, col: last ? last.col + last.text.length : 0, lit: null });
  return toks;
}

/** Lexes text[start, end) (one line, col 0 at `start`) onto toks. */
function lexLine(s: string, start0: number, n: number, file: SrcFile, line: number, toks: Token[]): void {
  let i = start0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 12 || c === 11 || c === 13) {
      i++;
      continue;
    }
    // Comments survive only with -C; skip them anyway.
    if (c === 47 && s.charCodeAt(i + 1) === 47) break;
    if (c === 47 && s.charCodeAt(i + 1) === 42) {
      const e = s.indexOf('*/', i + 2);
      i = e < 0 || e + 2 > n ? n : e + 2;
      continue;
    }
    const start = i;
    const col = start - start0;
    // Numbers (pp-numbers, then classified).
    if ((c >= 48 && c <= 57) || (c === 46 && i + 1 < n && s.charCodeAt(i + 1) >= 48 && s.charCodeAt(i + 1) <= 57)) {
      let h = c;
      i++;
      while (i < n) {
        const d = s.charCodeAt(i);
        if ((d === 43 || d === 45) && /[eEpP]/.test(s[i - 1]!)) i++;
        else if (isIdentChar(d) || d === 46) i++;
        else break;
        h = (Math.imul(h, 31) + d) | 0;
      }
      const t = mkTok(toks, 'num', spelling(s, start, i, h), file, line, col);
      convertNumber(t);
      continue;
    }
    // String and character literals, with an optional encoding prefix.
    let q = i;
    let prefix = '';
    if (c === 76 || c === 117 || c === 85) {
      // L" u" U" u8"
      const c1 = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c1 === 34 || c1 === 39) {
        prefix = s[i]!;
        q = i + 1;
      } else if (c === 117 && c1 === 56 && i + 2 < n && (s.charCodeAt(i + 2) === 34 || s.charCodeAt(i + 2) === 39)) {
        prefix = 'u8';
        q = i + 2;
      }
    }
    const qc = s.charCodeAt(q);
    if (qc === 34 || qc === 39) {
      const bytes: number[] = [];
      let j = q + 1;
      let closed = false;
      while (j < n) {
        const ch = s.charCodeAt(j);
        if (ch === qc) {
          closed = true;
          j++;
          break;
        }
        if (ch === 92) j = readEscape(s, j, n, bytes);
        else if (ch < 0x80) {
          bytes.push(ch);
          j++;
        } else {
          const cp = s.codePointAt(j)!;
          pushUtf8(cp, bytes);
          j += cp > 0xffff ? 2 : 1;
        }
      }
      i = j;
      const t = mkTok(toks, qc === 34 ? 'str' : 'char', s.slice(start, i), file, line, col);
      if (!closed) throw new CompileError([diagAt(t, 'error', qc === 34 ? 'missing terminating " character' : "missing terminating ' character")]);
      if (prefix && prefix !== 'u8') {
        throw new CompileError([diagAt(t, 'error', 'kwb does not support wide character or string literals')]);
      }
      if (qc === 34) t.lit = { bytes };
      else {
        if (bytes.length === 0) throw new CompileError([diagAt(t, 'error', 'empty character constant')]);
        // Multi-character constants: gcc packs them big-endian into an int.
        let v = 0;
        if (bytes.length === 1) v = (bytes[0]! << 24) >> 24;
        else for (const b of bytes.slice(-4)) v = ((v << 8) | b) | 0;
        t.lit = { val: BigInt(v), numType: 'int' };
      }
      continue;
    }
    if (isIdentStart(c)) {
      let h = c;
      i++;
      while (i < n) {
        const d = s.charCodeAt(i);
        if (!isIdentChar(d)) break;
        h = (Math.imul(h, 31) + d) | 0;
        i++;
      }
      const text = spelling(s, start, i, h);
      if (text === '_Pragma') sawPragma = true;
      mkTok(toks, 'ident', text, file, line, col);
      continue;
    }
    const len = punctLength(s, i, c, n);
    let p: string;
    if (len === 1) {
      p = c < 128 ? ONE_CHAR[c]! : s[i]!;
      if (!PUNCT1.includes(p)) {
        const shown = c < 32 || c === 127 ? `\\${c.toString(8)}` : p;
        const t = mkTok(toks, 'punct', p, file, line, col);
        throw new CompileError([diagAt(t, 'error', `stray '${shown}' in program`)]);
      }
    } else p = len === 2 ? PUNCT2_TEXT.get(c * 256 + s.charCodeAt(i + 1))! : c === 46 ? '...' : c === 60 ? '<<=' : '>>=';
    i += len;
    mkTok(toks, 'punct', p, file, line, col);
  }
}

/**
 * `_Pragma("...")` that reached the compiler has nothing left to say to it. When any is dropped,
 * returns each old index's new one (length + 1: the index after the last maps too).
 */
function dropPragmaOperators(toks: Token[]): number[] | null {
  let w = 0;
  let map: number[] | null = null;
  for (let r = 0; r < toks.length; r++) {
    const t = toks[r]!;
    if (t.kind === 'ident' && t.text === '_Pragma' && toks[r + 1]?.text === '(' && toks[r + 2]?.kind === 'str' && toks[r + 3]?.text === ')') {
      map ??= Array.from({ length: r }, (_, i) => i);
      for (let k = 0; k < 4; k++) map.push(w);
      r += 3;
      continue;
    }
    map?.push(w);
    toks[w++] = t;
  }
  map?.push(w);
  toks.length = w;
  return map;
}

function pushUtf8(cp: number, out: number[]): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
}

/** Reads one escape sequence starting at the backslash (the line ends at n); returns the index after it. */
function readEscape(s: string, j: number, n: number, out: number[]): number {
  if (j + 1 >= n) {
    out.push(92);
    return j + 1;
  }
  const c = s[j + 1]!;
  if (c >= '0' && c <= '7') {
    let v = 0;
    let k = j + 1;
    while (k < j + 4 && k < n && s[k]! >= '0' && s[k]! <= '7') v = v * 8 + (s.charCodeAt(k++) - 48);
    out.push(v & 255);
    return k;
  }
  if (c === 'x') {
    let v = 0;
    let k = j + 2;
    while (k < n && /[0-9a-fA-F]/.test(s[k]!)) v = (v * 16 + parseInt(s[k++]!, 16)) & 0xffff;
    out.push(v & 255);
    return k;
  }
  const v = SIMPLE_ESCAPES[c];
  out.push(v !== undefined ? v : c.charCodeAt(0) & 255);
  return j + 2;
}

const SIMPLE_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, e: 27, '\\': 92, "'": 39, '"': 34, '?': 63 };

const U32 = (1n << 32n) - 1n;
const I32MAX = (1n << 31n) - 1n;
const I64MAX = (1n << 63n) - 1n;
const U64 = (1n << 64n) - 1n;

/** Short decimal constants by spelling: their Literal, shared (tokens never change one). */
const SMALL = new Map<string, Literal>();

function convertNumber(t: Token): void {
  const s = t.text;
  // Fast path: short plain decimals (most constants) skip the general classification.
  if (s.length <= 9 && (s.length === 1 || s.charCodeAt(0) !== 48) && /^[0-9]+$/.test(s)) {
    let lit = SMALL.get(s);
    if (lit === undefined) {
      lit = { val: BigInt(s), numType: 'int' };
      if (SMALL.size < 4096) SMALL.set(s, lit);
    }
    t.lit = lit;
    return;
  }
  const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)([uUlL]*)$/.exec(s);
  if (!m) {
    if (/^(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|0[xX][0-9a-fA-F.]+[pP][+-]?\d+)[fFlL]?$/.test(s)) {
      t.lit = { isFloat: true };
      return;
    }
    throw new CompileError([diagAt(t, 'error', `invalid suffix "${s.replace(/^(0[xX][0-9a-fA-F]*|[0-9]*)/, '')}" on integer constant`)]);
  }
  const digits = m[1]!;
  const suffix = m[2]!.toLowerCase();
  if (!['', 'u', 'l', 'ul', 'lu', 'll', 'ull', 'llu'].includes(suffix)) {
    throw new CompileError([diagAt(t, 'error', `invalid suffix "${m[2]}" on integer constant`)]);
  }
  let v: bigint;
  if (/^0[bB]/.test(digits)) v = BigInt(digits);
  else if (/^0[xX]/.test(digits)) v = BigInt(digits);
  else if (digits.length > 1 && digits[0] === '0') v = BigInt('0o' + digits.slice(1));
  else v = BigInt(digits);
  if (v > U64) {
    v &= U64;
  }
  const isDec = !/^0/.test(digits) || digits === '0';
  const u = suffix.includes('u');
  const l = suffix.includes('l');
  let ty: 'int' | 'uint' | 'long' | 'ulong';
  if (u) ty = l || v > U32 ? 'ulong' : 'uint';
  else if (l) ty = v > I64MAX ? 'ulong' : 'long';
  else if (isDec) ty = v > I32MAX ? (v > I64MAX ? 'ulong' : 'long') : 'int';
  else ty = v <= I32MAX ? 'int' : v <= U32 ? 'uint' : v <= I64MAX ? 'long' : 'ulong';
  t.lit = { val: v, numType: ty };
}
