// Loading inputs and resolving global symbols, GNU ld's way: objects are taken in command-line
// order; an archive contributes a member only when that member defines a symbol that is still
// undefined (not merely weakly referenced), and it is rescanned until it adds nothing more.
// Strong beats weak, a definition beats COMMON, two COMMONs merge (largest size, strictest alignment),
// two strong definitions are an error.
import * as C from '../elf/constants.js';
import { ElfFormatError, isElf, readElf, type ElfFile, type ElfSymbol } from '../elf/read.js';
import { ArchiveFormatError, isArchive, readArchive, type ArchiveMember } from './archive.js';
import { LinkInputError, Reporter } from './errors.js';

export interface LinkInput {
  name: string;
  data: Uint8Array;
  /** Inputs with the same group number, adjacent on the command line, form a --start-group. */
  group?: number;
}

export interface Obj {
  /** How ld names it in messages: "a.o", or "libc.a(printf.o)" for an archive member. */
  name: string;
  elf: ElfFile;
  order: number;
}

export type GlobalKind = 'defined' | 'common' | 'undefined';

export interface Global {
  name: string;
  kind: GlobalKind;
  weak: boolean;
  /** The defining (or, while undefined, first referencing) object and its symbol. */
  obj: Obj;
  sym: ElfSymbol;
  /** COMMON: merged size and alignment. */
  size: bigint;
  align: bigint;
  /** Some object refers to it with a non-weak undefined symbol. */
  strongRef: boolean;
  /** Linker-assigned: for COMMON, where it was placed (set by layout). */
  order: number;
}

function openObject(name: string, data: Uint8Array): ElfFile {
  if (!isElf(data)) throw new LinkInputError(name, 'file format not recognized');
  let elf: ElfFile;
  try {
    elf = readElf(data);
  } catch (e) {
    if (e instanceof ElfFormatError) {
      throw new LinkInputError(name, /truncated|outside/.test(e.message) ? 'file truncated' : 'file format not recognized');
    }
    throw e;
  }
  if (elf.header.type !== C.ET_REL) throw new LinkInputError(name, 'not a relocatable object (only ELF64 .o files and archives can be linked)');
  // Sizes and alignments that no compiler produces would only make the output absurd: refuse them.
  for (const s of elf.sections) {
    const a = s.addralign;
    if (a > 1n << 30n || (a & (a - 1n)) !== 0n) throw new LinkInputError(name, `section ${s.name || s.index}: bad alignment ${a}`);
    if (s.type === C.SHT_NOBITS && s.size > 2 ** 32) throw new LinkInputError(name, `section ${s.name || s.index}: size 0x${s.size.toString(16)} is too large`);
  }
  return elf;
}

export interface Resolution {
  objs: Obj[];
  globals: Map<string, Global>;
}

