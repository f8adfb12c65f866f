// A small WebAssembly assembler: a function body as bytes (Body), and the one module shape the
// region compiler needs (moduleBytes). Opcode numbers and encodings are the WebAssembly 1.0
// binary format's.
import { sleb128, uleb128 } from '../../../util/leb128.js';

export const I32 = 0x7f;
export const I64 = 0x7e;

/** Opcodes without immediates, by their text-format names. */
export const enum W {
  unreachable = 0x00,
  drop = 0x1a,
  select = 0x1b,
  i32_eqz = 0x45,
  i32_eq = 0x46,
  i32_ne = 0x47,
  i32_lt_s = 0x48,
  i32_lt_u = 0x49,
  i32_gt_s = 0x4a,
  i32_gt_u = 0x4b,
  i32_le_s = 0x4c,
  i32_le_u = 0x4d,
  i32_ge_s = 0x4e,
  i32_ge_u = 0x4f,
  i64_eqz = 0x50,
  i64_eq = 0x51,
  i64_ne = 0x52,
  i64_lt_s = 0x53,
  i64_lt_u = 0x54,
  i64_gt_s = 0x55,
  i64_gt_u = 0x56,
  i64_le_s = 0x57,
  i64_le_u = 0x58,
  i64_ge_s = 0x59,
  i64_ge_u = 0x5a,
  i32_popcnt = 0x69,
  i32_add = 0x6a,
  i32_sub = 0x6b,
  i32_mul = 0x6c,
  i32_and = 0x71,
  i32_or = 0x72,
  i32_xor = 0x73,
  i32_shl = 0x74,
  i32_shr_s = 0x75,
  i32_shr_u = 0x76,
  i64_add = 0x7c,
  i64_sub = 0x7d,
  i64_mul = 0x7e,
  i64_and = 0x83,
  i64_or = 0x84,
  i64_xor = 0x85,
  i64_shl = 0x86,
  i64_shr_s = 0x87,
  i64_shr_u = 0x88,
  i32_wrap_i64 = 0xa7,
  i64_extend_i32_s = 0xac,
  i64_extend_i32_u = 0xad,
}

/** Memory access opcodes (each takes a memarg). */
export const enum M {
  i32_load = 0x28,
  i64_load = 0x29,
  i64_load32_s = 0x34,
  i64_load32_u = 0x35,
  i32_store = 0x36,
  i64_store = 0x37,
  i64_store32 = 0x3e,
}

function uleb(out: number[], v: number): void {
  uleb128(out, BigInt(v));
}

/**
 * A function body under construction. Structured control is tracked by depth: open() returns a
 * label (the nesting level it opened), and br(label) computes the relative depth.
 */
export class Body {
  readonly bytes: number[] = [];
  private level = 0;

  op(o: W): this {
    this.bytes.push(o);
    return this;
  }
  i32(v: number): this {
    this.bytes.push(0x41);
    sleb128(this.bytes, BigInt(v | 0));
    return this;
  }
  i64(v: bigint): this {
    this.bytes.push(0x42);
    sleb128(this.bytes, BigInt.asIntN(64, v));
    return this;
  }
  get(l: number): this {
    this.bytes.push(0x20);
    uleb(this.bytes, l);
    return this;
  }
  set(l: number): this {
    this.bytes.push(0x21);
    uleb(this.bytes, l);
    return this;
  }
  tee(l: number): this {
    this.bytes.push(0x22);
    uleb(this.bytes, l);
    return this;
  }
  gget(g: number): this {
    this.bytes.push(0x23);
    uleb(this.bytes, g);
    return this;
  }
  gset(g: number): this {
    this.bytes.push(0x24);
    uleb(this.bytes, g);
    return this;
  }
  mem(o: M, offset = 0): this {
    // Alignment hint 0 (byte aligned): valid for every access size; V8 ignores hints anyway.
    this.bytes.push(o, 0);
    uleb(this.bytes, offset);
    return this;
  }
  call(f: number): this {
    this.bytes.push(0x10);
    uleb(this.bytes, f);
    return this;
  }
  /** block/loop/if with no result: returns the label to branch to. */
  block(): number {
    this.bytes.push(0x02, 0x40);
    return ++this.level;
  }
  loop(): number {
    this.bytes.push(0x03, 0x40);
    return ++this.level;
  }
  if(): number {
    this.bytes.push(0x04, 0x40);
    return ++this.level;
  }
  else(): this {
    this.bytes.push(0x05);
    return this;
  }
  end(): this {
    this.bytes.push(0x0b);
    this.level--;
    return this;
  }
  br(label: number): this {
    this.bytes.push(0x0c);
    uleb(this.bytes, this.level - label);
    return this;
  }
  brIf(label: number): this {
    this.bytes.push(0x0d);
    uleb(this.bytes, this.level - label);
    return this;
  }
  brTable(labels: number[], dflt: number): this {
    this.bytes.push(0x0e);
    uleb(this.bytes, labels.length);
    for (const l of labels) uleb(this.bytes, this.level - l);
    uleb(this.bytes, this.level - dflt);
    return this;
  }
  ret(): this {
    this.bytes.push(0x0f);
    return this;
  }
}

