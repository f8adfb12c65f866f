// Expressions as GNU as reads them: numbers, symbols, `.`, numeric local labels (1f, 1b),
// character constants, unary - ~ ! +, and the binary operators in gas's precedence order
// (tightest first): * / % << >>, then | & ^ !, then + -, then comparisons, then &&, then ||.
//
// Evaluation yields `sym + add` or `sym - sub + add` (a relocatable value) or a plain constant.
// A difference of two labels folds to a constant once both addresses are fixed: at parse time
// only when both sit in the same frag, after relaxation always.
import { AsmError } from './errors.js';
import type { Cursor } from './lex.js';
import { symAddress, type Sym } from './model.js';

export type Expr =
  | { k: 'num'; v: bigint }
  | { k: 'sym'; s: Sym }
  | { k: 'un'; op: string; e: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr };

export interface Value {
  add: bigint;
  sym: Sym | null;
  sub: Sym | null;
}

export interface SymbolSource {
  /** The symbol named `name`, created (undefined) on first mention; `leading`: it starts the expression. */
  ref(name: string, leading?: boolean): Sym;
  /** A fresh anonymous symbol at the current location (for `.`). */
  dot(): Sym;
  /** `1b` / `1f`. */
  numericLabel(n: string, forward: boolean): Sym;
  /** A located warning (GNU carries on with a default value). */
  warn(message: string): void;
}

/** Where the outermost expression being parsed starts (GNU treats its first symbol specially). */
let exprStart = -1;

const RANK: Record<string, number> = {
  '*': 5, '/': 5, '%': 5, '<<': 5, '>>': 5,
  '|': 4, '&': 4, '^': 4, '!': 4,
  '+': 3, '-': 3,
  '==': 2, '!=': 2, '<>': 2, '<': 2, '>': 2, '<=': 2, '>=': 2,
  '&&': 1, '||': 0,
};

export const SYMBOL_START = /[A-Za-z_.$]/;
export const SYMBOL_CHAR = /[A-Za-z0-9_.$]/;

/** expr := unary (binop unary)*, with precedence climbing. */
export function parseExpr(c: Cursor, syms: SymbolSource, minRank = 0): Expr {
  if (minRank === 0) {
    c.skipWs();
    exprStart = c.i;
  }
  let left = parseUnary(c, syms);
  for (;;) {
    c.skipWs();
    const op = peekBinop(c);
    if (op === null) return left;
    const rank = RANK[op]!;
    if (rank < minRank) return left;
    c.i += op.length;
    const right = parseExpr(c, syms, rank + 1);
    left = fold({ k: 'bin', op, a: left, b: right });
  }
}

function peekBinop(c: Cursor): string | null {
  const s = c.s;
  const ch = s[c.i];
  const two = s.substr(c.i, 2);
  if (two === '<<' || two === '>>' || two === '==' || two === '!=' || two === '<>' || two === '<=' || two === '>=' || two === '&&' || two === '||') return two;
  if (ch === '*' || ch === '/' || ch === '%' || ch === '|' || ch === '&' || ch === '^' || ch === '+' || ch === '-' || ch === '<' || ch === '>') return ch;
  if (ch === '!' ) return '!';
  return null;
}

/** unary := ('-' | '~' | '!' | '+') unary | primary */
function parseUnary(c: Cursor, syms: SymbolSource): Expr {
  c.skipWs();
  const ch = c.s[c.i];
  if (ch === '-' || ch === '~' || ch === '!' || ch === '+') {
    c.i++;
    const e = parseUnary(c, syms);
    return ch === '+' ? e : fold({ k: 'un', op: ch, e });
  }
  return parsePrimary(c, syms);
}

