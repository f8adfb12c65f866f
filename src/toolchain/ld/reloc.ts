// Applying x86-64 relocations in a final link (psABI §4.4): S symbol address, A addend, P place.
// Overflow is checked as bfd does: "signed" fields must hold the value as a signed number,
// R_X86_64_32 as an unsigned one, and the 16/8-bit absolute forms as a "bitfield" (either fits).
import * as C from '../elf/constants.js';

export type Overflow = 'signed' | 'unsigned' | 'bitfield' | 'none';

export interface RelocHow {
  size: 1 | 2 | 4 | 8;
  pcrel: boolean;
  overflow: Overflow;
}

export const RELOC_HOW: Record<number, RelocHow> = {
  [C.R_X86_64_64]: { size: 8, pcrel: false, overflow: 'none' },
  [C.R_X86_64_PC32]: { size: 4, pcrel: true, overflow: 'signed' },
  [C.R_X86_64_PLT32]: { size: 4, pcrel: true, overflow: 'signed' },
  [C.R_X86_64_32]: { size: 4, pcrel: false, overflow: 'unsigned' },
  [C.R_X86_64_32S]: { size: 4, pcrel: false, overflow: 'signed' },
  [C.R_X86_64_16]: { size: 2, pcrel: false, overflow: 'bitfield' },
  [C.R_X86_64_PC16]: { size: 2, pcrel: true, overflow: 'signed' },
  [C.R_X86_64_8]: { size: 1, pcrel: false, overflow: 'bitfield' },
  [C.R_X86_64_PC8]: { size: 1, pcrel: true, overflow: 'signed' },
  [C.R_X86_64_PC64]: { size: 8, pcrel: true, overflow: 'none' },
};

function fits(v: bigint, bits: number, how: Overflow): boolean {
  const b = BigInt(bits);
  const smin = -(1n << (b - 1n));
  const smax = (1n << (b - 1n)) - 1n;
  const umax = (1n << b) - 1n;
  switch (how) {
    case 'none':
      return true;
    case 'signed':
      return v >= smin && v <= smax;
    case 'unsigned':
      return v >= 0n && v <= umax;
    case 'bitfield':
      return v >= smin && v <= umax;
  }
}

/**
 * Writes S+A (or S+A-P) into `data` at `at`. Returns false when the value does not fit the field
 * (the caller reports "relocation truncated to fit"); the truncated bits are written anyway, as ld does.
 */
export function applyReloc(data: Uint8Array, at: number, how: RelocHow, S: bigint, A: bigint, P: bigint): boolean {
  // Addresses are 64-bit two's-complement: wrap before judging (kernel addresses are "negative").
  let v = BigInt.asIntN(64, S + A - (how.pcrel ? P : 0n));
  const ok = fits(v, how.size * 8, how.overflow);
  v = BigInt.asUintN(how.size * 8, v);
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  switch (how.size) {
    case 1:
      dv.setUint8(at, Number(v));
      break;
    case 2:
      dv.setUint16(at, Number(v), true);
      break;
    case 4:
      dv.setUint32(at, Number(v), true);
      break;
    case 8:
      dv.setBigUint64(at, v, true);
      break;
  }
  return ok;
}
