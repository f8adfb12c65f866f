// AT&T assembly from the AST: a stack machine in the spirit of chibicc. Every expression leaves
// its value in %rax (aggregates: their address); temporaries go on the stack with pushq/popq.
// Only the instruction forms listed in docs/isa.md are emitted. Calls follow the SysV x86-64 ABI
// so our code links with gcc-built objects and glibc.

import { Buffer } from 'node:buffer';
import type { AsmOperand, Node, Obj } from './ast.js';
import { CompileError } from './diagnostics.js';
import { diagAt } from './tokenize.js';
import { isInteger, isRecord, recordOf, type Type } from './types.js';

const ARG64 = ['%rdi', '%rsi', '%rdx', '%rcx', '%r8', '%r9'];
const ARG32 = ['%edi', '%esi', '%edx', '%ecx', '%r8d', '%r9d'];
const ARG16 = ['%di', '%si', '%dx', '%cx', '%r8w', '%r9w'];
const ARG8 = ['%dil', '%sil', '%dl', '%cl', '%r8b', '%r9b'];

const REGS: Record<string, [string, string, string, string]> = {
  rax: ['%rax', '%eax', '%ax', '%al'], rbx: ['%rbx', '%ebx', '%bx', '%bl'], rcx: ['%rcx', '%ecx', '%cx', '%cl'],
  rdx: ['%rdx', '%edx', '%dx', '%dl'], rsi: ['%rsi', '%esi', '%si', '%sil'], rdi: ['%rdi', '%edi', '%di', '%dil'],
  rbp: ['%rbp', '%ebp', '%bp', '%bpl'], rsp: ['%rsp', '%esp', '%sp', '%spl'],
  r8: ['%r8', '%r8d', '%r8w', '%r8b'], r9: ['%r9', '%r9d', '%r9w', '%r9b'], r10: ['%r10', '%r10d', '%r10w', '%r10b'],
  r11: ['%r11', '%r11d', '%r11w', '%r11b'], r12: ['%r12', '%r12d', '%r12w', '%r12b'], r13: ['%r13', '%r13d', '%r13w', '%r13b'],
  r14: ['%r14', '%r14d', '%r14w', '%r14b'], r15: ['%r15', '%r15d', '%r15w', '%r15b'],
};
const HIGH8: Record<string, string> = { rax: '%ah', rbx: '%bh', rcx: '%ch', rdx: '%dh' };
const CALLEE_SAVED = ['rbx', 'r12', 'r13', 'r14', 'r15'];

/** Canonical 64-bit register name for a clobber or register spelling ("%ecx", "cl", "r11d"). */
function canonicalReg(s: string): string | null {
  const r = s.replace(/^%/, '');
  for (const [k, names] of Object.entries(REGS)) if (names.some((n) => n === `%${r}`) || k === r) return k;
  if (r === 'ah' || r === 'bh' || r === 'ch' || r === 'dh') return `r${r[0]}x`;
  return null;
}

function alignTo(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

function sizeOf(t: Type): number {
  return isRecord(t) ? recordOf(t).size : t.size;
}

function imm(v: bigint): string {
  return v.toString();
}

// BigInt bounds made once: `1n << 31n` in an expression allocates a new BigInt on every call.
const IMM32_MIN = -(1n << 31n);
const IMM32_END = 1n << 31n;
const U32_END = 1n << 32n;

/** Fits a sign-extended 32-bit immediate. */
function isImm32(v: bigint): boolean {
  return v >= IMM32_MIN && v < IMM32_END;
}

/** Escapes bytes for a `.string`/`.ascii` directive. */
function quoteBytes(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) {
    if (b === 34) s += '\\"';
    else if (b === 92) s += '\\\\';
    else if (b === 10) s += '\\n';
    else if (b === 9) s += '\\t';
    else if (b >= 32 && b < 127) s += String.fromCharCode(b);
    else s += '\\' + b.toString(8).padStart(3, '0');
  }
  return s;
}

export interface CodegenInput {
  file: string;
  globals: Obj[];
  toplevelAsm: string[];
}

export function codegen(input: CodegenInput): string {
  return new CodeGen().program(input);
}

/**
 * The assembly as it is finished, as UTF-8 outside the JavaScript heap. Kept as strings until the
 * end, every function's text survived the young-generation collections of the rest of the
 * compilation and was copied by each of them; written here, it dies young.
 */
class AsmSink {
  private buf = Buffer.allocUnsafe(1 << 16);
  private len = 0;

  write(s: string): void {
    const need = this.len + s.length * 3; // at most 3 UTF-8 bytes per UTF-16 unit
    if (need > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
      this.buf.copy(grown, 0, 0, this.len);
      this.buf = grown;
    }
    this.len += this.buf.write(s, this.len, 'utf8');
  }

  text(): string {
    return this.buf.toString('utf8', 0, this.len);
  }
}

class CodeGen {
  /** Lines not yet written to the sink (flush). */
  out: string[] = [];
  sink = new AsmSink();
  depth = 0;
  fn: Obj | null = null;
  labelId = 0;
  usedCalleeSaved = new Set<string>();
  calleeSaveBase = 0;
  asmCounter = 0;

  emit(s: string): void {
    this.out.push('\t' + s);
  }
  label(s: string): void {
    this.out.push(s + ':');
  }
  newLabel(): string {
    return `.L.cg.${this.labelId++}`;
  }

  push(): void {
    this.emit('pushq %rax');
    this.depth++;
  }
  pop(reg: string): void {
    this.emit(`popq ${reg}`);
    this.depth--;
  }

  internal(node: Node, what: string): never {
    throw new CompileError([diagAt(node.tok, 'error', `kwb does not support ${what}`)]);
  }

  // ------------------------------------------------------------------ program

  program(input: CodegenInput): string {
    this.out.push(`\t.file\t"${input.file.replace(/^.*\//, '')}"`);
    const live = liveFunctions(input.globals);
    // Data first, like gcc's layout for the common case; functions follow.
    for (const o of input.globals) if (!o.isFunction) this.emitData(o);
    this.out.push('\t.text');
    for (const o of input.globals) {
      if (!o.isFunction) continue;
      if (o.body && live.has(o)) this.emitFunction(o);
      else if (!o.body && o.weak && o.referenced) this.emit(`.weak ${o.asmName}`);
      if (o.alias) this.emitAlias(o);
    }
    for (const a of input.toplevelAsm) {
      this.out.push('#APP');
      this.out.push('\t' + a.split('\n').join('\n'));
      this.out.push('#NO_APP');
    }
    this.out.push('\t.section\t.note.GNU-stack,"",@progbits');
    this.flush();
    return this.sink.text();
  }

  /** Writes the pending lines to the sink, each ending with a newline. */
  flush(): void {
    if (this.out.length === 0) return;
    this.out.push('');
    this.sink.write(this.out.join('\n'));
    this.out = [];
  }

  emitAlias(o: Obj): void {
    this.emit(o.weak ? `.weak ${o.asmName}` : o.isStatic ? `.local ${o.asmName}` : `.globl ${o.asmName}`);
    this.emit(`.set ${o.asmName}, ${o.alias}`);
  }

