// Kconfig expressions (Documentation/kbuild/kconfig-language.txt, "Menu dependencies"):
//
//   expr := <symbol> | <symbol> '=' <symbol> | <symbol> '!=' <symbol> | '(' expr ')'
//         | '!' expr | expr '&&' expr | expr '||' expr
//
// Values are tristates: 0 = n, 1 = m, 2 = y. '&&' is min, '||' is max, '!' is 2 - x.

export type Tri = 0 | 1 | 2;

export type Expr =
  | { kind: 'sym'; name: string; quoted: boolean }
  | { kind: 'not'; e: Expr }
  | { kind: 'and' | 'or'; a: Expr; b: Expr }
  | { kind: 'eq' | 'ne'; a: Expr & { kind: 'sym' }; b: Expr & { kind: 'sym' } };

export const triMin = (a: Tri, b: Tri): Tri => (a < b ? a : b);
export const triMax = (a: Tri, b: Tri): Tri => (a > b ? a : b);
export const triName = (t: Tri): 'n' | 'm' | 'y' => (t === 2 ? 'y' : t === 1 ? 'm' : 'n');

export function andExpr(a: Expr | undefined, b: Expr | undefined): Expr | undefined {
  if (!a) return b;
  if (!b) return a;
  return { kind: 'and', a, b };
}

export class ExprSyntaxError extends Error {
  constructor(
    message: string,
    readonly col: number,
  ) {
    super(message);
  }
}

type Tok = { t: string; col: number; quoted?: boolean };

function tokenize(s: string, base: number): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const two = s.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === '!=') {
      out.push({ t: two, col: base + i });
      i += 2;
    } else if ('()!='.includes(c)) {
      out.push({ t: c, col: base + i });
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let v = '';
      while (j < s.length && s[j] !== c) {
        if (s[j] === '\\' && j + 1 < s.length) j++;
        v += s[j];
        j++;
      }
      if (j >= s.length) throw new ExprSyntaxError('unterminated string', base + i);
      out.push({ t: v, col: base + i, quoted: true });
      i = j + 1;
    } else {
      const m = /^[A-Za-z0-9_.-]+/.exec(s.slice(i));
      if (!m) throw new ExprSyntaxError(`unexpected character '${c}'`, base + i);
      out.push({ t: m[0], col: base + i });
      i += m[0].length;
    }
  }
  return out;
}

/** Parses an expression; `col` is the 0-based column of `s` in its line, for error locations. */
export function parseExpr(s: string, col = 0): Expr {
  const toks = tokenize(s, col);
  let p = 0;
  const peek = (): Tok | undefined => toks[p];
  const isOp = (k: Tok | undefined, t: string): boolean => !!k && !k.quoted && k.t === t;

  // or := and ('||' and)*
  const or = (): Expr => {
    let e = and();
    while (isOp(peek(), '||')) {
      p++;
      e = { kind: 'or', a: e, b: and() };
    }
    return e;
  };
  // and := unary ('&&' unary)*
  const and = (): Expr => {
    let e = unary();
    while (isOp(peek(), '&&')) {
      p++;
      e = { kind: 'and', a: e, b: unary() };
    }
    return e;
  };
  // unary := '!' unary | '(' or ')' | sym [('=' | '!=') sym]
  const unary = (): Expr => {
    const k = peek();
    if (!k) throw new ExprSyntaxError('expression expected', col + s.length);
    if (isOp(k, '!')) {
      p++;
      return { kind: 'not', e: unary() };
    }
    if (isOp(k, '(')) {
      p++;
      const e = or();
      if (!isOp(peek(), ')')) throw new ExprSyntaxError("')' expected", peek()?.col ?? col + s.length);
      p++;
      return e;
    }
    const a = sym();
    const op = peek();
    if (isOp(op, '=') || isOp(op, '!=')) {
      p++;
      return { kind: op!.t === '=' ? 'eq' : 'ne', a, b: sym() };
    }
    return a;
  };
  const sym = (): Expr & { kind: 'sym' } => {
    const k = peek();
    if (!k || (!k.quoted && '()!=&&||'.includes(k.t) && !/^[A-Za-z0-9_]/.test(k.t)))
      throw new ExprSyntaxError('symbol expected', k?.col ?? col + s.length);
    p++;
    return { kind: 'sym', name: k.t, quoted: !!k.quoted };
  };

  const e = or();
  if (p < toks.length) throw new ExprSyntaxError(`unexpected '${toks[p]!.t}'`, toks[p]!.col);
  return e;
}

/** The symbols an expression mentions (for dependency listings). */
export function exprSymbols(e: Expr | undefined, out = new Set<string>()): Set<string> {
  if (!e) return out;
  switch (e.kind) {
    case 'sym':
      if (!e.quoted) out.add(e.name);
      break;
    case 'not':
      exprSymbols(e.e, out);
      break;
    default:
      exprSymbols(e.a, out);
      exprSymbols(e.b, out);
  }
  return out;
}
