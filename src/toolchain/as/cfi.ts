// Call-frame information: the .cfi_* directives gcc writes around every function become an
// .eh_frame section — one CIE (the x86-64 defaults: CFA = %rsp+8, return address at CFA-8)
// and one FDE per .cfi_startproc/.cfi_endproc pair, laid out byte for byte as GNU as does.
// The advance between two rules is known only after jump relaxation, so the section is built
// during layout, after the code it describes.
import { AsmError } from './errors.js';
import { symAddress, type Fixup, type Section, type Sym } from './model.js';
import { sleb128, uleb128 } from '../../util/leb128.js';

/** One rule, at the location of the directive that gave it. */
export interface Rule {
  loc: Sym;
  bytes: number[];
}

export interface Fde {
  start: Sym;
  end: Sym | null;
  rules: Rule[];
  cfaOffset: number;
  where: { file: string; line: number };
}

const DWARF_REG: Record<string, number> = {
  rax: 0, rdx: 1, rcx: 2, rbx: 3, rsi: 4, rdi: 5, rbp: 6, rsp: 7,
  r8: 8, r9: 9, r10: 10, r11: 11, r12: 12, r13: 13, r14: 14, r15: 15, rip: 16,
};

/** A register operand of a .cfi directive: a DWARF number or %name. */
export function dwarfRegister(text: string): number {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const n = DWARF_REG[t.replace(/^%/, '')];
  if (n === undefined) throw new AsmError(`bad register expression`);
  return n;
}

function uleb(n: number): number[] {
  const out: number[] = [];
  uleb128(out, BigInt(n >>> 0));
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  sleb128(out, BigInt(n));
  return out;
}

export function ruleBytes(fde: Fde, name: string, args: string[]): number[] {
  const num = (k: number) => {
    const v = Number(args[k]);
    if (!Number.isInteger(v)) throw new AsmError(`bad or irreducible absolute expression`);
    return v;
  };
  switch (name) {
    case 'cfi_def_cfa_offset':
      fde.cfaOffset = num(0);
      return [0x0e, ...uleb(fde.cfaOffset)];
    case 'cfi_adjust_cfa_offset':
      fde.cfaOffset += num(0);
      return [0x0e, ...uleb(fde.cfaOffset)];
    case 'cfi_def_cfa_register':
      return [0x0d, ...uleb(dwarfRegister(args[0]!))];
    case 'cfi_def_cfa':
      fde.cfaOffset = num(1);
      return [0x0c, ...uleb(dwarfRegister(args[0]!)), ...uleb(fde.cfaOffset)];
    case 'cfi_offset':
    case 'cfi_rel_offset': {
      const reg = dwarfRegister(args[0]!);
      const off = num(1) - (name === 'cfi_rel_offset' ? fde.cfaOffset : 0);
      if (off % -8 !== 0 || off > 0) return [0x11, ...uleb(reg), ...sleb(off / -8)];
      return reg < 64 ? [0x80 | reg, ...uleb(off / -8)] : [0x05, ...uleb(reg), ...uleb(off / -8)];
    }
    case 'cfi_restore': {
      const reg = dwarfRegister(args[0]!);
      return reg < 64 ? [0xc0 | reg] : [0x06, ...uleb(reg)];
    }
    case 'cfi_undefined':
      return [0x07, ...uleb(dwarfRegister(args[0]!))];
    case 'cfi_same_value':
      return [0x08, ...uleb(dwarfRegister(args[0]!))];
    case 'cfi_register':
      return [0x09, ...uleb(dwarfRegister(args[0]!)), ...uleb(dwarfRegister(args[1]!))];
    case 'cfi_remember_state':
      return [0x0a];
    case 'cfi_restore_state':
      return [0x0b];
  }
  throw new AsmError(`unknown pseudo-op: \`.${name}'`);
}

// The CIE every FDE shares: version 1, "zR", code align 1, data align -8, RA column 16,
// FDE pointers pc-relative sdata4; CFA = %rsp + 8; return address saved at CFA - 8.
const CIE = [
  0x14, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x7a, 0x52, 0x00, 0x01, 0x78, 0x10, 0x01, 0x1b, 0x0c, 0x07, 0x08, 0x90, 0x01, 0x00, 0x00,
];

/** Fills the .eh_frame section's bytes and fixups; every code address is final by now. */
export function buildEhFrame(sec: Section, fdes: Fde[], report: (where: { file: string; line: number }, message: string) => void): void {
  const frag = sec.frags[0]!;
  const out = frag.data;
  out.length = 0;
  sec.fixups.length = 0;
  out.push(...CIE);
  let lastStart = -1;
  for (const fde of fdes) {
    if (!fde.end) {
      report({ file: fde.where.file, line: 0 }, 'open CFI at the end of file; missing .cfi_endproc directive');
      continue;
    }
    const start = out.length;
    lastStart = start;
    out.push(0, 0, 0, 0); // length, patched below
    const ciePointer = out.length;
    pushU32(out, ciePointer);
    const pcBegin = out.length;
    out.push(0, 0, 0, 0);
    const fx: Fixup = { frag, offset: pcBegin, size: 4, kind: 'pcrel', signed: true, expr: { k: 'sym', s: fde.start }, pcAdjust: 0, where: fde.where };
    sec.fixups.push(fx);
    pushU32(out, symAddress(fde.end) - symAddress(fde.start));
    out.push(0); // augmentation data length
    let last = symAddress(fde.start);
    for (const r of fde.rules) {
      const at = symAddress(r.loc);
      const d = at - last;
      if (d > 0) {
        if (d < 0x40) out.push(0x40 | d);
        else if (d < 0x100) out.push(0x02, d);
        else if (d < 0x10000) out.push(0x03, d & 0xff, d >> 8);
        else {
          out.push(0x04);
          pushU32(out, d);
        }
        last = at;
      }
      out.push(...r.bytes);
    }
    while ((out.length - start) % 4) out.push(0); // DW_CFA_nop to 4-byte alignment, as GNU pads
    setLength(out, start);
  }
  // The last FDE is padded further, to the section's 8-byte alignment.
  if (lastStart >= 0 && out.length % 8) {
    while (out.length % 8) out.push(0);
    setLength(out, lastStart);
  }
}

function setLength(out: number[], start: number): void {
  const len = out.length - start - 4;
  out[start] = len & 0xff;
  out[start + 1] = (len >> 8) & 0xff;
  out[start + 2] = (len >> 16) & 0xff;
  out[start + 3] = len >>> 24;
}

function pushU32(out: number[], v: number): void {
  out.push(v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff);
}
