// Recursive-descent parser for C (C11 plus the GNU extensions Linux relies on). It builds the AST
// of ast.ts, typing each expression through typecheck.ts as it goes, and reports the first error
// the way gcc 12 words it.

import type { Diagnostic } from '../../diag.js';
import { newObj, type AsmOperand, type Node, type NodeKind, type Obj } from './ast.js';
import { CompileError } from './diagnostics.js';
import { suggest } from './spellcheck.js';
import { libBuiltin, matchesImplicit } from './libbuiltins.js';
import { diagAfter, diagAt, sourceLine, type Token } from './tokenize.js';
import { addType, fail, isNullPointerConstant, newCast } from './typecheck.js';
import {
  arrayOf, copyType, enumType, funcType, isCompatible, isInteger, isPointerLike, isRecord, isScalar, pointerTo,
  qualified, recordOf, structType, ty_bool, ty_char, ty_int, ty_llong, ty_long, ty_schar, ty_short, ty_uchar,
  ty_uint, ty_ullong, ty_ulong, ty_ushort, ty_void, newType, type Type, typeName, unqualified, type Member, type Param,
} from './types.js';

interface VarScope {
  obj?: Obj;
  typedef?: Type;
  enumTy?: Type;
  enumVal?: bigint;
}

interface Scope {
  vars: Map<string, VarScope>;
  tags: Map<string, Type>;
}

/** Storage class, function specifiers and attributes gathered from declaration specifiers. */
interface Attr {
  isTypedef: boolean;
  isStatic: boolean;
  isExtern: boolean;
  isInline: boolean;
  align: number;
  section: string | null;
  weak: boolean;
  alias: string | null;
  used: boolean;
  noreturn: boolean;
  packed: boolean;
  asmName: string | null;
}

function newAttr(): Attr {
  return {
    isTypedef: false, isStatic: false, isExtern: false, isInline: false, align: 0, section: null, weak: false,
    alias: null, used: false, noreturn: false, packed: false, asmName: null,
  };
}

/** A parsed initializer, mirroring the shape of the object it initializes. */
interface Init {
  ty: Type;
  expr: Node | null;
  /** Arrays and structs: one per element/member, created when first touched. */
  children: (Init | undefined)[] | null;
  /** Arrays of unknown size grow as elements are given. */
  open: boolean;
  /** Unions: the member chosen (by designator or the first). */
  unionMember: number;
  /** What gcc calls it in "(near initialization for 'a.b[2]')". */
  path: string;
}

export interface Program {
  globals: Obj[];
  toplevelAsm: string[];
  diagnostics: Diagnostic[];
}

const TYPE_KEYWORDS = new Set([
  'void', '_Bool', 'char', 'short', 'int', 'long', 'struct', 'union', 'typedef', 'enum', 'static', 'extern',
  '_Alignas', 'signed', 'unsigned', 'const', 'volatile', 'auto', 'register', 'restrict', '__restrict',
  '__restrict__', '_Noreturn', 'float', 'double', 'typeof', 'inline', '_Thread_local', '__thread', '__typeof__',
  '__typeof', '__inline', '__inline__', '__const', '__const__', '__volatile', '__volatile__', '__signed',
  '__signed__', '__attribute__', '__attribute', '__extension__', '__builtin_va_list', '_Complex',
  '__int128', '_Atomic', '_Float32', '_Float64', '_Float128', '_Float32x', '_Float64x', '__float128',
]);

const KEYWORDS = new Set([
  ...TYPE_KEYWORDS, 'return', 'if', 'else', 'for', 'while', 'do', 'switch', 'case', 'default', 'break',
  'continue', 'goto', 'sizeof', '_Alignof', '__alignof__', '__alignof', 'asm', '__asm__', '__asm',
  '_Static_assert', '_Generic',
]);

/** Binary operators by precedence, loosest first (logor .. mul in the grammar): see binaryExpr. */
const BINARY_PREC = new Map([
  ['||', 1], ['&&', 2], ['|', 3], ['^', 4], ['&', 5], ['==', 6], ['!=', 6], ['<', 7], ['<=', 7], ['>', 7], ['>=', 7],
  ['<<', 8], ['>>', 8], ['+', 9], ['-', 9], ['*', 10], ['/', 10], ['%', 10],
]);

/** A preprocessor's diagnostic and the index of the first token after the place it was reported. */
export interface PlacedDiagnostic {
  d: Diagnostic;
  at: number;
}

/**
 * Parses a translation unit. `pp`: the preprocessor's diagnostics, in order, each reported where
 * the parser reaches its token (so they interleave with the parser's, with the same "In function"
 * lines, as gcc's integrated preprocessor has them); a fatal one ends the compilation there.
 */
export function parse(toks: Token[], pp: PlacedDiagnostic[] = []): Program {
  uniqueId = 0; // labels and static-local names depend only on this translation unit
  const p = new Parser(toks, pp);
  try {
    return p.program();
  } catch (e) {
    // Errors raised outside the parser proper (typecheck, tokenizer) get the function context and
    // the warnings gathered so far, like the parser's own.
    if (e instanceof CompileError && !p.thrown.has(e)) {
      const first = e.diagnostics[0];
      if (first) p.withContext(first);
      throw new CompileError([...p.diags, ...e.diagnostics, ...p.restOfPp()]);
    }
    throw e;
  }
}

let uniqueId = 0;

class Parser {
  pos = 0;
  scopes: Scope[] = [{ vars: new Map(), tags: new Map() }];
  globals: Obj[] = [];
  toplevelAsm: string[] = [];
  diags: Diagnostic[] = [];
  // function being parsed
  fn: Obj | null = null;
  locals: Obj[] = [];
  gotos: Node[] = [];
  labels: Map<string, Node> = new Map();
  brkLabel: string | null = null;
  contLabel: string | null = null;
  curSwitch: Node | null = null;
  contextShownFor: Obj | null | undefined = undefined;
  undeclaredReported = new Set<string>();
  stringLits = new Map<string, Obj>();

  /** The functions parsed so far with their token ranges (end: the token after the body). */
  fnSpans: { fn: Obj; start: number; end: number }[] = [];
  ppNext = 0;

  constructor(
    readonly toks: Token[],
    readonly pp: PlacedDiagnostic[],
  ) {}

  /**
   * Reports the preprocessor's diagnostics placed at or before token `upTo`, each with the
   * context of the function it lies in. A fatal error ends the compilation with it.
   */
  flushPp(upTo: number): void {
    while (this.ppNext < this.pp.length && this.pp[this.ppNext]!.at <= upTo) {
      const { d, at } = this.pp[this.ppNext++]!;
      if (d.severity !== 'note') {
        let fn: Obj | null = null;
        for (let i = this.fnSpans.length - 1; i >= 0; i--) {
          const sp = this.fnSpans[i]!;
          if (sp.start <= at && at < sp.end) {
            fn = sp.fn;
            break;
          }
        }
        this.contextFor(d, fn);
      }
      this.diags.push(d);
      if (d.severity === 'fatal error') {
        while (this.pp[this.ppNext]?.d.severity === 'note') this.diags.push(this.pp[this.ppNext++]!.d);
        const e = new CompileError(this.diags);
        this.thrown.add(e);
        this.ppNext = this.pp.length;
        throw e;
      }
    }
  }

  /** After the parser's own (first) error: the preprocessor's diagnostics still to come, up to a fatal one. */
  restOfPp(): Diagnostic[] {
    const open = this.fnSpans[this.fnSpans.length - 1];
    if (open && open.end === Infinity) open.end = this.pos + 1;
    const n = this.diags.length;
    try {
      this.flushPp(Infinity);
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
    }
    return this.diags.slice(n);
  }

  // ---------------------------------------------------------------- token helpers

  get tok(): Token {
    const t = this.toks[this.pos]!;
    if (t.kind === 'error') this.throwDiag(t.lit!.diag!);
    return t;
  }
  peek(n = 1): Token {
    return this.toks[Math.min(this.pos + n, this.toks.length - 1)]!;
  }
  /** Where gcc places "at end of input" errors: the first token of the last line with tokens. */
  eofToken(): Token {
    let i = this.toks.length - 2;
    if (i < 0) return this.toks[0]!;
    const last = this.toks[i]!;
    while (i > 0 && this.toks[i - 1]!.line === last.line && this.toks[i - 1]!.file === last.file) i--;
    return this.toks[i]!;
  }

  atEof(): boolean {
    const k = this.toks[this.pos]!.kind;
    return k === 'eof' || k === 'error';
  }
  prev(): Token {
    return this.toks[Math.max(this.pos - 1, 0)]!;
  }
  next(): Token {
    const t = this.toks[this.pos]!;
    if (t.kind === 'error') this.throwDiag(t.lit!.diag!);
    if (t.kind !== 'eof') this.pos++;
    return t;
  }
  is(s: string): boolean {
    const t = this.toks[this.pos]!;
    return t.text === s && (t.kind === 'punct' || t.kind === 'ident');
  }
  consume(s: string): boolean {
    if (this.is(s)) {
      this.pos++;
      return true;
    }
    return false;
  }

  /** gcc's description of a token in "expected X before Y". */
  describe(t: Token): string {
    switch (t.kind) {
      case 'eof': return 'end of input';
      case 'num': return 'numeric constant';
      case 'str': return 'string constant';
      case 'char': return 'character constant';
      case 'punct': return `'${t.text}' token`;
      default: return `'${t.text}'`;
    }
  }

  error(tok: Token, message: string, length?: number): never {
    this.throwDiag(diagAt(tok, 'error', message, length));
  }

  thrown = new WeakSet<CompileError>();