  emitData(o: Obj): void {
    if (!o.isDefinition) {
      if (o.weak && o.referenced) this.emit(`.weak ${o.asmName}`);
      return;
    }
    if (o.alias) {
      this.emitAlias(o);
      return;
    }
    const size = sizeOf(o.ty);
    const align = o.ty.kind === 'array' && size >= 16 ? Math.max(o.align, 16) : o.align;
    const hasData = o.initData !== null && (o.relocs.length > 0 || o.initData.some((b) => b !== 0));
    if (o.section) this.emit(`.section ${o.section},"a${isConstObject(o.ty) ? '' : 'w'}",@${/^\.bss(\.|$)|\.bss\./.test(o.section) ? 'nobits' : 'progbits'}`);
    else if (o.isString || (isConstObject(o.ty) && o.initData)) this.emit('.section .rodata');
    else if (hasData) this.emit('.data');
    else this.emit('.bss');
    if (!o.isStatic) this.emit(o.weak ? `.weak ${o.asmName}` : `.globl ${o.asmName}`);
    else if (o.weak) this.emit(`.weak ${o.asmName}`);
    if (!o.isString) {
      this.emit(`.align ${align}`);
      this.emit(`.type ${o.asmName}, @object`);
      this.emit(`.size ${o.asmName}, ${size}`);
    }
    this.label(o.asmName);
    if (!o.initData || !hasData) {
      this.emit(`.zero ${Math.max(size, 1)}`);
      return;
    }
    const data = o.initData;
    if (o.isString && data[data.length - 1] === 0 && !data.subarray(0, data.length - 1).includes(0)) {
      this.emit(`.string "${quoteBytes(data.subarray(0, data.length - 1))}"`);
      return;
    }
    const relocs = [...o.relocs].sort((a, b) => a.offset - b.offset);
    let pos = 0;
    let ri = 0;
    const len = Math.max(size, data.length);
    while (pos < len) {
      const r = relocs[ri];
      if (r && r.offset === pos) {
        const add = r.addend === 0n ? '' : r.addend > 0n ? `+${r.addend}` : `${r.addend}`;
        this.emit(`.quad ${r.label}${add}`);
        pos += 8;
        ri++;
        continue;
      }
      const end = Math.min(r ? r.offset : len, len);
      // Zero runs as .zero, other bytes as .byte lines.
      let zeros = 0;
      while (pos + zeros < end && (data[pos + zeros] ?? 0) === 0) zeros++;
      if (zeros >= 8 || (zeros > 0 && pos + zeros === end)) {
        this.emit(`.zero ${zeros}`);
        pos += zeros;
        continue;
      }
      const chunk: number[] = [];
      while (pos < end && chunk.length < 16) {
        chunk.push(data[pos] ?? 0);
        pos++;
      }
      this.emit(`.byte ${chunk.join(',')}`);
    }
  }

  // ------------------------------------------------------------------ functions

  assignOffsets(fn: Obj): { stackSize: number; stackParams: Set<Obj>; stackParamBytes: number } {
    // Parameters passed on the stack live where the caller put them, above the return address.
    const stackParams = new Set<Obj>();
    let gp = isRecord(fn.ty.ret!) && sizeOf(fn.ty.ret!) > 16 ? 1 : 0;
    let top = 16;
    for (const p of fn.params) {
      const sz = sizeOf(p.ty);
      if (isRecord(p.ty)) {
        const n = Math.ceil(sz / 8);
        if (sz <= 16 && gp + n <= 6) {
          gp += n;
          continue;
        }
      } else if (gp < 6) {
        gp++;
        continue;
      }
      top = alignTo(top, 8);
      p.offset = top;
      top += alignTo(sz, 8);
      stackParams.add(p);
    }
    let bottom = 0;
    this.overAligned = [];
    for (const v of fn.locals) {
      if (stackParams.has(v)) continue;
      if (v.align > 16) {
        // The frame is only 16-byte aligned: reserve room to align by hand at entry, and reach
        // the object through a pointer slot.
        bottom = alignTo(bottom + sizeOf(v.ty) + v.align, 16);
        const area = -bottom;
        bottom += 8;
        v.offset = -bottom;
        this.overAligned.push({ v, area });
        continue;
      }
      const align = v.ty.kind === 'array' && sizeOf(v.ty) >= 16 ? Math.max(16, v.align) : v.align;
      bottom += sizeOf(v.ty);
      bottom = alignTo(bottom, Math.max(align, 1));
      v.offset = -bottom;
    }
    return { stackSize: alignTo(bottom, 16), stackParams, stackParamBytes: top - 16 };
  }

  emitFunction(fn: Obj): void {
    const { stackSize, stackParams, stackParamBytes } = this.assignOffsets(fn);
    this.fn = fn;
    this.depth = 0;
    this.usedCalleeSaved = new Set();
    // Callee-saved registers (only touched by inline asm) are saved just below the locals.
    this.calleeSaveBase = -stackSize;
    const header = this.out;
    this.out = [];

    // Hidden pointer for large struct returns.
    let retPtrOffset = 0;
    const ret = fn.ty.ret!;
    let gp = 0;
    if (isRecord(ret) && sizeOf(ret) > 16) {
      retPtrOffset = -(stackSize + 48);
      this.emit(`movq %rdi, ${retPtrOffset}(%rbp)`);
      gp = 1;
    }
    for (const p of fn.params) {
      if (stackParams.has(p)) continue;
      const sz = sizeOf(p.ty);
      if (isRecord(p.ty)) {
        for (let k = 0; k < sz; k += 8) this.storeGpPartial(gp++, p.offset + k, Math.min(8, sz - k));
      } else {
        this.storeParam(gp++, p.offset, sz);
      }
    }
    for (const { v, area } of this.overAligned) {
      this.emit(`leaq ${area + v.align - 1}(%rbp), %rax`);
      this.emit(`andq $${-v.align}, %rax`);
      this.emit(`movq %rax, ${v.offset}(%rbp)`);
    }
    if (fn.vaArea) {
      for (let i = 0; i < 6; i++) this.emit(`movq ${ARG64[i]}, ${fn.vaArea.offset + i * 8}(%rbp)`);
    }
    this.vaGp = gp;
    this.vaOverflow = 16 + stackParamBytes;
    this.retPtrOffset = retPtrOffset;
    this.retLabel = `.L.return.${fn.asmName}`;

    this.genStmt(fn.body!);
    if (this.depth !== 0) throw new Error(`internal: stack depth ${this.depth} after ${fn.name}`);
    if (fn.name === 'main') this.emit('movl $0, %eax');
    const body = this.out;
    this.out = header;

    const frame = stackSize + (this.usedCalleeSaved.size ? 48 : 0) + (retPtrOffset ? 48 : 0);
    const frameSize = alignTo(frame, 16);
    if (fn.section) this.emit(`.section ${fn.section},"ax",@progbits`);
    else this.emit('.text');
    if (!fn.isStatic) this.emit(fn.weak ? `.weak ${fn.asmName}` : `.globl ${fn.asmName}`);
    else if (fn.weak) this.emit(`.weak ${fn.asmName}`);
    this.emit(`.type ${fn.asmName}, @function`);
    this.label(fn.asmName);
    this.emit('pushq %rbp');
    this.emit('movq %rsp, %rbp');
    if (frameSize) this.emit(`subq $${frameSize}, %rsp`);
    const saved = CALLEE_SAVED.filter((r) => this.usedCalleeSaved.has(r));
    saved.forEach((r, i) => this.emit(`movq %${r}, ${this.calleeSaveBase - 8 * (i + 1)}(%rbp)`));
    // The body goes to the sink as one string: its many small line strings die young (cheap to
    // collect) and nothing is copied line by line.
    this.flush();
    this.out = body;
    this.flush();
    this.label(this.retLabel);
    saved.forEach((r, i) => this.emit(`movq ${this.calleeSaveBase - 8 * (i + 1)}(%rbp), %${r}`));
    this.emit('movq %rbp, %rsp');
    this.emit('popq %rbp');
    this.emit('ret');
    this.emit(`.size ${fn.asmName}, .-${fn.asmName}`);
    this.flush();
    this.fn = null;
  }

  overAligned: { v: Obj; area: number }[] = [];
  vaGp = 0;
  vaOverflow = 16;
  retPtrOffset = 0;
  retLabel = '';