export function resolve(inputs: readonly LinkInput[], rep: Reporter, undefinedNames: readonly string[] = []): Resolution {
  const objs: Obj[] = [];
  const globals = new Map<string, Global>();
  let globalOrder = 0;

  // `-u SYM` style roots (the entry symbol): they make archive members get pulled.
  const pendingRoots = new Set(undefinedNames);

  const stillNeeded = (n: string): boolean => {
    const g = globals.get(n);
    if (!g) return pendingRoots.has(n);
    return g.kind === 'undefined' && g.strongRef;
  };

  const add = (obj: Obj) => {
    objs.push(obj);
    for (const s of obj.elf.symbols) {
      if (s.index === 0 || s.bind === C.STB_LOCAL) continue;
      if (s.type === C.STT_SECTION || s.type === C.STT_FILE) continue;
      const weak = s.bind === C.STB_WEAK;
      const kind: GlobalKind = s.shndx === C.SHN_UNDEF ? 'undefined' : s.shndx === C.SHN_COMMON ? 'common' : 'defined';
      const g = globals.get(s.name);
      if (!g) {
        globals.set(s.name, {
          name: s.name,
          kind,
          weak,
          obj,
          sym: s,
          size: s.size,
          align: kind === 'common' ? s.value : 1n,
          strongRef: kind === 'undefined' && !weak,
          order: globalOrder++,
        });
        continue;
      }
      if (kind === 'undefined') {
        if (!weak) g.strongRef = true;
        continue;
      }
      if (g.kind === 'undefined') {
        Object.assign(g, { kind, weak, obj, sym: s, size: s.size, align: kind === 'common' ? s.value : 1n });
        continue;
      }
      if (kind === 'common') {
        if (g.kind === 'common') {
          if (s.size > g.size) g.size = s.size;
          if (s.value > g.align) g.align = s.value;
        }
        continue; // a definition (even weak) already there wins
      }
      // kind === 'defined'
      if (g.kind === 'common' || (g.weak && !weak)) {
        Object.assign(g, { kind, weak, obj, sym: s, size: s.size, align: 1n });
        continue;
      }
      if (weak || g.weak) continue;
      rep.multiple(obj.name, obj.elf, s.shndx, s.value, s.name, rep.placeD(g.obj.name, g.obj.elf, g.sym.shndx, g.sym.value));
    }
  };

  let order = 0;
  // An archive's scanner: pulls the members that define a still-needed symbol, rescanning the
  // archive until it adds nothing; returns whether it pulled anything.
  const scanners = new Map<LinkInput, () => boolean>();
  const scannerFor = (input: LinkInput): (() => boolean) => {
    const known = scanners.get(input);
    if (known) return known;
    let members: ArchiveMember[];
    try {
      members = readArchive(input.data);
    } catch (e) {
      if (e instanceof ArchiveFormatError) throw new LinkInputError(input.name, e.message);
      throw e;
    }
    const loaded = new Array<boolean>(members.length).fill(false);
    const defs: (string[] | null)[] = members.map(() => null);
    const memberDefs = (i: number): string[] => {
      let d = defs[i];
      if (d) return d;
      d = [];
      const data = members[i]!.data;
      if (isElf(data)) {
        const elf = openObject(`${input.name}(${members[i]!.name})`, data);
        for (const s of elf.symbols) {
          if (s.index !== 0 && s.bind !== C.STB_LOCAL && s.shndx !== C.SHN_UNDEF && s.shndx !== C.SHN_COMMON) d.push(s.name);
        }
      }
      defs[i] = d;
      return d;
    };
    const scan = (): boolean => {
      let any = false;
      for (let changed = true; changed; ) {
        changed = false;
        for (let i = 0; i < members.length; i++) {
          if (loaded[i]) continue;
          if (!memberDefs(i).some(stillNeeded)) continue;
          loaded[i] = true;
          changed = any = true;
          const m = members[i]!;
          const name = `${input.name}(${m.name})`;
          add({ name, elf: openObject(name, m.data), order: order++ });
        }
      }
      return any;
    };
    scanners.set(input, scan);
    return scan;
  };

  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]!;
    if (input.group !== undefined) {
      // --start-group ... --end-group: objects go in at once; the group's archives are scanned
      // over and over until none of them adds a member (for circular dependencies).
      let j = i;
      while (j < inputs.length && inputs[j]!.group === input.group) j++;
      const group = inputs.slice(i, j);
      for (const g of group) if (!isArchive(g.data)) add({ name: g.name, elf: openObject(g.name, g.data), order: order++ });
      const archives = group.filter((g) => isArchive(g.data)).map(scannerFor);
      for (let again = true; again; ) {
        again = false;
        for (const scan of archives) if (scan()) again = true;
      }
      i = j - 1;
      continue;
    }
    if (isArchive(input.data)) {
      scannerFor(input)();
      continue;
    }
    add({ name: input.name, elf: openObject(input.name, input.data), order: order++ });
  }
  return { objs, globals };
}