/** primary := number | 'c | symbol | '.' | Nb | Nf | '(' expr ')' */
function parsePrimary(c: Cursor, syms: SymbolSource): Expr {
  c.skipWs();
  const s = c.s;
  const ch = s[c.i];
  if (ch === undefined || ch === ',' || ch === ')') {
    if (ch === undefined) syms.warn('missing operand; zero assumed');
    return { k: 'num', v: 0n };
  }
  if (ch === '(') {
    c.i++;
    const e = parseExpr(c, syms);
    c.skipWs();
    if (s[c.i] !== ')') throw new AsmError("missing ')'");
    c.i++;
    return e;
  }
  if (ch >= '0' && ch <= '9') {
    // Numeric local label reference: digits then 'b' or 'f' not followed by a symbol char.
    const m = /^([0-9]+)([bfBF])(?![A-Za-z0-9_.$])/.exec(s.slice(c.i, c.i + 24));
    if (m && !/^0[xXbB]/.test(m[0]!)) {
      c.i += m[0]!.length;
      return { k: 'sym', s: syms.numericLabel(m[1]!, m[2]!.toLowerCase() === 'f') };
    }
    return { k: 'num', v: parseNumber(c) };
  }
  if (ch === "'") {
    c.i++;
    let v: number;
    if (s[c.i] === '\\') {
      c.i++;
      v = escapeValue(c);
    } else {
      if (c.i >= s.length) throw new AsmError('missing operand');
      v = s.charCodeAt(c.i++);
    }
    if (s[c.i] === "'") c.i++;
    return { k: 'num', v: BigInt(v) };
  }
  if (ch === '.' && !SYMBOL_CHAR.test(s[c.i + 1] ?? ' ')) {
    c.i++;
    return { k: 'sym', s: syms.dot() };
  }
  if (SYMBOL_START.test(ch) || ch === '"') {
    const leading = c.i === exprStart;
    const name = c.symbolName();
    return { k: 'sym', s: syms.ref(name, leading) };
  }
  throw new AsmError(`junk at end of line, first unrecognized character is \`${ch}'`);
}

/** Reads a C-like integer: 0x.. 0b.. 0.. (octal) or decimal, as GNU as does. */
export function parseNumber(c: Cursor): bigint {
  const s = c.s;
  const start = c.i;
  let m: RegExpExecArray | null;
  const rest = s.slice(start, start + 80);
  if ((m = /^0[xX]([0-9a-fA-F]+)/.exec(rest))) {
    c.i += m[0]!.length;
    return BigInt('0x' + m[1]!) & 0xffffffffffffffffn;
  }
  if ((m = /^0[bB]([01]+)/.exec(rest))) {
    c.i += m[0]!.length;
    return BigInt('0b' + m[1]!) & 0xffffffffffffffffn;
  }
  if ((m = /^0([0-7]+)/.exec(rest))) {
    c.i += m[0]!.length;
    return BigInt('0o' + m[1]!) & 0xffffffffffffffffn;
  }
  m = /^[0-9]+/.exec(rest)!;
  c.i += m[0]!.length;
  return BigInt(m[0]!) & 0xffffffffffffffffn;
}

/** After a backslash inside a string or character constant. */
export function escapeValue(c: Cursor): number {
  const s = c.s;
  const ch = s[c.i++];
  switch (ch) {
    case 'n': return 10;
    case 't': return 9;
    case 'r': return 13;
    case 'b': return 8;
    case 'f': return 12;
    case 'v': return 11;
    case 'a': return 7;
    case 'e': return 27;
    case '\\': return 92;
    case '"': return 34;
    case "'": return 39;
    case 'x':
    case 'X': {
      let v = 0;
      while (/[0-9a-fA-F]/.test(s[c.i] ?? '')) v = (v * 16 + parseInt(s[c.i++]!, 16)) & 0xff;
      return v;
    }
    default:
      if (ch !== undefined && ch >= '0' && ch <= '7') {
        let v = ch.charCodeAt(0) - 48;
        for (let k = 0; k < 2 && /[0-7]/.test(s[c.i] ?? ''); k++) v = v * 8 + (s.charCodeAt(c.i++) - 48);
        return v & 0xff;
      }
      return ch === undefined ? 92 : ch.charCodeAt(0);
  }
}

const M64 = 0xffffffffffffffffn;
const toS64 = (v: bigint) => BigInt.asIntN(64, v);

function fold(e: Expr): Expr {
  if (e.k === 'un' && e.e.k === 'num') return { k: 'num', v: unop(e.op, e.e.v) };
  if (e.k === 'bin' && e.a.k === 'num' && e.b.k === 'num') return { k: 'num', v: binop(e.op, e.a.v, e.b.v) };
  return e;
}

function unop(op: string, v: bigint): bigint {
  if (op === '-') return -v & M64;
  if (op === '~') return ~v & M64;
  return v === 0n ? 1n : 0n;
}

