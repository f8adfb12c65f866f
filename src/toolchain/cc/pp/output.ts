// The text `gcc -E` prints: linemarkers and one output line per source line.
//
// A token goes on the output line of its source line (tokens an expansion produced go on the
// invocation's line). Gaps of up to 8 lines are bridged with blank lines, larger ones with a
// linemarker, like gcc. Tokens of a line that no macro touched keep their original columns: the
// writer copies the source's own whitespace (comments turned into spaces of the same width), so
// the compiler's `file:line:col` diagnostics point where the student's editor does.

import type { SourceFile, Token } from './token.js';

const MAX_BLANK_RUN = 8;

export class OutputWriter {
  /** The output so far (V8 concatenates strings as ropes, so appending is cheap). */
  private out = '';
  /**
   * Source text copied verbatim and not yet appended: [runStart, runEnd) of runText. Tokens and
   * the whitespace between them extend it, so a line no macro touched goes out as one slice of
   * its file instead of a piece per token and gap.
   */
  private runText: string | null = null;
  private runStart = 0;
  private runEnd = 0;
  /** The presumed file name, flags and line offset (#line) of the tokens being written. */
  private name = '';
  private system = false;
  private delta = 0;
  /** The presumed line number of the current output line. */
  private line = 0;
  /** Characters written on the current output line (0: at its start). */
  private col = 0;
  private prev: Token | null = null;
  /** The last token written came from a macro expansion (gcc then indents a following `#` line). */
  lastExpanded = false;
  /** The previous token came straight from the source (so the source's spacing can be copied). */
  private prevFromSource = false;

  constructor(
    private readonly markers: boolean,
    /**
     * Pad a token that follows a shorter expansion back to its own column (C: the compiler's
     * columns stay right). Not for assembly: gas reports no columns, and `8      (%rsp)` or a
     * space inside a gas macro argument would change how gas reads the line.
     */
    private readonly padColumns: boolean,
  ) {}

  /** Starts writing `file` at `line`: `# LINE "FILE" FLAGS` (1 entering an include; 3 4 system). */
  marker(file: SourceFile, line: number, flag?: 1): void {
    this.name = file.name;
    this.system = file.system;
    this.delta = 0;
    this.writeMarker(line, flag);
  }

  /** A linemarker for a built-in pseudo file such as `<command-line>`. */
  pseudoMarker(name: string, line: number, flag?: 2): void {
    this.endLine();
    if (this.markers) this.append(`# ${line} "${name}"${flag ? ' 2' : ''}\n`);
  }

  /** Changes the presumed name, line offset or system flag without printing anything. */
  setPresumed(name: string, delta: number, system: boolean): void {
    this.name = name;
    this.delta = delta;
    this.system = system;
  }

  /** Continues at presumed `line` with a linemarker (flag 2: back from an include). */
  resync(line: number, flag?: 2): void {
    this.writeMarker(line, flag);
  }

  /** `#pragma ...` from _Pragma on a line of its own, then back to the current line. */
  pragmaLine(text: string): void {
    const line = this.line;
    this.endLine();
    this.append(text + '\n');
    this.writeMarker(line);
  }

  private writeMarker(line: number, flag?: 1 | 2): void {
    this.endLine();
    this.line = line;
    if (!this.markers) return;
    let m = `# ${line} "${escapeName(this.name)}"`;
    if (flag) m += ` ${flag}`;
    if (this.system) m += ' 3 4';
    this.append(m + '\n');
  }

  /** Moves the output to presumed line `line` (blank lines, or a linemarker for a long gap). */
  private moveTo(line: number): void {
    if (this.col > 0 || this.prev !== null) {
      this.append('\n');
      this.col = 0;
      this.prev = null;
      this.line++;
      if (this.line === line) return;
    }
    const rest = line - this.line;
    if (!this.markers) {
      // -P: like gcc, no blank lines for skipped lines
    } else if (rest <= MAX_BLANK_RUN) this.append('\n'.repeat(rest));
    else {
      let m = `# ${line} "${escapeName(this.name)}"`;
      if (this.system) m += ' 3 4';
      this.append(m + '\n');
    }
    this.line = line;
  }