  throwDiag(d: Diagnostic, notes: Diagnostic[] = []): never {
    this.withContext(d);
    // gcc 12 prints its spelling suggestion as a fix-it under the caret.
    const m = /did you mean (?:to use )?'([^']+)'\?$/.exec(d.message);
    if (m && d.fixit === undefined && d.sourceLine !== undefined && d.col > 0) d.fixit = m[1]!;
    const before = [...this.diags, d, ...notes];
    const e = new CompileError([...before, ...this.restOfPp()]);
    this.thrown.add(e);
    throw e;
  }

  warn(d: Diagnostic, notes: Diagnostic[] = []): void {
    this.withContext(d);
    this.diags.push(d, ...notes);
  }

  withContext(d: Diagnostic): void {
    if (this.ppNext < this.pp.length) this.flushPp(this.pos);
    this.contextFor(d, this.fn);
  }

  /** gcc's "In function 'f':" / "At top level:" line, when the function changed since the last one shown. */
  contextFor(d: Diagnostic, cur: Obj | null): void {
    const before = this.contextShownFor;
    if (before === cur) return;
    this.contextShownFor = cur;
    if (cur) d.context = `In function '${cur.name}':`;
    else if (before !== undefined) d.context = 'At top level:';
  }

  /** gcc's limit on nested brackets; deeper input would exhaust our recursion instead. */
  nesting = 0;
  enter(tok: Token): void {
    if (++this.nesting > 256) this.error(tok, 'bracket nesting level exceeded maximum of 256');
  }

  /** The error gcc's parser gives when a required token is missing: placed just after the previous token. */
  expected(what: string): never {
    const t = this.tok;
    const p = this.prev();
    if (t.kind === 'eof') this.error(this.eofToken(), `expected ${what} at end of input`);
    const d = diagAfter(p, 'error', `expected ${what} before ${this.describe(t)}`);
    if (p.line === t.line && p.file === t.file && d.sourceLine !== undefined) {
      const endCol = diagAt(t, 'error', '').col + t.text.length;
      d.length = Math.max(1, endCol - d.col);
    } else if (p.file === t.file && t.line > p.line && d.sourceLine !== undefined) {
      // gcc quotes the next token's line too and underlines it (with the line between, if one).
      const at = diagAt(t, 'error', '');
      if (at.sourceLine !== undefined) {
        d.ranges = [];
        if (t.line === p.line + 2) d.ranges.push({ line: p.line + 1, col: 0, endCol: 0, sourceLine: sourceLine(t.file, p.line + 1) ?? '' });
        d.ranges.push({ line: t.line, col: at.col, endCol: at.col + t.text.length - 1, sourceLine: at.sourceLine });
      }
    }
    // gcc 12 suggests inserting the missing closer where it belongs.
    if ((what === "';'" || what === "')'" || what === "']'") && d.sourceLine !== undefined) d.fixit = what.slice(1, -1);
    this.throwDiag(d, what === "')'" || what === "'}'" ? this.matching(d, what[1]!) : []);
  }

  /**
   * The bracket a missing `close` would match, as gcc shows it: underlined in the error's own
   * line when it is there, else a note "to match this '('" at it.
   */
  matching(d: Diagnostic, close: string): Diagnostic[] {
    const openText = close === ')' ? '(' : '{';
    const open = this.unclosed(openText, close);
    if (!open || d.sourceLine === undefined) return [];
    // gcc's attribute and asm parsers do not track the opening parenthesis.
    const i = this.toks.indexOf(open);
    const before = (k: number) => this.toks[i - k]?.text ?? '';
    if (/^(__attribute__|__attribute|asm|__asm__|__asm)$/.test(before(1)) || (before(1) === '(' && /^__attribute(__)?$/.test(before(2)))) return [];
    const at = diagAt(open, 'note', `to match this '${openText}'`);
    if (at.file === d.file && at.line === d.line && !d.includedFrom === !at.includedFrom) {
      (d.ranges ??= []).push({ line: d.line, col: at.col, endCol: at.col });
      return [];
    }
    return [at];
  }

  /** The nearest `open` before the current token that no `close` matches yet. */
  unclosed(open: string, close: string): Token | null {
    let depth = 0;
    for (let i = this.pos - 1; i >= 0; i--) {
      const t = this.toks[i]!;
      if (t.kind !== 'punct') continue;
      if (t.text === close) depth++;
      else if (t.text === open && depth-- === 0) return t;
    }
    return null;
  }

  /** Columns from `first` to the end of the last token read, when on one line (gcc's range of an expression). */
  spanFrom(first: Token): number | undefined {
    const last = this.prev();
    if (last.file !== first.file || last.line !== first.line) return undefined;
    const a = diagAt(first, 'error', '').col;
    const b = diagAt(last, 'error', '').col + last.text.length;
    return b > a ? b - a : undefined;
  }

  skip(s: string): Token {
    if (!this.is(s)) {
      // gcc places a missing closer just after the previous token, a missing opener at the next one.
      if (s === '(' || s === '[' || s === '{') this.expectedAt(`'${s}'`);
      this.expected(`'${s}'`);
    }
    return this.next();
  }

  /** Errors where gcc points at the offending token itself ("expected expression before ')' token"). */
  expectedAt(what: string): never {
    const t = this.tok;
    if (t.kind === 'eof') this.error(this.eofToken(), `expected ${what} at end of input`);
    const d = diagAt(t, 'error', `expected ${what} before ${this.describe(t)}`);
    if (what === "'('" && d.sourceLine !== undefined) d.fixit = '(';
    this.throwDiag(d, what === "'}'" ? this.matching(d, '}') : []);
  }

  ident(): Token {
    const t = this.tok;
    if (t.kind !== 'ident' || KEYWORDS.has(t.text)) this.expectedAt('identifier');
    return this.next();
  }

  // ---------------------------------------------------------------- scopes

  enterScope(): void {
    this.scopes.push({ vars: new Map(), tags: new Map() });
  }
  leaveScope(): void {
    this.scopes.pop();
  }
  findVar(name: string): VarScope | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i]!.vars.get(name);
      if (v) return v;
    }
    return undefined;
  }
  findTag(name: string): Type | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i]!.tags.get(name);
      if (v) return v;
    }
    return undefined;
  }
  pushScope(name: string): VarScope {
    const sc: VarScope = {};
    this.scopes[this.scopes.length - 1]!.vars.set(name, sc);
    return sc;
  }
  findTypedef(t: Token): Type | undefined {
    if (t.kind !== 'ident') return undefined;
    return this.findVar(t.text)?.typedef;
  }

  newLocal(name: string, ty: Type, tok: Token | null): Obj {
    const o = newObj(name, ty, tok, true);
    this.locals.push(o);
    if (name) this.pushScope(name).obj = o;
    return o;
  }

  newAnonGlobal(ty: Type, prefix = '.L.anon.'): Obj {
    const o = newObj('', ty, null, false);
    o.asmName = `${prefix}${uniqueId++}`;
    o.isStatic = true;
    o.isDefinition = true;
    this.globals.push(o);
    return o;
  }

  stringLiteral(tok: Token, bytes: number[]): Obj {
    const ty = arrayOf(ty_char, bytes.length + 1);
    const key = bytes.join(',');
    const cached = this.stringLits.get(key);
    if (cached) return cached;
    const o = newObj('', ty, tok, false);
    o.asmName = `.LC${this.stringLits.size}`;
    o.isStatic = true;
    o.isDefinition = true;
    o.isString = true;
    const data = new Uint8Array(bytes.length + 1);
    data.set(bytes);
    o.initData = data;
    this.stringLits.set(key, o);
    this.globals.push(o);
    return o;
  }

  isTypename(t: Token = this.tok): boolean {
    if (t.kind !== 'ident') return false;
    return TYPE_KEYWORDS.has(t.text) || this.findTypedef(t) !== undefined;
  }

  // ---------------------------------------------------------------- attributes

  // attribute = ("__attribute__" "((" attr-item ("," attr-item)* "))")*
  //           | asm-label  (`asm("name")` after a declarator)
  attributes(attr: Attr | null, ty?: Type): void {
    for (;;) {
      if (this.is('__attribute__') || this.is('__attribute')) {
        this.next();
        this.skip('(');
        this.skip('(');
        while (!this.is(')')) {
          if (this.tok.kind === 'eof') this.expected("')'");
          if (this.consume(',')) continue;
          const name = this.next().text.replace(/^__(.*)__$/, '$1');
          const args: Node[] = [];
          const argToks: Token[] = [];
          if (this.is('(')) {
            this.next();
            let depth = 1;
            // Parse constant/string arguments where we care; skip the rest.
            if (['aligned', 'section', 'alias', 'vector_size'].includes(name)) {
              while (!this.is(')')) {
                if (this.tok.kind === 'str') while (this.tok.kind === 'str') argToks.push(this.next());
                else args.push(this.conditional());
                if (!this.consume(',')) break;
              }
              this.skip(')');
            } else {
              while (depth > 0 && !this.atEof()) {
                const t = this.next();
                if (t.text === '(' && t.kind === 'punct') depth++;
                if (t.text === ')' && t.kind === 'punct') depth--;
              }
            }
          }
          switch (name) {
            case 'aligned': {
              const a = args.length ? Number(this.constExprOf(args[0]!)) : 16;
              if (attr) attr.align = Math.max(attr.align, a);
              if (ty && isRecord(ty)) ty.align = Math.max(ty.align, a);
              break;
            }
            case 'packed':
              if (attr) attr.packed = true;
              if (ty && isRecord(ty)) ty.packed = true;
              break;
            case 'section':
              if (attr && argToks[0]) attr.section = String.fromCharCode(...argToks.flatMap((t) => t.lit!.bytes!));
              break;
            case 'alias':
              if (attr && argToks[0]) attr.alias = String.fromCharCode(...argToks.flatMap((t) => t.lit!.bytes!));
              break;
            case 'weak':
              if (attr) attr.weak = true;
              break;
            case 'used':
              if (attr) attr.used = true;
              break;
            case 'noreturn':
              if (attr) attr.noreturn = true;
              break;
            case 'vector_size':
              this.error(this.prev(), 'kwb does not support vector types');
            default:
              break; // unused, regparm, format, cold, always_inline, ...: nothing to do on x86-64 at -O0
          }
        }
        this.skip(')');
        this.skip(')');
        continue;
      }
      if (this.is('asm') || this.is('__asm__') || this.is('__asm')) {
        this.next();
        this.skip('(');
        const t = this.tok;
        if (t.kind !== 'str') this.expectedAt('string literal');
        const bytes = this.stringBytes();
        if (attr) attr.asmName = String.fromCharCode(...bytes);
        this.skip(')');
        continue;
      }
      return;
    }
  }

  /** Adjacent string literals, concatenated. */
  stringBytes(): number[] {
    const out: number[] = [];
    while (this.tok.kind === 'str') out.push(...this.next().lit!.bytes!);
    return out;
  }

  // ---------------------------------------------------------------- declaration specifiers

  // declspec = ("void" | "_Bool" | "char" | "short" | "int" | "long" | "signed" | "unsigned"
  //            | struct-decl | union-decl | enum-specifier | typedef-name | typeof-specifier
  //            | "typedef" | "static" | "extern" | "inline" | "register" | "auto"
  //            | "const" | "volatile" | "restrict" | "_Noreturn" | "_Alignas" "(" ... ")"
  //            | attribute | "__extension__")+
  declspec(attr: Attr | null): Type {
    const VOID = 1 << 0, BOOL = 1 << 2, CHAR = 1 << 4, SHORT = 1 << 6, INT = 1 << 8, LONG = 1 << 10, OTHER = 1 << 12,
      SIGNED = 1 << 13, UNSIGNED = 1 << 14;
    let counter = 0;
    let ty: Type = ty_int;
    let isConst = false;
    let isVolatile = false;
    const startTok = this.tok;
    let sawAny = false;
    let floatSize = 0;

    for (;;) {
      const t = this.tok;
      if (t.kind !== 'ident') break;
      const s = t.text;
      if (s === 'typedef' || s === 'static' || s === 'extern' || s === 'inline' || s === '__inline' || s === '__inline__' || s === '_Thread_local' || s === '__thread') {
        if (!attr) this.error(t, 'storage class specified for parameter');
        if (s === 'typedef') attr.isTypedef = true;
        else if (s === 'static') attr.isStatic = true;
        else if (s === 'extern') attr.isExtern = true;
        else if (s.includes('inline')) attr.isInline = true;
        this.next();
        sawAny = true;
        continue;
      }
      if (s === 'auto' || s === 'register' || s === 'restrict' || s === '__restrict' || s === '__restrict__' || s === '__extension__' || s === '_Atomic') {
        this.next();
        sawAny = true;
        continue;
      }
      if (s === 'const' || s === '__const' || s === '__const__') {
        isConst = true;
        this.next();
        sawAny = true;
        continue;
      }
      if (s === 'volatile' || s === '__volatile' || s === '__volatile__') {
        isVolatile = true;
        this.next();
        sawAny = true;
        continue;
      }
      if (s === '_Noreturn') {
        if (attr) attr.noreturn = true;
        this.next();
        sawAny = true;
        continue;
      }
      if (s === '__attribute__' || s === '__attribute') {
        this.attributes(attr);
        sawAny = true;
        continue;
      }
      if (s === '_Alignas') {
        this.next();
        this.skip('(');
        const a = this.isTypename() ? this.typename().align : Number(this.constExpr());
        if (attr) attr.align = Math.max(attr.align, a);
        this.skip(')');
        continue;
      }
      if (s === 'float' || s === 'double' || s === '_Complex' || /^_Float\d+x?$/.test(s) || s === '__float128') {
        if (!t.file.system) this.error(t, 'kwb does not support floating-point types');
        this.next();
        floatSize = s === 'float' ? 4 : 8;
        sawAny = true;
        continue;
      }
      if (s === '__int128') this.error(t, 'kwb does not support __int128');

      const td = this.findTypedef(t);
      const isTagKw = s === 'struct' || s === 'union' || s === 'enum' || s === 'typeof' || s === '__typeof__' || s === '__typeof' || s === '__builtin_va_list';
      if (isTagKw || td) {
        if (counter) break;
        this.next();
        if (s === 'struct' || s === 'union') ty = this.structUnionDecl(s);
        else if (s === 'enum') ty = this.enumSpecifier();
        else if (s === '__builtin_va_list') ty = this.vaListType();
        else if (td) ty = td;
        else ty = this.typeofSpecifier();
        counter += OTHER;
        sawAny = true;
        continue;
      }

      // `struct s { ... } int x;`: the struct ends the specifiers (its missing ';' is reported next).
      if (counter & OTHER && (isRecord(ty) || ty.kind === 'enum') && ['void', '_Bool', 'char', 'short', 'int', 'long', 'signed', 'unsigned'].includes(s)) break;
      switch (s) {
        case 'void': counter += VOID; break;
        case '_Bool': counter += BOOL; break;
        case 'char': counter += CHAR; break;
        case 'short': counter += SHORT; break;
        case 'int': counter += INT; break;
        case 'long': counter += LONG; break;
        case 'signed': case '__signed': case '__signed__': counter |= SIGNED; break;
        case 'unsigned': counter |= UNSIGNED; break;
        default: counter = -1;
      }
      if (counter === -1) break;
      this.next();
      sawAny = true;

      switch (counter) {
        case VOID: ty = ty_void; break;
        case BOOL: ty = ty_bool; break;
        case CHAR: ty = ty_char; break;
        case SIGNED + CHAR: ty = ty_schar; break;
        case UNSIGNED + CHAR: ty = ty_uchar; break;
        case SHORT: case SHORT + INT: case SIGNED + SHORT: case SIGNED + SHORT + INT: ty = ty_short; break;
        case UNSIGNED + SHORT: case UNSIGNED + SHORT + INT: ty = ty_ushort; break;
        case INT: case SIGNED: case SIGNED + INT: ty = ty_int; break;
        case UNSIGNED: case UNSIGNED + INT: ty = ty_uint; break;
        case LONG: case LONG + INT: case SIGNED + LONG: case SIGNED + LONG + INT: ty = ty_long; break;
        case LONG + LONG: case LONG + LONG + INT: case SIGNED + LONG + LONG: case SIGNED + LONG + LONG + INT: ty = ty_llong; break;
        case UNSIGNED + LONG: case UNSIGNED + LONG + INT: ty = ty_ulong; break;
        case UNSIGNED + LONG + LONG: case UNSIGNED + LONG + LONG + INT: ty = ty_ullong; break;
        default: {
          const names = this.toks.slice(this.toks.indexOf(startTok), this.pos).map((x) => x.text);
          const last = names[names.length - 1]!;
          if (names.filter((x) => x === 'long').length > 2) this.error(this.prev(), "'long long long' is too long for GCC");
          const msg = names.includes('signed') && names.includes('unsigned') ? "both 'signed' and 'unsigned' in declaration specifiers" : 'two or more data types in declaration specifiers';
          this.error(this.prev(), msg, last.length);
        }
      }
    }
    if (!sawAny) this.expectedAt('declaration specifiers');
    if (floatSize) {
      ty = newType(floatSize === 4 ? 'int' : 'long', floatSize, floatSize);
      ty.isFloat = true;
      ty.typedefName = floatSize === 4 ? 'float' : 'double';
    }
    return qualified(ty, isConst, isVolatile);
  }

  /** __builtin_va_list: the SysV `struct __va_list_tag [1]`. */
  vaListType(): Type {
    let tag = this.scopes[0]!.tags.get('__va_list_tag');
    if (!tag) {
      tag = structType('struct');
      tag.tag = '__va_list_tag';
      const mk = (name: string, ty: Type, offset: number): Member => ({ name, ty, offset, tok: null });
      tag.members = [mk('gp_offset', ty_uint, 0), mk('fp_offset', ty_uint, 4), mk('overflow_arg_area', pointerTo(ty_void), 8), mk('reg_save_area', pointerTo(ty_void), 16)];
      tag.size = 24;
      tag.align = 8;
      tag.complete = true;
      this.scopes[0]!.tags.set('__va_list_tag', tag);
    }
    const t = arrayOf(tag, 1);
    t.typedefName = '__builtin_va_list';
    return t;
  }

  // typeof-specifier = "(" (expr | typename) ")"
  typeofSpecifier(): Type {
    this.skip('(');
    let ty: Type;
    if (this.isTypename()) ty = this.typename();
    else {
      const n = this.expr();
      addType(n);
      ty = n.ty!;
    }
    this.skip(')');
    return ty;
  }

  // ---------------------------------------------------------------- declarators

  // pointers = ("*" ("const" | "volatile" | "restrict" | attribute)*)*
  pointers(ty: Type): Type {
    while (this.consume('*')) {
      ty = pointerTo(ty);
      for (;;) {
        const s = this.tok.text;
        if (s === 'const' || s === '__const' || s === '__const__') {
          ty = qualified(ty, true, false);
          this.next();
        } else if (s === 'volatile' || s === '__volatile' || s === '__volatile__') {
          ty = qualified(ty, false, true);
          this.next();
        } else if (s === 'restrict' || s === '__restrict' || s === '__restrict__' || s === '_Atomic') this.next();
        else if (s === '__attribute__' || s === '__attribute') this.attributes(null);
        else break;
      }
    }
    return ty;
  }

  // declarator = pointers ("(" declarator ")" | ident)? type-suffix
  declarator(ty: Type, attr: Attr | null = null): { ty: Type; name: Token | null } {
    ty = this.pointers(ty);
    this.attributes(attr);
    if (this.is('(') && (this.peek().text === '*' || this.peek().text === '(' || this.peek().text === '^' || this.peek().text.startsWith('__attribute') || (this.peek().kind === 'ident' && !this.isTypename(this.peek()) && this.peek().text !== ')'))) {
      // A nested declarator: parse what follows the parenthesis first, then the inside with it.
      const start = this.pos;
      this.next();
      this.declarator(ty_int);
      this.skip(')');
      const outer = this.typeSuffix(ty);
      const end = this.pos;
      this.pos = start + 1;
      const inner = this.declarator(outer, attr);
      this.skip(')');
      this.pos = end;
      return inner;
    }
    let name: Token | null = null;
    if (this.tok.kind === 'ident' && !KEYWORDS.has(this.tok.text)) name = this.next();
    this.attributes(attr);
    ty = this.typeSuffix(ty);
    this.attributes(attr);
    return { ty, name };
  }

  // abstract-declarator = pointers ("(" abstract-declarator ")")? type-suffix
  abstractDeclarator(ty: Type): Type {
    return this.declarator(ty).ty;
  }

  // typename = declspec abstract-declarator
  typename(): Type {
    const ty = this.declspec(null);
    return this.abstractDeclarator(ty);
  }

  // type-suffix = "(" func-params | "[" array-dimensions | ε
  typeSuffix(ty: Type): Type {
    if (this.is('(')) {
      this.next();
      return this.funcParams(ty);
    }
    if (this.is('[')) {
      this.next();
      return this.arrayDimensions(ty);
    }
    return ty;
  }

  // array-dimensions = ("static" | "restrict" | qualifier)* const-expr? "]" type-suffix
  arrayDimensions(ty: Type): Type {
    while (['static', 'restrict', '__restrict', 'const', 'volatile'].includes(this.tok.text)) this.next();
    if (this.consume(']')) {
      const inner = this.typeSuffix(ty);
      return arrayOf(inner, -1);
    }
    const lenTok = this.tok;
    const lenNode = this.conditional();
    addType(lenNode);
    if (!isInteger(lenNode.ty!)) this.error(lenTok, 'size of array has non-integer type');
    const len = this.tryConst(lenNode);
    if (len === null) this.error(lenTok, 'kwb does not support variable-length arrays');
    if (len < 0n) this.error(lenTok, 'size of array is negative');
    this.skip(']');
    const inner = this.typeSuffix(ty);
    if (inner.kind === 'array' && inner.len < 0) this.error(lenTok, "array type has incomplete element type");
    return arrayOf(inner, Number(len));
  }

  // func-params = ("void" | param ("," param)* ("," "...")?)? ")"
  // param       = declspec declarator
  funcParams(ret: Type): Type {
    const fty = funcType(ret);
    if (ret.kind === 'func') this.error(this.prev(), 'function returning a function');
    if (this.is('void') && this.peek().text === ')') {
      this.next();
      this.next();
      return fty;
    }
    if (this.consume(')')) {
      fty.oldStyle = true;
      return fty;
    }
    // A K&R identifier list `(a, b)`: the types come from declarations before the body.
    if (this.tok.kind === 'ident' && !this.isTypename() && !KEYWORDS.has(this.tok.text) && (this.peek().text === ',' || this.peek().text === ')')) {
      const names: Param[] = [];
      for (;;) {
        const n = this.ident();
        names.push({ name: n.text, ty: ty_int, tok: n });
        if (!this.consume(',')) break;
      }
      this.skip(')');
      fty.oldStyle = true;
      fty.params = names;
      this.knrFunc = fty;
      return fty;
    }
    const params: Param[] = [];
    for (;;) {
      if (this.consume('...')) {
        fty.variadic = true;
        break;
      }
      const t = this.tok;
      if (t.kind === 'ident' && !this.isTypename(t) && !KEYWORDS.has(t.text)) this.error(t, this.unknownType(t.text));
      if (!this.isTypename(t)) this.expectedAt("declaration specifiers or '...'");
      const base = this.declspec(newAttr());
      const d = this.declarator(base);
      let pty = d.ty;
      if (pty.kind === 'array') pty = qualified(pointerTo(pty.base!), pty.isConst, false);
      else if (pty.kind === 'func') pty = pointerTo(pty);
      if (pty.kind === 'void' && d.name) {
        const diag = diagAt(d.name, 'error', `parameter ${params.length + 1} ('${d.name.text}') has incomplete type`);
        if (t.file === d.name.file && t.line === d.name.line && diag.sourceLine !== undefined) {
          diag.ranges = [{ line: diag.line, col: diagAt(t, 'error', '').col, endCol: diag.col + d.name.text.length - 1 }];
        }
        this.throwDiag(diag);
      }
      params.push({ name: d.name ? d.name.text : null, ty: pty, tok: d.name ?? t });
      if (this.consume(',')) continue;
      break;
    }
    if (!this.is(')')) this.expectedAt("';', ',' or ')'");
    this.next();
    fty.params = params;
    return fty;
  }

  // ---------------------------------------------------------------- struct / union / enum

  // struct-decl = attribute* ident? ("{" struct-members "}" attribute*)?
  structUnionDecl(kind: 'struct' | 'union'): Type {
    const pre = newAttr();
    this.attributes(pre);
    let tagTok: Token | null = null;
    if (this.tok.kind === 'ident' && !KEYWORDS.has(this.tok.text)) tagTok = this.next();
    if (tagTok && !this.is('{')) {
      const found = this.findTag(tagTok.text);
      // `struct foo;` alone declares a new tag in the current scope.
      const isForwardDecl = this.is(';');
      if (found && !(isForwardDecl && !this.scopes[this.scopes.length - 1]!.tags.has(tagTok.text))) {
        if (found.kind !== kind) this.error(tagTok, `'${tagTok.text}' defined as wrong kind of tag`);
        return found;
      }
      const t = structType(kind);
      t.tag = tagTok.text;
      this.scopes[this.scopes.length - 1]!.tags.set(tagTok.text, t);
      return t;
    }
    if (!this.is('{')) this.expectedAt("'{'");
    let ty: Type;
    const existing = tagTok ? this.scopes[this.scopes.length - 1]!.tags.get(tagTok.text) : undefined;
    if (existing && existing.kind === kind && !existing.complete) ty = existing;
    else {
      if (existing && existing.complete) this.error(tagTok!, `redefinition of '${kind} ${tagTok!.text}'`);
      ty = structType(kind);
      ty.tag = tagTok ? tagTok.text : null;
      if (tagTok) this.scopes[this.scopes.length - 1]!.tags.set(tagTok.text, ty);
    }
    this.next();
    if (pre.packed) ty.packed = true;
    if (pre.align) ty.align = Math.max(ty.align, pre.align);
    this.structMembers(ty);
    this.attributes(null, ty);
    this.layout(ty);
    return ty;
  }

  // struct-members = (declspec declarator ("," declarator)* ";")* "}"
  structMembers(ty: Type): void {
    const members: Member[] = [];
    while (!this.consume('}')) {
      if (this.tok.kind === 'eof') this.expected("'}'");
      if (this.consume(';')) continue;
      if (this.is('_Static_assert')) {
        this.staticAssert();
        continue;
      }
      const startTok = this.tok;
      if (startTok.kind === 'ident' && !this.isTypename(startTok)) this.error(startTok, this.unknownType(startTok.text));
      const attr = newAttr();
      const base = this.declspec(attr);
      // Anonymous struct/union member.
      if (isRecord(base) && this.consume(';')) {
        members.push({ name: null, ty: base, offset: 0, tok: startTok });
        continue;
      }
      let first = true;
      while (!this.consume(';')) {
        if (!first) this.skip(',');
        first = false;
        const mattr = newAttr();
        const d = this.declarator(base, mattr);
        if (this.is(':')) this.error(this.tok, 'kwb does not support bit-fields');
        this.attributes(mattr);
        let mty = d.ty;
        if (mattr.align || attr.align) {
          mty = copyType(mty);
          mty.align = Math.max(mty.align, mattr.align, attr.align);
        }
        if (mattr.packed) {
          mty = copyType(mty);
          mty.align = 1;
        }
        if (mty.kind === 'func') this.error(d.name ?? this.tok, `field '${d.name?.text}' declared as a function`);
        if (isRecord(mty) && !recordOf(mty).complete) this.error(d.name ?? this.tok, `field '${d.name?.text}' has incomplete type`);
        members.push({ name: d.name ? d.name.text : null, ty: mty, offset: 0, tok: d.name });
      }
    }
    // A trailing incomplete array is a flexible array member.
    const last = members[members.length - 1];
    if (last && last.ty.kind === 'array' && last.ty.len < 0) {
      last.ty = arrayOf(last.ty.base!, 0);
      ty.isFlexible = true;
    }
    for (const m of members) {
      if (m.name) {
        const dup = members.find((o) => o !== m && o.name === m.name);
        if (dup && members.indexOf(dup) < members.indexOf(m)) this.error(m.tok!, `duplicate member '${m.name}'`);
      }
    }
    ty.members = members;
  }

  layout(ty: Type): void {
    let offset = 0;
    let align = Math.max(1, ty.align);
    for (const m of ty.members) {
      const a = ty.packed ? 1 : m.ty.align;
      if (ty.kind === 'struct') {
        offset = alignTo(offset, a);
        m.offset = offset;
        offset += m.ty.size;
      } else {
        m.offset = 0;
        offset = Math.max(offset, m.ty.size);
      }
      align = Math.max(align, a);
    }
    ty.size = alignTo(offset, align);
    ty.align = align;
    ty.complete = true;
  }

  // enum-specifier = ident? "{" enum-list? "}" | ident
  // enum-list      = ident ("=" const-expr)? ("," ident ("=" const-expr)?)* ","?
  enumSpecifier(): Type {
    this.attributes(null);
    let tagTok: Token | null = null;
    if (this.tok.kind === 'ident' && !KEYWORDS.has(this.tok.text)) tagTok = this.next();
    if (tagTok && !this.is('{')) {
      const found = this.findTag(tagTok.text);
      if (found) {
        if (found.kind !== 'enum') this.error(tagTok, `'${tagTok.text}' defined as wrong kind of tag`);
        return found;
      }
      const t = enumType();
      t.tag = tagTok.text;
      this.scopes[this.scopes.length - 1]!.tags.set(tagTok.text, t);
      return t;
    }
    if (!this.is('{')) this.expectedAt("'{'");
    this.next();
    const ty = enumType();
    ty.tag = tagTok ? tagTok.text : null;
    let val = 0n;
    let anyNegative = false;
    while (!this.consume('}')) {
      const name = this.ident();
      this.attributes(null);
      if (this.consume('=')) val = this.constExpr(name, `enumerator value for '${name.text}' is not an integer constant`);
      if (val < 0n) anyNegative = true;
      const existing = this.scopes[this.scopes.length - 1]!.vars.get(name.text);
      if (existing) this.error(name, `redeclaration of enumerator '${name.text}'`);
      const sc = this.pushScope(name.text);
      sc.enumTy = ty;
      sc.enumVal = val;
      val++;
      if (!this.consume(',')) {
        if (!this.is('}')) this.expected("',' or '}'");
      }
    }
    this.attributes(null);
    if (anyNegative) ty.unsigned = false;
    if (tagTok) this.scopes[this.scopes.length - 1]!.tags.set(tagTok.text, ty);
    return ty;
  }

  // static-assert = "_Static_assert" "(" const-expr ("," string)? ")" ";"
  staticAssert(): void {
    const kw = this.next();
    this.skip('(');
    const condTok = this.tok;
    const v = this.constExpr(undefined, 'expression in static assertion is not constant');
    let msg: number[] | null = null;
    if (this.consume(',')) {
      if (this.tok.kind !== 'str') this.expectedAt('string literal');
      msg = this.stringBytes();
    }
    this.skip(')');
    this.skip(';');
    if (v === 0n) {
      const text = msg ? `static assertion failed: "${String.fromCharCode(...msg)}"` : 'static assertion failed';
      this.error(kw, text);
    }
    void kw;
  }

  // ---------------------------------------------------------------- program

  // program = (typedef | function-definition | global-declaration | asm-statement | ";")*
  program(): Program {
    while (this.tok.kind !== 'eof') {
      if (this.consume(';')) continue;
      if (this.is('_Static_assert')) {
        this.staticAssert();
        continue;
      }
      if ((this.is('asm') || this.is('__asm__') || this.is('__asm')) && this.peek().text === '(') {
        this.next();
        this.next();
        if (this.tok.kind !== 'str') this.expectedAt('string literal');
        this.toplevelAsm.push(String.fromCharCode(...this.stringBytes()));
        this.skip(')');
        this.skip(';');
        continue;
      }
      this.externalDeclaration();
    }
    this.flushPp(Infinity);
    // Unused static functions that are inline are never emitted, like gcc -O0.
    return { globals: this.globals, toplevelAsm: this.toplevelAsm, diagnostics: this.diags };
  }

  externalDeclaration(): void {
    const startTok = this.tok;
    const attr = newAttr();
    if (startTok.kind === 'ident' && !this.isTypename(startTok) && !KEYWORDS.has(startTok.text)) {
      // `foo x;` with an unknown type name, or an implicit-int declaration.
      const nt = this.peek();
      if (nt.kind === 'ident' || nt.text === '*') this.error(startTok, this.unknownType(startTok.text));
      if (nt.text === '(') {
        // `f(x) { ... }` (say, SYSCALL_DEFINE0(nsys) without its header): gcc 12 accepts it as an
        // int function with K&R parameters, warning twice under -Wimplicit-int.
        this.implicitInt = true;
        const d = this.declarator(ty_int, attr);
        this.implicitInt = false;
        const w = diagAt(startTok, 'warning', "return type defaults to 'int'");
        w.tag = '[-Wimplicit-int]';
        this.warn(w);
        if (d.ty.kind === 'func' && d.name && this.knrFunc === d.ty && !this.is('{') && !this.is(';') && !this.is(',')) this.knrDeclarations(d.ty);
        if (d.ty.kind === 'func' && this.knrFunc === d.ty) {
          for (const p of d.ty.params) {
            if (p.declared) continue;
            const pw = diagAt(startTok, 'warning', `type of '${p.name}' defaults to 'int'`);
            pw.tag = '[-Wimplicit-int]';
            this.warn(pw);
          }
        }
        if (d.ty.kind === 'func' && d.name && this.is('{')) {
          this.functionDefinition(d.ty, d.name, attr);
          return;
        }
        if (d.ty.kind === 'func' && d.name && this.is(';') && this.knrFunc === d.ty) {
          // `EXPORT_SYMBOL(foo);` without its header: an implicit-int function declaration.
          this.diags.splice(this.diags.length - 1 - d.ty.params.filter((p) => !p.declared).length);
          const w1 = diagAt(startTok, 'warning', 'data definition has no type or storage class');
          const w2 = diagAt(startTok, 'warning', `type defaults to 'int' in declaration of '${d.name.text}'`);
          w2.tag = '[-Wimplicit-int]';
          const w3 = diagAt(startTok, 'warning', 'parameter names (without types) in function declaration');
          this.warn(w1);
          this.diags.push(w2, w3);
          d.ty.params = [];
          this.declareGlobal(d.name, d.ty, attr);
          this.next();
          return;
        }
        this.pos = this.toks.indexOf(startTok);
        this.error(startTok, `expected '=', ',', ';', 'asm' or '__attribute__' before ${this.describe(nt)}`, startTok.text.length);
      }
      this.error(startTok, `expected '=', ',', ';', 'asm' or '__attribute__' before ${this.describe(nt)}`, startTok.text.length);
    }
    if (startTok.kind !== 'ident') this.expectedAt('identifier or \'(\'');
    const base = this.declspec(attr);
    if (attr.isTypedef) {
      this.typedefDecl(base, attr);
      return;
    }
    if (this.consume(';')) return; // struct/enum declaration alone
    this.checkAfterTagDecl(base);
    // Function definition?
    const save = this.pos;
    const d = this.declarator(base, attr);
    if (d.ty.kind === 'func' && d.name && this.knrFunc === d.ty && !this.is('{') && !this.is(';') && !this.is(',')) {
      this.knrDeclarations(d.ty);
    }
    if (d.ty.kind === 'func' && d.name && (this.is('{'))) {
      this.functionDefinition(d.ty, d.name, attr);
      return;
    }
    this.pos = save;
    this.globalDeclaration(base, attr);
  }

  knrFunc: Type | null = null;
  suggestedHeaders = new Set<string>();

  /** The note placed where the missing #include would go: after the file's last #include, else line 1. */
  includeNote(t: Token, message: string): Diagnostic {
    let line = 1;
    const f = t.file;
    for (let i = 1; ; i++) {
      const text = sourceLine(f, i);
      if (text === undefined) break;
      if (/^\s*#\s*include\b/.test(text)) line = i + 1;
    }
    return { file: f.name, line, col: 1, severity: 'note', message };
  }

  /** "unknown type name 'longg'; did you mean 'long'?" */
  unknownType(name: string): string {
    return `unknown type name '${name}'${this.didYouMean(name, true)}`;
  }

  /** gcc's spelling hint: among type names (typedefs and type keywords) or among ordinary identifiers. */
  didYouMean(name: string, types: boolean): string {
    const cands: string[] = [];
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      for (const [k, v] of this.scopes[i]!.vars) if (types ? v.typedef !== undefined : v.typedef === undefined) cands.push(k);
    }
    if (types) cands.push('char', 'short', 'int', 'long', 'signed', 'unsigned', 'void', '_Bool', 'float', 'double');
    const s = suggest(name, cands);
    return s ? `; did you mean '${s}'?` : '';
  }
  /** Whether the declarator just parsed had an initializer (changes gcc's "expected ..." list). */
  lastHadInit = false;

  missingDeclSeparator(): never {
    if (this.atEof()) this.expected("',' or ';'");
    // A declarator without initializer followed by the start of another declaration: gcc asks for
    // the missing ';' after the declarator (with its fix-it), as c_parser_require does.
    if (!this.lastHadInit && this.isTypename() && !this.tok.text.startsWith('__attribute')) this.expected("';'");
    this.error(this.tok, this.lastHadInit ? `expected ',' or ';' before ${this.describe(this.tok)}` : `expected '=', ',', ';', 'asm' or '__attribute__' before ${this.describe(this.tok)}`);
  }
  implicitInt = false;

  /** `struct s { ... }` followed by something that cannot start a declarator: the usual missing ';'. */
  checkAfterTagDecl(base: Type): void {
    if (!isRecord(base) && base.kind !== 'enum') return;
    const t = this.tok;
    const startsDeclarator = t.text === '*' || t.text === '(' || (t.kind === 'ident' && !this.isTypename(t) && !KEYWORDS.has(t.text)) || t.text.startsWith('__attribute') || t.text === 'const' || t.text === 'volatile';
    if (!startsDeclarator) this.error(t, `expected ';', identifier or '(' before ${this.describe(t)}`);
  }

  // knr-declarations = (declspec declarator ("," declarator)* ";")*   (before a K&R body)
  knrDeclarations(fty: Type): void {
    while (!this.is('{')) {
      if (this.atEof()) this.expected("'{'");
      const base = this.declspec(newAttr());
      for (;;) {
        const d = this.declarator(base);
        if (!d.name) this.expectedAt('identifier');
        const p = fty.params.find((x) => x.name === d.name!.text);
        if (!p) this.error(d.name, `declaration for parameter '${d.name.text}' but no such parameter`);
        let ty = d.ty;
        if (ty.kind === 'array') ty = pointerTo(ty.base!);
        else if (ty.kind === 'func') ty = pointerTo(ty);
        p.ty = ty;
        p.declared = true;
        if (!this.consume(',')) break;
      }
      this.skipSemi();
    }
  }

  typedefDecl(base: Type, attr: Attr): void {
    let first = true;
    while (!this.consume(';')) {
      if (!first) {
        if (!this.is(',')) {
          this.lastHadInit = false;
          this.missingDeclSeparator();
        }
        this.next();
      }
      first = false;
      const d = this.declarator(base, attr);
      if (!d.name) this.error(this.tok, 'expected identifier or \'(\' before ' + this.describe(this.tok));
      let ty = d.ty;
      if (attr.align || attr.packed) {
        ty = copyType(ty);
        if (attr.align) ty.align = Math.max(ty.align, attr.align);
      }
      const named = copyType(ty);
      named.typedefName = d.name.text;
      // A typedef of a struct shares its definition.
      const existing = this.scopes[this.scopes.length - 1]!.vars.get(d.name.text);
      if (existing && existing.typedef && !isCompatible(existing.typedef, ty)) {
        this.error(d.name, `conflicting types for '${d.name.text}'; have '${typeName(ty)}'`);
      }
      if (existing && existing.obj) this.error(d.name, `'${d.name.text}' redeclared as different kind of symbol`);
      this.pushScope(d.name.text).typedef = named;
    }
  }

  declareGlobal(name: Token, ty: Type, attr: Attr): Obj {
    const scope0 = this.scopes[0]!.vars;
    const existing = scope0.get(name.text);
    if (existing && existing.obj) {
      const old = existing.obj;
      if (!isCompatible(old.ty, ty)) {
        const note = old.tok ? [diagAt(old.tok, 'note', `previous ${old.isDefinition ? 'definition' : 'declaration'} of '${name.text}' with type '${typeName(old.ty)}'`)] : [];
        this.throwDiag(diagAt(name, 'error', `conflicting types for '${name.text}'; have '${typeName(ty)}'`), note);
      }
      // Complete an array's size or a function's prototype from the later declaration.
      if (ty.kind === 'array' && old.ty.kind === 'array' && old.ty.len < 0) old.ty = ty;
      if (ty.kind === 'func' && old.ty.oldStyle && !ty.oldStyle) old.ty = ty;
      if (attr.isStatic) old.isStatic = true;
      this.mergeAttr(old, attr);
      return old;
    }
    if (existing && (existing.typedef || existing.enumTy)) this.error(name, `'${name.text}' redeclared as different kind of symbol`);
    const o = newObj(name.text, ty, name, false);
    o.isStatic = attr.isStatic;
    o.isExtern = attr.isExtern;
    o.isInline = attr.isInline;
    this.mergeAttr(o, attr);
    this.globals.push(o);
    const sc: VarScope = { obj: o };
    scope0.set(name.text, sc);
    // A block-scope extern declaration is visible in its block too.
    if (this.scopes.length > 1) this.scopes[this.scopes.length - 1]!.vars.set(name.text, sc);
    return o;
  }

  mergeAttr(o: Obj, attr: Attr): void {
    if (attr.section) o.section = attr.section;
    if (attr.weak) o.weak = true;
    if (attr.alias) o.alias = attr.alias;
    if (attr.used) o.used = true;
    if (attr.noreturn) o.noreturn = true;
    if (attr.align) o.align = Math.max(o.align, attr.align);
    if (attr.asmName) o.asmName = attr.asmName;
    if (attr.isInline) o.isInline = true;
  }

  // global-declaration = declarator ("=" initializer)? ("," declarator ("=" initializer)?)* ";"
  globalDeclaration(base: Type, attr: Attr): void {
    let first = true;
    this.lastHadInit = false;
    while (!this.consume(';')) {
      if (!first) {
        if (!this.is(',')) this.missingDeclSeparator();
        this.next();
      }
      first = false;
      const dattr: Attr = { ...attr };
      const d = this.declarator(base, dattr);
      if (!d.name) this.expectedAt("identifier or '('");
      if (d.ty.kind === 'void') this.error(d.name, `variable or field '${d.name.text}' declared void`);
      if (usesFloat(d.ty) && !d.name.file.system) this.error(d.name, 'kwb does not support floating-point types');
      const o = this.declareGlobal(d.name, d.ty, dattr);
      this.lastHadInit = false;
      if (d.ty.kind === 'func') continue;
      if (this.is('=')) {
        this.next();
        if (o.isDefinition && !o.isTentative) {
          this.throwDiag(diagAt(d.name, 'error', `redefinition of '${d.name.text}'`), o.tok ? [diagAt(o.tok, 'note', `previous definition of '${d.name.text}' with type '${typeName(o.ty)}'`)] : []);
        }
        o.isDefinition = true;
        o.isTentative = false;
        o.isExtern = false;
        this.gvarInitializer(o);
        this.lastHadInit = true;
        continue;
      }
      if (!dattr.isExtern && !o.isDefinition) {
        o.isDefinition = true;
        o.isTentative = true;
      }
      if (!dattr.isExtern) o.isExtern = false;
    }
  }

  // function-definition = declspec declarator compound-stmt
  functionDefinition(ty: Type, name: Token, attr: Attr): void {
    if (usesFloat(ty)) this.error(name, 'kwb does not support floating-point types');
    const fn = this.declareGlobal(name, ty, attr);
    if (fn.isDefinition) {
      this.throwDiag(diagAt(name, 'error', `redefinition of '${name.text}'`), fn.tok ? [diagAt(fn.tok, 'note', `previous definition of '${name.text}' with type '${typeName(fn.ty)}'`)] : []);
    }
    fn.isDefinition = true;
    fn.tok = name;
    fn.ty = ty;
    this.fn = fn;
    const span = { fn, start: this.pos, end: Infinity };
    this.fnSpans.push(span);
    this.locals = [];
    this.gotos = [];
    this.labels = new Map();
    this.undeclaredReported = new Set();
    this.enterScope();
    for (const p of ty.params) {
      if (!p.name) this.error(p.tok ?? name, 'parameter name omitted');
      fn.params.push(this.newLocal(p.name, p.ty, p.tok));
    }
    if (ty.variadic) fn.vaArea = this.newLocal('__va_area__', arrayOf(ty_char, 176), null);
    const body = this.compoundStmt();
    this.leaveScope();
    this.resolveGotos();
    fn.body = body;
    fn.locals = this.locals;
    this.fn = null;
    span.end = this.pos;
  }

  resolveGotos(): void {
    for (const g of this.gotos) {
      const l = this.labels.get(g.label!);
      if (!l) this.error(g.tok, `label '${g.label}' used but not defined`);
      g.uniqueLabel = l.uniqueLabel;
    }
  }

  newLabel(): string {
    return `.L.${uniqueId++}`;
  }

  // ---------------------------------------------------------------- statements

  // compound-stmt = "{" (declaration | statement | label)* "}"
  compoundStmt(): Node {
    const tok = this.skip('{');
    this.enter(tok);
    const body: Node[] = [];
    this.enterScope();
    while (!this.is('}')) {
      if (this.tok.kind === 'eof') {
        this.error(this.eofToken(), 'expected declaration or statement at end of input');
      }
      body.push(this.blockItem());
    }
    this.next();
    this.leaveScope();
    this.nesting--;
    return { kind: 'block', ty: undefined, tok, body };
  }

  blockItem(): Node {
    const t = this.tok;
    if (t.kind === 'ident' && this.isTypename(t) && this.peek().text !== ':' && !(t.text === '__extension__' && !this.isTypename(this.peek()))) {
      return this.declaration();
    }
    if (t.kind === 'ident' && this.is('_Static_assert')) {
      this.staticAssert();
      return { kind: 'block', ty: undefined, tok: t, body: [] };
    }
    // `foo x;` where foo is no type: gcc's "unknown type name".
    if (t.kind === 'ident' && !KEYWORDS.has(t.text) && !this.findVar(t.text)) {
      const n = this.peek();
      if ((n.kind === 'ident' && !KEYWORDS.has(n.text)) || (n.text === '*' && this.peek(2).kind === 'ident' && (this.peek(3).text === ';' || this.peek(3).text === '=' || this.peek(3).text === ','))) {
        if (n.kind === 'ident' || !this.findVar(t.text)) this.error(t, this.unknownType(t.text));
      }
    }
    return this.stmt();
  }

  // declaration = declspec (declarator ("=" initializer)? ("," declarator ("=" initializer)?)*)? ";"
  declaration(): Node {
    const tok = this.tok;
    const attr = newAttr();
    const base = this.declspec(attr);
    if (attr.isTypedef) {
      this.typedefDecl(base, attr);
      return { kind: 'block', ty: undefined, tok, body: [] };
    }
    const body: Node[] = [];
    if (!this.is(';')) this.checkAfterTagDecl(base);
    let first = true;
    this.lastHadInit = false;
    while (!this.consume(';')) {
      if (!first) {
        if (!this.is(',')) this.missingDeclSeparator();
        this.next();
      }
      first = false;
      const dattr: Attr = { ...attr };
      const d = this.declarator(base, dattr);
      if (!d.name) this.expectedAt("identifier or '('");
      const name = d.name;
      if (d.ty.kind === 'void') this.error(name, `variable or field '${name.text}' declared void`);
      if (usesFloat(d.ty) && !name.file.system) this.error(name, 'kwb does not support floating-point types');
      const cur = this.scopes[this.scopes.length - 1]!.vars.get(name.text);
      if (cur && cur.obj && cur.obj.isLocal && !dattr.isExtern) {
        this.throwDiag(diagAt(name, 'error', `redeclaration of '${name.text}' with no linkage`), cur.obj.tok ? [diagAt(cur.obj.tok, 'note', `previous declaration of '${name.text}' with type '${typeName(cur.obj.ty)}'`)] : []);
      }
      this.lastHadInit = false;
      if (dattr.isExtern || d.ty.kind === 'func') {
        this.declareGlobal(name, d.ty, dattr);
        continue;
      }
      if (dattr.isStatic) {
        // A static local is a global with a unique assembly name, like gcc's `name.N`.
        const o = newObj(name.text, d.ty, name, false);
        o.asmName = `${name.text}.${uniqueId++}`;
        o.isStatic = true;
        o.isDefinition = true;
        this.mergeAttr(o, dattr);
        this.globals.push(o);
        this.pushScope(name.text).obj = o;
        this.lastHadInit = false;
        if (this.consume('=')) {
          this.gvarInitializer(o);
          this.lastHadInit = true;
        }
        continue;
      }
      const v = this.newLocal(name.text, d.ty, name);
      if (dattr.align) v.align = Math.max(v.align, dattr.align);
      this.lastHadInit = false;
      if (this.is('=')) {
        const eq = this.next();
        body.push({ kind: 'exprstmt', ty: undefined, tok: eq, lhs: this.lvarInitializer(v, eq) });
        this.lastHadInit = true;
      }
      if (v.ty.kind === 'array' && v.ty.len < 0) this.error(name, `array size missing in '${name.text}'`);
      if (isRecord(v.ty) && !recordOf(v.ty).complete) this.error(name, `storage size of '${name.text}' isn't known`);
    }
    return { kind: 'block', ty: undefined, tok, body };
  }

  isAsmKeyword(): boolean {
    return this.is('asm') || this.is('__asm__') || this.is('__asm');
  }

  // stmt = "return" expr? ";" | "if" "(" expr ")" stmt ("else" stmt)? | "switch" "(" expr ")" stmt
  //      | "case" const-expr ("..." const-expr)? ":" stmt | "default" ":" stmt
  //      | "for" "(" (declaration | expr? ";") expr? ";" expr? ")" stmt | "while" "(" expr ")" stmt
  //      | "do" stmt "while" "(" expr ")" ";" | asm-stmt | "goto" ident ";" | "break" ";" | "continue" ";"
  //      | ident ":" stmt | "{" compound-stmt | expr? ";"
  stmt(): Node {
    const tok = this.tok;
    const s = tok.kind === 'ident' ? tok.text : '';
    switch (s) {
      case 'return': {
        this.next();
        const fn = this.fn!;
        const retTy = fn.ty.ret!;
        if (this.consume(';')) {
          if (retTy.kind !== 'void') {
            this.warn(diagAt(tok, 'warning', "'return' with no value, in function returning non-void"), [diagAt(fn.tok!, 'note', 'declared here')]);
          }
          return { kind: 'return', ty: undefined, tok };
        }
        const exprTok = this.tok;
        let e = this.expr();
        this.skipSemi();
        addType(e);
        if (retTy.kind === 'void') {
          if (e.ty!.kind !== 'void') this.warn(diagAt(exprTok, 'warning', "'return' with a value, in function returning void"), [diagAt(fn.tok!, 'note', 'declared here')]);
          return { kind: 'return', tok, lhs: e, ty: ty_void };
        }
        if (!isRecord(retTy)) {
          this.checkConversion(retTy, e, exprTok, 'return');
          e = newCast(e, retTy);
        } else if (!isRecord(e.ty!) || recordOf(e.ty!) !== recordOf(retTy)) {
          this.error(exprTok, `incompatible types when returning type '${typeName(e.ty!)}' but '${typeName(retTy)}' was expected`);
        }
        return { kind: 'return', ty: undefined, tok, lhs: e };
      }
      case 'if': {
        this.next();
        this.skip('(');
        const cond = this.expr();
        this.checkScalar(cond);
        this.skip(')');
        const then = this.stmt();
        let els: Node | undefined;
        if (this.is('else')) {
          this.next();
          els = this.stmt();
        }
        return { kind: 'if', ty: undefined, tok, cond, then, els };
      }
      case 'switch': {
        this.next();
        this.skip('(');
        const cond = this.expr();
        addType(cond);
        if (!isInteger(cond.ty!)) this.error(cond.tok, 'switch quantity not an integer');
        this.skip(')');
        const node: Node = { kind: 'switch', tok, cond: newCast(cond, promoteT(cond.ty!)), cases: [] };
        const sw = this.curSwitch;
        const brk = this.brkLabel;
        this.curSwitch = node;
        node.brkLabel = this.brkLabel = this.newLabel();
        node.then = this.stmt();
        this.curSwitch = sw;
        this.brkLabel = brk;
        return node;
      }
      case 'case': {
        this.next();
        if (!this.curSwitch) this.error(tok, "case label not within a switch statement");
        const sw = this.curSwitch;
        const vtok = this.tok;
        const ct = sw.cond!.ty!;
        const lo = wrap(this.constExpr(tok), ct);
        let hi = lo;
        if (this.consume('...')) hi = wrap(this.constExpr(tok), ct);
        else if (!this.is(':')) this.expectedAt("':' or '...'");
        if (!this.is(':')) this.expectedAt("':'");
        this.next();
        for (const c of sw.cases!) {
          if (lo <= c.hi! && c.val! <= hi) this.throwDiag(diagAt(tok, 'error', 'duplicate case value'), [diagAt(c.tok, 'note', 'previously used here')]);
        }
        void vtok;
        const node: Node = { kind: 'case', ty: undefined, tok, val: lo, hi, label: this.newLabel() };
        sw.cases!.push(node);
        node.lhs = this.labeledBody();
        return node;
      }
      case 'default': {
        if (this.peek().text !== ':') break;
        this.next();
        this.next();
        if (!this.curSwitch) this.error(tok, "'default' label not within a switch statement");
        if (this.curSwitch.defaultCase) this.error(tok, 'multiple default labels in one switch');
        const node: Node = { kind: 'case', ty: undefined, tok, label: this.newLabel() };
        this.curSwitch.defaultCase = node;
        node.lhs = this.labeledBody();
        return node;
      }
      case 'for': {
        this.next();
        this.skip('(');
        this.enterScope();
        const node: Node = { kind: 'for', ty: undefined, tok };
        const brk = this.brkLabel;
        const cont = this.contLabel;
        node.brkLabel = this.brkLabel = this.newLabel();
        node.contLabel = this.contLabel = this.newLabel();
        if (this.isTypename()) node.init = this.declaration();
        else if (!this.consume(';')) {
          node.init = { kind: 'exprstmt', ty: undefined, tok: this.tok, lhs: this.expr() };
          this.skip(';');
        }
        if (!this.is(';')) {
          node.cond = this.expr();
          this.checkScalar(node.cond);
        }
        this.skip(';');
        if (!this.is(')')) node.inc = this.expr();
        this.skip(')');
        node.then = this.stmt();
        this.leaveScope();
        this.brkLabel = brk;
        this.contLabel = cont;
        return node;
      }
      case 'while': {
        this.next();
        this.skip('(');
        const node: Node = { kind: 'for', ty: undefined, tok };
        node.cond = this.expr();
        this.checkScalar(node.cond);
        this.skip(')');
        const brk = this.brkLabel;
        const cont = this.contLabel;
        node.brkLabel = this.brkLabel = this.newLabel();
        node.contLabel = this.contLabel = this.newLabel();
        node.then = this.stmt();
        this.brkLabel = brk;
        this.contLabel = cont;
        return node;
      }
      case 'do': {
        this.next();
        const node: Node = { kind: 'do', ty: undefined, tok };
        const brk = this.brkLabel;
        const cont = this.contLabel;
        node.brkLabel = this.brkLabel = this.newLabel();
        node.contLabel = this.contLabel = this.newLabel();
        node.then = this.stmt();
        this.brkLabel = brk;
        this.contLabel = cont;
        if (!this.is('while')) this.expectedAt("'while'");
        this.next();
        this.skip('(');
        node.cond = this.expr();
        this.checkScalar(node.cond);
        this.skip(')');
        this.skipSemi();
        return node;
      }
      case 'goto': {
        this.next();
        if (this.is('*')) this.error(this.tok, 'kwb does not support computed goto');
        const l = this.ident();
        this.skipSemi();
        const node: Node = { kind: 'goto', ty: undefined, tok, label: l.text };
        this.gotos.push(node);
        return node;
      }
      case 'break':
        this.next();
        if (!this.brkLabel) this.error(tok, 'break statement not within loop or switch');
        this.skipSemi();
        return { kind: 'goto', ty: undefined, tok, uniqueLabel: this.brkLabel };
      case 'continue':
        this.next();
        if (!this.contLabel) this.error(tok, 'continue statement not within a loop');
        this.skipSemi();
        return { kind: 'goto', ty: undefined, tok, uniqueLabel: this.contLabel };
      case 'asm': case '__asm__': case '__asm':
        return this.asmStmt();
      case 'else':
        this.error(tok, "'else' without a previous 'if'");
    }
    if (tok.kind === 'ident' && this.peek().text === ':' && !KEYWORDS.has(tok.text)) {
      this.next();
      this.next();
      this.attributes(null);
      if (this.labels.has(tok.text)) this.error(tok, `duplicate label '${tok.text}'`);
      const node: Node = { kind: 'label', ty: undefined, tok, label: tok.text, uniqueLabel: this.newLabel() };
      this.labels.set(tok.text, node);
      node.lhs = this.labeledBody();
      return node;
    }
    if (this.is('{')) return this.compoundStmt();
    if (this.consume(';')) return { kind: 'block', ty: undefined, tok, body: [] };
    if (this.is('__attribute__') || this.is('__attribute')) {
      // `__attribute__((fallthrough));` and friends: an attributed null statement.
      this.attributes(null);
      this.skipSemi();
      return { kind: 'block', ty: undefined, tok, body: [] };
    }
    const e = this.expr();
    this.skipSemi();
    addType(e);
    return { kind: 'exprstmt', ty: undefined, tok, lhs: e };
  }

  /** What follows a label: a statement, or (C23/GNU) a declaration or the closing brace. */
  labeledBody(): Node {
    // A label right before '}' labels an empty statement (accepted by gcc 12).
    if (this.is('}')) return { kind: 'block', ty: undefined, tok: this.tok, body: [] };
    if (this.isTypename() && this.peek().text !== ':') return this.declaration();
    return this.stmt();
  }

  skipSemi(): void {
    if (!this.is(';')) this.expected("';'");
    this.next();
  }

  checkScalar(n: Node): void {
    addType(n);
    const t = n.ty!;
    if (!isScalar(t) && t.kind !== 'array' && t.kind !== 'func') {
      if (t.kind === 'void') this.error(n.tok, 'void value not ignored as it ought to be');
      this.error(n.tok, `used ${t.kind} type value where scalar is required`);
    }
  }

  // asm-stmt = ("asm" | "__asm__") ("volatile" | "inline" | "goto")* "(" string
  //            (":" operands (":" operands (":" clobbers)?)?)? ")" ";"
  // operand  = ("[" ident "]")? string "(" expr ")"
  asmStmt(): Node {
    const tok = this.next();
    while (['volatile', '__volatile__', '__volatile', 'inline', '__inline__', 'goto'].includes(this.tok.text)) {
      if (this.tok.text === 'goto') this.error(this.tok, 'kwb does not support asm goto');
      this.next();
    }
    this.skip('(');
    if (this.tok.kind !== 'str') this.expectedAt('string literal');
    const template = String.fromCharCode(...this.stringBytes());
    const outputs: AsmOperand[] = [];
    const inputs: AsmOperand[] = [];
    const clobbers: string[] = [];
    // Basic asm (no colon) is emitted exactly as written; extended asm substitutes %-operands.
    const extended = this.is(':');
    const operands = (list: AsmOperand[], isOutput: boolean): void => {
      if (this.is(':') || this.is(')') || this.is('::')) return;
      for (;;) {
        let name: string | null = null;
        if (this.consume('[')) {
          name = this.ident().text;
          this.skip(']');
        }
        const ctok = this.tok;
        if (ctok.kind !== 'str') this.expectedAt('string literal');
        const constraint = String.fromCharCode(...this.stringBytes());
        this.skip('(');
        const etok = this.tok;
        const e = this.expr();
        addType(e);
        this.skip(')');
        if (isOutput) {
          if (!constraint.startsWith('=') && !constraint.startsWith('+')) this.error(ctok, `output operand constraint lacks '='`);
          if (!isLvalueNode(e)) this.error(etok, 'lvalue required in asm statement');
        }
        const op: AsmOperand = { constraint, name, expr: e, tok: ctok };
        if (/[mog]/.test(constraint)) markAddressTaken(e);
        // gcc folds any integer constant expression (sizeof, offsetof, enum arithmetic, casts)
        // into an immediate, and "i" also takes a link-time constant address like `&sym`.
        if (!isOutput && /[inNIJKLMOe]/.test(constraint)) {
          const c = this.evalAddr(e);
          op.constant = c && (c.label === null || /[ie]/.test(constraint)) ? immediateOf(c, e.ty!) : null;
        }
        list.push(op);
        if (!this.consume(',')) break;
      }
    };
    // `::` is not one token in C, so a colon pair is always two tokens here.
    if (this.consume(':')) {
      operands(outputs, true);
      if (this.consume(':')) {
        operands(inputs, false);
        if (this.consume(':')) {
          while (this.tok.kind === 'str') {
            clobbers.push(String.fromCharCode(...this.stringBytes()));
            if (!this.consume(',')) break;
          }
        }
      }
    }
    this.skip(')');
    this.skipSemi();
    if (outputs.length + inputs.length > 30) this.error(tok, 'more than 30 operands in \'asm\'');
    return { kind: 'asm', tok, asm: { template, outputs, inputs, clobbers, extended } };
  }

  // ---------------------------------------------------------------- initializers

  newInit(ty: Type, path = ''): Init {
    return { ty, expr: null, children: null, open: ty.kind === 'array' && ty.len < 0, unionMember: -1, path };
  }

  child(init: Init, i: number): Init {
    if (!init.children) init.children = [];
    let c = init.children[i];
    if (!c) {
      const isArray = init.ty.kind === 'array';
      const m = isArray ? null : recordOf(init.ty).members[i]!;
      const ty = isArray ? init.ty.base! : m!.ty;
      c = this.newInit(ty, init.path && (isArray ? `${init.path}[${i}]` : m!.name ? `${init.path}.${m!.name}` : init.path));
      init.children[i] = c;
    }
    return c;
  }

  isCharArray(ty: Type): boolean {
    return ty.kind === 'array' && (ty.base!.kind === 'char');
  }

  // initializer = string-initializer | "{" initializer-list "}" | assign
  initializer2(init: Init): void {
    const ty = init.ty;
    if (this.isCharArray(ty) && this.tok.kind === 'str') {
      this.stringInitializer(init);
      return;
    }
    if (ty.kind === 'array') {
      if (this.is('{')) this.arrayInitializer1(init);
      else this.arrayInitializer2(init, 0);
      return;
    }
    if (isRecord(ty)) {
      if (this.is('{')) {
        this.recordInitializer1(init);
        return;
      }
      // A struct may be initialized by an expression of the same type.
      const save = this.pos;
      const e = this.assign();
      addType(e);
      if (isRecord(e.ty!) && recordOf(e.ty!) === recordOf(ty)) {
        init.expr = e;
        return;
      }
      this.pos = save;
      this.recordInitializer2(init, 0);
      return;
    }
    if (this.is('{')) {
      // `int x = { 3 };`
      this.next();
      if (this.is('}')) {
        this.next();
        init.expr = { kind: 'num', tok: this.prev(), val: 0n, ty: ty_int };
        return;
      }
      this.initializer2(init);
      this.consume(',');
      while (!this.is('}')) {
        // gcc warns "excess elements in scalar initializer"; skip them.
        this.assign();
        if (!this.consume(',')) break;
      }
      this.skip('}');
      return;
    }
    init.expr = this.assign();
    addType(init.expr);
  }

  stringInitializer(init: Init): void {
    const tok = this.tok;
    const bytes = this.stringBytes();
    if (init.open) {
      init.open = false;
      init.ty = arrayOf(init.ty.base!, bytes.length + 1);
    }
    const len = Math.min(init.ty.len, bytes.length + 1);
    if (bytes.length > init.ty.len) {
      this.warn(diagAt(tok, 'warning', 'initializer-string for array of \'char\' is too long'));
    }
    for (let i = 0; i < len; i++) {
      const c = this.child(init, i);
      c.expr = { kind: 'num', tok, val: BigInt(i < bytes.length ? (bytes[i]! << 24) >> 24 : 0), ty: ty_int };
    }
  }

  // designation = ("[" const-expr ("..." const-expr)? "]" | "." ident)* "="? initializer
  designation(init: Init): void {
    if (this.is('[')) {
      if (init.ty.kind !== 'array') this.error(this.tok, 'array index in non-array initializer');
      this.next();
      const lo = Number(this.constExpr());
      let hi = lo;
      if (this.consume('...')) hi = Number(this.constExpr());
      this.skip(']');
      const save = this.pos;
      for (let i = lo; i <= hi; i++) {
        this.pos = save;
        this.checkIndex(init, i);
        this.designation(this.child(init, i));
      }
      this.arrayInitializer2(init, hi + 1);
      return;
    }
    if (this.is('.') && isRecord(init.ty)) {
      this.next();
      const idx = this.designatedMember(init);
      const c = this.child(init, idx);
      if (init.ty.kind === 'union') init.unionMember = idx;
      this.designation(c);
      init.expr = null;
      if (init.ty.kind === 'struct') this.recordInitializer2(init, idx + 1);
      return;
    }
    if (this.is('.')) this.error(this.tok, 'field name not in record or union initializer');
    this.consume('=');
    this.initializer2(init);
  }

  checkIndex(init: Init, i: number): void {
    if (!init.open && i >= init.ty.len) this.error(this.prev(), 'array index in initializer exceeds array bounds');
  }

  /** Resolves `.name` in a designator; anonymous members are entered transparently. */
  designatedMember(init: Init): number {
    const tok = this.ident();
    const rec = recordOf(init.ty);
    const idx = rec.members.findIndex((m) => m.name === tok.text);
    if (idx >= 0) return idx;
    // Search anonymous members: rewrite as `.anon.name` by re-entering.
    for (let i = 0; i < rec.members.length; i++) {
      const m = rec.members[i]!;
      if (m.name === null && findMember(m.ty, tok.text)) {
        this.pos--; // re-read the name inside the anonymous member
        this.pos--; // and the dot
        return i;
      }
    }
    this.error(tok, `unknown field '${tok.text}' specified in initializer`);
  }

  // array-initializer1 = "{" initializer ("," initializer)* ","? "}"
  arrayInitializer1(init: Init): void {
    this.skip('{');
    let i = 0;
    let first = true;
    while (!this.consume('}')) {
      if (!first) {
        if (!this.is(',')) this.expectedAt("'}'");
        this.next();
        if (this.consume('}')) break;
      }
      first = false;
      if (this.is('[')) {
        this.next();
        const lo = Number(this.constExpr());
        let hi = lo;
        if (this.consume('...')) hi = Number(this.constExpr());
        this.skip(']');
        const save = this.pos;
        for (let k = lo; k <= hi; k++) {
          this.pos = save;
          this.checkIndex(init, k);
          this.designation(this.child(init, k));
        }
        i = hi + 1;
        continue;
      }
      if (!init.open && i >= init.ty.len) {
        this.warn(diagAt(this.tok, 'warning', 'excess elements in array initializer'), this.nearInit(init));
        this.skipExcess();
        continue;
      }
      this.initializer2(this.child(init, i));
      i++;
    }
    this.finishOpen(init);
  }

  nearInit(init: Init): Diagnostic[] {
    if (!init.path) return [];
    return [{ ...diagAt(this.tok, 'note', `(near initialization for '${init.path}')`), sourceLine: undefined, length: undefined }];
  }

  skipExcess(): void {
    if (this.is('{')) {
      let depth = 0;
      do {
        if (this.is('{')) depth++;
        if (this.is('}')) depth--;
        this.next();
      } while (depth > 0 && this.tok.kind !== 'eof');
      return;
    }
    this.assign();
  }

  finishOpen(init: Init): void {
    if (init.open) {
      init.open = false;
      init.ty = arrayOf(init.ty.base!, init.children ? init.children.length : 0);
    }
  }

  // array-initializer2 = initializer ("," initializer)*   (braces elided)
  arrayInitializer2(init: Init, i: number): void {
    for (; init.open || i < init.ty.len; i++) {
      if (this.is('}')) break;
      if (i > 0 && !this.consume(',')) break;
      if (this.is('}')) {
        this.pos--;
        break;
      }
      if (this.is('[') || this.is('.')) {
        this.pos--;
        break;
      }
      this.initializer2(this.child(init, i));
    }
    if (init.open && init.children) {
      /* grows with the elements; finishOpen fixes the size */
    }
  }

  // struct-initializer1 = "{" (designation | initializer) ("," ...)* ","? "}"
  recordInitializer1(init: Init): void {
    this.skip('{');
    const rec = recordOf(init.ty);
    let i = 0;
    let first = true;
    while (!this.consume('}')) {
      if (!first) {
        if (!this.is(',')) this.expectedAt("'}'");
        this.next();
        if (this.consume('}')) break;
      }
      first = false;
      if (this.is('.') || (this.tok.kind === 'ident' && this.peek().text === ':')) {
        if (!this.is('.')) {
          // GNU old-style `field: value`
          const name = this.next();
          this.next();
          const idx = rec.members.findIndex((m) => m.name === name.text);
          if (idx < 0) this.error(name, `unknown field '${name.text}' specified in initializer`);
          if (init.ty.kind === 'union') init.unionMember = idx;
          this.initializer2(this.child(init, idx));
          i = idx + 1;
          continue;
        }
        this.next();
        const idx = this.designatedMember(init);
        if (init.ty.kind === 'union') init.unionMember = idx;
        this.designation(this.child(init, idx));
        i = idx + 1;
        continue;
      }
      if (init.ty.kind === 'union') {
        if (i > 0) {
          this.warn(diagAt(this.tok, 'warning', 'excess elements in union initializer'), this.nearInit(init));
          this.skipExcess();
          continue;
        }
        init.unionMember = 0;
      }
      if (i >= rec.members.length) {
        this.warn(diagAt(this.tok, 'warning', 'excess elements in struct initializer'), this.nearInit(init));
        this.skipExcess();
        continue;
      }
      this.initializer2(this.child(init, i));
      i++;
    }
  }

  // struct-initializer2 = initializer ("," initializer)*   (braces elided)
  recordInitializer2(init: Init, i: number): void {
    const rec = recordOf(init.ty);
    const n = init.ty.kind === 'union' ? 1 : rec.members.length;
    let first = i === 0;
    for (; i < n; i++) {
      if (this.is('}')) break;
      if (!first) {
        if (!this.consume(',')) break;
        if (this.is('}') || this.is('.') || this.is('[')) {
          this.pos--;
          break;
        }
      }
      first = false;
      if (init.ty.kind === 'union') init.unionMember = 0;
      this.initializer2(this.child(init, i));
    }
  }

  initializer(ty: Type, path = ''): Init {
    const init = this.newInit(ty, path);
    if ((isRecord(ty) || ty.kind === 'array') && !this.is('{') && !(this.isCharArray(ty) && this.tok.kind === 'str')) {
      // Without braces only an expression of the same struct type will do.
      const save = this.pos;
      const tok = this.tok;
      const e = this.assign();
      addType(e);
      if (!isRecord(ty) || !isRecord(e.ty!) || recordOf(e.ty!) !== recordOf(ty)) this.error(tok, 'invalid initializer');
      this.pos = save;
    }
    this.initializer2(init);
    this.finishOpen(init);
    if (isRecord(ty) && recordOf(ty).isFlexible) {
      // A flexible array member with an initializer: gcc extends the object (statics only).
      const rec = recordOf(ty);
      const last = rec.members[rec.members.length - 1]!;
      const c = init.children?.[rec.members.length - 1];
      if (c && c.children && c.children.length > 0) {
        const nt = copyType(ty);
        nt.rec = null;
        nt.members = rec.members.map((m) => (m === last ? { ...m, ty: arrayOf(last.ty.base!, c.children!.length) } : m));
        nt.size = alignTo(last.offset + last.ty.base!.size * c.children.length, rec.align);
        init.ty = nt;
      }
    }
    return init;
  }

  lvarInitializer(v: Obj, eq: Token): Node {
    const init = this.initializer(v.ty, v.name);
    v.ty = init.ty;
    if (init.expr && !isRecord(v.ty)) {
      // A scalar: one assignment, no zeroing first.
      return this.lvarInitExpr(init, { kind: 'var', ty: undefined, tok: v.tok ?? eq, obj: v }, eq);
    }
    const lhs: Node = { kind: 'memzero', ty: undefined, tok: eq, obj: v };
    const rhs = this.lvarInitExpr(init, { kind: 'var', ty: undefined, tok: v.tok ?? eq, obj: v }, eq);
    return { kind: 'comma', ty: undefined, tok: eq, lhs, rhs };
  }

  lvarInitExpr(init: Init, desg: Node, tok: Token): Node {
    const ty = init.ty;
    if (ty.kind === 'array' && !init.expr) {
      let node: Node = { kind: 'nullexpr', ty: undefined, tok };
      const ch = init.children ?? [];
      for (let i = 0; i < ch.length; i++) {
        const c = ch[i];
        if (!c) continue;
        const elem = this.newDeref(this.newAdd({ ...desg }, { kind: 'num', tok, val: BigInt(i), ty: ty_long }, tok), tok);
        node = { kind: 'comma', ty: undefined, tok, lhs: node, rhs: this.lvarInitExpr(c, elem, tok) };
      }
      return node;
    }
    if (isRecord(ty) && !init.expr) {
      const rec = recordOf(ty);
      let node: Node = { kind: 'nullexpr', ty: undefined, tok };
      const ch = init.children ?? [];
      for (let i = 0; i < ch.length; i++) {
        const c = ch[i];
        if (!c) continue;
        if (ty.kind === 'union' && i !== init.unionMember) continue;
        const m = rec.members[i]!;
        const mem: Node = { kind: 'member', ty: undefined, tok, lhs: { ...desg }, member: m };
        node = { kind: 'comma', ty: undefined, tok, lhs: node, rhs: this.lvarInitExpr(c, mem, tok) };
      }
      return node;
    }
    if (!init.expr) return { kind: 'nullexpr', ty: undefined, tok };
    addType(desg);
    this.checkConversion(ty, init.expr, init.expr.tok, 'initialization');
    const a: Node = { kind: 'assign', ty: undefined, tok: init.expr.tok, lhs: desg, rhs: init.expr };
    // Initializing a const object is not an assignment to it.
    if (desg.ty!.isConst) {
      desg.ty = unqualified(desg.ty!);
    }
    addType(a);
    return a;
  }

  gvarInitializer(o: Obj): void {
    const init = this.initializer(o.ty, o.name);
    o.ty = init.ty;
    const buf = new Uint8Array(o.ty.size);
    this.writeGvarData(o, init, o.ty, buf, 0);
    o.initData = buf;
  }

  writeGvarData(o: Obj, init: Init, ty: Type, buf: Uint8Array, offset: number): void {
    if (ty.kind === 'array' && !init.expr) {
      const ch = init.children ?? [];
      for (let i = 0; i < ch.length; i++) {
        const c = ch[i];
        if (c) this.writeGvarData(o, c, ty.base!, buf, offset + ty.base!.size * i);
      }
      return;
    }
    if (isRecord(ty) && !init.expr) {
      const rec = init.ty.members.length ? init.ty : recordOf(ty);
      const ch = init.children ?? [];
      for (let i = 0; i < ch.length; i++) {
        const c = ch[i];
        if (!c) continue;
        if (ty.kind === 'union' && i !== init.unionMember) continue;
        const m = rec.members[i]!;
        this.writeGvarData(o, c, c.ty, buf, offset + m.offset);
      }
      return;
    }
    if (!init.expr) return;
    const e = init.expr;
    addType(e);
    if (isRecord(ty)) {
      // A struct initialized from a compound literal or another constant object.
      const src = e.kind === 'var' && e.obj!.initData ? e.obj! : null;
      if (!src) this.error(e.tok, 'initializer element is not constant');
      buf.set(src.initData!.subarray(0, ty.size), offset);
      for (const r of src.relocs) o.relocs.push({ ...r, offset: r.offset + offset });
      return;
    }
    this.checkConversion(ty, e, e.tok, 'initialization');
    const cast = newCast(e, ty);
    const r = this.evalAddr(cast);
    if (r === null) this.error(e.tok, 'initializer element is not constant');
    if (r.label !== null) {
      if (ty.size !== 8) this.error(e.tok, 'initializer element is not computable at load time');
      o.relocs.push({ offset, label: r.label, addend: r.val });
      return;
    }
    let v = r.val;
    for (let i = 0; i < ty.size; i++) {
      buf[offset + i] = Number(v & 0xffn);
      v >>= 8n;
    }
  }

  // ---------------------------------------------------------------- constant evaluation

  /** A constant expression; `what` is gcc's complaint when it is not one. */
  constExpr(at?: Token, what = 'case label does not reduce to an integer constant'): bigint {
    const tok = at ?? this.tok;
    const n = this.conditional();
    addType(n);
    const v = this.tryConst(n);
    if (v === null) this.error(tok, what);
    return v;
  }

  constExprOf(n: Node): bigint {
    addType(n);
    const v = this.tryConst(n);
    if (v === null) this.error(n.tok, 'requested alignment is not an integer constant');
    return v;
  }

  tryConst(n: Node): bigint | null {
    const r = this.evalAddr(n);
    if (!r || r.label !== null) return null;
    return r.val;
  }

  /** Evaluates a constant expression, possibly the address of a global plus an offset. */
  evalAddr(n: Node): { label: string | null; val: bigint } | null {
    addType(n);
    const num = (v: bigint) => ({ label: null, val: wrap(v, n.ty!) });
    const both = (f: (a: bigint, b: bigint) => bigint | null) => {
      const a = this.evalAddr(n.lhs!);
      const b = this.evalAddr(n.rhs!);
      if (!a || !b || a.label !== null || b.label !== null) return null;
      const v = f(a.val, b.val);
      return v === null ? null : num(v);
    };
    const signedOf = (v: bigint, t: Type) => (t.unsigned ? v : BigInt.asIntN(t.size * 8, v));
    switch (n.kind) {
      case 'num':
        return { label: null, val: n.val! };
      case 'add': {
        const a = this.evalAddr(n.lhs!);
        const b = this.evalAddr(n.rhs!);
        if (!a || !b) return null;
        if (a.label !== null && b.label !== null) return null;
        return { label: a.label ?? b.label, val: a.label || b.label ? BigInt.asIntN(64, a.val + b.val) : wrap(a.val + b.val, n.ty!) };
      }
      case 'sub': {
        const a = this.evalAddr(n.lhs!);
        const b = this.evalAddr(n.rhs!);
        if (!a || !b || b.label !== null) return null;
        return { label: a.label, val: a.label ? BigInt.asIntN(64, a.val - b.val) : wrap(a.val - b.val, n.ty!) };
      }
      case 'mul': return both((a, b) => a * b);
      case 'div': return both((a, b) => (b === 0n ? null : signedOf(a, n.ty!) / signedOf(b, n.ty!)));
      case 'mod': return both((a, b) => (b === 0n ? null : signedOf(a, n.ty!) % signedOf(b, n.ty!)));
      case 'band': return both((a, b) => a & b);
      case 'bor': return both((a, b) => a | b);
      case 'bxor': return both((a, b) => a ^ b);
      case 'shl': return both((a, b) => a << (b & 63n));
      case 'shr': return both((a, b) => signedOf(a, n.ty!) >> (b & 63n));
      case 'eq': return both((a, b) => (a === b ? 1n : 0n));
      case 'ne': return both((a, b) => (a !== b ? 1n : 0n));
      case 'lt': return both((a, b) => (signedOf(a, n.lhs!.ty!) < signedOf(b, n.lhs!.ty!) ? 1n : 0n));
      case 'le': return both((a, b) => (signedOf(a, n.lhs!.ty!) <= signedOf(b, n.lhs!.ty!) ? 1n : 0n));
      case 'neg': {
        const a = this.evalAddr(n.lhs!);
        return a && a.label === null ? num(-a.val) : null;
      }
      case 'bitnot': {
        const a = this.evalAddr(n.lhs!);
        return a && a.label === null ? num(~a.val) : null;
      }
      case 'not': {
        const a = this.evalAddr(n.lhs!);
        if (!a) return null;
        if (a.label !== null) return num(0n);
        return num(a.val === 0n ? 1n : 0n);
      }
      case 'logand': {
        const a = this.evalAddr(n.lhs!);
        if (!a || a.label !== null) return null;
        if (a.val === 0n) return num(0n);
        const b = this.evalAddr(n.rhs!);
        if (!b || b.label !== null) return null;
        return num(b.val !== 0n ? 1n : 0n);
      }
      case 'logor': {
        const a = this.evalAddr(n.lhs!);
        if (!a || a.label !== null) return null;
        if (a.val !== 0n) return num(1n);
        const b = this.evalAddr(n.rhs!);
        if (!b || b.label !== null) return null;
        return num(b.val !== 0n ? 1n : 0n);
      }
      case 'cond': {
        const c = this.evalAddr(n.cond!);
        if (!c || c.label !== null) return null;
        return this.evalAddr(c.val !== 0n ? n.then! : n.els!);
      }
      case 'comma':
        return this.evalAddr(n.rhs!);
      case 'cast': {
        const a = this.evalAddr(n.lhs!);
        if (!a) return null;
        if (a.label !== null) return n.ty!.size === 8 ? a : null;
        if (isInteger(n.ty!) || n.ty!.kind === 'ptr') {
          if (n.ty!.kind === 'bool') return { label: null, val: a.val !== 0n ? 1n : 0n };
          return { label: null, val: wrap(a.val, n.ty!) };
        }
        return a;
      }
      case 'addr':
        return this.evalRval(n.lhs!);
      case 'var':
        if (n.ty!.kind === 'array' || n.ty!.kind === 'func') return this.evalRval(n);
        return null;
      case 'str':
        return this.evalRval(n);
      case 'member':
        if (n.ty!.kind === 'array') return this.evalRval(n);
        return null;
      case 'deref':
        if (n.ty!.kind === 'array' || n.ty!.kind === 'func') return this.evalAddr(n.lhs!);
        return null;
    }
    return null;
  }

  /** The address of an lvalue with static storage. */
  evalRval(n: Node): { label: string | null; val: bigint } | null {
    switch (n.kind) {
      case 'var':
        if (n.obj!.isLocal) return null;
        this.markReferenced(n.obj!);
        return { label: n.obj!.asmName, val: 0n };
      case 'str':
        return { label: n.obj!.asmName, val: 0n };
      case 'deref':
        return this.evalAddr(n.lhs!);
      case 'member': {
        const a = this.evalRval(n.lhs!);
        if (!a) return null;
        return { label: a.label, val: a.val + BigInt(n.member!.offset) };
      }
    }
    return null;
  }

  markReferenced(o: Obj): void {
    o.referenced = true;
    if (this.fn && o.isFunction) this.fn.refs.add(o);
  }

  // ---------------------------------------------------------------- conversions

  /** gcc's default-on warnings for implicit conversions between pointers and integers. */
  checkConversion(to: Type, e: Node, tok: Token, what: 'initialization' | 'assignment' | 'return' | 'passing', argInfo?: { index: number; fn: string; paramTok: Token | null }): void {
    addType(e);
    const from = e.ty!;
    const fromP = from.kind === 'array' ? pointerTo(from.base!) : from.kind === 'func' ? pointerTo(from) : from;
    const head = (): string => {
      switch (what) {
        case 'initialization': return `initialization of '${typeName(to)}' from`;
        case 'assignment': return `assignment to '${typeName(to)}' from`;
        case 'return': return `returning`;
        case 'passing': return `passing argument ${argInfo!.index} of '${argInfo!.fn}'`;
      }
    };
    const notes = (): Diagnostic[] => (what === 'passing' && argInfo!.paramTok ? [diagAt(argInfo!.paramTok, 'note', `expected '${typeName(to)}' but argument is of type '${typeName(fromP)}'`)] : []);
    if (to.kind === 'ptr' && fromP.kind === 'ptr') {
      const a = to.base!;
      const b = fromP.base!;
      if (a.kind === 'void' || b.kind === 'void') {
        if (b.isConst && !a.isConst) this.warnDiscard(to, fromP, tok, what, head, notes);
        return;
      }
      if (!isCompatible(unqualified(a), unqualified(b))) {
        const msg = what === 'return'
          ? `returning '${typeName(fromP)}' from a function with incompatible return type '${typeName(to)}'`
          : what === 'passing' ? `${head()} from incompatible pointer type` : `${head()} incompatible pointer type '${typeName(fromP)}'`;
        this.warn(diagAt(tok, 'warning', msg, what === 'passing' ? exprLength(e) : 1), notes());
        this.diags[this.diags.length - 1 - notes().length]!.tag = '[-Wincompatible-pointer-types]';
        return;
      }
      if (b.isConst && !a.isConst) this.warnDiscard(to, fromP, tok, what, head, notes);
      return;
    }
    if (to.kind === 'ptr' && isInteger(fromP) && !isNullPointerConstant(e)) {
      const msg = what === 'return'
        ? `returning '${typeName(fromP)}' from a function with return type '${typeName(to)}' makes pointer from integer without a cast`
        : what === 'passing' ? `${head()} makes pointer from integer without a cast` : `${head()} '${typeName(fromP)}' makes pointer from integer without a cast`;
      const d = diagAt(tok, 'warning', msg);
      d.tag = '[-Wint-conversion]';
      this.warn(d, notes());
      return;
    }
    if (isInteger(to) && to.kind !== 'bool' && fromP.kind === 'ptr') {
      const msg = what === 'return'
        ? `returning '${typeName(fromP)}' from a function with return type '${typeName(to)}' makes integer from pointer without a cast`
        : what === 'passing' ? `${head()} makes integer from pointer without a cast` : `${head()} '${typeName(fromP)}' makes integer from pointer without a cast`;
      const d = diagAt(tok, 'warning', msg);
      d.tag = '[-Wint-conversion]';
      this.warn(d, notes());
      return;
    }
    if ((isScalar(to) && isRecord(fromP)) || (isRecord(to) && !isRecord(fromP))) {
      const msg = what === 'passing'
        ? `incompatible type for argument ${argInfo!.index} of '${argInfo!.fn}'`
        : what === 'return' ? `incompatible types when returning type '${typeName(fromP)}' but '${typeName(to)}' was expected`
        : what === 'assignment' ? `incompatible types when assigning to type '${typeName(to)}' from type '${typeName(fromP)}'`
        : `incompatible types when initializing type '${typeName(to)}' using type '${typeName(fromP)}'`;
      this.throwDiag(diagAt(tok, 'error', msg), notes());
    }
    if (fromP.kind === 'void' && to.kind !== 'void') this.error(tok, 'void value not ignored as it ought to be');
  }

  warnDiscard(to: Type, from: Type, tok: Token, what: string, head: () => string, notes: () => Diagnostic[]): void {
    const msg = what === 'return'
      ? `return discards 'const' qualifier from pointer target type`
      : what === 'passing' ? `${head()} discards 'const' qualifier from pointer target type` : `${what} discards 'const' qualifier from pointer target type`;
    const d = diagAt(tok, 'warning', msg);
    d.tag = '[-Wdiscarded-qualifiers]';
    this.warn(d, notes());
    void to;
    void from;
  }

  // ---------------------------------------------------------------- expressions

  // expr = assign ("," expr)?
  expr(): Node {
    const node = this.assign();
    if (this.is(',')) {
      const tok = this.next();
      const rhs = this.expr();
      const n: Node = { kind: 'comma', ty: undefined, tok, lhs: node, rhs };
      addType(n);
      return n;
    }
    return node;
  }

  // assign    = conditional (assign-op assign)?
  // assign-op = "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "&=" | "|=" | "^=" | "<<=" | ">>="
  assign(): Node {
    const node = this.conditional();
    const t = this.tok;
    if (t.kind !== 'punct') return node;
    switch (t.text) {
      case '=': {
        this.next();
        const rhs = this.assign();
        addType(node);
        addType(rhs);
        if (isLvalueNode(node) && !isRecord(node.ty!) && node.ty!.kind !== 'array') this.checkConversion(node.ty!, rhs, t, 'assignment');
        const n: Node = { kind: 'assign', ty: undefined, tok: t, lhs: node, rhs };
        addType(n);
        return n;
      }
      case '+=': this.next(); return this.toAssign(this.newAdd(node, this.assign(), t), t);
      case '-=': this.next(); return this.toAssign(this.newSub(node, this.assign(), t), t);
      case '*=': this.next(); return this.toAssign(this.binary('mul', node, this.assign(), t), t);
      case '/=': this.next(); return this.toAssign(this.binary('div', node, this.assign(), t), t);
      case '%=': this.next(); return this.toAssign(this.binary('mod', node, this.assign(), t), t);
      case '&=': this.next(); return this.toAssign(this.binary('band', node, this.assign(), t), t);
      case '|=': this.next(); return this.toAssign(this.binary('bor', node, this.assign(), t), t);
      case '^=': this.next(); return this.toAssign(this.binary('bxor', node, this.assign(), t), t);
      case '<<=': this.next(); return this.toAssign(this.binary('shl', node, this.assign(), t), t);
      case '>>=': this.next(); return this.toAssign(this.binary('shr', node, this.assign(), t), t);
    }
    return node;
  }

  /** `A op= B` becomes `tmp = &A, *tmp = *tmp op B` so that A is evaluated once. */
  toAssign(binary: Node, tok: Token): Node {
    const lhs = binary.lhs!.kind === 'cast' && binary.lhs!.lhs ? binary.lhs! : binary.lhs!;
    // Find the original lvalue under any conversion cast inserted by typecheck.
    let target = lhs;
    while (target.kind === 'cast') target = target.lhs!;
    if (binary.kind === 'add' || binary.kind === 'sub') {
      // newAdd may have scaled the right side; the lvalue is still binary.lhs's root.
    }
    addType(target);
    if (!isLvalueNode(target)) this.error(tok, 'lvalue required as left operand of assignment');
    if (target.ty!.isConst && target.kind === 'var') this.error(tok, `assignment of read-only variable '${target.obj!.name}'`);
    if (!this.fn) this.error(tok, 'initializer element is not constant');
    if (isPlainLvalue(target)) {
      // Naming the object twice has no side effects: `x op= y` is simply `x = x op y`.
      const n: Node = { kind: 'assign', ty: undefined, tok, lhs: target, rhs: binary };
      addType(n);
      return n;
    }
    const ptrTy = pointerTo(target.ty!);
    const tmp = this.newLocal('', ptrTy, null);
    const tmpRef = (): Node => ({ kind: 'var', ty: undefined, tok, obj: tmp });
    markAddressTaken(target);
    const first: Node = { kind: 'assign', tok, lhs: tmpRef(), rhs: { kind: 'addr', ty: undefined, tok, lhs: target } };
    // Rebuild the operation with *tmp in place of the lvalue.
    const derefTmp = (): Node => {
      const d: Node = { kind: 'deref', ty: undefined, tok, lhs: tmpRef() };
      addType(d);
      return d;
    };
    const replaced = replaceNode(binary, target, derefTmp);
    const second: Node = { kind: 'assign', ty: undefined, tok, lhs: derefTmp(), rhs: replaced };
    const n: Node = { kind: 'comma', ty: undefined, tok, lhs: first, rhs: second };
    addType(n);
    return n;
  }

  // conditional = logor ("?" expr? ":" conditional)?
  conditional(): Node {
    const cond = this.logor();
    if (!this.is('?')) return cond;
    const tok = this.next();
    this.checkScalar(cond);
    if (this.is(':')) {
      // GNU `a ?: b`
      this.next();
      const els = this.conditional();
      addType(cond);
      const tmp = this.fn ? this.newLocal('', unqualified(cond.ty!.kind === 'array' ? pointerTo(cond.ty!.base!) : cond.ty!), null) : null;
      if (!tmp) this.error(tok, 'initializer element is not constant');
      const ref = (): Node => ({ kind: 'var', ty: undefined, tok, obj: tmp });
      const a: Node = { kind: 'assign', ty: undefined, tok, lhs: ref(), rhs: cond };
      const n: Node = { kind: 'cond', ty: undefined, tok, cond: a, then: ref(), els };
      addType(n);
      return n;
    }
    const then = this.expr();
    if (!this.is(':')) this.expected("':'");
    this.next();
    const els = this.conditional();
    const n: Node = { kind: 'cond', ty: undefined, tok, cond, then, els };
    addType(n);
    return n;
  }

  binary(kind: NodeKind, lhs: Node, rhs: Node, tok: Token): Node {
    const n: Node = { kind, ty: undefined, tok, lhs, rhs };
    addType(n);
    return n;
  }

  // logor      = logand ("||" logand)*
  // logand     = bitor ("&&" bitor)*
  // bitor      = bitxor ("|" bitxor)*
  // bitxor     = bitand ("^" bitand)*
  // bitand     = equality ("&" equality)*
  // equality   = relational ("==" relational | "!=" relational)*
  // relational = shift ("<" shift | "<=" shift | ">" shift | ">=" shift)*
  // shift      = add ("<<" add | ">>" add)*
  // add        = mul ("+" mul | "-" mul)*
  // mul        = cast ("*" cast | "/" cast | "%" cast)*
  //
  // The ten rules are parsed by precedence climbing: one loop instead of ten nested calls for
  // every operand, with the same trees and the same order of checks and warnings.
  logor(): Node {
    return this.binaryExpr(1);
  }

  /** Operands joined by binary operators of precedence minPrec (BINARY_PREC) or higher. */
  binaryExpr(minPrec: number): Node {
    let node = this.cast();
    for (;;) {
      const t = this.tok;
      if (t.kind !== 'punct') return node;
      const prec = BINARY_PREC.get(t.text);
      if (prec === undefined || prec < minPrec) return node;
      this.next();
      node = this.binaryOp(t, node, this.binaryExpr(prec + 1));
    }
  }

  binaryOp(t: Token, lhs: Node, rhs: Node): Node {
    switch (t.text) {
      case '||': return this.binary('logor', lhs, rhs, t);
      case '&&': return this.binary('logand', lhs, rhs, t);
      case '|': return this.binary('bor', lhs, rhs, t);
      case '^': return this.binary('bxor', lhs, rhs, t);
      case '&': return this.binary('band', lhs, rhs, t);
      case '==': return this.comparison('eq', lhs, rhs, t);
      case '!=': return this.comparison('ne', lhs, rhs, t);
      case '<': return this.comparison('lt', lhs, rhs, t);
      case '<=': return this.comparison('le', lhs, rhs, t);
      case '>': return this.comparison('lt', rhs, lhs, t);
      case '>=': return this.comparison('le', rhs, lhs, t);
      case '<<': return this.binary('shl', lhs, rhs, t);
      case '>>': return this.binary('shr', lhs, rhs, t);
      case '+': return this.newAdd(lhs, rhs, t);
      case '-': return this.newSub(lhs, rhs, t);
      case '*': return this.binary('mul', lhs, rhs, t);
      default: {
        const n = this.binary(t.text === '/' ? 'div' : 'mod', lhs, rhs, t);
        this.checkDivZero(n);
        return n;
      }
    }
  }

  comparison(kind: NodeKind, lhs: Node, rhs: Node, tok: Token): Node {
    addType(lhs);
    addType(rhs);
    const lp = isPointerLike(lhs.ty!) || lhs.ty!.kind === 'func';
    const rp = isPointerLike(rhs.ty!) || rhs.ty!.kind === 'func';
    if (lp !== rp && isInteger(lp ? rhs.ty! : lhs.ty!) && !isNullPointerConstant(lp ? rhs : lhs)) {
      const d = diagAt(tok, 'warning', 'comparison between pointer and integer');
      this.warn(d);
    }
    return this.binary(kind, lhs, rhs, tok);
  }

  /** `+` with pointer arithmetic: p + n scales n by the pointee's size. */
  newAdd(lhs: Node, rhs: Node, tok: Token): Node {
    addType(lhs);
    addType(rhs);
    const lt = lhs.ty!;
    const rt = rhs.ty!;
    if (isInteger(lt) && isInteger(rt)) return this.binary('add', lhs, rhs, tok);
    if (isPointerLike(lt) && isPointerLike(rt)) this.error(tok, `invalid operands to binary + (have '${typeName(lt)}' and '${typeName(rt)}')`);
    if (!isPointerLike(lt) && isPointerLike(rt)) return this.newAdd(rhs, lhs, tok);
    if (!isPointerLike(lt) || !isInteger(rt)) this.error(tok, `invalid operands to binary + (have '${typeName(lt)}' and '${typeName(rt)}')`);
    const size = elemSize(lt);
    const scaled = this.binary('mul', newCast(rhs, ty_long), { kind: 'num', tok, val: BigInt(size), ty: ty_long }, tok);
    const n: Node = { kind: 'add', tok, lhs, rhs: scaled, ty: lt.kind === 'array' ? pointerTo(lt.base!) : lt };
    return n;
  }

  newSub(lhs: Node, rhs: Node, tok: Token): Node {
    addType(lhs);
    addType(rhs);
    const lt = lhs.ty!;
    const rt = rhs.ty!;
    if (isInteger(lt) && isInteger(rt)) return this.binary('sub', lhs, rhs, tok);
    if (isPointerLike(lt) && isInteger(rt)) {
      const size = elemSize(lt);
      const scaled = this.binary('mul', newCast(rhs, ty_long), { kind: 'num', tok, val: BigInt(size), ty: ty_long }, tok);
      return { kind: 'sub', tok, lhs, rhs: scaled, ty: lt.kind === 'array' ? pointerTo(lt.base!) : lt };
    }
    if (isPointerLike(lt) && isPointerLike(rt)) {
      if (!isCompatible(unqualified(lt.base!), unqualified(rt.base!))) this.error(tok, `invalid operands to binary - (have '${typeName(lt)}' and '${typeName(rt)}')`);
      const diff: Node = { kind: 'sub', tok, lhs, rhs, ty: ty_long };
      const size = elemSize(lt);
      return { kind: 'div', tok, lhs: diff, rhs: { kind: 'num', tok, val: BigInt(size), ty: ty_long }, ty: ty_long };
    }
    this.error(tok, `invalid operands to binary - (have '${typeName(lt)}' and '${typeName(rt)}')`);
  }

  checkDivZero(n: Node): void {
    let r = n.rhs!;
    while (r.kind === 'cast') r = r.lhs!;
    if (r.kind === 'num' && r.val === 0n) {
      const d = diagAt(n.tok, 'warning', 'division by zero');
      d.tag = '[-Wdiv-by-zero]';
      this.warn(d);
    }
  }

  // cast = "(" type-name ")" (cast | "{" initializer-list "}") | unary
  cast(): Node {
    if (this.is('(') && this.isTypename(this.peek())) {
      const start = this.pos;
      const tok = this.next();
      const ty = this.typename();
      this.skip(')');
      if (this.is('{')) {
        this.pos = start;
        return this.unary();
      }
      this.enter(tok);
      const e = this.cast();
      this.nesting--;
      addType(e);
      if (ty.kind !== 'void' && !isScalar(ty)) {
        if (isRecord(ty)) this.error(tok, 'conversion to non-scalar type requested');
        this.error(tok, `cast specifies ${ty.kind === 'array' ? 'array' : 'function'} type`);
      }
      if (isRecord(e.ty!) && ty.kind !== 'void') this.error(tok, `aggregate value used where an integer was expected`);
      const n: Node = { kind: 'cast', tok, lhs: e, ty: unqualified(ty) };
      return n;
    }
    return this.unary();
  }

  // unary = ("+" | "-" | "*" | "&" | "!" | "~") cast | ("++" | "--") unary | "&&" ident
  //       | "sizeof" unary | "sizeof" "(" type-name ")" | "_Alignof" "(" type-name ")"
  //       | "__extension__" cast | postfix
  unary(): Node {
    const t = this.tok;
    if (t.kind === 'punct') {
      switch (t.text) {
        case '+': {
          this.next();
          const e = this.cast();
          addType(e);
          if (!isInteger(e.ty!)) this.error(t, 'wrong type argument to unary plus');
          return newCast(e, promoteT(e.ty!));
        }
        case '-': {
          this.next();
          const n: Node = { kind: 'neg', ty: undefined, tok: t, lhs: this.cast() };
          addType(n);
          return n;
        }
        case '&': {
          this.next();
          const e = this.cast();
          addType(e);
          if (!isLvalueNode(e) && e.ty!.kind !== 'func') this.error(t, 'lvalue required as unary \'&\' operand');
          const n: Node = { kind: 'addr', ty: undefined, tok: t, lhs: e };
          markAddressTaken(e);
          addType(n);
          return n;
        }
        case '*': {
          this.next();
          const e = this.cast();
          addType(e);
          if (e.ty!.kind === 'func') return e;
          // gcc underlines the whole operand: `*x` → ^~
          if (e.ty!.kind !== 'ptr' && e.ty!.kind !== 'array') this.error(t, `invalid type argument of unary '*' (have '${typeName(e.ty!)}')`, this.spanFrom(t));
          const n: Node = { kind: 'deref', ty: undefined, tok: t, lhs: e };
          addType(n);
          return n;
        }
        case '!': {
          this.next();
          const n: Node = { kind: 'not', ty: undefined, tok: t, lhs: this.cast() };
          addType(n);
          return n;
        }
        case '~': {
          this.next();
          const n: Node = { kind: 'bitnot', ty: undefined, tok: t, lhs: this.cast() };
          addType(n);
          return n;
        }
        case '++': {
          this.next();
          const e = this.unary();
          return this.toAssign(this.newAdd(e, { kind: 'num', tok: t, val: 1n, ty: ty_int }, t), t);
        }
        case '--': {
          this.next();
          const e = this.unary();
          return this.toAssign(this.newSub(e, { kind: 'num', tok: t, val: 1n, ty: ty_int }, t), t);
        }
        case '&&':
          this.error(t, 'kwb does not support labels as values');
      }
    }
    if (t.kind === 'ident') {
      switch (t.text) {
        case 'sizeof': {
          this.next();
          let ty: Type;
          let where = this.tok;
          if (this.is('(') && this.isTypename(this.peek())) {
            const start = this.pos;
            this.next();
            where = this.tok;
            ty = this.typename();
            this.skip(')');
            if (this.is('{')) {
              this.pos = start;
              const e = this.unary();
              addType(e);
              ty = e.ty!;
            }
          } else {
            const e = this.unary();
            addType(e);
            ty = e.ty!;
          }
          if (ty.kind === 'func') return { kind: 'num', tok: t, val: 1n, ty: ty_ulong };
          if ((isRecord(ty) && !recordOf(ty).complete) || (ty.kind === 'array' && ty.len < 0)) {
            this.error(where, `invalid application of 'sizeof' to incomplete type '${typeName(ty)}'`);
          }
          return { kind: 'num', tok: t, val: BigInt(isRecord(ty) ? recordOf(ty).size : ty.size), ty: ty_ulong };
        }
        case '_Alignof': case '__alignof__': case '__alignof': {
          this.next();
          let ty: Type;
          if (this.is('(') && this.isTypename(this.peek())) {
            this.next();
            ty = this.typename();
            this.skip(')');
          } else {
            const e = this.unary();
            addType(e);
            ty = e.ty!;
          }
          return { kind: 'num', tok: t, val: BigInt(isRecord(ty) ? recordOf(ty).align : ty.align), ty: ty_ulong };
        }
        case '__extension__':
          this.next();
          return this.cast();
      }
    }
    return this.postfix();
  }

  // postfix = "(" type-name ")" "{" initializer-list "}"
  //         | primary ("[" expr "]" | "(" func-args ")" | "." ident | "->" ident | "++" | "--")*
  postfix(): Node {
    if (this.is('(') && this.isTypename(this.peek())) {
      // Compound literal.
      const tok = this.next();
      const ty = this.typename();
      this.skip(')');
      if (!this.is('{')) this.expectedAt("'{'");
      if (!this.fn) {
        const o = this.newAnonGlobal(ty);
        this.gvarInitializer(o);
        return this.postfixOps({ kind: 'var', ty: undefined, tok, obj: o });
      }
      const v = this.newLocal('', ty, tok);
      const init = this.lvarInitializer(v, tok);
      const n: Node = { kind: 'comma', tok, lhs: init, rhs: { kind: 'var', ty: undefined, tok, obj: v } };
      addType(n);
      return this.postfixOps(n);
    }
    return this.postfixOps(this.primary());
  }

  postfixOps(node: Node): Node {
    for (;;) {
      const t = this.tok;
      if (t.kind !== 'punct') return node;
      switch (t.text) {
        case '(':
          this.next();
          node = this.funcall(node, t);
          continue;
        case '[': {
          this.next();
          const idx = this.expr();
          this.skip(']');
          addType(node);
          addType(idx);
          if (!isPointerLike(node.ty!) && !isPointerLike(idx.ty!)) this.error(t, 'subscripted value is neither array nor pointer nor vector');
          if (!isInteger(isPointerLike(node.ty!) ? idx.ty! : node.ty!)) this.error(t, 'array subscript is not an integer');
          node = this.newDeref(this.newAdd(node, idx, t), t);
          continue;
        }
        case '.': {
          this.next();
          addType(node);
          if (!isRecord(node.ty!)) {
            if (node.kind === 'var' && node.ty!.kind === 'ptr' && isRecord(node.ty!.base!)) this.error(t, `'${node.obj!.name}' is a pointer; did you mean to use '->'?`);
            this.error(t, `request for member '${this.tok.text}' in something not a structure or union`);
          }
          node = this.structRef(node, t);
          continue;
        }
        case '->': {
          this.next();
          addType(node);
          const ty = node.ty!;
          if (!(isPointerLike(ty) && isRecord(ty.base!))) {
            if (isRecord(ty)) this.error(t, `invalid type argument of '->' (have '${typeName(ty)}')`);
            this.error(this.tok, `invalid type argument of '->' (have '${typeName(ty)}')`);
          }
          node = this.structRef(this.newDeref(node, t), t);
          continue;
        }
        case '++': case '--': {
          this.next();
          addType(node);
          // `x++` is `(typeof x)((x += 1) - 1)`, evaluated through a pointer so x is read once.
          const one = (): Node => ({ kind: 'num', tok: t, val: 1n, ty: ty_int });
          const inc = t.text === '++' ? this.newAdd(node, one(), t) : this.newSub(node, one(), t);
          const upd = this.toAssign(inc, t);
          const back = t.text === '++' ? this.newSub(upd, one(), t) : this.newAdd(upd, one(), t);
          node = newCast(back, node.ty!.kind === 'array' ? pointerTo(node.ty!.base!) : unqualified(node.ty!));
          continue;
        }
      }
      return node;
    }
  }

  newDeref(e: Node, tok: Token): Node {
    const n: Node = { kind: 'deref', ty: undefined, tok, lhs: e };
    addType(n);
    return n;
  }

  structRef(node: Node, dotTok: Token): Node {
    const nameTok = this.tok;
    if (nameTok.kind !== 'ident') this.expectedAt('identifier');
    this.next();
    const rec = recordOf(node.ty!);
    if (!rec.complete) this.error(dotTok, `invalid use of undefined type '${typeName(node.ty!)}'`);
    const path = findMember(rec, nameTok.text);
    if (!path) this.error(dotTok, `'${typeName(node.ty!.typedefName ? node.ty! : rec)}' has no member named '${nameTok.text}'`);
    for (const m of path) {
      node = { kind: 'member', ty: undefined, tok: nameTok, lhs: node, member: m };
      addType(node);
    }
    return node;
  }

  // func-args = (assign ("," assign)*)? ")"
  funcall(fn: Node, parenTok: Token): Node {
    addType(fn);
    let fty = fn.ty!;
    if (fty.kind === 'ptr' && fty.base!.kind === 'func') fty = fty.base!;
    if (fty.kind !== 'func') this.error(fn.tok, fn.kind === 'var' ? `called object '${fn.obj!.name}' is not a function or function pointer` : 'called object is not a function or function pointer');
    const args: Node[] = [];
    const argToks: Token[] = [];
    while (!this.is(')')) {
      if (args.length) {
        if (!this.is(',')) this.expected("')'");
        this.next();
      }
      argToks.push(this.tok);
      const a = this.assign();
      addType(a);
      args.push(a);
    }
    this.next();
    const name = fn.kind === 'var' ? fn.obj!.name : null;
    const declNote = (): Diagnostic[] => (fn.kind === 'var' && fn.obj!.tok ? [diagAt(fn.obj!.tok, 'note', 'declared here')] : []);
    if (!fty.oldStyle) {
      if (args.length < fty.params.length) {
        this.throwDiag(diagAt(fn.tok, 'error', name ? `too few arguments to function '${name}'` : 'too few arguments to function'), declNote());
      }
      if (args.length > fty.params.length && !fty.variadic) {
        this.throwDiag(diagAt(fn.tok, 'error', name ? `too many arguments to function '${name}'` : 'too many arguments to function'), declNote());
      }
    }
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const p = fty.oldStyle ? undefined : fty.params[i];
      if (a.ty!.kind === 'void') this.error(argToks[i]!, 'invalid use of void expression');
      if (p) {
        if (isRecord(p.ty)) {
          if (!isRecord(a.ty!) || recordOf(a.ty!) !== recordOf(p.ty)) this.checkConversion(p.ty, a, argToks[i]!, 'passing', { index: i + 1, fn: name ?? '', paramTok: p.tok });
          continue;
        }
        this.checkConversion(p.ty, a, argToks[i]!, 'passing', { index: i + 1, fn: name ?? '', paramTok: p.tok });
        args[i] = newCast(a, unqualified(p.ty));
      } else if (isInteger(a.ty!)) {
        args[i] = newCast(a, promoteT(a.ty!));
      } else if (a.ty!.kind === 'array') {
        args[i] = newCast(a, pointerTo(a.ty!.base!));
      } else if (a.ty!.kind === 'func') {
        args[i] = newCast(a, pointerTo(a.ty!));
      }
    }
    const ret = fty.ret!;
    if (ret.isFloat || fty.params.some((p) => p.ty.isFloat)) this.error(fn.tok, 'kwb does not support floating-point types');
    if (isRecord(ret) && !recordOf(ret).complete) this.error(fn.tok, `invalid use of undefined type '${typeName(ret)}'`);
    const n: Node = { kind: 'call', tok: fn.tok, lhs: fn, args, funcTy: fty, ty: unqualified(ret) };
    if (isRecord(ret)) {
      if (!this.fn) this.error(parenTok, 'initializer element is not constant');
      n.retBuf = this.newLocal('', ret, null);
    }
    return n;
  }

  // primary = "(" "{" stmt+ "}" ")" | "(" expr ")" | builtin | ident | str | num | char
  primary(): Node {
    const t = this.tok;
    if (t.kind === 'punct' && t.text === '(') {
      if (this.peek().text === '{') {
        // Statement expression.
        if (!this.fn) this.error(t, 'braced-group within expression allowed only inside a function');
        this.next();
        const block = this.compoundStmt();
        this.skip(')');
        const n: Node = { kind: 'stmtexpr', ty: undefined, tok: t, body: block.body };
        addType(n);
        return n;
      }
      this.next();
      if (this.is(')')) this.expectedAt('expression');
      this.enter(t);
      const e = this.expr();
      this.skip(')');
      this.nesting--;
      return e;
    }
    if (t.kind === 'num') {
      this.next();
      const lit = t.lit!;
      if (lit.isFloat) this.error(t, 'kwb does not support floating-point constants');
      const ty = lit.numType === 'int' ? ty_int : lit.numType === 'uint' ? ty_uint : lit.numType === 'long' ? ty_long : ty_ulong;
      return { kind: 'num', tok: t, val: lit.val!, ty };
    }
    if (t.kind === 'char') {
      this.next();
      return { kind: 'num', tok: t, val: t.lit!.val!, ty: ty_int };
    }
    if (t.kind === 'str') {
      const bytes = this.stringBytes();
      const o = this.stringLiteral(t, bytes);
      return { kind: 'str', tok: t, obj: o, ty: o.ty };
    }
    if (t.kind === 'ident') {
      const b = this.builtin(t);
      if (b) return b;
      if (KEYWORDS.has(t.text)) this.expectedAt('expression');
      this.next();
      const sc = this.findVar(t.text);
      if (sc) {
        if (sc.obj) {
          if (!sc.obj.isLocal) this.markReferenced(sc.obj);
          return { kind: 'var', tok: t, obj: sc.obj, ty: sc.obj.ty };
        }
        if (sc.enumTy) return { kind: 'num', tok: t, val: sc.enumVal!, ty: ty_int };
        if (sc.typedef) this.expectedAt('expression');
      }
      if (this.is('(')) return this.implicitDeclaration(t);
      const hint = this.didYouMean(t.text, false);
      if (!this.fn) this.error(t, `'${t.text}' undeclared here (not in a function)${hint}`);
      this.throwDiag(diagAt(t, 'error', `'${t.text}' undeclared (first use in this function)${hint}`), [
        { ...diagAt(t, 'note', 'each undeclared identifier is reported only once for each function it appears in'), sourceLine: undefined, length: undefined },
      ]);
    }
    this.expectedAt('expression');
  }

  implicitDeclaration(t: Token): Node {
    const builtinName = t.text.replace(/^__builtin_/, '');
    const lib = libBuiltin(builtinName);
    const d = diagAt(t, 'warning', `implicit declaration of function '${t.text}'${lib ? '' : this.didYouMean(t.text, false)}`);
    d.tag = '[-Wimplicit-function-declaration]';
    let fty = funcType(ty_int);
    fty.oldStyle = true;
    if (builtinName === t.text) {
      if (lib) {
        // gcc suggests the header once (where an #include would go), then at each call.
        const noteMsg = `include '<${lib.header}>' or provide a declaration of '${t.text}'`;
        const note = this.suggestedHeaders.has(lib.header) ? atNoSource(t, noteMsg) : this.includeNote(t, noteMsg);
        this.suggestedHeaders.add(lib.header);
        this.warn(d, [note]);
        if (!matchesImplicit(lib.type)) {
          const w = diagAt(t, 'warning', `incompatible implicit declaration of built-in function '${t.text}'`);
          w.tag = '[-Wbuiltin-declaration-mismatch]';
          this.warn(w, [atNoSource(t, noteMsg)]);
        }
      } else this.warn(d);
    }
    // gcc keeps using the built-in's real prototype.
    if (lib) fty = lib.type;
    // Declared at file scope, as gcc does for the rest of the translation unit.
    const o = newObj(builtinName, fty, t, false);
    o.isExtern = true;
    this.globals.push(o);
    this.scopes[0]!.vars.set(t.text, { obj: o });
    this.markReferenced(o);
    return { kind: 'var', tok: t, obj: o, ty: fty };
  }

  builtin(t: Token): Node | null {
    switch (t.text) {
      case '__func__': case '__FUNCTION__': case '__PRETTY_FUNCTION__': {
        this.next();
        const name = this.fn ? this.fn.name : '';
        const o = this.stringLiteral(t, [...Buffer.from(name, 'utf8')]);
        return { kind: 'str', tok: t, obj: o, ty: o.ty };
      }
      case '__builtin_va_start': {
        this.next();
        this.skip('(');
        const ap = this.assign();
        this.skip(',');
        this.assign();
        this.skip(')');
        if (!this.fn || !this.fn.ty.variadic) this.error(t, "'va_start' used in function with fixed arguments");
        return { kind: 'va_start', tok: t, lhs: ap, ty: ty_void };
      }
      case '__builtin_va_end': {
        this.next();
        this.skip('(');
        const ap = this.assign();
        this.skip(')');
        addType(ap);
        return { kind: 'cast', tok: t, lhs: ap, ty: ty_void };
      }
      case '__builtin_va_copy': {
        this.next();
        this.skip('(');
        const dst = this.assign();
        this.skip(',');
        const src = this.assign();
        this.skip(')');
        return { kind: 'va_copy', tok: t, lhs: dst, rhs: src, ty: ty_void };
      }
      case '__builtin_va_arg': {
        this.next();
        this.skip('(');
        const ap = this.assign();
        this.skip(',');
        const ty = this.typename();
        this.skip(')');
        if (!isScalar(ty) && !isRecord(ty)) this.error(t, `kwb does not support va_arg of type '${typeName(ty)}'`);
        return { kind: 'va_arg', tok: t, lhs: ap, ty };
      }
      case '__builtin_expect': case '__builtin_expect_with_probability': {
        this.next();
        this.skip('(');
        const e = this.assign();
        this.skip(',');
        this.assign();
        if (t.text !== '__builtin_expect') {
          this.skip(',');
          this.assign();
        }
        this.skip(')');
        return newCast(e, ty_long);
      }
      case '__builtin_constant_p': {
        this.next();
        this.skip('(');
        const e = this.assign();
        this.skip(')');
        addType(e);
        const v = isInteger(e.ty!) && this.tryConst(e) !== null && e.kind === 'num';
        return { kind: 'num', tok: t, val: v ? 1n : 0n, ty: ty_int };
      }
      case '__builtin_offsetof': case 'offsetof': {
        if (t.text === 'offsetof' && (this.findVar('offsetof') || this.peek().text !== '(')) return null;
        this.next();
        this.skip('(');
        const ty = this.typename();
        this.skip(',');
        let cur = ty;
        let off = 0n;
        for (let first = true; ; first = false) {
          if (first || this.consume('.')) {
            const name = this.ident();
            if (!isRecord(cur)) this.error(name, `request for member '${name.text}' in something not a structure or union`);
            const path = findMember(recordOf(cur), name.text);
            if (!path) this.error(name, `'${typeName(cur)}' has no member named '${name.text}'`);
            for (const m of path) off += BigInt(m.offset);
            cur = path[path.length - 1]!.ty;
          } else if (this.consume('[')) {
            const i = this.constExpr();
            this.skip(']');
            if (cur.kind !== 'array') this.error(this.prev(), 'subscripted value is neither array nor pointer nor vector');
            off += i * BigInt(cur.base!.size);
            cur = cur.base!;
          } else break;
        }
        this.skip(')');
        return { kind: 'num', tok: t, val: off, ty: ty_ulong };
      }
      case '__builtin_types_compatible_p': {
        this.next();
        this.skip('(');
        const a = this.typename();
        this.skip(',');
        const b = this.typename();
        this.skip(')');
        return { kind: 'num', tok: t, val: isCompatible(unqualified(a), unqualified(b)) ? 1n : 0n, ty: ty_int };
      }
      case '__builtin_choose_expr': {
        this.next();
        this.skip('(');
        const c = this.constExpr();
        this.skip(',');
        const a = this.assign();
        this.skip(',');
        const b = this.assign();
        this.skip(')');
        return c ? a : b;
      }
      case '__builtin_unreachable': case '__builtin_trap': {
        this.next();
        this.skip('(');
        this.skip(')');
        return { kind: 'nullexpr', tok: t, ty: ty_void };
      }
      case '__builtin_frame_address': case '__builtin_return_address':
        this.error(t, `kwb does not support '${t.text}'`);
      case '_Generic':
        this.error(t, 'kwb does not support _Generic');
    }
    if (t.text.startsWith('__builtin_') && this.peek().text === '(' && !this.findVar(t.text)) {
      // __builtin_memcpy and friends call the library function of the same name.
      const plain = t.text.slice('__builtin_'.length);
      const sc = this.findVar(plain);
      this.next();
      if (sc?.obj) {
        this.markReferenced(sc.obj);
        return { kind: 'var', tok: t, obj: sc.obj, ty: sc.obj.ty };
      }
      return this.implicitDeclaration(t);
    }
    return null;
  }
}

