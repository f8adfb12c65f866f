// Macro expansion with rescanning (C11 6.10.3), using Prosser's hide sets: every token an
// expansion of M produces carries M in its hide set, and an identifier whose hide set names its
// own macro is painted blue and never expands again. gcc behaves the same on all the cases the
// test corpus exercises (including f(1)(2) with `#define f(x) x f`).

import { relexOne, stringize, type BuiltinName, type Macro } from './macro.js';
import { copyAt, hsAdd, hsContains, hsIntersect, hsUnion, synth, type HideSet, type Token } from './token.js';

/** Where expansion reads tokens from; expansions are pushed back in front of the rest. */
export interface TokenSource {
  /** The next token; an 'eof' token (repeatedly) at the end. */
  next(): Token;
  /** The token next() would return, without consuming it (never reads past a directive line). */
  peek(): Token;
  /** Makes `toks` the next tokens to be read, in order. */
  push(toks: Token[]): void;
}

/** Tokens of an array, then its trailing eof token forever. */
export class ArraySource implements TokenSource {
  private i = 0;
  private readonly stack: Token[] = [];
  constructor(
    private readonly toks: Token[],
    private readonly eof: Token,
  ) {}
  next(): Token {
    if (this.stack.length > 0) return this.stack.pop() as Token;
    return this.i < this.toks.length ? this.toks[this.i++] : this.eof;
  }
  peek(): Token {
    if (this.stack.length > 0) return this.stack[this.stack.length - 1];
    return this.i < this.toks.length ? this.toks[this.i] : this.eof;
  }
  push(toks: Token[]): void {
    for (let k = toks.length - 1; k >= 0; k--) this.stack.push(toks[k]);
  }
}

export interface ExpandHost {
  readonly macros: Map<string, Macro>;
  readonly asm: boolean;
  error(at: Token, message: string, afterToken?: boolean): void;
  note(at: Token, message: string, lineOnly?: boolean): void;
  warning(at: Token, message: string): void;
  /** The value of a builtin macro such as __LINE__ (may read operands from src, like _Pragma). */
  builtin(name: BuiltinName, at: Token, src: TokenSource): Token[];
  /** In #if: `defined X` and `__has_include(...)` become a number before anything else expands. */
  ifOperator(at: Token, src: TokenSource): Token | null;
  /** A macro expanded to nothing (gcc's output spacing notices that). */
  expandedEmpty(): void;
}

/** A stand-in for an empty argument next to ## (C11 6.10.3.3p2); removed after substitution. */
const PLACEMARKER_TEXT = '';

function isPlacemarker(t: Token): boolean {
  return t.kind === 'other' && t.text === PLACEMARKER_TEXT;
}

function isPunct(t: Token, text: string): boolean {
  return t.kind === 'punct' && t.text === text;
}

/** One substitution in progress: the macro, its arguments, and their expansions as computed. */
interface Subst {
  m: Extract<Macro, { kind: 'function' }>;
  inv: Invocation;
  expanded: (Token[] | undefined)[];
  at: Token;
  vaIndex: number;
}

interface Invocation {
  args: Token[][];
  /** The variable arguments were left out entirely (GNU: F(a) for F(x, ...)). */
  vaAbsent: boolean;
  rparen: Token;
}

export class Expander {
  /** Set while expanding a #if line: `defined` and __has_include are operators there. */
  inIf = false;
  /** >0 while collecting macro arguments (directives there are GNU extensions; #include is refused). */
  collecting = 0;

  constructor(private readonly host: ExpandHost) {}

  /** The next token of `src` after macro expansion. */
  next(src: TokenSource): Token {
    const macros = this.host.macros;
    for (;;) {
      const t = src.next();
      if (t.kind !== 'ident' || t.noexpand) return t;
      if (this.inIf) {
        const r = this.host.ifOperator(t, src);
        if (r) return r;
      }
      const m = macros.get(t.text);
      if (m === undefined) return t;
      if (t.hs !== null && hsContains(t.hs, t.text)) {
        t.noexpand = true; // only expanded copies carry hide sets, so this never paints a source token
        return t;
      }
      switch (m.kind) {
        case 'builtin': {
          if ((m.name === '__has_include' || m.name === '__has_include_next') && !this.inIf) return t;
          const out = this.host.builtin(m.name, t, src);
          if (out.length === 1 && m.name !== '_Pragma') return out[0];
          src.push(out);
          continue;
        }
        case 'object': {
          const body = this.substitute(m, null, t, hsAdd(t.hs, m.name));
          if (body.length === 0) this.host.expandedEmpty();
          src.push(body);
          continue;
        }
        case 'function': {
          const p = src.peek();
          if (!isPunct(p, '(')) return t;
          const inv = this.collectArgs(src, m, t, src.next());
          if (inv === null) return t;
          const hs = hsAdd(hsIntersect(t.hs, inv.rparen.hs), m.name);
          const body = this.substitute(m, inv, t, hs);
          if (body.length === 0) this.host.expandedEmpty();
          src.push(body);
          continue;
        }
      }
    }
  }