  storeParam(reg: number, offset: number, size: number): void {
    switch (size) {
      case 1: this.emit(`movb ${ARG8[reg]}, ${offset}(%rbp)`); return;
      case 2: this.emit(`movw ${ARG16[reg]}, ${offset}(%rbp)`); return;
      case 4: this.emit(`movl ${ARG32[reg]}, ${offset}(%rbp)`); return;
      default: this.emit(`movq ${ARG64[reg]}, ${offset}(%rbp)`);
    }
  }

  /** Stores the low n bytes of argument register `reg` at offset(%rbp); n need not be a power of two. */
  storeGpPartial(reg: number, offset: number, n: number): void {
    this.storeRegBytes(['rdi', 'rsi', 'rdx', 'rcx', 'r8', 'r9'][reg]!, `%rbp`, offset, n);
  }

  /** Stores the low n bytes of a register to disp(base), shifting the register as it goes. */
  storeRegBytes(reg: string, base: string, offset: number, n: number): void {
    const names = REGS[reg]!;
    let done = 0;
    while (done < n) {
      const left = n - done;
      if (left >= 8) {
        this.emit(`movq ${names[0]}, ${offset + done}(${base})`);
        done += 8;
      } else if (left >= 4) {
        this.emit(`movl ${names[1]}, ${offset + done}(${base})`);
        done += 4;
        if (done < n) this.emit(`shrq $32, ${names[0]}`);
      } else if (left >= 2) {
        this.emit(`movw ${names[2]}, ${offset + done}(${base})`);
        done += 2;
        if (done < n) this.emit(`shrq $16, ${names[0]}`);
      } else {
        this.emit(`movb ${names[3]}, ${offset + done}(${base})`);
        done += 1;
      }
    }
  }

  /** Loads n (1..8) bytes from disp(base) into a register, zero-extended; uses %r8 as a temporary. */
  loadRegBytes(dst: string, base: string, offset: number, n: number): void {
    const d = REGS[dst]!;
    if (n === 8) return this.emit(`movq ${offset}(${base}), ${d[0]}`);
    if (n === 4) return this.emit(`movl ${offset}(${base}), ${d[1]}`);
    if (n === 2) return this.emit(`movzwl ${offset}(${base}), ${d[1]}`);
    if (n === 1) return this.emit(`movzbl ${offset}(${base}), ${d[1]}`);
    // Odd sizes: assemble from the top piece down.
    let pos = n;
    let first = true;
    while (pos > 0) {
      const piece = pos >= 4 && pos % 4 === 0 ? 4 : pos % 2 === 0 ? 2 : 1;
      pos -= piece;
      const ins = piece === 4 ? 'movl' : piece === 2 ? 'movzwl' : 'movzbl';
      if (first) {
        this.emit(`${ins} ${offset + pos}(${base}), ${d[1]}`);
        first = false;
      } else {
        this.emit(`shlq $${piece * 8}, ${d[0]}`);
        this.emit(`${ins} ${offset + pos}(${base}), %r8d`);
        this.emit(`orq %r8, ${d[0]}`);
      }
    }
  }

  // ------------------------------------------------------------------ statements

  genStmt(node: Node): void {
    switch (node.kind) {
      case 'block':
        for (const s of node.body!) this.genStmt(s);
        return;
      case 'exprstmt':
        this.genDiscard(node.lhs!);
        return;
      case 'return': {
        if (node.lhs) {
          this.genExpr(node.lhs);
          const ty = this.fn!.ty.ret!;
          if (isRecord(ty) && node.ty?.kind !== 'void') {
            const sz = sizeOf(ty);
            if (sz <= 16) {
              this.emit('movq %rax, %rsi');
              if (sz > 8) this.loadRegBytes('rdx', '%rsi', 8, sz - 8);
              this.loadRegBytes('rax', '%rsi', 0, Math.min(8, sz));
            } else {
              this.emit(`movq ${this.retPtrOffset}(%rbp), %rdi`);
              this.copyMem('%rax', '%rdi', sz);
              this.emit(`movq ${this.retPtrOffset}(%rbp), %rax`);
            }
          }
        }
        this.emit(`jmp ${this.retLabel}`);
        return;
      }
      case 'if': {
        const els = this.newLabel();
        const end = this.newLabel();
        this.genBranch(node.cond!, els, false);
        this.genStmt(node.then!);
        this.emit(`jmp ${end}`);
        this.label(els);
        if (node.els) this.genStmt(node.els);
        this.label(end);
        return;
      }
      case 'for': {
        const begin = this.newLabel();
        if (node.init) this.genStmt(node.init);
        this.label(begin);
        if (node.cond) this.genBranch(node.cond, node.brkLabel!, false);
        this.genStmt(node.then!);
        this.label(node.contLabel!);
        if (node.inc) this.genDiscard(node.inc);
        this.emit(`jmp ${begin}`);
        this.label(node.brkLabel!);
        return;
      }
      case 'do': {
        const begin = this.newLabel();
        this.label(begin);
        this.genStmt(node.then!);
        this.label(node.contLabel!);
        this.genBranch(node.cond!, begin, true);
        this.label(node.brkLabel!);
        return;
      }
      case 'switch': {
        this.genExpr(node.cond!);
        const wide = node.cond!.ty!.size === 8;
        const ax = wide ? '%rax' : '%eax';
        const cmp = wide ? 'cmpq' : 'cmpl';
        for (const c of node.cases!) {
          const lo = c.val!;
          const hi = c.hi!;
          if (lo === hi) {
            this.cmpImm(cmp, ax, lo, wide);
            this.emit(`je ${c.label}`);
          } else {
            // lo <= x <= hi  ⇔  (x - lo) <= (hi - lo) unsigned
            this.emit(wide ? 'movq %rax, %rdi' : 'movl %eax, %edi');
            this.subImm(wide, lo);
            this.cmpImm(cmp, wide ? '%rdi' : '%edi', hi - lo, wide);
            this.emit(`jbe ${c.label}`);
          }
        }
        if (node.defaultCase) this.emit(`jmp ${node.defaultCase.label}`);
        this.emit(`jmp ${node.brkLabel}`);
        this.genStmt(node.then!);
        this.label(node.brkLabel!);
        return;
      }
      case 'case':
        this.label(node.label!);
        this.genStmt(node.lhs!);
        return;
      case 'goto':
        this.emit(`jmp ${node.uniqueLabel}`);
        return;
      case 'label':
        this.label(node.uniqueLabel!);
        this.genStmt(node.lhs!);
        return;
      case 'asm':
        this.genAsm(node);
        return;
      default:
        this.genExpr(node);
    }
  }

  subImm(wide: boolean, v: bigint): void {
    const reg = wide ? '%rdi' : '%edi';
    if (isImm32(v)) this.emit(`${wide ? 'subq' : 'subl'} $${imm(v)}, ${reg}`);
    else {
      this.emit(`movabsq $${imm(v)}, %rsi`);
      this.emit('subq %rsi, %rdi');
    }
  }

  cmpImm(cmp: string, reg: string, v: bigint, wide: boolean): void {
    const s = wide ? BigInt.asIntN(64, v) : BigInt.asIntN(32, v);
    if (isImm32(s)) this.emit(`${cmp} $${imm(s)}, ${reg}`);
    else {
      this.emit(`movabsq $${imm(s)}, %rsi`);
      this.emit(`cmpq %rsi, ${reg}`);
    }
  }

  /** Evaluates a condition and compares it with zero (ZF set when false). */
  genCond(node: Node): void {
    this.genExpr(node);
    this.cmpZero(node.ty!);
  }

  cmpZero(ty: Type): void {
    if (ty.kind === 'array' || ty.kind === 'func' || ty.size === 8) this.emit('cmpq $0, %rax');
    else this.emit('cmpl $0, %eax');
  }

  // ------------------------------------------------------------------ expressions

