// One file being preprocessed: its tokens, where we are, its open conditionals, and the
// presumed name and numbering #line gives it. As a TokenSource it runs directive lines and skips
// excluded groups on the way, so the expander never sees either.

import { VA_ARGS_WARNING } from './define.js';
import type { TokenSource } from './expand.js';
import type { SourceFile, Token } from './token.js';

/** What a FileSource needs from the preprocessor driving it. */
export interface DirectiveRunner {
  directive(fs: FileSource, hash: Token): void;
  warn(at: Token, message: string): void;
}

export type CondType = 'if' | 'ifdef' | 'ifndef' | 'elif' | 'else';

export interface Cond {
  type: CondType;
  /** Where the conditional began (for "unterminated #if" and "the conditional began here"). */
  start: Token;
  /** The enclosing group is skipped, so no branch of this one can be taken. */
  parentSkipping: boolean;
  /** A branch has been taken (later #elif/#else groups are skipped). */
  taken: boolean;
  sawElse: boolean;
}

export class FileSource implements TokenSource {
  idx = 0;
  readonly stack: Token[] = [];
  readonly conds: Cond[] = [];
  skipping = false;
  /** #line changes the presumed name and numbering of the lines that follow. */
  presumedName: string;
  lineDelta = 0;
  system: boolean;
  /** Include-guard detection: the #ifndef at the very top and where its #endif ended. */
  guard: { name: string; cond: Cond | null } | null = null;
  guardEnd = -1;

  constructor(
    readonly pp: DirectiveRunner,
    readonly file: SourceFile,
    readonly toks: Token[],
    /** The search-list index the file was found at (for #include_next). */
    readonly dirIndex: number,
    readonly depth: number,
  ) {
    this.presumedName = file.name;
    this.system = file.system;
  }

  next(): Token {
    if (this.stack.length > 0) return this.stack.pop() as Token;
    const toks = this.toks;
    for (;;) {
      const t = toks[this.idx];
      if (t.kind === 'eof') return t;
      if (t.bol && t.kind === 'punct' && t.text === '#') {
        this.idx++;
        this.pp.directive(this, t);
        continue;
      }
      if (this.skipping) {
        this.skipLine();
        continue;
      }
      this.idx++;
      if (t.warn) this.pp.warn(t, t.warn);
      else if (t.kind === 'ident' && t.text === '__VA_ARGS__') this.pp.warn(t, VA_ARGS_WARNING);
      return t;
    }
  }

  peek(): Token {
    if (this.stack.length > 0) return this.stack[this.stack.length - 1];
    return this.toks[this.idx];
  }

  push(toks: Token[]): void {
    for (let k = toks.length - 1; k >= 0; k--) this.stack.push(toks[k]);
  }

  /** The rest of the current line's tokens (raw: unexpanded). */
  restOfLine(): Token[] {
    const toks = this.toks;
    const start = this.idx;
    let i = start;
    while (!toks[i].bol) i++;
    this.idx = i;
    return toks.slice(start, i);
  }

  skipLine(): void {
    const toks = this.toks;
    let i = this.idx + 1;
    while (!toks[i].bol) i++;
    this.idx = i;
  }
}