  /** Every token of `toks` fully expanded (a macro argument in isolation, or a directive's line). */
  expandAll(toks: Token[], eof: Token): Token[] {
    const src = new ArraySource(toks, eof);
    const out: Token[] = [];
    for (let t = this.next(src); t.kind !== 'eof'; t = this.next(src)) out.push(t);
    return out;
  }

  // args: '(' [arg {',' arg}] ')' — the '(' is already consumed. Commas inside nested parentheses
  // do not separate arguments, nor do commas in the variable part.
  private collectArgs(src: TokenSource, m: Extract<Macro, { kind: 'function' }>, name: Token, lparen: Token): Invocation | null {
    const args: Token[][] = [];
    let cur: Token[] = [];
    let depth = 0;
    let last = lparen;
    const nparams = m.params.length;
    this.collecting++;
    try {
      for (;;) {
        const t = src.next();
        if (t.kind === 'eof') {
          this.host.error(last, `unterminated argument list invoking macro "${m.name}"`, true);
          return null;
        }
        last = t;
        if (t.kind === 'punct') {
          if (t.text === '(') depth++;
          else if (t.text === ')') {
            if (depth === 0) {
              args.push(cur);
              return this.checkArgs(m, args, t);
            }
            depth--;
          } else if (t.text === ',' && depth === 0 && !(m.variadic && args.length === nparams - 1)) {
            args.push(cur);
            cur = [];
            continue;
          }
        }
        cur.push(t);
      }
    } finally {
      this.collecting--;
    }
  }

  private checkArgs(m: Extract<Macro, { kind: 'function' }>, args: Token[][], rparen: Token): Invocation | null {
    const nparams = m.params.length;
    if (nparams === 0) {
      if (args.length === 1 && args[0].length === 0) return { args: [], vaAbsent: false, rparen };
      this.argCountError(m, `macro "${m.name}" passed ${args.length} arguments, but takes just 0`, rparen);
      return null;
    }
    if (args.length === nparams) return { args, vaAbsent: false, rparen };
    if (args.length < nparams) {
      if (m.variadic && args.length === nparams - 1) {
        args.push([]);
        return { args, vaAbsent: true, rparen };
      }
      this.argCountError(m, `macro "${m.name}" requires ${nparams} arguments, but only ${args.length} given`, rparen);
      return null;
    }
    this.argCountError(m, `macro "${m.name}" passed ${args.length} arguments, but takes just ${nparams}`, rparen);
    return null;
  }

  private argCountError(m: Extract<Macro, { kind: 'function' }>, message: string, at: Token): void {
    this.host.error(at, message);
    if (m.def) this.host.note(m.def, `macro "${m.name}" defined here`, true);
  }

  /** The replacement list of `m` with arguments substituted, # and ## applied, placed at `at`. */
  private substitute(m: Macro, inv: Invocation | null, at: Token, hs: HideSet): Token[] {
    if (m.kind === 'builtin') return [];
    const body = m.body;
    const out: Token[] = [];
    if (m.kind === 'object' || inv === null) {
      for (let i = 0; i < body.length; i++) {
        const b = body[i];
        if (isPunct(b, '##') && i > 0 && i + 1 < body.length) {
          const lhs = out.pop() as Token;
          out.push(...this.paste(lhs, copyAt(body[i + 1], at, null), at, m, body[i - 1]));
          i++;
          continue;
        }
        out.push(copyAt(b, at, null));
      }
      return this.finish(out, at, hs);
    }

    const ctx: Subst = { m, inv, expanded: new Array(inv.args.length), at, vaIndex: m.variadic ? m.params.length - 1 : -1 };
    this.substRange(ctx, 0, body.length, out);
    return this.finish(out, at, hs);
  }

  /** Argument k after full macro expansion (computed once per invocation, when first needed). */
  private expandedArg(c: Subst, k: number): Token[] {
    let e = c.expanded[k];
    if (e === undefined) {
      e = this.expandAll(c.inv.args[k], synth('eof', '', c.at));
      c.expanded[k] = e;
    }
    return e;
  }

  /** __VA_OPT__ ( tokens ) at body[i]: the tokens when the variable arguments expand to something. */
  private vaOpt(c: Subst, i: number, to: number): { toks: Token[]; end: number } | null {
    const body = c.m.body;
    if (c.vaIndex < 0 || body[i].kind !== 'ident' || body[i].text !== '__VA_OPT__' || i + 1 >= to || !isPunct(body[i + 1], '(')) return null;
    let depth = 0;
    let end = -1;
    for (let j = i + 1; j < to; j++) {
      if (isPunct(body[j], '(')) depth++;
      else if (isPunct(body[j], ')') && --depth === 0) {
        end = j;
        break;
      }
    }
    if (end < 0) return null;
    const toks: Token[] = [];
    if (this.expandedArg(c, c.vaIndex).length > 0) this.substRange(c, i + 2, end, toks);
    const real = toks.filter((t) => !isPlacemarker(t));
    if (real.length > 0) real[0].space = body[i].space;
    return { toks: real, end };
  }

