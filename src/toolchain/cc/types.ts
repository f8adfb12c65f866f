// C types for x86-64 (LP64): sizes, alignment, and the names gcc prints in diagnostics.

import type { Token } from './tokenize.js';

export type TypeKind =
  | 'void' | 'bool' | 'char' | 'short' | 'int' | 'long' | 'enum'
  | 'ptr' | 'func' | 'array' | 'struct' | 'union';

export interface Member {
  name: string | null; // null: an anonymous struct/union member
  ty: Type;
  offset: number;
  tok: Token | null;
}

export interface Param {
  name: string | null;
  ty: Type;
  tok: Token | null;
  /** K&R parameters: given a type by a declaration before the body. */
  declared?: boolean;
}

const NO_MEMBERS: Member[] = [];
const NO_PARAMS: Param[] = [];

export interface Type {
  readonly kind: TypeKind;
  size: number;
  align: number;
  unsigned: boolean;
  isConst: boolean;
  isVolatile: boolean;
  /** Pointer target or array element. */
  base: Type | null;
  /** Arrays: element count; -1 when incomplete. */
  len: number;
  // struct/union
  members: Member[];
  tag: string | null;
  complete: boolean;
  isFlexible: boolean;
  packed: boolean;
  /** Shared by every copy (qualified variants) of one struct, so completing it completes them all. */
  rec: { def: Type } | null;
  // functions
  ret: Type | null;
  params: Param[];
  variadic: boolean;
  /** `int f()`: no prototype, so calls are not checked. */
  oldStyle: boolean;
  /** typedef name this type was spelled with (for diagnostics, like gcc). */
  typedefName: string | null;
  /** long long spelled as such (for names only). */
  longlong: boolean;
  /** float/double, tolerated only in system-header declarations; any use is an error. */
  isFloat: boolean;
  /** The pointer-to-this type, made once. */
  ptrTo: Type | null;
}

/** A plain object literal with every field, so all types share one hidden class (fast, no class-field setup). */
export function newType(kind: TypeKind, size: number, align: number): Type {
  return {
    kind, size, align, unsigned: false, isConst: false, isVolatile: false, base: null, len: 0,
    members: NO_MEMBERS, tag: null, complete: true, isFlexible: false, packed: false, rec: null,
    ret: null, params: NO_PARAMS, variadic: false, oldStyle: false, typedefName: null, longlong: false,
    isFloat: false, ptrTo: null,
  };
}

export const ty_void = newType('void', 1, 1);
export const ty_bool = newType('bool', 1, 1);
export const ty_char = newType('char', 1, 1);
export const ty_short = newType('short', 2, 2);
export const ty_int = newType('int', 4, 4);
export const ty_long = newType('long', 8, 8);
export const ty_uchar = unsignedOf(newType('char', 1, 1));
export const ty_ushort = unsignedOf(newType('short', 2, 2));
export const ty_uint = unsignedOf(newType('int', 4, 4));
export const ty_ulong = unsignedOf(newType('long', 8, 8));
export const ty_schar = newType('char', 1, 1); // 'signed char' spelled out
export const ty_llong = { ...newType('long', 8, 8), longlong: true };
export const ty_ullong = { ...unsignedOf(newType('long', 8, 8)), longlong: true };

function unsignedOf(t: Type): Type {
  t.unsigned = true;
  return t;
}

export function copyType(t: Type): Type {
  // Field by field in newType's order (an object spread of 22 fields is several times slower).
  return {
    kind: t.kind, size: t.size, align: t.align, unsigned: t.unsigned, isConst: t.isConst, isVolatile: t.isVolatile,
    base: t.base, len: t.len, members: t.members, tag: t.tag, complete: t.complete, isFlexible: t.isFlexible,
    packed: t.packed, rec: t.rec, ret: t.ret, params: t.params, variadic: t.variadic, oldStyle: t.oldStyle,
    typedefName: t.typedefName, longlong: t.longlong, isFloat: t.isFloat, ptrTo: null,
  };
}

/** The struct/union definition behind a possibly qualified copy. */
export function recordOf(t: Type): Type {
  return t.rec ? t.rec.def : t;
}

export function isInteger(t: Type): boolean {
  const k = t.kind;
  return k === 'bool' || k === 'char' || k === 'short' || k === 'int' || k === 'long' || k === 'enum';
}
export function isScalar(t: Type): boolean {
  return isInteger(t) || t.kind === 'ptr';
}
export function isPointerLike(t: Type): boolean {
  return t.kind === 'ptr' || t.kind === 'array';
}
export function isRecord(t: Type): boolean {
  return t.kind === 'struct' || t.kind === 'union';
}

export function pointerTo(base: Type): Type {
  if (base.ptrTo) return base.ptrTo;
  const t = newType('ptr', 8, 8);
  base.ptrTo = t;
  t.base = base;
  t.unsigned = true;
  return t;
}

export function arrayOf(base: Type, len: number): Type {
  const t = newType('array', base.size * Math.max(len, 0), base.align);
  t.base = base;
  t.len = len;
  return t;
}

export function funcType(ret: Type): Type {
  const t = newType('func', 1, 1);
  t.ret = ret;
  return t;
}