function binop(op: string, a: bigint, b: bigint): bigint {
  const sa = toS64(a);
  const sb = toS64(b);
  switch (op) {
    case '+': return (a + b) & M64;
    case '-': return (a - b) & M64;
    case '*': return (a * b) & M64;
    case '/': return sb === 0n ? divideByZero() : (sa / sb) & M64;
    case '%': return sb === 0n ? divideByZero() : (sa % sb) & M64;
    case '<<': return b >= 64n ? 0n : (a << b) & M64;
    case '>>': return b >= 64n ? 0n : (a >> b) & M64;
    case '|': return a | b;
    case '&': return a & b;
    case '^': return a ^ b;
    case '!': return (a | ~b) & M64;
    case '==': return a === b ? M64 : 0n;
    case '!=': case '<>': return a !== b ? M64 : 0n;
    case '<': return sa < sb ? M64 : 0n;
    case '>': return sa > sb ? M64 : 0n;
    case '<=': return sa <= sb ? M64 : 0n;
    case '>=': return sa >= sb ? M64 : 0n;
    case '&&': return a !== 0n && b !== 0n ? 1n : 0n;
    case '||': return a !== 0n || b !== 0n ? 1n : 0n;
  }
  return 0n;
}

/** GNU warns and uses 0; the warning is reported through the statement being assembled. */
let pendingWarnings: string[] = [];
function divideByZero(): bigint {
  pendingWarnings.push('division by zero');
  return 0n;
}

/** Warnings raised while folding constants since the last call. */
export function takeExprWarnings(): string[] {
  const w = pendingWarnings;
  pendingWarnings = [];
  return w;
}

/**
 * Evaluates `e`. `final` means every frag address is fixed. Returns null when the expression
 * cannot be represented as sym - sub + constant (e.g. a product of symbols).
 */
export function evaluate(e: Expr, final: boolean, depth = 0): Value | null {
  switch (e.k) {
    case 'num':
      return { add: e.v, sym: null, sub: null };
    case 'sym': {
      const s = e.s;
      // A global alias (`.globl a; .set a, b`) is a symbol of its own to relocations.
      if (s.equ && !s.global && !s.weak) {
        if (depth > 50) throw new AsmError(`symbol definition loop encountered at \`${s.name}'`);
        return evaluate(s.equ, final, depth + 1);
      }
      return { add: 0n, sym: s, sub: null };
    }
    case 'un': {
      const v = evaluate(e.e, final, depth);
      if (!v || v.sym || v.sub) return null;
      return { add: unop(e.op, v.add), sym: null, sub: null };
    }
    case 'bin': {
      const a = evaluate(e.a, final, depth);
      const b = evaluate(e.b, final, depth);
      if (!a || !b) return null;
      if (e.op === '+') {
        if (a.sub || b.sub) {
          if (!b.sym && !b.sub) return { ...a, add: (a.add + b.add) & M64 };
          if (!a.sym && !a.sub) return { ...b, add: (a.add + b.add) & M64 };
          return null;
        }
        if (a.sym && b.sym) return null;
        return { add: (a.add + b.add) & M64, sym: a.sym ?? b.sym, sub: null };
      }
      if (e.op === '-') {
        if (!b.sym && !b.sub) return { ...a, add: (a.add - b.add) & M64 };
        if (b.sub || a.sub || !a.sym) return null;
        const d = difference(a.sym, b.sym!, final);
        if (d !== null) return { add: (a.add - b.add + d) & M64, sym: null, sub: null };
        return { add: (a.add - b.add) & M64, sym: a.sym, sub: b.sym };
      }
      if (a.sym || a.sub || b.sym || b.sub) {
        // A label difference not yet known (relaxation pending) may still fold later.
        if (!final && (a.sub || b.sub) && !(a.sym && !a.sub) && !(b.sym && !b.sub)) return null;
        throw new AsmError(`invalid operands (${sectionOf(a)} and ${sectionOf(b)} sections) for \`${e.op}'`);
      }
      return { add: binop(e.op, a.add, b.add), sym: null, sub: null };
    }
  }
}

/** GNU's name for the section of a value, as its "invalid operands" error gives it. */
function sectionOf(v: Value): string {
  const s = v.sym;
  if (!s || v.sub) return v.sub ? '*UND*' : '*ABS*';
  if (s.common) return '*COM*';
  return s.section ? s.section.name : '*UND*';
}

/** a - b when it is known now, else null. */
function difference(a: Sym, b: Sym, final: boolean): bigint | null {
  if (a === b) return 0n;
  if (!a.section || !b.section || a.section !== b.section || a.common || b.common) return null;
  if (!final && a.frag !== b.frag) return null;
  return BigInt(symAddress(a) - symAddress(b));
}

/** The constant value of `e` if it has one now. */
export function constValue(e: Expr, final = false): bigint | null {
  if (e.k === 'num') return e.v;
  const v = evaluate(e, final);
  return v && !v.sym && !v.sub ? v.add : null;
}
