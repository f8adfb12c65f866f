// Turns source text into statements: comments removed (`#` to end of line, C-style block
// comments), lines split at `;`, each statement tagged with the file and line it came from.
// Preprocessor linemarkers (`# 12 "arch/x86/entry/entry_64.S"`) reset that location, so
// errors name the original source line as GNU as does.
import { AsmError } from './errors.js';
import { SYMBOL_CHAR, SYMBOL_START } from './expr.js';

export interface Statement {
  text: string;
  file: string;
  line: number;
  /** For lines a macro produced: where that macro was invoked (and so on outwards). */
  from?: { file: string; line: number; from?: Statement['from'] };
}

/** A read position in one statement's text. */
export class Cursor {
  i = 0;
  constructor(readonly s: string) {}
  skipWs(): void {
    const s = this.s;
    while (this.i < s.length && (s[this.i] === ' ' || s[this.i] === '\t')) this.i++;
  }
  atEnd(): boolean {
    this.skipWs();
    return this.i >= this.s.length;
  }
  peek(): string | undefined {
    return this.s[this.i];
  }
  eat(ch: string): boolean {
    this.skipWs();
    if (this.s.startsWith(ch, this.i)) {
      this.i += ch.length;
      return true;
    }
    return false;
  }
  /** A symbol name at the cursor (or a quoted "name"), or throws. */
  symbolName(): string {
    this.skipWs();
    const s = this.s;
    if (s[this.i] === '"') {
      const end = s.indexOf('"', this.i + 1);
      if (end < 0) throw new AsmError('missing closing `"\'');
      const name = s.slice(this.i + 1, end);
      this.i = end + 1;
      return name;
    }
    const start = this.i;
    if (!SYMBOL_START.test(s[this.i] ?? '')) throw new AsmError('expected symbol name');
    this.i++;
    while (this.i < s.length && SYMBOL_CHAR.test(s[this.i]!)) this.i++;
    return s.slice(start, this.i);
  }
  /** Errors unless only blanks remain. */
  end(): void {
    this.skipWs();
    if (this.i < this.s.length) throw junk(this.s[this.i]!);
  }
  rest(): string {
    return this.s.slice(this.i);
  }
}

export function junk(ch: string): AsmError {
  return new AsmError(`junk at end of line, first unrecognized character is \`${ch}'`);
}

const LINEMARKER = /^#\s*(\d+)\s+"((?:[^"\\]|\\.)*)"/;

/** Splits `source` into statements. */
export function splitStatements(source: string, file: string): Statement[] {
  const out: Statement[] = [];
  let curFile = file;
  let line = 1; // number of the current physical line
  let lineBase = 0; // linemarker adjustment: reported = line + lineBase
  let inBlock = false;
  const n = source.length;
  let pos = 0;
  while (pos <= n) {
    let eol = source.indexOf('\n', pos);
    if (eol < 0) eol = n;
    let raw = source.slice(pos, eol);
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    pos = eol + 1;
    const here = line + lineBase;
    line++;
    // On x86 GNU as, '/' (not starting a C comment) at the start of a line comments it out.
    if (!inBlock && raw.charCodeAt(0) === 47 /* / */ && raw[1] !== '*') continue;
    if (!inBlock && raw.charCodeAt(0) === 35 /* # */) {
      const m = LINEMARKER.exec(raw);
      if (m) {
        curFile = m[2]!.replace(/\\(.)/g, '$1');
        lineBase = Number(m[1]) - line;
        continue;
      }
    }
    // Strip comments, keeping strings intact; split at ';'.
    let cur = '';
    let i = 0;
    if (inBlock) {
      const close = raw.indexOf('*/');
      if (close < 0) continue;
      inBlock = false;
      i = close + 2;
      cur = ' ';
    }
    const len = raw.length;
    for (; i < len; i++) {
      const ch = raw[i]!;
      if (ch === '"') {
        let j = i + 1;
        while (j < len && raw[j] !== '"') j += raw[j] === '\\' ? 2 : 1;
        cur += raw.slice(i, j + 1);
        i = j;
      } else if (ch === "'") {
        // character constant: the quote, then one (possibly escaped) character
        const step = raw[i + 1] === '\\' ? 3 : 2;
        cur += raw.slice(i, i + step);
        i += step - 1;
      } else if (ch === '#') {
        break;
      } else if (ch === '/' && raw[i + 1] === '*') {
        const close = raw.indexOf('*/', i + 2);
        if (close < 0) {
          inBlock = true;
          break;
        }
        cur += ' ';
        i = close + 1;
      } else if (ch === ';') {
        push(out, cur, curFile, here);
        cur = '';
      } else {
        cur += ch;
      }
    }
    push(out, cur, curFile, here);
    if (eol === n) break;
  }
  return out;
}

function push(out: Statement[], text: string, file: string, line: number): void {
  const t = text.trim();
  if (t) out.push({ text: t, file, line });
}

export { SYMBOL_CHAR, SYMBOL_START };