export function enumType(): Type {
  const t = newType('enum', 4, 4);
  t.unsigned = true; // gcc: an enum with no negative constants is unsigned int
  return t;
}

export function structType(kind: 'struct' | 'union'): Type {
  const t = newType(kind, 0, 1);
  t.complete = false;
  t.rec = { def: t };
  return t;
}

export function qualified(t: Type, isConst: boolean, isVolatile: boolean): Type {
  if (!isConst && !isVolatile) return t;
  const c = copyType(t);
  c.isConst = t.isConst || isConst;
  c.isVolatile = t.isVolatile || isVolatile;
  return c;
}

export function unqualified(t: Type): Type {
  if (!t.isConst && !t.isVolatile) return t;
  const c = copyType(t);
  c.isConst = false;
  c.isVolatile = false;
  return c;
}

/** Integer conversion rank order used by the usual arithmetic conversions. */
function rank(t: Type): number {
  switch (t.kind) {
    case 'bool': return 0;
    case 'char': return 1;
    case 'short': return 2;
    case 'int': case 'enum': return 3;
    default: return 4;
  }
}

/** Integer promotion: everything narrower than int becomes int. */
export function promote(t: Type): Type {
  if (t.kind === 'enum') return t.unsigned ? ty_uint : ty_int;
  if (rank(t) < 3) return ty_int;
  return t;
}

/** The usual arithmetic conversions for two integer operands. */
export function commonType(a: Type, b: Type): Type {
  if (a.kind === 'ptr' || a.kind === 'array') return pointerTo(a.base!);
  a = promote(a);
  b = promote(b);
  if (a.size !== b.size) return a.size > b.size ? plain(a) : plain(b);
  return a.unsigned || b.unsigned ? (a.size === 8 ? ty_ulong : ty_uint) : a.size === 8 ? ty_long : ty_int;
}

function plain(t: Type): Type {
  if (t.size === 8) return t.unsigned ? ty_ulong : ty_long;
  return t.unsigned ? ty_uint : ty_int;
}

export function isCompatible(a: Type, b: Type): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'char': case 'short': case 'int': case 'long':
      return a.unsigned === b.unsigned;
    case 'bool': case 'void':
      return true;
    case 'enum':
      return true;
    case 'ptr':
      return isCompatible(a.base!, b.base!) && a.base!.isConst === b.base!.isConst;
    case 'array':
      return isCompatible(a.base!, b.base!) && (a.len < 0 || b.len < 0 || a.len === b.len);
    case 'struct': case 'union':
      return recordOf(a) === recordOf(b);
    case 'func': {
      if (!isCompatible(a.ret!, b.ret!)) return false;
      if (a.oldStyle || b.oldStyle) return true;
      if (a.variadic !== b.variadic || a.params.length !== b.params.length) return false;
      for (let i = 0; i < a.params.length; i++) if (!isCompatible(unqualified(a.params[i]!.ty), unqualified(b.params[i]!.ty))) return false;
      return true;
    }
  }
  return false;
}

/** The type's name as gcc prints it in diagnostics: 'int *', 'const char *', 'struct foo'. */
export function typeName(t: Type): string {
  return render(t, '').trim();
}

function baseName(t: Type): string {
  if (t.typedefName) return t.typedefName;
  switch (t.kind) {
    case 'void': return 'void';
    case 'bool': return '_Bool';
    case 'char': return t === ty_schar ? 'signed char' : t.unsigned ? 'unsigned char' : 'char';
    case 'short': return t.unsigned ? 'short unsigned int' : 'short int';
    case 'int': return t.unsigned ? 'unsigned int' : 'int';
    case 'long': return t.longlong ? (t.unsigned ? 'long long unsigned int' : 'long long int') : t.unsigned ? 'long unsigned int' : 'long int';
    case 'enum': return t.tag ? `enum ${t.tag}` : 'enum <anonymous>';
    case 'struct': case 'union': return `${t.kind} ${t.tag ?? '<anonymous>'}`;
  }
  return '?';
}

function quals(t: Type): string {
  return (t.isConst ? 'const ' : '') + (t.isVolatile ? 'volatile ' : '');
}

// Renders like gcc: declarator text grows around the name from the inside out.
function render(t: Type, inner: string): string {
  if (t.typedefName) return `${quals(t)}${t.typedefName}${inner ? ' ' + inner : ''}`;
  switch (t.kind) {
    case 'ptr': {
      const q = t.isConst ? ' const' : '';
      const b = t.base!;
      const needParen = b.kind === 'array' || b.kind === 'func';
      const s = `*${q}${inner}`;
      return render(b, needParen ? `(${s})` : s);
    }
    case 'array':
      return render(t.base!, `${inner}[${t.len >= 0 ? t.len : ''}]`);
    case 'func': {
      const ps = t.params.map((p) => typeName(p.ty));
      if (t.variadic) ps.push('...');
      const list = t.oldStyle && ps.length === 0 ? '' : ps.length ? ps.join(', ') : 'void';
      return render(t.ret!, inner ? `${inner}(${list})` : `(${list})`).replace(/ \(/, (m) => (inner ? m : '('));
    }
    default: {
      const b = quals(t) + baseName(t);
      if (!inner) return b;
      return inner.startsWith('[') ? `${b}${inner}` : `${b} ${inner}`;
    }
  }
}