  /** Evaluates for side effects only: `x++;` need not compute the old value. */
  genDiscard(node: Node): void {
    if (node.kind === 'assign' && !isRecord(node.ty!)) {
      const op = this.operand(node.lhs!);
      const v = op ? this.immOf(node.rhs!) : null;
      if (op && v !== null) {
        const sz = node.ty!.size;
        const sfx = sz === 1 ? 'b' : sz === 2 ? 'w' : sz === 4 ? 'l' : 'q';
        const val = sz === 8 ? v : sz === 4 ? BigInt.asIntN(32, v) : sz === 2 ? BigInt.asIntN(16, v) : BigInt.asIntN(8, v);
        this.emit(`mov${sfx} $${imm(val)}, ${op}`);
        return;
      }
    }
    let n = node;
    while (n.kind === 'cast') n = n.lhs!;
    if ((n.kind === 'add' || n.kind === 'sub') && this.immOf(n.rhs!) !== null && !this.isSimple(n.lhs!)) {
      this.genDiscard(n.lhs!);
      return;
    }
    this.genExpr(node);
  }

  /** The value of a constant operand that fits an imm32, or null. */
  immOf(n: Node): bigint | null {
    const c = constOf(n);
    if (c === null) return null;
    const v = BigInt.asIntN(n.ty!.size === 8 ? 64 : 32, c);
    return isImm32(v) ? v : null;
  }

  /** A memory operand for an lvalue whose address needs no code: `-8(%rbp)`, `sym+4(%rip)`. */
  operand(node: Node): string | null {
    let disp = 0;
    let n = node;
    while (n.kind === 'member') {
      disp += n.member!.offset;
      n = n.lhs!;
    }
    if (n.kind !== 'var') return null;
    const o = n.obj!;
    if (o.isLocal) return o.align > 16 ? null : `${o.offset + disp}(%rbp)`;
    return disp ? `${o.asmName}+${disp}(%rip)` : `${o.asmName}(%rip)`;
  }

  /** Loads a value of type ty from a memory operand into %rax (aggregates: their address). */
  loadOp(ty: Type, op: string): void {
    switch (ty.kind) {
      case 'array': case 'struct': case 'union': case 'func':
        this.emit(`leaq ${op}, %rax`);
        return;
      case 'void':
        return;
    }
    switch (ty.size) {
      case 1: this.emit(ty.unsigned || ty.kind === 'bool' ? `movzbl ${op}, %eax` : `movsbl ${op}, %eax`); return;
      case 2: this.emit(ty.unsigned ? `movzwl ${op}, %eax` : `movswl ${op}, %eax`); return;
      case 4: this.emit(`movl ${op}, %eax`); return;
      default: this.emit(`movq ${op}, %rax`);
    }
  }

  storeOp(ty: Type, op: string): void {
    switch (ty.size) {
      case 1: this.emit(`movb %al, ${op}`); return;
      case 2: this.emit(`movw %ax, ${op}`); return;
      case 4: this.emit(`movl %eax, ${op}`); return;
      default: this.emit(`movq %rax, ${op}`);
    }
  }

  /** For p->m (and p->a.b, (*p).m): computes p into %rax and returns `off(%rax)`; otherwise null. */
  baseOperand(node: Node): string | null {
    let disp = 0;
    let n = node;
    while (n.kind === 'member') {
      disp += n.member!.offset;
      n = n.lhs!;
    }
    if (n.kind !== 'deref' || n === node) return null;
    this.genExpr(n.lhs!);
    return `${disp}(%rax)`;
  }

  /** Whether evaluating the node touches no register but %rax (and has no side effects). */
  isSimple(n: Node): boolean {
    switch (n.kind) {
      case 'num': case 'var': case 'str':
        return true;
      case 'member':
        return this.operand(n) !== null || this.isSimple(n.lhs!);
      case 'deref':
        return n.lhs!.ty!.kind !== 'func' && this.isSimple(n.lhs!);
      case 'cast': case 'neg': case 'bitnot': case 'not':
        return this.isSimple(n.lhs!);
      case 'addr':
        return this.operand(n.lhs!) !== null || (n.lhs!.kind === 'deref' && this.isSimple(n.lhs!.lhs!));
    }
    return false;
  }

  /** A value gcc's gimplifier leaves in place (no temporary): a constant, an address, or a local
   *  scalar whose address is never taken. Reading it has no side effects and only uses %rax. */
  isRegValue(n: Node): boolean {
    switch (n.kind) {
      case 'num': case 'str': case 'funcref':
        return true;
      case 'var': {
        const o = n.obj!;
        const t = n.ty!.kind;
        if (t === 'array' || t === 'func') return true;
        return o.isLocal && t !== 'struct' && t !== 'union' && !o.addressTaken;
      }
      case 'addr':
        return this.operand(n.lhs!) !== null;
      case 'cast': {
        // Conversions that change no bits (pointer to pointer, same-size integers) vanish in gcc.
        const from = n.lhs!.ty!;
        const to = n.ty!;
        if (n.lhs!.kind === 'num') return true;
        const plain = (t: Type) => isInteger(t) || t.kind === 'ptr';
        return plain(from) && plain(to) && from.size === to.size && this.isRegValue(n.lhs!);
      }
    }
    return false;
  }

  /** Jumps to `label` when the condition's truth equals `when`. */
  genBranch(node: Node, label: string, when: boolean): void {
    const k = node.kind;
    if (k === 'logand' || k === 'logor') {
      // (a && b) is false as soon as a is false; (a || b) true as soon as a is true.
      const shortCircuit = k === 'logand' ? false : true;
      if (when === shortCircuit) {
        this.genBranch(node.lhs!, label, when);
        this.genBranch(node.rhs!, label, when);
      } else {
        const skip = this.newLabel();
        this.genBranch(node.lhs!, skip, shortCircuit);
        this.genBranch(node.rhs!, label, when);
        this.label(skip);
      }
      return;
    }
    if (k === 'eq' || k === 'ne' || k === 'lt' || k === 'le') {
      const lty = node.lhs!.ty!;
      const wide = lty.kind === 'ptr' || lty.kind === 'array' || lty.size === 8;
      const v = this.immOf(node.rhs!);
      if (v !== null) {
        this.genExpr(node.lhs!);
        this.emit(wide ? `cmpq $${imm(v)}, %rax` : `cmpl $${imm(v)}, %eax`);
      } else {
        this.genOperands(node);
        this.emit(wide ? 'cmpq %rdi, %rax' : 'cmpl %edi, %eax');
      }
      const u = lty.unsigned || lty.kind === 'ptr' || lty.kind === 'array';
      const t = k === 'eq' ? 'e' : k === 'ne' ? 'ne' : k === 'lt' ? (u ? 'b' : 'l') : u ? 'be' : 'le';
      const f = k === 'eq' ? 'ne' : k === 'ne' ? 'e' : k === 'lt' ? (u ? 'ae' : 'ge') : u ? 'a' : 'g';
      this.emit(`j${when ? t : f} ${label}`);
      return;
    }
    if (k === 'not') {
      this.genBranch(node.lhs!, label, !when);
      return;
    }
    this.genCond(node);
    this.emit(`${when ? 'jne' : 'je'} ${label}`);
  }

  /** Left operand in %rax, right operand in %rdi. */
  genOperands(node: Node): void {
    if (this.isSimple(node.lhs!)) {
      this.genExpr(node.rhs!);
      this.emit('movq %rax, %rdi');
      this.genExpr(node.lhs!);
      return;
    }
    this.genExpr(node.rhs!);
    this.push();
    this.genExpr(node.lhs!);
    this.pop('%rdi');
  }

