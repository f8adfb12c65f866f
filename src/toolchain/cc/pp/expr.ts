// The #if expression evaluator (C11 6.10.1): integer constant expressions in intmax_t /
// uintmax_t, both 64 bits here, computed with bigint so every bit is exact. The tokens arrive
// macro-expanded, with `defined` and __has_include already replaced by 0 or 1.

import type { Token } from './token.js';

interface Value {
  v: bigint; // already reduced to the 64-bit range of its type
  u: boolean; // uintmax_t rather than intmax_t
}

export class ExprError extends Error {
  constructor(
    readonly at: Token | null,
    message: string,
    /** Locate just past `at` (gcc points at the end of the line when an operand is missing). */
    readonly after = false,
  ) {
    super(message);
  }
}

const OPERATORS = new Set(['*', '/', '%', '+', '-', '<<', '>>', '<', '>', '<=', '>=', '==', '!=', '&', '^', '|', '&&', '||', '?', ':', ',', '(', ')', '!', '~']);

export interface ExprHost {
  warn(at: Token, message: string, after?: boolean, tag?: string): void;
  /** -Wundef: an identifier that is no macro met in an evaluated part of the expression. */
  undefinedIdentifier?: (at: Token) => void;
}

const wrap = (v: bigint, u: boolean): bigint => (u ? BigInt.asUintN(64, v) : BigInt.asIntN(64, v));

// Binary operator precedence (higher binds tighter); ?: and , are handled separately.
const PREC: Record<string, number> = {
  '*': 10, '/': 10, '%': 10,
  '+': 9, '-': 9,
  '<<': 8, '>>': 8,
  '<': 7, '>': 7, '<=': 7, '>=': 7,
  '==': 6, '!=': 6,
  '&': 5, '^': 4, '|': 3, '&&': 2, '||': 1,
};

/** Evaluates a #if line; `end` locates errors about a missing operand at the end of the line. */
export function evaluate(toks: Token[], directive: Token, host: ExprHost): boolean {
  const p = new ExprParser(toks, directive, host);
  if (toks.length === 0) throw new ExprError(directive, `#${directive.text} with no expression`, true);
  const v = p.comma();
  if (p.i < toks.length) {
    const t = toks[p.i];
    if (isPunct(t, ')')) throw new ExprError(t, "missing '(' in expression");
    if (isPunct(t, ':')) throw new ExprError(t, " ':' without preceding '?'"); // sic: gcc's text
    if (t.kind === 'punct' && !OPERATORS.has(t.text)) throw new ExprError(t, `token "${t.text}" is not valid in preprocessor expressions`);
    throw new ExprError(t, `missing binary operator before token "${t.text}"`);
  }
  return v.v !== 0n;
}

function isPunct(t: Token | undefined, s: string): boolean {
  return t !== undefined && t.kind === 'punct' && t.text === s;
}

class ExprParser {
  i = 0;
  /** The operator whose right operand is being parsed (for "has no right operand"). */
  private pending: Token | null = null;
  /** >0 inside an operand that short-circuiting leaves unevaluated (no division-by-zero errors). */
  private skip = 0;

  constructor(
    private readonly toks: Token[],
    private readonly directive: Token,
    private readonly host: ExprHost,
  ) {}

  // comma: cond {',' cond}
  comma(): Value {
    let v = this.cond();
    while (isPunct(this.toks[this.i], ',')) {
      this.i++;
      v = this.cond();
    }
    return v;
  }

  // cond: binary(1) ['?' comma ':' cond]
  private cond(): Value {
    const c = this.binary(1);
    const q = this.toks[this.i];
    if (!isPunct(q, '?')) return c;
    this.i++;
    const take = c.v !== 0n;
    if (!take) this.skip++;
    const a = this.comma();
    if (!take) this.skip--;
    if (!isPunct(this.toks[this.i], ':')) {
      const at = this.toks[this.i];
      throw new ExprError(at ?? this.toks[this.toks.length - 1], "'?' without following ':'", at === undefined);
    }
    this.i++;
    if (take) this.skip++;
    const b = this.cond();
    if (take) this.skip--;
    const u = a.u || b.u;
    const r = take ? a : b;
    return { v: wrap(r.v, u), u };
  }

  // binary(p): unary {op binary(prec(op)+1)} for operators of precedence >= p
  private binary(minPrec: number): Value {
    let lhs = this.unary();
    for (;;) {
      const t = this.toks[this.i];
      if (t === undefined || t.kind !== 'punct') return lhs;
      const prec = PREC[t.text];
      if (prec === undefined || prec < minPrec) return lhs;
      this.i++;
      this.pending = t;
      if (t.text === '&&' || t.text === '||') {
        const short = t.text === '&&' ? lhs.v === 0n : lhs.v !== 0n;
        if (short) this.skip++;
        this.pending = t;
        const rhs = this.binary(prec + 1);
        if (short) this.skip--;
        const r = t.text === '&&' ? lhs.v !== 0n && rhs.v !== 0n : lhs.v !== 0n || rhs.v !== 0n;
        lhs = { v: r ? 1n : 0n, u: false };
        continue;
      }
      const rhs = this.binary(prec + 1);
      lhs = this.apply(t, lhs, rhs);
    }
  }

