// The editor's model: lines of text, a cursor, undo/redo and search, as plain data with no
// terminal in sight, so every editing rule is tested without rendering anything.
//
// Edits are recorded as snapshots of the lines they touched: undo puts back the text and the
// cursor as they were before the edit. Consecutive typed characters on one line coalesce into one
// undo step, as most editors do, so undo does not crawl back letter by letter.

export interface Pos {
  line: number; // 0-based
  col: number; // 0-based, in UTF-16 code units of the line
}

interface Edit {
  before: { lines: string[]; cursor: Pos };
  after: { lines: string[]; cursor: Pos };
  kind: 'type' | 'other';
}

export class Buffer {
  lines: string[];
  cursor: Pos = { line: 0, col: 0 };
  /** The column vertical movement tries to return to (kept across short lines). */
  private goal = 0;
  private undos: Edit[] = [];
  private redos: Edit[] = [];
  private savedText: string;
  private readonly eol: string;

  constructor(text: string) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
    this.lines = text.split(/\r?\n/);
    this.savedText = this.text();
  }

  text(): string {
    return this.lines.join(this.eol);
  }

  get dirty(): boolean {
    return this.text() !== this.savedText;
  }

  /** The buffer's text was written out: it is the new clean state. */
  markSaved(): void {
    this.savedText = this.text();
  }

  line(n = this.cursor.line): string {
    return this.lines[n] ?? '';
  }

  // ---- movement ----

  private clamp(p: Pos): Pos {
    const line = Math.max(0, Math.min(this.lines.length - 1, p.line));
    const col = Math.max(0, Math.min(this.line(line).length, p.col));
    return { line, col };
  }

  moveTo(p: Pos): void {
    this.cursor = this.clamp(p);
    this.goal = this.cursor.col;
  }

  left(): void {
    const { line, col } = this.cursor;
    if (col > 0) this.moveTo({ line, col: col - 1 });
    else if (line > 0) this.moveTo({ line: line - 1, col: this.line(line - 1).length });
  }

  right(): void {
    const { line, col } = this.cursor;
    if (col < this.line().length) this.moveTo({ line, col: col + 1 });
    else if (line < this.lines.length - 1) this.moveTo({ line: line + 1, col: 0 });
  }

  private vertical(dy: number): void {
    const line = Math.max(0, Math.min(this.lines.length - 1, this.cursor.line + dy));
    this.cursor = { line, col: Math.min(this.goal, this.line(line).length) };
  }

  up(n = 1): void {
    this.vertical(-n);
  }

  down(n = 1): void {
    this.vertical(n);
  }

  home(): void {
    // First press goes to the first non-blank, a second to column 0 (indentation-aware Home).
    const indent = this.line().length - this.line().trimStart().length;
    this.moveTo({ line: this.cursor.line, col: this.cursor.col === indent ? 0 : indent });
  }

  end(): void {
    this.moveTo({ line: this.cursor.line, col: this.line().length });
  }

  top(): void {
    this.moveTo({ line: 0, col: 0 });
  }

  bottom(): void {
    this.moveTo({ line: this.lines.length - 1, col: this.line(this.lines.length - 1).length });
  }

  // ---- editing ----

  /** Applies `fn` to the lines, recording an undo step that restores lines [from, from+count). */
  private edit(kind: Edit['kind'], fn: () => void): void {
    const before = { lines: this.lines.slice(), cursor: { ...this.cursor } };
    fn();
    const after = { lines: this.lines.slice(), cursor: { ...this.cursor } };
    this.goal = this.cursor.col;
    this.redos = [];
    const last = this.undos[this.undos.length - 1];
    if (kind === 'type' && last?.kind === 'type' && last.after.cursor.line === before.cursor.line && last.after.cursor.col === before.cursor.col) {
      last.after = after; // one undo step for a run of typing
      return;
    }
    this.undos.push({ before, after, kind });
    if (this.undos.length > 1000) this.undos.shift();
  }

  insert(s: string): void {
    if (s === '') return;
    const typed = s.length === 1 && s !== '\n' && s !== ' ';
    this.edit(typed ? 'type' : 'other', () => {
      const { line, col } = this.cursor;
      const cur = this.line(line);
      const parts = s.replace(/\r\n?/g, '\n').split('\n');
      const head = cur.slice(0, col);
      const tail = cur.slice(col);
      if (parts.length === 1) {
        this.lines[line] = head + parts[0] + tail;
        this.cursor = { line, col: col + parts[0]!.length };
      } else {
        const last = parts[parts.length - 1]!;
        const mid = parts.slice(1, -1);
        this.lines.splice(line, 1, head + parts[0], ...mid, last + tail);
        this.cursor = { line: line + parts.length - 1, col: last.length };
      }
    });
  }

  /** Enter: splits the line and carries its indentation to the new one. */
  newline(): void {
    const indent = /^[ \t]*/.exec(this.line())![0];
    this.insert('\n' + indent.slice(0, Math.min(indent.length, this.cursor.col)));
  }

  backspace(): void {
    const { line, col } = this.cursor;
    if (col === 0 && line === 0) return;
    this.edit('other', () => {
      if (col > 0) {
        const cur = this.line(line);
        this.lines[line] = cur.slice(0, col - 1) + cur.slice(col);
        this.cursor = { line, col: col - 1 };
      } else {
        const prev = this.line(line - 1);
        this.lines.splice(line - 1, 2, prev + this.line(line));
        this.cursor = { line: line - 1, col: prev.length };
      }
    });
  }

  deleteForward(): void {
    const { line, col } = this.cursor;
    if (col === this.line().length && line === this.lines.length - 1) return;
    this.edit('other', () => {
      const cur = this.line(line);
      if (col < cur.length) this.lines[line] = cur.slice(0, col) + cur.slice(col + 1);
      else this.lines.splice(line, 2, cur + this.line(line + 1));
    });
  }

  /** Ctrl-K: deletes to the end of the line (or the line break when already there). */
  killLine(): void {
    const { line, col } = this.cursor;
    if (col === this.line().length) return this.deleteForward();
    this.edit('other', () => {
      this.lines[line] = this.line(line).slice(0, col);
    });
  }

  /** Replaces the whole text (a reload from disk, a recovered autosave) as one undoable step. */
  setText(text: string): void {
    this.edit('other', () => {
      this.lines = text.split(/\r?\n/);
      this.cursor = this.clamp(this.cursor);
    });
  }

  undo(): boolean {
    const e = this.undos.pop();
    if (!e) return false;
    this.lines = e.before.lines.slice();
    this.cursor = { ...e.before.cursor };
    this.goal = this.cursor.col;
    this.redos.push(e);
    return true;
  }

  redo(): boolean {
    const e = this.redos.pop();
    if (!e) return false;
    this.lines = e.after.lines.slice();
    this.cursor = { ...e.after.cursor };
    this.goal = this.cursor.col;
    this.undos.push(e);
    return true;
  }

  // ---- search ----

  /**
   * Moves the cursor to the next occurrence of `query` after the cursor (or before it, backwards),
   * wrapping around the end. Case-insensitive unless the query has a capital letter (smartcase).
   */
  find(query: string, backwards = false): Pos | null {
    if (!query) return null;
    const fold = query === query.toLowerCase();
    const q = fold ? query : query;
    const hay = (n: number): string => (fold ? this.line(n).toLowerCase() : this.line(n));
    const n = this.lines.length;
    const { line, col } = this.cursor;
    if (!backwards) {
      for (let i = 0; i <= n; i++) {
        const ln = (line + i) % n;
        const from = i === 0 ? col + 1 : 0;
        const at = hay(ln).indexOf(q, from);
        if (at >= 0 && !(i === n && at >= col + 1)) return this.found({ line: ln, col: at });
      }
    } else {
      for (let i = 0; i <= n; i++) {
        const ln = (line - i + n * 2) % n;
        const h = hay(ln);
        const from = i === 0 ? col - 1 : h.length;
        if (from < 0) continue;
        const at = h.lastIndexOf(q, from);
        if (at >= 0) return this.found({ line: ln, col: at });
      }
    }
    return null;
  }

  private found(p: Pos): Pos {
    this.moveTo(p);
    return p;
  }
}
