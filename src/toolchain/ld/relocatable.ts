// `ld -r`: many relocatable objects into one, as kbuild builds each directory's built-in.o.
// Same-named sections are concatenated in input order (each input aligned as it asks), so the
// first object's .rodata starts the output's .rodata; symbols are renumbered (section symbols,
// then each object's locals behind its FILE symbol, then the globals); relocations are rebased
// onto the output sections and keep pointing at the same bytes. Undefined symbols stay
// undefined for the final link; two strong definitions are an error, as in a final link.
import * as C from '../elf/constants.js';
import { encodeRelas, symbolSections, writeElf, type OutRela, type OutSection, type OutSymbol } from '../elf/write.js';
import { LinkError, Reporter } from './errors.js';
import { resolve, type LinkInput } from './resolve.js';
import { fillContents, gatherSections, isDropped, outSection, rank, type OutSec } from './sections.js';

export function linkRelocatable(inputs: LinkInput[]): { output: Uint8Array; warnings: string[] } {
  const rep = new Reporter();
  const { objs, globals } = resolve(inputs, rep);
  if (rep.messages.length) throw new LinkError(rep.messages);

  const { outs, pieces } = gatherSections(objs, (sec) => (isDropped(sec) ? null : sec.name));
  const list = orderLikeGnuR([...outs.values()]);
  for (const o of list) fillContents(o);

  // Section header indices: each output section, followed by its .rela section if it has relocations.
  const hasRelocs = (o: OutSec) => o.pieces.some((p) => (p.obj.elf.relocations.get(p.sec.index)?.length ?? 0) > 0);
  let next = 1;
  const relaIndex = new Map<OutSec, number>();
  for (const o of list) {
    o.index = next++;
    if (hasRelocs(o)) relaIndex.set(o, next++);
  }
  const symtabIndex = next;

  // Symbols.
  const symbols: OutSymbol[] = [{ name: '', value: 0n, size: 0n, bind: 0, type: 0, other: 0, shndx: 0 }];
  const sectionSym = new Map<OutSec, number>();
  for (const o of list) {
    sectionSym.set(o, symbols.length);
    symbols.push({ name: '', value: 0n, size: 0n, bind: C.STB_LOCAL, type: C.STT_SECTION, other: 0, shndx: o.index });
  }
  const localIndex: Map<number, number>[] = objs.map(() => new Map());
  for (const obj of objs) {
    for (const s of obj.elf.symbols) {
      if (s.index === 0 || s.bind !== C.STB_LOCAL || s.type === C.STT_SECTION) continue;
      let shndx = s.shndx;
      let value = s.value;
      if (s.type !== C.STT_FILE && shndx !== C.SHN_ABS && shndx !== C.SHN_UNDEF && shndx < 0xff00) {
        const p = pieces[obj.order]![shndx];
        if (!p) continue;
        shndx = p.out.index;
        value += BigInt(p.offset);
      }
      localIndex[obj.order]!.set(s.index, symbols.length);
      symbols.push({ name: s.name, value, size: s.size, bind: C.STB_LOCAL, type: s.type, other: s.other, shndx });
    }
  }
  const firstGlobal = symbols.length;
  const globalIndex = new Map<string, number>();
  for (const g of [...globals.values()].sort((a, b) => a.order - b.order)) {
    globalIndex.set(g.name, symbols.length);
    if (g.kind === 'undefined') {
      symbols.push({ name: g.name, value: 0n, size: 0n, bind: g.strongRef ? C.STB_GLOBAL : C.STB_WEAK, type: g.sym.type, other: g.sym.other, shndx: C.SHN_UNDEF });
    } else if (g.kind === 'common') {
      symbols.push({ name: g.name, value: g.align, size: g.size, bind: C.STB_GLOBAL, type: C.STT_OBJECT, other: g.sym.other, shndx: C.SHN_COMMON });
    } else {
      let shndx = g.sym.shndx;
      let value = g.sym.value;
      if (shndx !== C.SHN_ABS) {
        const p = pieces[g.obj.order]![shndx];
        shndx = p ? p.out.index : C.SHN_ABS;
        value += p ? BigInt(p.offset) : 0n;
      }
      symbols.push({ name: g.name, value, size: g.sym.size, bind: g.weak ? C.STB_WEAK : C.STB_GLOBAL, type: g.sym.type, other: g.sym.other, shndx });
    }
  }

  // Relocations, rebased.
  const sections: OutSection[] = [];
  for (const o of list) {
    sections.push(outSection(o, -1));
    const ri = relaIndex.get(o);
    if (ri === undefined) continue;
    const relas: OutRela[] = [];
    for (const p of o.pieces) {
      const obj = p.obj;
      for (const r of obj.elf.relocations.get(p.sec.index) ?? []) {
        const s = obj.elf.symbols[r.sym];
        let sym = 0;
        let addend = r.addend;
        if (r.sym !== 0 && s) {
          if (s.type === C.STT_SECTION) {
            const target = pieces[obj.order]![s.shndx];
            if (target) {
              sym = sectionSym.get(target.out)!;
              addend += BigInt(target.offset);
            }
          } else if (s.bind === C.STB_LOCAL) {
            sym = localIndex[obj.order]!.get(s.index) ?? 0;
          } else {
            sym = globalIndex.get(s.name) ?? 0;
          }
        }
        relas.push({ offset: r.offset + BigInt(p.offset), type: r.type, sym, addend });
      }
    }
    const data = encodeRelas(relas);
    sections.push({
      name: '.rela' + o.name,
      type: C.SHT_RELA,
      flags: BigInt(C.SHF_INFO_LINK),
      addr: 0n,
      offset: -1,
      size: data.length,
      link: symtabIndex,
      info: o.index,
      addralign: 8,
      entsize: C.RELA_SIZE,
      data,
    });
  }
  sections.push(...symbolSections(symbols, firstGlobal, symtabIndex));
  return { output: writeElf({ type: C.ET_REL, entry: 0n, phoff: 0, segments: [], sections }), warnings: [] };
}

// ld -r's script lists the usual sections in a fixed order (code, read-only data, unwind tables,
// data, bss, then non-loaded ones such as .comment); any other section is an "orphan" placed
// after the listed ones of its kind, in the order it was first seen.
const SCRIPT_ORDER = ['.init', '.text', '.fini', '.rodata', '.rodata1', '.eh_frame', '.gcc_except_table', '.data', '.data1', '.bss', '.comment'];

function orderLikeGnuR(list: OutSec[]): OutSec[] {
  const key = (o: OutSec): number => {
    const k = SCRIPT_ORDER.indexOf(o.name);
    return rank(o) * 1000 + (k >= 0 ? k : 999);
  };
  return list.map((o, i) => ({ o, i })).sort((a, b) => key(a.o) - key(b.o) || a.i - b.i).map((x) => x.o);
}
