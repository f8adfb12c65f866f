// What the assembler builds while it reads: sections made of frags, symbols, and fixups.
//
// Like GNU as, a section is a chain of frags. A frag is a run of bytes whose size is known
// (the fixed part) optionally followed by one variable-size tail: a relaxable jump (2 bytes
// or 5/6) or an alignment pad. Labels point at (frag, offset), so once the relaxation loop
// has fixed every tail's size, every address follows. Fixups are the places whose bytes
// depend on symbol values; at the end each is either patched or becomes a relocation.
import type { Expr } from './expr.js';

export interface Where {
  file: string;
  line: number;
}

export type Tail =
  | { kind: 'branch'; jcc: number; /* -1 for jmp, else the condition code */ target: Sym; addend: bigint; long: boolean; where: Where }
  | { kind: 'align'; align: number; fill: number | null; max: number; code: boolean; size: number }
  | { kind: 'org'; target: Expr; fill: number; size: number; where: Where }
  /** `.skip N` whose N is known only after relaxation (e.g. a difference across a jump). */
  | { kind: 'space'; count: Expr; fill: number; size: number; where: Where };

export class Frag {
  data: number[] = [];
  address = 0;
  tail: Tail | null = null;
  constructor(readonly section: Section, readonly seq: number) {}
  /** Size of the variable tail as currently decided. */
  tailSize(): number {
    const t = this.tail;
    if (!t) return 0;
    if (t.kind === 'branch') return t.long ? (t.jcc < 0 ? 5 : 6) : 2;
    return t.size;
  }
}

export type RelocKind =
  | 'abs' // data or immediate; signedness chosen from `signed`
  | 'pcrel' // rip-relative operand or data `sym - .`
  | 'branch'; // call/jmp operand: PLT32 for global targets

export interface Fixup {
  frag: Frag;
  offset: number; // within frag.data
  size: 1 | 2 | 4 | 8;
  kind: RelocKind;
  /** For 4-byte absolute fields: R_X86_64_32S (sign-extended use) rather than R_X86_64_32. */
  signed: boolean;
  expr: Expr;
  /** Added to the value for pc-relative fields (the distance from the field to the instruction's end, negated). */
  pcAdjust: number;
  /** Explicit relocation requested with @PLT etc. */
  explicit?: Explicit;
  where: Where;
}

/** `sym@PLT`, `sym@GOTPCREL` (with or without a REX prefix on the instruction). */
export type Explicit = 'plt' | 'gotpcrel' | 'gotpcrel-rex';

export interface Section {
  name: string;
  type: number; // SHT_*
  flags: number; // SHF_*
  entsize: number;
  align: number;
  frags: Frag[];
  fixups: Fixup[];
  /** Order of this section's symbol in the symbol chain. */
  symOrder: number;
  /** Section-header index in the output (set by the writer). */
  index: number;
  /** `.section name,"..G",@type,signature[,comdat]`: the section group it belongs to. */
  group?: { sig: Sym; comdat: boolean };
  size: number;
}

export interface Sym {
  name: string;
  /** Position in GNU's symbol chain (creation order); temporary symbols get one when a relocation keeps them. */
  order: number;
  /** Defined as a label in this section (null: undefined, absolute or equated). */
  section: Section | null;
  frag: Frag | null;
  offset: number;
  /** `.set`/`=`: the expression this symbol stands for. */
  equ: Expr | null;
  global: boolean;
  weak: boolean;
  /** `.local`: explicitly local (affects .comm). */
  local: boolean;
  hidden: boolean;
  type: number; // STT_*
  size: Expr | null;
  common: { size: bigint; align: number } | null;
  /** `.L...` and numeric local labels: left out of the symbol table unless a relocation needs them. */
  temp: boolean;
  /** Created only to name a location (`.`), never emitted. */
  anon: boolean;
  defined: boolean;
  usedInReloc: boolean;
  /** Where it was defined, for "already defined" reports. */
  where: Where | null;
}

export function symAddress(s: Sym): number {
  return s.frag ? s.frag.address + s.offset : 0;
}