  genAddr(node: Node): void {
    switch (node.kind) {
      case 'var': {
        const o = node.obj!;
        if (o.isLocal && o.align > 16) this.emit(`movq ${o.offset}(%rbp), %rax`);
        else if (o.isLocal) this.emit(`leaq ${o.offset}(%rbp), %rax`);
        else this.emit(`leaq ${o.asmName}(%rip), %rax`);
        return;
      }
      case 'str':
        this.emit(`leaq ${node.obj!.asmName}(%rip), %rax`);
        return;
      case 'deref':
        this.genExpr(node.lhs!);
        return;
      case 'comma':
        this.genExpr(node.lhs!);
        this.genAddr(node.rhs!);
        return;
      case 'member':
        this.genAddr(node.lhs!);
        if (node.member!.offset) this.emit(`addq $${node.member!.offset}, %rax`);
        return;
      case 'call': case 'assign': case 'cond': case 'stmtexpr': case 'va_arg':
        if (isRecord(node.ty!)) {
          this.genExpr(node);
          return;
        }
    }
    this.internal(node, 'taking the address of this expression');
  }

  load(ty: Type): void {
    switch (ty.kind) {
      case 'array': case 'struct': case 'union': case 'func': case 'void':
        return;
    }
    switch (ty.size) {
      case 1:
        this.emit(ty.unsigned || ty.kind === 'bool' ? 'movzbl (%rax), %eax' : 'movsbl (%rax), %eax');
        return;
      case 2:
        this.emit(ty.unsigned ? 'movzwl (%rax), %eax' : 'movswl (%rax), %eax');
        return;
      case 4:
        this.emit('movl (%rax), %eax');
        return;
      default:
        this.emit('movq (%rax), %rax');
    }
  }

  /** Stores %rax to the address on top of the stack. */
  store(ty: Type): void {
    this.pop('%rdi');
    if (isRecord(ty)) {
      this.copyMem('%rax', '%rdi', sizeOf(ty));
      return;
    }
    switch (ty.size) {
      case 1: this.emit('movb %al, (%rdi)'); return;
      case 2: this.emit('movw %ax, (%rdi)'); return;
      case 4: this.emit('movl %eax, (%rdi)'); return;
      default: this.emit('movq %rax, (%rdi)');
    }
  }

  /** Copies size bytes from (src) to (dst); keeps %rax. */
  copyMem(src: string, dst: string, size: number): void {
    if (size > 256) {
      this.emit('pushq %rax');
      if (src !== '%rsi') this.emit(`movq ${src}, %rsi`);
      if (dst !== '%rdi') this.emit(`movq ${dst}, %rdi`);
      this.emit(`movq $${size}, %rcx`);
      this.emit('rep movsb');
      this.emit('popq %rax');
      return;
    }
    let i = 0;
    for (; i + 8 <= size; i += 8) {
      this.emit(`movq ${i}(${src}), %r8`);
      this.emit(`movq %r8, ${i}(${dst})`);
    }
    if (i + 4 <= size) {
      this.emit(`movl ${i}(${src}), %r8d`);
      this.emit(`movl %r8d, ${i}(${dst})`);
      i += 4;
    }
    if (i + 2 <= size) {
      this.emit(`movzwl ${i}(${src}), %r8d`);
      this.emit(`movw %r8w, ${i}(${dst})`);
      i += 2;
    }
    if (i < size) {
      this.emit(`movzbl ${i}(${src}), %r8d`);
      this.emit(`movb %r8b, ${i}(${dst})`);
    }
  }

  loadImm(v: bigint, ty: Type, wrapToType = false): void {
    if (wrapToType && ty.size < 8) {
      const bits = ty.size * 8;
      v = ty.unsigned ? BigInt.asUintN(bits, v) : BigInt.asIntN(bits, v);
    }
    if (ty.size === 8 || ty.kind === 'ptr') {
      const s = BigInt.asIntN(64, v);
      if (isImm32(s)) this.emit(`movq $${imm(s)}, %rax`);
      else if (s >= 0n && s < U32_END) this.emit(`movl $${imm(s)}, %eax`);
      else this.emit(`movabsq $${imm(s)}, %rax`);
      return;
    }
    this.emit(`movl $${imm(BigInt.asIntN(32, v))}, %eax`);
  }

