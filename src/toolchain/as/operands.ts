// AT&T operands: `%reg`, `$imm`, `disp(base,index,scale)`, `%seg:mem`, `sym(%rip)`, a bare
// expression (an absolute address, or a jump target), and `*` before an indirect jump target.
import { AsmError } from './errors.js';
import { parseExpr, evaluate, type Expr, type SymbolSource, type Value } from './expr.js';
import { Cursor, junk } from './lex.js';
import { lookupReg, type Reg } from './registers.js';
import type { Explicit } from './model.js';

export interface RegOp {
  k: 'reg';
  reg: Reg;
  star: boolean;
}
export interface ImmOp {
  k: 'imm';
  expr: Expr;
  /** Value at parse time (null: not representable). */
  val: Value | null;
  explicit?: Explicit;
  star: boolean;
}
export interface MemOp {
  k: 'mem';
  seg: Reg | null;
  disp: Expr | null;
  val: Value | null;
  base: Reg | null;
  index: Reg | null;
  scale: number;
  explicit?: Explicit;
  star: boolean;
  text: string;
}
export type Operand = RegOp | ImmOp | MemOp;

/** Splits an operand list at top-level commas. */
export function splitOperands(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (--depth < 0) throw unbalanced(out.length);
    }
    else if (ch === '"') {
      i++;
      while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
    } else if (ch === ',' && depth === 0) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (depth !== 0) throw unbalanced(out.length);
  out.push(s.slice(start).trim());
  return out;
}

function unbalanced(done: number): AsmError {
  return new AsmError(`unbalanced parenthesis in operand ${done + 1}.`);
}

function badBaseIndex(text: string): AsmError {
  return new AsmError(`\`${text}' is not a valid base/index expression`);
}

function reg(text: string): Reg {
  const r = lookupReg(text.slice(1));
  if (!r) throw new AsmError(`bad register name \`${text}'`);
  return r;
}

/** operand := '*'? ( '%' reg | '$' expr | '%' seg ':' mem | mem ) */
export function parseOperand(text: string, syms: SymbolSource): Operand {
  // Like GNU, a GOT reference brings _GLOBAL_OFFSET_TABLE_ into being before the operand's symbols.
  if (text.includes('@') && /@GOTPCREL/i.test(text)) syms.ref('_GLOBAL_OFFSET_TABLE_');
  let t = text;
  let star = false;
  if (t.startsWith('*')) {
    star = true;
    t = t.slice(1).trim();
    // `*` alone: an empty immediate, which the jump encoders refuse with GNU's words
    if (t === '') return { k: 'imm', expr: { k: 'num', v: 0n }, val: { add: 0n, sym: null, sub: null }, star };
  }
  if (t.startsWith('$')) {
    const c = new Cursor(t);
    c.i = 1;
    const expr = parseExpr(c, syms);
    const explicit = relocSuffix(c);
    c.end();
    return { k: 'imm', expr, val: evaluate(expr, false), explicit, star };
  }
  let seg: Reg | null = null;
  if (t.startsWith('%')) {
    const m = /^%([A-Za-z0-9]*)\s*/.exec(t)!;
    const r = reg('%' + m[1]);
    const rest = t.slice(m[0].length);
    if (rest === '') return { k: 'reg', reg: r, star };
    if (rest[0] === ':' && r.cls === 'seg') {
      seg = r;
      t = rest.slice(1).trim();
    } else if (rest[0] === '(' && r.cls !== 'seg') {
      throw new AsmError(`junk \`${rest}' after register`);
    } else {
      throw new AsmError(`junk \`${rest}' after register`);
    }
  }
  return parseMemory(t, seg, star, syms);
}

/** mem := expr? ( '(' base? (',' index (',' scale)?)? ')' )? */
function parseMemory(t: string, seg: Reg | null, star: boolean, syms: SymbolSource): MemOp {
  let dispText = t;
  let base: Reg | null = null;
  let index: Reg | null = null;
  let scale = 1;
  if (t.endsWith(')')) {
    let depth = 0;
    let open = -1;
    for (let i = t.length - 1; i >= 0; i--) {
      if (t[i] === ')') depth++;
      else if (t[i] === '(' && --depth === 0) {
        open = i;
        break;
      }
    }
    const inner = open >= 0 ? t.slice(open + 1, -1).trim() : '';
    if (open >= 0 && (inner === '' || inner[0] === '%' || inner[0] === ',')) {
      dispText = t.slice(0, open).trim();
      const parts = inner.split(',').map((p) => p.trim());
      if (parts.length > 3) throw new AsmError(`\`(${inner})' is not a valid base/index expression`);
      if (parts[0]) base = reg(parts[0]);
      if (parts.length >= 2) {
        if (parts[1]) index = reg(parts[1]);
        if (parts.length === 3) {
          const c = new Cursor(parts[2]!);
          const sv = parts[2] ? evaluate(parseExpr(c, syms), false) : null;
          const n = sv && !sv.sym && !sv.sub ? Number(sv.add) : NaN;
          if (![1, 2, 4, 8].includes(n)) throw new AsmError(`expecting scale factor of 1, 2, 4, or 8: got \`${parts[2]}'`);
          scale = n;
        }
      }
      const bad =
        (base && base.cls !== 'gpr' && base.cls !== 'rip') ||
        (base && base.size < 4) ||
        (index && (index.cls !== 'gpr' || index.size < 4 || index.name === 'rsp' || index.name === 'esp')) ||
        (base && index && base.size !== index.size) ||
        (base?.cls === 'rip' && index);
      if (bad) throw badBaseIndex(t.slice(open));
    }
  }
  let disp: Expr | null = null;
  let explicit: MemOp['explicit'];
  if (dispText !== '') {
    const c = new Cursor(dispText);
    disp = parseExpr(c, syms);
    explicit = relocSuffix(c);
    c.end();
  }
  return { k: 'mem', seg, disp, val: disp ? evaluate(disp, false) : null, base, index, scale, explicit, star, text: t };
}

export function relocSuffix(c: Cursor): Explicit | undefined {
  c.skipWs();
  if (c.peek() !== '@') return undefined;
  c.i++;
  const m = /^[A-Za-z]+/.exec(c.rest());
  const w = (m?.[0] ?? '').toUpperCase();
  c.i += m?.[0].length ?? 0;
  if (w === 'PLT') return 'plt';
  if (w === 'GOTPCREL') return 'gotpcrel';
  throw junk('@');
}
