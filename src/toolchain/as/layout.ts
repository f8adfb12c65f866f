// After the last statement: decide which jumps can relax, run the relaxation loop until every
// frag's address is stable, fill in jumps and padding, then resolve each fixup to bytes or to
// a relocation (with GNU as's choice of type, symbol and addend).
import * as C from '../elf/constants.js';
import type { Assembler } from './assembler.js';
import { AsmError } from './errors.js';
import { evaluate, type Expr } from './expr.js';
import { buildEhFrame } from './cfi.js';
import { NOPS } from '../elf/nops.js';
import { symAddress, type Fixup, type Frag, type Section, type Sym } from './model.js';

export interface Reloc {
  offset: number;
  type: number;
  /** The symbol the relocation names: a symbol, a section (its section symbol), or none. */
  target: { sym: Sym } | { section: Section } | null;
  addend: bigint;
}

export interface LaidOut {
  bytes: Map<Section, Uint8Array>;
  relocs: Map<Section, Reloc[]>;
}

/** Report for a located problem found after reading (the statement's location is kept on the fixup). */
export type Report = (where: { file: string; line: number }, message: string, warning?: boolean) => void;

/** The symbol and offset a branch target stands for (following `.set` aliases, global ones too). */
function resolveTarget(sym: Sym, addend: bigint): { sym: Sym; addend: bigint } {
  for (let depth = 0; sym.equ && depth < 50; depth++) {
    const v = evaluate(sym.equ, false);
    if (!v || !v.sym || v.sub) break;
    sym = v.sym;
    addend += v.add;
  }
  return { sym, addend };
}

function isLocal(s: Sym): boolean {
  return !s.global && !s.weak && !s.common && s.defined;
}

export function layout(as: Assembler, report: Report): LaidOut {
  const bytes = new Map<Section, Uint8Array>();
  const relocs = new Map<Section, Reloc[]>();
  for (const sec of as.sections) {
    // 0. Call-frame information describes code laid out before it.
    if (sec.name === '.eh_frame' && as.fdes.length) buildEhFrame(sec, as.fdes, report);
    // 1. Jumps that cannot stay in this section's hands become 5/6-byte forms with fixups.
    for (const f of sec.frags) {
      const t = f.tail;
      if (t?.kind !== 'branch') continue;
      // A target the linker cannot redirect stays in reach of a short jump: a local symbol of
      // this section, or a global one (not weak) when the object is not for a shared library.
      const { sym } = resolveTarget(t.target, t.addend);
      const named = t.target;
      if (sym.section === sec && sym.defined && !sym.common && !named.weak && !sym.weak) continue;
      if (t.jcc < 0) f.data.push(0xe9);
      else f.data.push(0x0f, 0x80 + t.jcc);
      const at = f.data.length;
      f.data.push(0, 0, 0, 0);
      const expr: Expr = t.addend === 0n ? { k: 'sym', s: t.target } : { k: 'bin', op: '+', a: { k: 'sym', s: t.target }, b: { k: 'num', v: t.addend } };
      sec.fixups.push({ frag: f, offset: at, size: 4, kind: 'branch', signed: true, expr, pcAdjust: -4, where: t.where });
      f.tail = null;
    }
    // 2. Relax: grow short jumps whose targets are out of reach until nothing changes.
    for (let pass = 0; ; pass++) {
      let addr = 0;
      for (const f of sec.frags) {
        f.address = addr;
        addr += f.data.length;
        const t = f.tail;
        if (t?.kind === 'align') {
          let pad = (t.align - (addr % t.align)) % t.align;
          if (t.max && pad > t.max) pad = 0;
          t.size = pad;
        } else if (t?.kind === 'org') {
          const v = evaluate(t.target, true);
          let target = -1;
          if (v && !v.sub && (!v.sym || v.sym.section === sec)) target = Number(v.add) + (v.sym ? symAddress(v.sym) : 0);
          if (target >= 0 && target < addr && pass === 0) report(t.where, 'attempt to move .org backwards');
          t.size = target >= addr ? target - addr : 0;
        } else if (t?.kind === 'space') {
          let n = 0;
          try {
            const v = evaluate(t.count, true);
            if (v && !v.sym && !v.sub) n = Number(BigInt.asIntN(64, v.add));
            else if (pass === 0) report(t.where, 'expression is not a constant');
          } catch (e) {
            if (!(e instanceof AsmError)) throw e;
            if (pass === 0) report(t.where, e.message);
          }
          t.size = n > 0 ? Math.min(n, 1 << 28) : 0;
        }
        addr += f.tailSize();
      }
      sec.size = addr;
      let changed = false;
      for (const f of sec.frags) {
        const t = f.tail;
        if (t?.kind !== 'branch' || t.long) continue;
        const r = resolveTarget(t.target, t.addend);
        const disp = symAddress(r.sym) + Number(r.addend) - (f.address + f.data.length + 2);
        if (disp < -128 || disp > 127) {
          t.long = true;
          changed = true;
        }
      }
      if (!changed) break;
      if (pass > 10000) throw new AsmError('relaxation did not converge');
    }
    // 3. Materialize the section's bytes.
    const out = new Uint8Array(sec.type === C.SHT_NOBITS ? 0 : sec.size);
    for (const f of sec.frags) {
      if (sec.type === C.SHT_NOBITS) {
        if (f.data.some((b) => b !== 0)) report({ file: as.file, line: 0 }, `attempt to store non-zero value in section \`${sec.name}'`);
        continue;
      }
      const d = f.data;
      for (let k = 0, a = f.address; k < d.length; k++) out[a + k] = d[k]!;
      const t = f.tail;
      const at = f.address + f.data.length;
      if (!t) continue;
      if (t.kind === 'branch') {
        const r = resolveTarget(t.target, t.addend);
        const end = at + f.tailSize();
        const disp = symAddress(r.sym) + Number(r.addend) - end;
        if (!t.long) {
          out[at] = t.jcc < 0 ? 0xeb : 0x70 + t.jcc;
          out[at + 1] = disp & 0xff;
        } else {
          let p = at;
          if (t.jcc < 0) out[p++] = 0xe9;
          else {
            out[p++] = 0x0f;
            out[p++] = 0x80 + t.jcc;
          }
          new DataView(out.buffer).setInt32(p, disp, true);
        }
      } else if (t.kind === 'align') {
        if (t.fill === null && t.code) nops(out, at, t.size);
        else out.fill(t.fill ?? 0, at, at + t.size);
      } else {
        out.fill(t.fill, at, at + t.size); // .org and late-sized .skip
      }
    }
    bytes.set(sec, out);
    relocs.set(sec, []);
  }
  // 4. Fixups, section by section, in the order they were made.
  for (const sec of as.sections) {
    const out = bytes.get(sec)!;
    const list = relocs.get(sec)!;
    for (const fx of sec.fixups) {
      try {
        const r = resolveFixup(sec, fx, out);
        if (r) list.push(r);
      } catch (e) {
        if (e instanceof AsmError) report(fx.where, e.message, e.warning);
        else throw e;
      }
    }
  }
  return { bytes, relocs };
}