  /** `leadingSpace`: indent a '#' starting the line (gcc does after an expansion). */
  emit(t: Token, leadingSpace = false): void {
    const line = t.line + this.delta;
    if (line > this.line) this.moveTo(line);
    const s = t.file.text;
    if (this.prev === null) {
      // First token of the output line: copy the source line's indentation.
      this.pad(s, t.pos - t.col, t.pos, t.col);
      if (leadingSpace && this.col === 0) {
        this.append(' ');
        this.col++;
      }
    } else if (!t.expanded && this.prevFromSource && this.prev.file === t.file && this.prev.pos + this.prev.text.length <= t.pos) {
      const from = this.prev.pos + this.prev.text.length;
      // Only the gap between the two tokens is looked at (not the rest of the line each time).
      let nl = from;
      while (nl < t.pos && s.charCodeAt(nl) !== 10) nl++;
      if (nl === t.pos) this.pad(s, from, t.pos, t.pos - from);
      else {
        this.append(' ');
        this.col++;
      }
    } else if (this.padColumns && !t.expanded && this.col < t.col) {
      // After a shorter expansion, pad back to the token's own column.
      this.append(' '.repeat(t.col - this.col));
      this.col = t.col;
    } else if (t.space || avoidPaste(this.prev, t)) {
      this.append(' ');
      this.col++;
    }
    // A source token is copied as a stretch of its file's text (see run).
    if (!t.expanded && s.startsWith(t.text, t.pos)) this.copy(s, t.pos, t.pos + t.text.length);
    else this.append(t.text);
    this.col += t.text.length;
    this.prev = t;
    this.prevFromSource = !t.expanded;
    this.lastExpanded = t.expanded;
  }

  /** Writes a directive line we pass through (#pragma, #ident, unknown `#` lines in assembly). */
  emitLine(toks: Token[]): void {
    for (const t of toks) this.emit(t);
    this.endLine();
    this.line++;
  }

  /** Copies source whitespace between `from` and `to`, blanking comment characters. */
  private pad(s: string, from: number, to: number, width: number): void {
    if (to <= from) return;
    let ws = true;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      if (c !== 32 && c !== 9) {
        ws = false;
        break;
      }
    }
    if (ws) this.copy(s, from, to);
    else {
      let out = '';
      for (let i = from; i < to; i++) out += s.charCodeAt(i) === 9 ? '\t' : ' ';
      this.append(out);
    }
    this.col += width;
  }

  /** Appends text to the output (after the pending run). */
  private append(text: string): void {
    if (this.runText !== null) this.flushRun();
    this.out += text;
  }

  /** Appends s[from, to) from a file's text: extends the pending run when it continues it. */
  private copy(s: string, from: number, to: number): void {
    if (this.runText === s && this.runEnd === from) {
      this.runEnd = to;
      return;
    }
    if (this.runText !== null) this.flushRun();
    this.runText = s;
    this.runStart = from;
    this.runEnd = to;
  }

  private flushRun(): void {
    this.out += this.runText!.slice(this.runStart, this.runEnd);
    this.runText = null;
  }

  private endLine(): void {
    if (this.col > 0 || this.prev !== null) {
      this.append('\n');
      this.col = 0;
      this.prev = null;
    }
  }

  /** After a directive that printed nothing the output stays put; the next token moves it. */
  /** Characters written so far: where the next token will go, at the earliest. */
  get length(): number {
    return this.out.length + (this.runText !== null ? this.runEnd - this.runStart : 0);
  }

  finish(): string {
    this.endLine();
    if (this.runText !== null) this.flushRun();
    return this.out;
  }
}

function escapeName(name: string): string {
  return name.replace(/[\\"]/g, '\\$&');
}

function isIdentLike(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c >= 128;
}

/** Would printing `b` right after `a` make them lex as something else? (gcc's cpp_avoid_paste.) */
export function avoidPaste(a: Token, b: Token): boolean {
  const at = a.text;
  const bt = b.text;
  if (at.length === 0 || bt.length === 0) return false;
  const x = at.charCodeAt(at.length - 1);
  const y = bt.charCodeAt(0);
  if (isIdentLike(x) && isIdentLike(y)) return true;
  if (a.kind === 'number' && (b.kind === 'number' || b.kind === 'ident' || y === 46 || y === 43 || y === 45)) return true;
  if (a.kind === 'ident' && (y === 34 || y === 39) && (at === 'L' || at === 'u' || at === 'U' || at === 'u8')) return true;
  if (x === 46 && y >= 48 && y <= 57) return true; // . 5
  if (a.kind !== 'punct' || b.kind !== 'punct') return x === 47 && (y === 47 || y === 42);
  switch (x) {
    case 43: return y === 43 || y === 61; // + ++ +=
    case 45: return y === 45 || y === 61 || y === 62; // - -- -= ->
    case 60: return y === 60 || y === 61 || y === 58 || y === 37; // < << <= <: <%
    case 62: return y === 62 || y === 61; // >
    case 38: return y === 38 || y === 61; // &
    case 124: return y === 124 || y === 61; // |
    case 61: case 33: case 42: case 94: return y === 61; // = ! * ^
    case 47: return y === 61 || y === 47 || y === 42; // / /= // /*
    case 37: return y === 61 || y === 62 || y === 58; // % %= %> %:
    case 58: return y === 62 || y === 58; // :> ::
    case 35: return y === 35; // # ##
    case 46: return y === 46; // . ..
    default: return false;
  }
}