  private apply(op: Token, a: Value, b: Value): Value {
    const o = op.text;
    if (o === '<<' || o === '>>') return this.shift(o === '<<', a, b);
    const u = a.u || b.u;
    const x = wrap(a.v, u);
    const y = wrap(b.v, u);
    switch (o) {
      case '*': return this.arith(op, x * y, u);
      case '+': return this.arith(op, x + y, u);
      case '-': return this.arith(op, x - y, u);
      case '/':
      case '%':
        if (y === 0n) {
          if (this.skip > 0) return { v: 0n, u };
          throw new ExprError(op, 'division by zero in #if');
        }
        return this.arith(op, o === '/' ? x / y : x % y, u);
      case '<': return bool(x < y);
      case '>': return bool(x > y);
      case '<=': return bool(x <= y);
      case '>=': return bool(x >= y);
      case '==': return bool(x === y);
      case '!=': return bool(x !== y);
      case '&': return { v: wrap(x & y, u), u };
      case '^': return { v: wrap(x ^ y, u), u };
      case '|': return { v: wrap(x | y, u), u };
    }
    throw new ExprError(op, `token "${o}" is not valid in preprocessor expressions`);
  }

  private arith(op: Token, exact: bigint, u: boolean): Value {
    const v = wrap(exact, u);
    if (!u && v !== exact && this.skip === 0) this.overflow();
    return { v, u };
  }

  /** gcc reports overflow where the lexer stands: the token after the operand, or the line's end. */
  private overflow(): void {
    const next = this.toks[this.i];
    if (next) this.host.warn(next, 'integer overflow in preprocessor expression');
    else this.host.warn(this.toks[this.toks.length - 1], 'integer overflow in preprocessor expression', true);
  }

  // gcc: the result has the left operand's type; a negative count shifts the other way.
  private shift(left: boolean, a: Value, b: Value): Value {
    let n = b.v;
    if (!b.u && n < 0n) {
      left = !left;
      n = -n;
    }
    if (left) {
      if (n >= 64n) return { v: 0n, u: a.u };
      return { v: wrap(a.v << n, a.u), u: a.u };
    }
    if (n >= 64n) return { v: !a.u && a.v < 0n ? -1n : 0n, u: a.u };
    return { v: a.v >> n, u: a.u }; // bigint >> is arithmetic; unsigned values are non-negative
  }

  // unary: ('+' | '-' | '~' | '!') unary | '(' comma ')' | number | char | identifier
  private unary(): Value {
    const t = this.toks[this.i];
    const pending = this.pending;
    this.pending = null;
    if (t === undefined) {
      const last = this.toks[this.toks.length - 1];
      if (pending) throw new ExprError(last, `operator '${pending.text}' has no right operand`, true);
      throw new ExprError(this.directive, `#${this.directive.text} with no expression`, true);
    }
    this.i++;
    switch (t.kind) {
      case 'number':
        return this.number(t);
      case 'char':
        return this.charConst(t);
      case 'ident':
        if (this.skip === 0) this.host.undefinedIdentifier?.(t);
        return { v: 0n, u: false }; // identifiers that are not macros are 0
      case 'punct':
        switch (t.text) {
          case '(': {
            if (isPunct(this.toks[this.i], ')')) throw new ExprError(this.toks[this.i], "missing expression between '(' and ')'");
            if (this.i >= this.toks.length) throw new ExprError(t, "missing ')' in expression");
            const v = this.comma();
            if (!isPunct(this.toks[this.i], ')')) throw new ExprError(t, "missing ')' in expression");
            this.i++;
            return v;
          }
          case '+': case '-': case '~': case '!': {
            this.pending = t;
            const v = this.unary();
            if (t.text === '+') return v;
            if (t.text === '-') {
              const r = wrap(-v.v, v.u);
              if (!v.u && r !== -v.v && this.skip === 0) this.overflow();
              return { v: r, u: v.u };
            }
            if (t.text === '~') return { v: wrap(~v.v, v.u), u: v.u };
            return bool(v.v === 0n);
          }
          case ')':
            throw new ExprError(t, "missing expression between '(' and ')'");
        }
        if (PREC[t.text] !== undefined || t.text === '?' || t.text === ':' || t.text === ',') {
          if (pending) throw new ExprError(t, `operator '${pending.text}' has no right operand`);
          throw new ExprError(t, `operator '${t.text}' has no left operand`);
        }
        break;
    }
    throw new ExprError(t, `token "${t.text}" is not valid in preprocessor expressions`);
  }