  genExpr(node: Node): void {
    switch (node.kind) {
      case 'nullexpr':
        return;
      case 'num':
        this.loadImm(node.val!, node.ty!);
        return;
      case 'neg':
        this.genExpr(node.lhs!);
        this.emit(node.ty!.size === 8 ? 'negq %rax' : 'negl %eax');
        return;
      case 'var': case 'member': case 'deref': {
        if (node.kind === 'deref' && node.lhs!.ty!.kind === 'func') {
          this.genExpr(node.lhs!);
          return;
        }
        const op = this.operand(node) ?? this.baseOperand(node);
        if (op) {
          this.loadOp(node.ty!, op);
          return;
        }
        this.genAddr(node);
        this.load(node.ty!);
        return;
      }
      case 'str':
        this.genAddr(node);
        return;
      case 'addr':
        this.genAddr(node.lhs!);
        return;
      case 'assign': {
        const op = this.operand(node.lhs!);
        if (op && !isRecord(node.ty!)) {
          this.genExpr(node.rhs!);
          this.storeOp(node.ty!, op);
          return;
        }
        if (!isRecord(node.ty!) && this.isSimple(node.rhs!)) {
          // The right side only touches %rax, so the address can wait in %rdi.
          this.genAddr(node.lhs!);
          this.emit('movq %rax, %rdi');
          this.genExpr(node.rhs!);
          this.storeOp(node.ty!, '(%rdi)');
          return;
        }
        this.genAddr(node.lhs!);
        this.push();
        this.genExpr(node.rhs!);
        this.store(node.ty!);
        return;
      }
      case 'stmtexpr':
        for (const s of node.body!) this.genStmt(s);
        return;
      case 'comma':
        this.genExpr(node.lhs!);
        this.genExpr(node.rhs!);
        return;
      case 'cast':
        if (node.lhs!.kind === 'num' && isInteger(node.ty!) && node.ty!.kind !== 'bool') {
          this.loadImm(BigInt.asIntN(64, node.lhs!.val!), node.ty!, true);
          return;
        }
        this.genExpr(node.lhs!);
        this.cast(node.lhs!.ty!, node.ty!);
        return;
      case 'memzero': {
        const o = node.obj!;
        const size = sizeOf(o.ty);
        if (size <= 64 && o.align <= 16) {
          let i = 0;
          for (; i + 8 <= size; i += 8) this.emit(`movq $0, ${o.offset + i}(%rbp)`);
          for (; i + 4 <= size; i += 4) this.emit(`movl $0, ${o.offset + i}(%rbp)`);
          for (; i < size; i++) this.emit(`movb $0, ${o.offset + i}(%rbp)`);
        } else {
          this.emit(o.align > 16 ? `movq ${o.offset}(%rbp), %rdi` : `leaq ${o.offset}(%rbp), %rdi`);
          this.emit(`movq $${size}, %rcx`);
          this.emit('movl $0, %eax');
          this.emit('rep stosb');
        }
        return;
      }
      case 'cond': {
        const els = this.newLabel();
        const end = this.newLabel();
        this.genBranch(node.cond!, els, false);
        this.genExpr(node.then!);
        this.emit(`jmp ${end}`);
        this.label(els);
        this.genExpr(node.els!);
        this.label(end);
        return;
      }
      case 'not':
        this.genCond(node.lhs!);
        this.emit('sete %al');
        this.emit('movzbl %al, %eax');
        return;
      case 'bitnot':
        this.genExpr(node.lhs!);
        this.emit(node.ty!.size === 8 ? 'notq %rax' : 'notl %eax');
        return;
      case 'logand': {
        const f = this.newLabel();
        const end = this.newLabel();
        this.genBranch(node.lhs!, f, false);
        this.genBranch(node.rhs!, f, false);
        this.emit('movl $1, %eax');
        this.emit(`jmp ${end}`);
        this.label(f);
        this.emit('movl $0, %eax');
        this.label(end);
        return;
      }
      case 'logor': {
        const t = this.newLabel();
        const end = this.newLabel();
        this.genBranch(node.lhs!, t, true);
        this.genBranch(node.rhs!, t, true);
        this.emit('movl $0, %eax');
        this.emit(`jmp ${end}`);
        this.label(t);
        this.emit('movl $1, %eax');
        this.label(end);
        return;
      }
      case 'call':
        this.genCall(node);
        return;
      case 'va_start': {
        this.genExpr(node.lhs!);
        const fn = this.fn!;
        this.emit(`movl $${this.vaGp * 8}, (%rax)`);
        this.emit('movl $48, 4(%rax)');
        this.emit(`leaq ${this.vaOverflow}(%rbp), %rdx`);
        this.emit('movq %rdx, 8(%rax)');
        this.emit(`leaq ${fn.vaArea!.offset}(%rbp), %rdx`);
        this.emit('movq %rdx, 16(%rax)');
        return;
      }
      case 'va_copy':
        this.genExpr(node.lhs!);
        this.push();
        this.genExpr(node.rhs!);
        this.pop('%rdi');
        this.copyMem('%rax', '%rdi', 24);
        return;
      case 'va_arg':
        this.genVaArg(node);
        return;
    }

    const lty = node.lhs!.ty!;
    const wide = lty.kind === 'ptr' || lty.kind === 'array' || lty.size === 8;
    const ax = wide ? '%rax' : '%eax';
    const di = wide ? '%rdi' : '%edi';
    const dx = wide ? '%rdx' : '%edx';
    const sfx = wide ? 'q' : 'l';

    // A constant right operand becomes an immediate.
    const k = node.kind;
    if (k === 'add' || k === 'sub' || k === 'band' || k === 'bor' || k === 'bxor' || k === 'mul') {
      const v = this.immOf(node.rhs!);
      if (v !== null) {
        this.genExpr(node.lhs!);
        const op = k === 'add' ? 'add' : k === 'sub' ? 'sub' : k === 'band' ? 'and' : k === 'bor' ? 'or' : k === 'bxor' ? 'xor' : 'imul';
        if (op === 'imul') {
          if (v !== 1n) this.emit(`imul${sfx} $${imm(v)}, ${ax}, ${ax}`);
        } else if (v === 0n && (op === 'add' || op === 'sub' || op === 'or' || op === 'xor')) {
          // x+0 and friends: nothing to do
        }
        else this.emit(`${op}${sfx} $${imm(v)}, ${ax}`);
        return;
      }
    }

    // Binary operators: left in %rax, right in %rdi.
    this.genOperands(node);

    switch (node.kind) {
      case 'add': this.emit(`add${sfx} ${di}, ${ax}`); return;
      case 'sub': this.emit(`sub${sfx} ${di}, ${ax}`); return;
      case 'mul': this.emit(`imul${sfx} ${di}, ${ax}`); return;
      case 'div': case 'mod':
        if (node.ty!.unsigned) {
          this.emit('movl $0, %edx');
          this.emit(`div${sfx} ${di}`);
        } else {
          this.emit(wide ? 'cqto' : 'cltd');
          this.emit(`idiv${sfx} ${di}`);
        }
        if (node.kind === 'mod') this.emit(`mov${sfx} ${dx}, ${ax}`);
        return;
      case 'band': this.emit(`and${sfx} ${di}, ${ax}`); return;
      case 'bor': this.emit(`or${sfx} ${di}, ${ax}`); return;
      case 'bxor': this.emit(`xor${sfx} ${di}, ${ax}`); return;
      case 'shl':
        this.emit('movq %rdi, %rcx');
        this.emit(`shl${sfx} %cl, ${ax}`);
        return;
      case 'shr':
        this.emit('movq %rdi, %rcx');
        this.emit(`${lty.unsigned ? 'shr' : 'sar'}${sfx} %cl, ${ax}`);
        return;
      case 'eq': case 'ne': case 'lt': case 'le': {
        this.emit(`cmp${sfx} ${di}, ${ax}`);
        const u = lty.unsigned || lty.kind === 'ptr' || lty.kind === 'array';
        const cc = node.kind === 'eq' ? 'e' : node.kind === 'ne' ? 'ne' : node.kind === 'lt' ? (u ? 'b' : 'l') : u ? 'be' : 'le';
        this.emit(`set${cc} %al`);
        this.emit('movzbl %al, %eax');
        return;
      }
    }
    this.internal(node, `this expression (${node.kind})`);
  }

  /** Integer conversions between the 8/16/32/64-bit types (see the invariant at the top). */
  cast(from: Type, to: Type): void {
    if (to.kind === 'void') return;
    if (to.kind === 'bool') {
      this.cmpZero(from);
      this.emit('setne %al');
      this.emit('movzbl %al, %eax');
      return;
    }
    if (isRecord(to) || to.kind === 'array' || to.kind === 'func') return;
    const fromSize = from.kind === 'array' || from.kind === 'func' || isRecord(from) ? 8 : from.size;
    const fromUnsigned = from.unsigned || from.kind === 'bool' || from.kind === 'ptr' || fromSize === 8 && from.kind !== 'long';
    const toSize = to.size;
    if (toSize === 1) {
      this.emit(to.unsigned ? 'movzbl %al, %eax' : 'movsbl %al, %eax');
      return;
    }
    if (toSize === 2) {
      this.emit(to.unsigned ? 'movzwl %ax, %eax' : 'movswl %ax, %eax');
      return;
    }
    if (toSize === 4) {
      if (fromSize === 8) this.emit('movl %eax, %eax');
      return;
    }
    // to 64 bits
    if (fromSize === 8) return;
    if (fromSize === 4 && from.unsigned && isInteger(from)) this.emit('movl %eax, %eax');
    else if (fromSize === 4 && from.kind === 'enum' && from.unsigned) this.emit('movl %eax, %eax');
    else if (fromSize <= 2 && (from.unsigned || from.kind === 'bool')) return;
    else if (!fromUnsigned || fromSize < 8) this.emit('movslq %eax, %rax');
  }

  // ------------------------------------------------------------------ calls