/** A note at a token, without quoting the line (gcc does not repeat a quote for the same spot). */
/** `&x`, `&x.f.g`: x's address escapes (see Obj.addressTaken). */
function markAddressTaken(n: Node): void {
  let e = n;
  while (e.kind === 'member') e = e.lhs!;
  if (e.kind === 'var' && e.obj) e.obj.addressTaken = true;
}

/** An immediate as gcc prints it: an integer in the operand's own mode (so (unsigned char)255 is $-1). */
function immediateOf(c: { label: string | null; val: bigint }, t: Type): { label: string | null; val: bigint } {
  if (c.label !== null) return { label: c.label, val: BigInt.asIntN(64, c.val) };
  const bits = isInteger(t) && t.size > 0 && t.size < 8 ? t.size * 8 : 64;
  return { label: null, val: BigInt.asIntN(bits, c.val) };
}

function atNoSource(t: Token, message: string): Diagnostic {
  return { ...diagAt(t, 'note', message), sourceLine: undefined, length: undefined };
}

/** A variable or a member of one: evaluating it twice is harmless. */
function isPlainLvalue(n: Node): boolean {
  if (n.kind === 'var') return true;
  if (n.kind === 'member') return isPlainLvalue(n.lhs!);
  return false;
}

/** Whether a type involves float/double anywhere a value of it would be used. */
function usesFloat(t: Type): boolean {
  if (t.isFloat) return true;
  if (t.kind === 'array' || t.kind === 'ptr') return t.kind === 'array' ? usesFloat(t.base!) : false;
  if (t.kind === 'func') return usesFloat(t.ret!) || t.params.some((p) => usesFloat(p.ty));
  return false;
}