  private number(t: Token): Value {
    const s = t.text;
    let m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)([uUlL]*)$/.exec(s);
    if (m === null) {
      if (/^(0[xX][0-9a-fA-F.]*[pP]|[0-9.]*[.eE])/.test(s) && !/^0[xX][0-9a-fA-F]*$/.test(s)) {
        throw new ExprError(t, 'floating constant in preprocessor expression');
      }
      const d = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]*)(.*)$/.exec(s) as RegExpExecArray;
      throw new ExprError(t, `invalid suffix "${d[2]}" on integer constant`);
    }
    const digits = m[1];
    const suffix = m[2];
    if (!/^(|[uU]|[lL]|ll|LL|[uU](l|L|ll|LL)|(l|L|ll|LL)[uU])$/.test(suffix)) {
      throw new ExprError(t, `invalid suffix "${suffix}" on integer constant`);
    }
    let v: bigint;
    const decimal = !/^0[xXbB]/.test(digits) && !(digits.length > 1 && digits[0] === '0');
    if (/^0[bB]/.test(digits)) v = BigInt(digits);
    else if (/^0[xX]/.test(digits)) v = BigInt(digits);
    else if (!decimal) {
      if (/[89]/.test(digits)) throw new ExprError(t, `invalid digit "${/[89]/.exec(digits)![0]}" in octal constant`);
      v = BigInt('0o' + digits.slice(1));
    } else v = BigInt(digits);
    let u = /[uU]/.test(suffix);
    if (v > 0xffffffffffffffffn) {
      if (this.skip === 0) this.host.warn(t, 'integer constant is too large for its type');
      v = BigInt.asUintN(64, v);
      u = true;
    }
    if (!u && v > 0x7fffffffffffffffn) {
      if (decimal && this.skip === 0) this.host.warn(t, 'integer constant is so large that it is unsigned');
      u = true;
    }
    return { v: wrap(v, u), u };
  }

  // A character constant is an int; plain char is signed (x86-64), so '\377' is -1.
  private charConst(t: Token): Value {
    let s = t.text;
    let width = 8;
    let unsigned = false;
    if (s[0] === 'L') (width = 32), (s = s.slice(1));
    else if (s.startsWith('u8')) s = s.slice(2);
    else if (s[0] === 'u') (width = 16), (unsigned = true), (s = s.slice(1));
    else if (s[0] === 'U') (width = 32), (unsigned = true), (s = s.slice(1));
    const body = s.slice(1, -1);
    const chars = decodeChars(body);
    if (chars === null || chars.length === 0) throw new ExprError(t, 'empty character constant');
    if (chars.length === 1 || width !== 8) {
      const c = BigInt(chars[chars.length - 1]);
      let v = BigInt.asUintN(width, c);
      if (!unsigned && width < 64) v = BigInt.asIntN(width, v);
      if (chars.length > 1 && this.skip === 0) this.host.warn(t, 'character constant too long for its type');
      return { v, u: false };
    }
    if (chars.length > 4) {
      if (this.skip === 0) this.host.warn(t, 'character constant too long for its type');
    } else if (this.skip === 0) this.host.warn(t, 'multi-character character constant', false, '[-Wmultichar]');
    let v = 0n;
    for (const c of chars) v = (v << 8n) | BigInt(c & 0xff);
    return { v: BigInt.asIntN(32, v), u: false };
  }
}

function bool(b: boolean): Value {
  return { v: b ? 1n : 0n, u: false };
}

/** The code units of a character constant's body, escapes decoded; null if malformed. */
function decodeChars(body: string): number[] | null {
  const out: number[] = [];
  for (let i = 0; i < body.length; ) {
    const c = body[i];
    if (c !== '\\') {
      const cp = body.codePointAt(i) as number;
      out.push(cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    switch (e) {
      case 'n': out.push(10); break;
      case 't': out.push(9); break;
      case 'r': out.push(13); break;
      case 'a': out.push(7); break;
      case 'b': out.push(8); break;
      case 'f': out.push(12); break;
      case 'v': out.push(11); break;
      case 'e': case 'E': out.push(27); break;
      case '\\': case "'": case '"': case '?': out.push(e.charCodeAt(0)); break;
      case 'x': {
        let j = i;
        while (j < body.length && /[0-9a-fA-F]/.test(body[j])) j++;
        if (j === i) return null;
        out.push(Number(BigInt.asUintN(32, BigInt('0x' + body.slice(i, j)))));
        i = j;
        break;
      }
      default: {
        if (e !== undefined && e >= '0' && e <= '7') {
          let j = i - 1;
          while (j < body.length && j < i + 2 && body[j] >= '0' && body[j] <= '7') j++;
          out.push(parseInt(body.slice(i - 1, j), 8));
          i = j;
          break;
        }
        if (e === undefined) return null;
        out.push(e.charCodeAt(0));
      }
    }
  }
  return out;
}