/** Code padding as GNU emits it: a jump over long pads, then 11-byte NOPs, then the remainder. */
function nops(out: Uint8Array, at: number, count: number): void {
  let p = at;
  if (Math.floor(count / 11) > 7) {
    const disp = count - 2;
    if (disp <= 127) {
      out[p++] = 0xeb;
      out[p++] = disp;
      count = disp;
    } else {
      count -= 5;
      out[p] = 0xe9;
      new DataView(out.buffer).setInt32(p + 1, count, true);
      p += 5;
    }
  }
  const last = count % 11;
  for (let k = 0; k < count - last; k += 11) out.set(NOPS[10]!, p + k);
  if (last) out.set(NOPS[last - 1]!, p + count - last);
}

function write(out: Uint8Array, at: number, size: number, v: bigint): void {
  for (let i = 0; i < size; i++) {
    out[at + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

const R_X86_64_GOTPCRELX = 41;
const R_X86_64_REX_GOTPCRELX = 42;

const ABS: Record<number, number> = { 1: C.R_X86_64_8, 2: C.R_X86_64_16, 4: C.R_X86_64_32, 8: C.R_X86_64_64 };
const PC: Record<number, number> = { 1: C.R_X86_64_PC8, 2: C.R_X86_64_PC16, 4: C.R_X86_64_PC32, 8: C.R_X86_64_PC64 };

function checkRange(v: bigint, size: number, fx: Fixup, signed: boolean): void {
  if (size >= 8) return;
  const s = BigInt.asIntN(64, v);
  const bits = BigInt(size * 8);
  const ok = signed ? s >= -(1n << (bits - 1n)) && s < 1n << (bits - 1n) : s >= -(1n << bits) && s < 1n << bits;
  if (!ok) {
    // GNU prints small values in decimal and anything above 1000 (negatives included, as
    // unsigned) as a 16-digit hex number; the position always in hex.
    const pos = (fx.frag.address + fx.offset).toString(16).padStart(16, '0');
    const u = v & 0xffffffffffffffffn;
    const val = u > 1000n ? u.toString(16).padStart(16, '0') : u.toString();
    throw new AsmError(`value of ${val} too large for field of ${size} byte${size > 1 ? 's' : ''} at ${pos}`);
  }
}

function resolveFixup(sec: Section, fx: Fixup, out: Uint8Array): Reloc | null {
  const at = fx.frag.address + fx.offset;
  const v = evaluate(fx.expr, true);
  if (!v) throw new AsmError('invalid operands for an expression that needs a relocation');
  const pcrel = fx.kind !== 'abs';
  if (!v.sym && !v.sub) {
    if (pcrel) return { offset: at, type: PC[fx.size]!, target: null, addend: v.add + BigInt(fx.pcAdjust) };
    if (sec.type !== C.SHT_NOBITS) {
      checkRange(v.add, fx.size, fx, false);
      write(out, at, fx.size, v.add);
    }
    return null;
  }
  if (v.sub) {
    // sym - sub, with sub in this section: a pc-relative relocation.
    if (v.sub.section !== sec || !v.sub.defined || pcrel) {
      throw new AsmError(`can't resolve \`${v.sym!.name}' {${secName(v.sym!)}} - \`${v.sub.name}' {${secName(v.sub)}}`);
    }
    const addend = v.add + BigInt(at - symAddress(v.sub));
    return pcReloc(sec, fx, out, at, v.sym!, addend, PC[fx.size]!);
  }
  const sym = v.sym!;
  if (fx.kind === 'abs') {
    const type = fx.explicit === 'plt' && !isLocal(sym) ? C.R_X86_64_PLT32 : fx.size === 4 && fx.signed ? C.R_X86_64_32S : ABS[fx.size]!;
    return relocAgainst(sym, v.add, false, at, type);
  }
  const addend = v.add + BigInt(fx.pcAdjust);
  if (fx.kind === 'branch') {
    if (isLocal(sym) && sym.section === sec) {
      const d = BigInt(symAddress(sym)) + addend - BigInt(at);
      checkRange(d, 4, fx, true);
      write(out, at, 4, d);
      return null;
    }
    const plt = fx.explicit === 'plt' || (v.add === 0n && !isLocal(sym));
    return relocAgainst(sym, addend, true, at, plt ? C.R_X86_64_PLT32 : C.R_X86_64_PC32);
  }
  const type = fx.explicit === 'gotpcrel' ? R_X86_64_GOTPCRELX : fx.explicit === 'gotpcrel-rex' ? R_X86_64_REX_GOTPCRELX : fx.explicit === 'plt' ? C.R_X86_64_PLT32 : PC[fx.size]!;
  return pcReloc(sec, fx, out, at, sym, addend, type);
}

/** A pc-relative field: resolved here when the target is a local symbol of this section. */
function pcReloc(sec: Section, fx: Fixup, out: Uint8Array, at: number, sym: Sym, addend: bigint, type: number): Reloc | null {
  if (isLocal(sym) && sym.section === sec && !fx.explicit) {
    const d = BigInt(symAddress(sym)) + addend - BigInt(at);
    checkRange(d, fx.size, fx, true);
    write(out, at, fx.size, d);
    return null;
  }
  return relocAgainst(sym, addend, true, at, type);
}

/** GNU's symbol choice: globals by name; locals through their section symbol, except in mergeable sections. */
function relocAgainst(sym: Sym, addend: bigint, pcrel: boolean, at: number, type: number): Reloc {
  if (isLocal(sym) && sym.section) {
    const merge = (sym.section.flags & C.SHF_MERGE) !== 0;
    if (!merge || (!pcrel && addend === 0n) || sym.anon) {
      return { offset: at, type, target: { section: sym.section }, addend: addend + BigInt(symAddress(sym)) };
    }
  }
  if (sym.order === Infinity) sym.order = 1e9 + tempOrder++;
  sym.usedInReloc = true;
  return { offset: at, type, target: { sym }, addend };
}

// Temporary (.L) symbols join GNU's symbol chain only when a relocation keeps them.
let tempOrder = 0;

function secName(s: Sym): string {
  if (s.common) return '*COM* section';
  if (!s.section) return s.defined ? '*ABS* section' : '*UND* section';
  return `${s.section.name} section`;
}

export type { Frag };