function isLvalueNode(n: Node): boolean {
  return n.kind === 'var' || n.kind === 'deref' || n.kind === 'member' || n.kind === 'str';
}

function promoteT(t: Type): Type {
  if (t.kind === 'enum') return t.unsigned ? ty_uint : ty_int;
  if (t.kind === 'bool' || t.kind === 'char' || t.kind === 'short') return ty_int;
  return unqualified(t);
}

function elemSize(t: Type): number {
  const b = t.base!;
  if (b.kind === 'void' || b.kind === 'func') return 1;
  return isRecord(b) ? recordOf(b).size : b.size;
}

function alignTo(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/** Wraps a value to the width and signedness of an integer (or pointer) type. */
export function wrap(v: bigint, t: Type): bigint {
  if (t.kind === 'bool') return v !== 0n ? 1n : 0n;
  if (!isScalar(t)) return v;
  const bits = t.size * 8;
  return t.unsigned ? BigInt.asUintN(bits, v) : BigInt.asIntN(bits, v);
}

/** The chain of members leading to `name`, looking inside anonymous struct/union members. */
export function findMember(ty: Type, name: string): Member[] | null {
  const rec = recordOf(ty);
  for (const m of rec.members) {
    if (m.name === name) return [m];
    if (m.name === null && isRecord(m.ty)) {
      const sub = findMember(m.ty, name);
      if (sub) return [m, ...sub];
    }
  }
  return null;
}

function exprLength(e: Node): number {
  return Math.max(1, e.tok.text.length);
}

/** A copy of `n` with `target` (matched by identity) replaced by a fresh node from `make`. */
function replaceNode(n: Node, target: Node, make: () => Node): Node {
  if (n === target) return make();
  const c: Node = { ...n };
  if (n.lhs) c.lhs = replaceNode(n.lhs, target, make);
  if (n.rhs) c.rhs = replaceNode(n.rhs, target, make);
  // Types of the rebuilt nodes stay valid: the replacement has the target's type.
  return c;
}
