// Type checking: gives every expression node its type, applies the integer promotions and the
// usual arithmetic conversions by inserting casts, and reports misuse (non-lvalues, bad operands,
// incompatible pointers). The parser calls addType on each expression as it builds it, because
// C's grammar itself depends on types (sizeof, typeof, member access).

import type { Diagnostic } from '../../diag.js';
import type { Node } from './ast.js';
import { CompileError } from './diagnostics.js';
import { diagAt } from './tokenize.js';
import {
  commonType, isCompatible, qualified, isInteger, isRecord, isScalar, pointerTo, promote, recordOf, ty_int, ty_long, ty_void,
  typeName, unqualified, type Type,
} from './types.js';

export interface TypeContext {
  warn(d: Diagnostic): void;
}

export function fail(tok: Node['tok'], message: string, length?: number): never {
  throw new CompileError([diagAt(tok, 'error', message, length)]);
}

export function newCast(expr: Node, ty: Type): Node {
  addType(expr);
  const from = expr.ty!;
  // A conversion to the same integer type changes nothing: no node (the usual arithmetic
  // conversions would otherwise wrap nearly every operand).
  if (from === ty || (isInteger(from) && from.kind === ty.kind && from.unsigned === ty.unsigned && from.size === ty.size && from.kind !== 'enum')) {
    return expr;
  }
  return { kind: 'cast', tok: expr.tok, lhs: expr, ty };
}

export function isNullPointerConstant(n: Node): boolean {
  let e = n;
  while (e.kind === 'cast' && (isInteger(e.ty!) || (e.ty!.kind === 'ptr' && e.ty!.base!.kind === 'void'))) e = e.lhs!;
  return e.kind === 'num' && e.val === 0n && isInteger(e.ty!);
}

function arith(node: Node): void {
  const ty = commonType(node.lhs!.ty!, node.rhs!.ty!);
  node.lhs = newCast(node.lhs!, ty);
  node.rhs = newCast(node.rhs!, ty);
}

function isLvalue(n: Node): boolean {
  return n.kind === 'var' || n.kind === 'deref' || n.kind === 'member' || n.kind === 'str';
}

function requireArith(node: Node, t: Type, op: string): void {
  if (!isInteger(t)) fail(node.tok, `invalid operands to binary ${op} (have '${typeName(node.lhs!.ty!)}' and '${typeName(node.rhs!.ty!)}')`);
}

const OPS: Partial<Record<Node['kind'], string>> = {
  add: '+', sub: '-', mul: '*', div: '/', mod: '%', band: '&', bor: '|', bxor: '^', shl: '<<', shr: '>>',
  eq: '==', ne: '!=', lt: '<', le: '<=',
};