  /** Substitutes body[from, to) into `out` (placemarkers included); __VA_OPT__ recurses on its part. */
  private substRange(c: Subst, from: number, to: number, out: Token[]): void {
    const m = c.m;
    const body = m.body;
    const pidx = m.paramIndex;
    const args = c.inv.args;
    const inv = c.inv;
    const at = c.at;
    const vaIndex = c.vaIndex;
    for (let i = from; i < to; i++) {
      const b = body[i];
      const k = pidx[i];
      // '#' parameter: the argument's spelling as a string literal.
      if (isPunct(b, '#') && i + 1 < to && pidx[i + 1] >= 0) {
        let text = stringize(args[pidx[i + 1]]);
        if (/(^|[^\\])(\\\\)*\\"$/.test(text)) {
          // An odd number of backslashes before the closing quote would escape it.
          this.host.warning(inv.rparen, "invalid string literal, ignoring final '\\'");
          text = text.slice(0, -2) + '"';
        }
        const s = synth('string', text, at);
        s.space = b.space;
        out.push(s);
        i++;
        continue;
      }
      // '##': paste the token before with the next one (an argument here is not macro-expanded).
      if (isPunct(b, '##') && i + 1 < to && out.length > 0) {
        const rk = pidx[i + 1];
        const prev = out[out.length - 1];
        if (rk === vaIndex && rk >= 0 && isPunct(prev, ',') && isPunct(body[i - 1], ',')) {
          // GNU comma swallowing: `, ## __VA_ARGS__` drops the comma when there are no variable
          // arguments; otherwise it is an ordinary comma followed by the (unexpanded) arguments.
          if (args[rk].length === 0 && (inv.vaAbsent || m.params.length === 1)) out.pop();
          else for (const t of args[rk]) out.push(copyAt(t, at, t.hs));
          i++;
          continue;
        }
        let rhs: Token[];
        const where = body[i - 1];
        const opt = this.vaOpt(c, i + 1, to);
        if (opt) {
          rhs = opt.toks;
          i = opt.end;
        } else {
          if (rk >= 0) rhs = args[rk].map((t) => copyAt(t, at, t.hs));
          else rhs = [copyAt(body[i + 1], at, null)];
          i++;
        }
        if (rhs.length === 0) continue; // pasting with a placemarker leaves the left side
        const lhs = out.pop() as Token;
        if (isPlacemarker(lhs)) out.push(...rhs);
        else {
          out.push(...this.paste(lhs, rhs[0], at, m, where));
          for (let r = 1; r < rhs.length; r++) out.push(rhs[r]);
        }
        continue;
      }
      const opt = this.vaOpt(c, i, to);
      if (opt) {
        if (opt.toks.length === 0) out.push(synth('other', PLACEMARKER_TEXT, at));
        else out.push(...opt.toks);
        i = opt.end;
        continue;
      }
      if (k >= 0) {
        const nextIsPaste = i + 1 < to && isPunct(body[i + 1], '##');
        const src = nextIsPaste ? args[k] : this.expandedArg(c, k);
        if (src.length === 0) {
          if (nextIsPaste) out.push(synth('other', PLACEMARKER_TEXT, at));
          continue;
        }
        for (let r = 0; r < src.length; r++) {
          const c = copyAt(src[r], at, src[r].hs);
          if (r === 0) c.space = b.space;
          out.push(c);
        }
        continue;
      }
      out.push(copyAt(b, at, null));
    }
  }

  private finish(out: Token[], at: Token, hs: HideSet): Token[] {
    const res: Token[] = [];
    for (const t of out) {
      if (isPlacemarker(t)) continue;
      t.hs = hsUnion(t.hs, hs);
      res.push(t);
    }
    if (res.length > 0) res[0].space = at.space;
    return res;
  }

  /** `lhs ## rhs`: one token spelled as both together, or (after an error) both, as gcc keeps them. */
  private paste(lhs: Token, rhs: Token, at: Token, m: Macro, where: Token): Token[] {
    const one = relexOne(lhs.text + rhs.text, this.host.asm);
    if (one === null) {
      if (!this.host.asm) {
        this.host.error(lhs.origin ?? at, `pasting "${lhs.text}" and "${rhs.text}" does not give a valid preprocessing token`);
        if (m.kind !== 'builtin' && m.def) this.host.note(where, `in definition of macro '${m.name}'`);
      }
      const r = copyAt(rhs, at, rhs.hs);
      r.space = this.host.asm;
      return [lhs, r];
    }
    const t = synth(one.kind, one.text, at);
    t.space = lhs.space;
    return [t];
  }
}