  genCall(node: Node): void {
    const fty = node.funcTy!;
    const args = node.args!;
    const ret = fty.ret!;
    const bigRet = isRecord(ret) && sizeOf(ret) > 16;
    let gp = bigRet ? 1 : 0;
    const inReg: boolean[] = [];
    let stackBytes = 0;
    for (const a of args) {
      const t = a.ty!;
      if (isRecord(t)) {
        const sz = sizeOf(t);
        const n = Math.ceil(sz / 8);
        if (sz <= 16 && gp + n <= 6) {
          gp += n;
          inReg.push(true);
        } else {
          inReg.push(false);
          stackBytes += alignTo(sz, 8);
        }
      } else if (gp < 6) {
        gp++;
        inReg.push(true);
      } else {
        inReg.push(false);
        stackBytes += 8;
      }
    }
    // gcc -O0 evaluates the arguments right to left into temporaries, except those that are
    // already values (constants, addresses, locals whose address is never taken): these it
    // reads at the call. So `f(i++, i)` passes the new i but `f(g(), global)` the old global.
    const late = args.map((a, i) => inReg[i]! && !isRecord(a.ty!) && this.isRegValue(a));
    const callee = node.lhs!;
    const direct = callee.kind === 'var' && callee.obj!.isFunction && !callee.obj!.isLocal;
    // A computed callee (`pick()(args)`) comes before the arguments, as in gcc.
    let calleeSlot = -1;
    if (!direct && !this.isRegValue(callee)) {
      this.genExpr(callee);
      this.push();
      calleeSlot = this.depth - 1;
    }
    const pad = (this.depth * 8 + stackBytes) % 16 !== 0 ? 8 : 0;
    if (pad) {
      this.emit('subq $8, %rsp');
      this.depth++;
    }
    // The stack-argument area, filled in place; the first stack argument at the lowest address.
    const areaDepth = this.depth + stackBytes / 8;
    if (stackBytes) {
      this.emit(`subq $${stackBytes}, %rsp`);
      this.depth = areaDepth;
    }
    const areaOff: number[] = [];
    let o = 0;
    for (let i = 0; i < args.length; i++) {
      areaOff.push(o);
      if (!inReg[i]) o += isRecord(args[i]!.ty!) ? alignTo(sizeOf(args[i]!.ty!), 8) : 8;
    }
    for (let i = args.length - 1; i >= 0; i--) {
      if (late[i]) continue;
      const a = args[i]!;
      this.genExpr(a);
      if (!inReg[i]) {
        const at = `${(this.depth - areaDepth) * 8 + areaOff[i]!}(%rsp)`;
        if (isRecord(a.ty!)) {
          this.emit(`leaq ${at}, %rdi`);
          this.copyMem('%rax', '%rdi', sizeOf(a.ty!));
        } else this.emit(`movq %rax, ${at}`);
      } else if (isRecord(a.ty!)) {
        // Complex register arguments are pushed, and popped into place once all are evaluated.
        const sz = sizeOf(a.ty!);
        const n = Math.ceil(sz / 8);
        this.emit('movq %rax, %rsi');
        for (let k = n - 1; k >= 0; k--) {
          this.loadRegBytes('rdx', '%rsi', k * 8, Math.min(8, sz - k * 8));
          this.emit('pushq %rdx');
          this.depth++;
        }
      } else this.push();
    }
    let reg = 0;
    if (bigRet) this.emit(`leaq ${node.retBuf!.offset}(%rbp), ${ARG64[reg++]}`);
    const lateRegs: [Node, string][] = [];
    for (let i = 0; i < args.length; i++) {
      if (!inReg[i]) continue;
      const a = args[i]!;
      if (late[i]) {
        lateRegs.push([a, ARG64[reg++]!]);
        continue;
      }
      const n = isRecord(a.ty!) ? Math.ceil(sizeOf(a.ty!) / 8) : 1;
      for (let k = 0; k < n; k++) this.pop(ARG64[reg++]!);
    }
    if (calleeSlot >= 0) this.emit(`movq ${(this.depth - 1 - calleeSlot) * 8}(%rsp), %r11`);
    else if (!direct) {
      this.genExpr(callee);
      this.emit('movq %rax, %r11');
    }
    for (const [a, r] of lateRegs) {
      this.genExpr(a);
      this.emit(`movq %rax, ${r}`);
    }
    if (fty.variadic || fty.oldStyle) this.emit('movl $0, %eax');
    this.emit(direct ? `call ${callee.obj!.asmName}` : 'call *%r11');
    const drop = stackBytes + pad + (calleeSlot >= 0 ? 8 : 0);
    if (drop) {
      this.emit(`addq $${drop}, %rsp`);
      this.depth -= drop / 8;
    }
    // The caller extends narrow return values; gcc-built callees leave the upper bits undefined.
    switch (ret.kind) {
      case 'bool': this.emit('movzbl %al, %eax'); return;
      case 'char': this.emit(ret.unsigned ? 'movzbl %al, %eax' : 'movsbl %al, %eax'); return;
      case 'short': this.emit(ret.unsigned ? 'movzwl %ax, %eax' : 'movswl %ax, %eax'); return;
    }
    if (isRecord(ret)) {
      const sz = sizeOf(ret);
      const off = node.retBuf!.offset;
      if (sz <= 16) {
        this.storeRegBytes('rax', '%rbp', off, Math.min(8, sz));
        if (sz > 8) this.storeRegBytes('rdx', '%rbp', off + 8, sz - 8);
      }
      this.emit(`leaq ${off}(%rbp), %rax`);
    }
  }

  genVaArg(node: Node): void {
    const ty = node.ty!;
    const sz = sizeOf(ty);
    const over = this.newLabel();
    const done = this.newLabel();
    this.genExpr(node.lhs!);
    this.emit('movq %rax, %rcx');
    if (sz <= 16) {
      const n = Math.max(1, Math.ceil(sz / 8));
      this.emit('movl (%rcx), %edx');
      this.emit(`cmpl $${48 - 8 * n}, %edx`);
      this.emit('seta %al');
      this.emit('movzbl %al, %eax');
      this.emit('cmpl $0, %eax');
      this.emit(`jne ${over}`);
      this.emit('movq 16(%rcx), %rax');
      this.emit('movl %edx, %edx');
      this.emit('addq %rdx, %rax');
      this.emit(`addl $${8 * n}, %edx`);
      this.emit('movl %edx, (%rcx)');
      this.emit(`jmp ${done}`);
    }
    this.label(over);
    this.emit('movq 8(%rcx), %rax');
    this.emit('movq %rax, %rdx');
    this.emit(`addq $${alignTo(Math.max(sz, 8), 8)}, %rdx`);
    this.emit('movq %rdx, 8(%rcx)');
    this.label(done);
    this.load(ty);
  }

  // ------------------------------------------------------------------ inline asm

