// The syntax tree the parser builds and the code generator walks. Every expression node carries
// its type once typecheck.ts has visited it.

import type { Token } from './tokenize.js';
import type { Member, Type } from './types.js';

export type NodeKind =
  // expressions
  | 'num' | 'var' | 'funcref' | 'str'
  | 'add' | 'sub' | 'mul' | 'div' | 'mod' | 'band' | 'bor' | 'bxor' | 'shl' | 'shr'
  | 'eq' | 'ne' | 'lt' | 'le'
  | 'logand' | 'logor' | 'not' | 'bitnot' | 'neg'
  | 'assign' | 'cond' | 'comma' | 'member' | 'addr' | 'deref' | 'cast'
  | 'call' | 'stmtexpr' | 'memzero' | 'nullexpr'
  | 'va_start' | 'va_arg' | 'va_copy'
  | 'postinc' // `x++` / `x--` with val = +1/-1 step in units of the pointee
  // statements
  | 'return' | 'if' | 'for' | 'do' | 'switch' | 'case' | 'block' | 'goto' | 'label'
  | 'exprstmt' | 'asm' | 'break' | 'continue';

export interface AsmOperand {
  constraint: string;
  name: string | null;
  expr: Node;
  tok: Token;
  /** For an input with an immediate constraint ("i", "n", ...): the expression's value as an
   *  integer constant expression, or (for "i") a symbol address plus offset; null if neither. */
  constant?: { label: string | null; val: bigint } | null;
}

export interface AsmStmt {
  template: string;
  outputs: AsmOperand[];
  inputs: AsmOperand[];
  clobbers: string[];
  /** Extended asm (with a colon): `%%` and `%0` are substituted; basic asm is literal. */
  extended: boolean;
}

export interface Node {
  kind: NodeKind;
  tok: Token;
  ty?: Type;
  lhs?: Node;
  rhs?: Node;
  // if / for / while / do / ?:
  cond?: Node;
  then?: Node;
  els?: Node;
  init?: Node;
  inc?: Node;
  // block / stmtexpr
  body?: Node[];
  // literals
  val?: bigint;
  /** For 'var': the variable; for 'funcref': the function. */
  obj?: Obj;
  member?: Member;
  // calls
  args?: Node[];
  funcTy?: Type;
  /** Temporary for a struct return value or hidden return pointer. */
  retBuf?: Obj;
  // goto / labels / loops / switch
  label?: string;
  uniqueLabel?: string;
  brkLabel?: string;
  contLabel?: string;
  cases?: Node[];
  defaultCase?: Node;
  /** case ranges `case lo ... hi:` */
  hi?: bigint;
  asm?: AsmStmt;
  /** 'postinc': +1/-1 */
  step?: number;
}

/** Bytes of a static initializer plus the addresses that must be relocated into it. */
export interface Reloc {
  offset: number;
  label: string;
  addend: bigint;
}

export interface Obj {
  name: string;
  /** Name in the assembly (locals: unused; static locals and literals get unique labels). */
  asmName: string;
  ty: Type;
  tok: Token | null;
  isLocal: boolean;
  offset: number;
  isFunction: boolean;
  isDefinition: boolean;
  isStatic: boolean;
  isExtern: boolean;
  isTentative: boolean;
  align: number;
  // data
  initData: Uint8Array | null;
  relocs: Reloc[];
  isString: boolean;
  // attributes
  section: string | null;
  weak: boolean;
  alias: string | null;
  used: boolean;
  isInline: boolean;
  noreturn: boolean;
  // functions
  params: Obj[];
  locals: Obj[];
  body: Node | null;
  stackSize: number;
  vaArea: Obj | null;
  /** True once referenced; static functions never used are not emitted (like gcc). */
  referenced: boolean;
  /** Its address is taken (`&x`, `&x.f`, an asm memory operand): it lives in memory for gcc too. */
  addressTaken: boolean;
  /** Names of functions this one refers to (to keep referenced static inlines alive). */
  refs: Set<Obj>;
}

export function newObj(name: string, ty: Type, tok: Token | null, isLocal: boolean): Obj {
  return {
    name, asmName: name, ty, tok, isLocal, offset: 0, isFunction: ty.kind === 'func', isDefinition: false,
    isStatic: false, isExtern: false, isTentative: false, align: ty.align,
    initData: null, relocs: [], isString: false,
    section: null, weak: false, alias: null, used: false, isInline: false, noreturn: false,
    params: [], locals: [], body: null, stackSize: 0, vaArea: null, referenced: false, addressTaken: false, refs: new Set(),
  };
}