export function addType(node: Node | undefined): void {
  if (!node || node.ty) return;
  addType(node.lhs);
  addType(node.rhs);
  // Only ?: and the statements have these (asking every node for them is a slow, megamorphic
  // load of a missing property).
  const k = node.kind;
  if (k === 'cond' || k === 'if' || k === 'for' || k === 'do' || k === 'switch') {
    addType(node.cond);
    addType(node.then);
    addType(node.els);
    addType(node.init);
    addType(node.inc);
  }

  switch (node.kind) {
    case 'num':
      node.ty = ty_int;
      return;
    case 'add': case 'sub': case 'mul': case 'div': case 'mod': case 'band': case 'bor': case 'bxor': {
      const l = node.lhs!.ty!;
      const r = node.rhs!.ty!;
      if (!isInteger(l) || !isInteger(r)) requireArith(node, isInteger(l) ? r : l, OPS[node.kind]!);
      arith(node);
      node.ty = node.lhs!.ty;
      return;
    }
    case 'neg': case 'bitnot': {
      const t = node.lhs!.ty!;
      if (!isInteger(t)) fail(node.tok, `wrong type argument to ${node.kind === 'neg' ? 'unary minus' : 'bit-complement'}`);
      const p = promote(t);
      node.lhs = newCast(node.lhs!, p);
      node.ty = p;
      return;
    }
    case 'shl': case 'shr': {
      const l = node.lhs!.ty!;
      const r = node.rhs!.ty!;
      if (!isInteger(l) || !isInteger(r)) requireArith(node, isInteger(l) ? r : l, OPS[node.kind]!);
      const p = promote(l);
      node.lhs = newCast(node.lhs!, p);
      node.rhs = newCast(node.rhs!, promote(r));
      node.ty = p;
      return;
    }
    case 'eq': case 'ne': case 'lt': case 'le': {
      const l = node.lhs!.ty!;
      const r = node.rhs!.ty!;
      if (isInteger(l) && isInteger(r)) arith(node);
      else if (!isScalar(l) && l.kind !== 'array' && l.kind !== 'func') fail(node.tok, `invalid operands to binary ${OPS[node.kind]} (have '${typeName(l)}' and '${typeName(r)}')`);
      else if (!isScalar(r) && r.kind !== 'array' && r.kind !== 'func') fail(node.tok, `invalid operands to binary ${OPS[node.kind]} (have '${typeName(l)}' and '${typeName(r)}')`);
      else {
        // Pointers (and a pointer against an integer) compare as unsigned addresses.
        node.lhs = newCast(node.lhs!, pointerTo(ty_void));
        node.rhs = newCast(node.rhs!, pointerTo(ty_void));
      }
      node.ty = ty_int;
      return;
    }
    case 'not': case 'logand': case 'logor':
      for (const side of [node.lhs, node.rhs]) {
        if (side && !isScalar(side.ty!) && side.ty!.kind !== 'array' && side.ty!.kind !== 'func') {
          fail(node.kind === 'not' ? node.tok : side.tok, node.kind === 'not' ? 'wrong type argument to unary exclamation mark' : `used ${side.ty!.kind === 'void' ? 'void' : side.ty!.kind} type value where scalar is required`);
        }
      }
      node.ty = ty_int;
      return;
    case 'var':
      node.ty = node.obj!.ty;
      return;
    case 'funcref':
      node.ty = node.obj!.ty;
      return;
    case 'assign': {
      const l = node.lhs!;
      if (!isLvalue(l) || l.ty!.kind === 'func') fail(node.tok, 'lvalue required as left operand of assignment');
      if (l.ty!.kind === 'array') fail(node.tok, `assignment to expression with array type`);
      if (l.ty!.isConst) {
        if (l.kind === 'var') fail(node.tok, `assignment of read-only variable '${l.obj!.name}'`);
        if (l.kind === 'member') fail(node.tok, `assignment of read-only member '${l.member!.name}'`);
        fail(node.tok, `assignment of read-only location`);
      }
      if (isRecord(l.ty!)) {
        if (!isRecord(node.rhs!.ty!) || recordOf(node.rhs!.ty!) !== recordOf(l.ty!)) {
          fail(node.tok, `incompatible types when assigning to type '${typeName(l.ty!)}' from type '${typeName(node.rhs!.ty!)}'`);
        }
      } else node.rhs = newCast(node.rhs!, l.ty!);
      node.ty = l.ty;
      return;
    }
    case 'cond': {
      const a = node.then!.ty!;
      const b = node.els!.ty!;
      if (a.kind === 'void' || b.kind === 'void') node.ty = ty_void;
      else if (isInteger(a) && isInteger(b)) {
        const t = commonType(a, b);
        node.then = newCast(node.then!, t);
        node.els = newCast(node.els!, t);
        node.ty = t;
      } else if (isRecord(a)) node.ty = a;
      else if (a.kind === 'ptr' || a.kind === 'array' || a.kind === 'func') {
        node.ty = a.kind === 'func' ? pointerTo(a) : isNullPointerConstant(node.then!) && (b.kind === 'ptr' || b.kind === 'array') ? pointerTo(b.base!) : pointerTo(a.kind === 'ptr' ? a.base! : a.base!);
        if (a.kind === 'ptr' && b.kind === 'ptr' && a.base!.kind === 'void') node.ty = a;
      } else node.ty = b.kind === 'func' ? pointerTo(b) : b.kind === 'array' ? pointerTo(b.base!) : b;
      return;
    }
    case 'comma':
      node.ty = node.rhs!.ty;
      return;
    case 'member':
      node.ty = node.member!.ty;
      if (node.lhs!.ty!.isConst && !node.ty!.isConst) node.ty = qualified(node.ty!, true, false);
      return;
    case 'addr': {
      const t = node.lhs!.ty!;
      node.ty = pointerTo(t);
      return;
    }
    case 'deref': {
      const t = node.lhs!.ty!;
      if (t.kind === 'func') {
        node.ty = t;
        return;
      }
      if (t.kind !== 'ptr' && t.kind !== 'array') fail(node.tok, `invalid type argument of unary '*' (have '${typeName(t)}')`);
      if (t.base!.kind === 'void') fail(node.tok, `dereferencing 'void *' pointer`);
      node.ty = t.base!;
      return;
    }
    case 'stmtexpr': {
      const body = node.body!;
      const last = body[body.length - 1];
      node.ty = last && last.kind === 'exprstmt' ? last.lhs!.ty : ty_void;
      return;
    }
    case 'postinc':
      node.ty = node.lhs!.ty;
      return;
    case 'str':
      return;
    default:
      if (!node.ty) node.ty = ty_void;
  }
}

export { isLvalue, unqualified, isCompatible };