  genAsm(node: Node): void {
    const a = node.asm!;
    const all: AsmOperand[] = [...a.outputs, ...a.inputs];
    const nOut = a.outputs.length;
    if (all.length === 0) {
      this.out.push('#APP');
      this.out.push('\t' + (a.extended ? a.template.replace(/%%/g, '%') : a.template));
      this.out.push('#NO_APP');
      return;
    }
    const clobbered = new Set<string>();
    for (const c of a.clobbers) {
      const r = canonicalReg(c);
      if (r) clobbered.add(r);
    }
    // Decide each operand's location.
    type Loc = { kind: 'reg'; reg: string } | { kind: 'mem'; reg: string } | { kind: 'imm'; val: bigint; label: string | null };
    const locs: (Loc | null)[] = all.map(() => null);
    const taken = new Set<string>(clobbered);
    const letters: Record<string, string> = { a: 'rax', b: 'rbx', c: 'rcx', d: 'rdx', S: 'rsi', D: 'rdi' };
    const consOf = (op: AsmOperand) => op.constraint.replace(/[=+&%]/g, '');
    // Fixed registers first.
    all.forEach((op, i) => {
      const c = consOf(op);
      for (const ch of c) {
        if (letters[ch]) {
          locs[i] = { kind: 'reg', reg: letters[ch]! };
          taken.add(letters[ch]!);
          return;
        }
      }
    });
    // Immediates.
    all.forEach((op, i) => {
      if (locs[i]) return;
      const c = consOf(op);
      if (/[inNIJKLMOe]/.test(c) && i >= nOut) {
        const k = op.constant ?? null;
        if (k !== null) locs[i] = { kind: 'imm', val: k.val, label: k.label };
        else if (!/[rgqm]/.test(c)) {
          // gcc finds this while expanding the function: a warning and the error, both at the asm.
          const ctx = this.fn ? { context: `In function '${this.fn.name}':` } : {};
          throw new CompileError([
            { ...diagAt(node.tok, 'warning', `'asm' operand ${i} probably does not match constraints`), ...ctx },
            diagAt(node.tok, 'error', "impossible constraint in 'asm'"),
          ]);
        }
      }
    });
    // Matching constraints ("0") share the output's location.
    all.forEach((op, i) => {
      const c = consOf(op);
      if (/^\d+$/.test(c)) {
        const k = Number(c);
        if (k >= nOut) throw new CompileError([diagAt(op.tok, 'error', 'matching constraint references invalid operand number')]);
      }
    });
    const pool = ['r8', 'r9', 'r10', 'r11', 'rsi', 'rdi', 'rdx', 'rcx', 'rax'];
    const alloc = (tok: Node['tok']): string => {
      const r = pool.find((p) => !taken.has(p));
      if (!r) throw new CompileError([diagAt(tok, 'error', "'asm' operand has impossible constraints")]);
      taken.add(r);
      return r;
    };
    all.forEach((op, i) => {
      if (locs[i]) return;
      const c = consOf(op);
      if (/^\d+$/.test(c)) return;
      if (/[rqgQRl]/.test(c) || (/[inN]/.test(c) && i < nOut)) locs[i] = { kind: 'reg', reg: alloc(op.tok) };
      else if (/[mo]/.test(c)) locs[i] = { kind: 'mem', reg: alloc(op.tok) };
      else throw new CompileError([diagAt(op.tok, 'error', `kwb does not support the asm constraint '${op.constraint}'`)]);
    });
    all.forEach((op, i) => {
      const c = consOf(op);
      if (/^\d+$/.test(c)) locs[i] = locs[Number(c)]!;
    });
    for (const l of locs) {
      if (l && l.kind !== 'imm' && CALLEE_SAVED.includes(l.reg)) this.usedCalleeSaved.add(l.reg);
    }
    for (const r of clobbered) if (CALLEE_SAVED.includes(r)) this.usedCalleeSaved.add(r);

    // 1. Output addresses stay on the stack across the asm.
    const base = this.depth;
    for (const op of a.outputs) {
      this.genAddr(op.expr);
      this.push();
    }
    // 2. Values to load: inputs (registers, memory addresses) and read-write outputs.
    const loads: { reg: string }[] = [];
    a.outputs.forEach((op, i) => {
      const l = locs[i]!;
      if (l.kind === 'mem') {
        this.emit(`movq ${(this.depth - 1 - (base + i)) * 8}(%rsp), %rax`);
        this.push();
        loads.push({ reg: l.reg });
      } else if (op.constraint.includes('+')) {
        this.emit(`movq ${(this.depth - 1 - (base + i)) * 8}(%rsp), %rax`);
        this.load(op.expr.ty!);
        this.push();
        loads.push({ reg: (l as { reg: string }).reg });
      }
    });
    a.inputs.forEach((op, j) => {
      const l = locs[nOut + j]!;
      if (l.kind === 'imm') return;
      if (l.kind === 'mem') this.genAddr(op.expr);
      else this.genExpr(op.expr);
      this.push();
      loads.push({ reg: l.reg });
    });
    for (let k = loads.length - 1; k >= 0; k--) this.pop(`%${loads[k]!.reg}`);

    // 3. The template with operands substituted.
    const opText = (i: number, mod: string): string => {
      const l = locs[i];
      if (!l) return '';
      if (l.kind === 'imm') {
        // A symbol address prints as gcc does without PIC: `sym`, `sym+8`, `sym-4`.
        const v = l.label === null ? imm(l.val) : l.val === 0n ? l.label : `${l.label}${l.val > 0n ? '+' : ''}${l.val}`;
        return mod === 'c' || mod === 'P' ? v : `$${v}`;
      }
      if (l.kind === 'mem') return `(%${l.reg})`;
      const names = REGS[l.reg]!;
      switch (mod) {
        case 'q': return names[0];
        case 'k': return names[1];
        case 'w': return names[2];
        case 'b': return names[3];
        case 'h': return HIGH8[l.reg] ?? names[3];
      }
      const t = all[i]!.expr.ty!;
      const sz = isRecord(t) || t.kind === 'array' ? 8 : t.size;
      return sz === 1 ? names[3] : sz === 2 ? names[2] : sz === 4 ? names[1] : names[0];
    };
    const id = this.asmCounter++;
    let text = '';
    const t = a.template;
    for (let i = 0; i < t.length; i++) {
      const ch = t[i]!;
      if (ch !== '%') {
        text += ch;
        continue;
      }
      const nx = t[i + 1];
      if (nx === '%') {
        text += '%';
        i++;
        continue;
      }
      if (nx === '=') {
        text += String(id);
        i++;
        continue;
      }
      let j = i + 1;
      let mod = '';
      if (nx !== undefined && /[a-zA-Z]/.test(nx) && (/[0-9[]/.test(t[i + 2] ?? ''))) {
        mod = nx;
        j++;
      }
      if (t[j] === '[') {
        const close = t.indexOf(']', j);
        const name = t.slice(j + 1, close);
        const idx = all.findIndex((o) => o.name === name);
        if (idx < 0) throw new CompileError([diagAt(node.tok, 'error', `undefined named operand '${name}'`)]);
        text += opText(idx, mod);
        i = close;
        continue;
      }
      let k = j;
      while (k < t.length && /[0-9]/.test(t[k]!)) k++;
      if (k === j) {
        text += '%';
        continue;
      }
      const idx = Number(t.slice(j, k));
      if (idx >= all.length) throw new CompileError([diagAt(node.tok, 'error', 'operand number out of range')]);
      text += opText(idx, mod);
      i = k - 1;
    }
    this.out.push('#APP');
    this.out.push('\t' + text);
    this.out.push('#NO_APP');

    // 4. Store register outputs through their saved addresses.
    if (nOut) {
      const outRegs = new Set(a.outputs.map((_, i) => locs[i]).filter((l): l is { kind: 'reg'; reg: string } => !!l && l.kind === 'reg').map((l) => l.reg));
      const scratch = ['r11', 'r10', 'r9', 'r8', 'rsi', 'rdi', 'rdx', 'rcx', 'rax', 'rbx'].find((r) => !outRegs.has(r))!;
      a.outputs.forEach((op, i) => {
        const l = locs[i]!;
        if (l.kind !== 'reg') return;
        this.emit(`movq ${(nOut - 1 - i) * 8}(%rsp), %${scratch}`);
        const ty = op.expr.ty!;
        const names = REGS[l.reg]!;
        const sz = isRecord(ty) ? 8 : ty.size;
        const r = sz === 1 ? names[3] : sz === 2 ? names[2] : sz === 4 ? names[1] : names[0];
        const sfx = sz === 1 ? 'b' : sz === 2 ? 'w' : sz === 4 ? 'l' : 'q';
        this.emit(`mov${sfx} ${r}, (%${scratch})`);
      });
      this.emit(`addq $${nOut * 8}, %rsp`);
      this.depth -= nOut;
    }
  }

}

/** The value of an integer constant seen through integer conversions (each one wraps it). */
function constOf(n: Node): bigint | null {
  if (n.kind === 'num') return wrapTo(n.val!, n.ty!);
  if (n.kind === 'cast' && isInteger(n.ty!) && n.ty!.kind !== 'bool') {
    const v = constOf(n.lhs!);
    return v === null ? null : wrapTo(v, n.ty!);
  }
  return null;
}

function wrapTo(v: bigint, t: Type): bigint {
  if (!isInteger(t)) return v;
  const bits = t.size * 8;
  return t.unsigned ? BigInt.asUintN(bits, v) : BigInt.asIntN(bits, v);
}

function isConstObject(t: Type): boolean {
  let x = t;
  while (x.kind === 'array') x = x.base!;
  return x.isConst;
}

/** Functions to emit: all non-inline definitions, plus static inline ones reachable from them. */
function liveFunctions(globals: Obj[]): Set<Obj> {
  const live = new Set<Obj>();
  const work: Obj[] = [];
  for (const o of globals) {
    if (!o.isFunction || !o.body) continue;
    const droppable = o.isInline && (o.isStatic || !o.isExtern) && !o.used;
    if (!droppable || (o.referenced && isReferencedOutsideFunctions(o, globals))) {
      live.add(o);
      work.push(o);
    }
  }
  while (work.length) {
    const f = work.pop()!;
    for (const r of f.refs) {
      if (r.body && !live.has(r)) {
        live.add(r);
        work.push(r);
      }
    }
  }
  return live;
}

/** A static inline function whose address is taken in a static initializer must be emitted. */
function isReferencedOutsideFunctions(o: Obj, globals: Obj[]): boolean {
  for (const g of globals) if (!g.isFunction && g.relocs.some((r) => r.label === o.asmName)) return true;
  return false;
}
