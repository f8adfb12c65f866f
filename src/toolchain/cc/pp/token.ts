// Preprocessing tokens and the source files they come from.
//
// A file is read once, its line splices (backslash-newline) removed up front, and lexed into one
// token array. Tokens remember where they sit in the spliced text so the output writer can copy
// the original layout of lines that no macro touched.

export type TokenKind = 'ident' | 'number' | 'string' | 'char' | 'punct' | 'other' | 'eof';

export interface SourceFile {
  /** The name used in linemarkers, __FILE__ and diagnostics (as the user or the include named it). */
  name: string;
  /** The text with line splices removed; token positions index into this. */
  text: string;
  /** The file exactly as read, for quoting source lines in diagnostics. */
  raw: string;
  /** Found through a system include directory (linemarker flags "3 4"). */
  system: boolean;
  /** Lazily split raw lines (only needed when something is reported). */
  rawLines?: string[];
}

/** A set of macro names a token must not be expanded by (Prosser's hide sets), as a shared list. */
export interface HideSet {
  readonly name: string;
  readonly next: HideSet | null;
}

export interface Token {
  kind: TokenKind;
  text: string;
  file: SourceFile;
  /** 1-based physical line, or the line of the macro invocation for tokens an expansion produced. */
  line: number;
  /** 0-based offset of the token within its physical line (in characters). */
  col: number;
  /** Offset in file.text; the token's text occupies [pos, pos + text.length) unless it is synthetic. */
  pos: number;
  /** Whitespace (or a comment) came before the token on its logical line. */
  space: boolean;
  /** First token of a logical line (only source tokens; directives start with a bol '#'). */
  bol: boolean;
  /** Produced by a macro expansion (its position is the invocation's). */
  expanded: boolean;
  hs: HideSet | null;
  /** Painted blue: an identifier found inside its own expansion; never expands again. */
  noexpand: boolean;
  /** For a copy made by an expansion: the source token it descends from (where gcc points). */
  origin: Token | undefined;
  /** A lexer complaint (e.g. missing terminating ' character), reported only if the token is used. */
  warn: string | undefined;
}

export function hsContains(hs: HideSet | null, name: string): boolean {
  for (let h = hs; h; h = h.next) if (h.name === name) return true;
  return false;
}

export function hsAdd(hs: HideSet | null, name: string): HideSet {
  return hsContains(hs, name) ? (hs as HideSet) : { name, next: hs };
}

export function hsUnion(a: HideSet | null, b: HideSet | null): HideSet | null {
  if (!a) return b;
  if (!b) return a;
  let out = b;
  for (let h: HideSet | null = a; h; h = h.next) out = hsAdd(out, h.name);
  return out;
}

export function hsIntersect(a: HideSet | null, b: HideSet | null): HideSet | null {
  if (!a || !b) return null;
  let out: HideSet | null = null;
  for (let h: HideSet | null = a; h; h = h.next) if (hsContains(b, h.name)) out = { name: h.name, next: out };
  return out;
}

const SPACE = 1;
const BOL = 2;
const EXPANDED = 4;
const NOEXPAND = 8;

/**
 * A token's four flags share one number (read through accessors): a file's tokens are the
 * preprocessor's largest allocation (a 5,000-line file has some 90,000, and the headers' stay
 * cached for the process), and a field per flag made each one a quarter larger.
 */
class PPToken implements Token {
  constructor(
    public kind: TokenKind,
    public text: string,
    public file: SourceFile,
    public line: number,
    public col: number,
    public pos: number,
    private flags: number,
    public hs: HideSet | null,
    public origin: Token | undefined,
    public warn: string | undefined,
  ) {}

  get space(): boolean {
    return (this.flags & SPACE) !== 0;
  }
  set space(v: boolean) {
    this.flags = v ? this.flags | SPACE : this.flags & ~SPACE;
  }
  get bol(): boolean {
    return (this.flags & BOL) !== 0;
  }
  get expanded(): boolean {
    return (this.flags & EXPANDED) !== 0;
  }
  get noexpand(): boolean {
    return (this.flags & NOEXPAND) !== 0;
  }
  set noexpand(v: boolean) {
    this.flags = v ? this.flags | NOEXPAND : this.flags & ~NOEXPAND;
  }
}

// Every token is made by this one function, so all share one object shape (V8 keeps the hot
// paths monomorphic that way).
export function makeToken(
  kind: TokenKind,
  text: string,
  file: SourceFile,
  line: number,
  col: number,
  pos: number,
  space: boolean,
  bol: boolean,
  expanded: boolean,
  hs: HideSet | null,
  noexpand: boolean,
  origin: Token | undefined,
  warn: string | undefined,
): Token {
  const flags = (space ? SPACE : 0) | (bol ? BOL : 0) | (expanded ? EXPANDED : 0) | (noexpand ? NOEXPAND : 0);
  return new PPToken(kind, text, file, line, col, pos, flags, hs, origin, warn);
}

/** `t` with another spelling (a token object is never spread: its flags are not own fields). */
export function respelled(t: Token, text: string): Token {
  return makeToken(t.kind, text, t.file, t.line, t.col, t.pos, t.space, t.bol, t.expanded, t.hs, t.noexpand, t.origin, t.warn);
}

/** `t` placed like `at`, as produced by an expansion. */
export function placedAt(t: Token, at: Token): Token {
  return makeToken(t.kind, t.text, at.file, at.line, at.col, at.pos, t.space, t.bol, true, t.hs, t.noexpand, t.origin, t.warn);
}

/** A copy of `t` that an expansion produced at `at` (the invocation's place). */
export function copyAt(t: Token, at: Token, hs: HideSet | null): Token {
  return makeToken(t.kind, t.text, at.file, at.line, at.col, at.pos, t.space, false, true, hs, t.noexpand, t.expanded ? t.origin : t, undefined);
}

/** A token made out of thin air (a builtin's value, a stringized argument) placed like `at`. */
export function synth(kind: TokenKind, text: string, at: Token): Token {
  return makeToken(kind, text, at.file, at.line, at.col, at.pos, at.space, false, true, null, false, undefined, undefined);
}

export function rawLine(file: SourceFile, line: number): string {
  if (!file.rawLines) file.rawLines = file.raw.split(/\r?\n/);
  return file.rawLines[line - 1] ?? '';
}