/** A function defined in the module. */
export interface FunctionShape {
  params: number[];
  /** One result type. */
  result: number;
  locals: number[];
  body: Body;
}

export interface ModuleShape {
  /** Imported functions, all (i32, i32, i32) -> i32, from module "m". */
  imports: string[];
  /** Mutable i32 globals (initialized to -1). */
  globals: number;
  /** The functions, numbered after the imports; the first is exported as "run". */
  functions: FunctionShape[];
  /** The imported memory's size in 64 KiB pages (minimum = maximum). */
  memPages: number;
}

function section(out: number[], id: number, content: number[]): void {
  out.push(id);
  uleb(out, content.length);
  append(out, content);
}

/** out.push(...more) without spreading (bodies can be larger than an argument list may be). */
function append(out: number[], more: number[]): void {
  for (const b of more) out.push(b);
}

function name(out: number[], s: string): void {
  uleb(out, s.length);
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
}

/** A function body: its locals, run-length encoded by type, then the code. */
function body(f: FunctionShape): number[] {
  const fn: number[] = [];
  const runs: [number, number][] = [];
  for (const t of f.locals) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last[1] === t) last[0]++;
    else runs.push([1, t]);
  }
  uleb(fn, runs.length);
  for (const [n, t] of runs) {
    uleb(fn, n);
    fn.push(t);
  }
  append(fn, f.body.bytes);
  fn.push(0x0b);
  return fn;
}

/** The module's bytes: imports (memory "m.mem", then the functions), globals, the functions. */
export function moduleBytes(m: ModuleShape): Uint8Array<ArrayBuffer> {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  // Types: 0 the imports' (i32, i32, i32) -> i32, then one per function.
  const types: number[] = [];
  uleb(types, m.functions.length + 1);
  types.push(0x60, 3, I32, I32, I32, 1, I32);
  for (const f of m.functions) {
    types.push(0x60);
    uleb(types, f.params.length);
    types.push(...f.params, 1, f.result);
  }
  section(out, 1, types);
  const imports: number[] = [];
  uleb(imports, m.imports.length + 1);
  name(imports, 'm');
  name(imports, 'mem');
  imports.push(0x02, 0x01);
  uleb(imports, m.memPages);
  uleb(imports, m.memPages);
  for (const f of m.imports) {
    name(imports, 'm');
    name(imports, f);
    imports.push(0x00, 0);
  }
  section(out, 2, imports);
  const funcs: number[] = [];
  uleb(funcs, m.functions.length);
  m.functions.forEach((_, k) => uleb(funcs, k + 1));
  section(out, 3, funcs);
  if (m.globals > 0) {
    const g: number[] = [];
    uleb(g, m.globals);
    for (let i = 0; i < m.globals; i++) g.push(I32, 1, 0x41, 0x7f, 0x0b);
    section(out, 6, g);
  }
  const exp: number[] = [1];
  name(exp, 'run');
  exp.push(0x00);
  uleb(exp, m.imports.length);
  section(out, 7, exp);
  const code: number[] = [];
  uleb(code, m.functions.length);
  for (const f of m.functions) {
    const fn = body(f);
    uleb(code, fn.length);
    append(code, fn);
  }
  section(out, 10, code);
  return new Uint8Array(out);
}
