// The static linker: ELF64 x86-64 relocatable objects and `ar` archives in, a static ET_EXEC
// executable (or, with `relocatable`, one ET_REL object as `ld -r` makes) out.
//
// A final link goes: resolve symbols (resolve.ts) → gather input sections into output sections
// (sections.ts) → lay them out in page-aligned PT_LOAD segments (text R+X, read-only data R,
// data+bss RW) → define the linker's symbols (_etext, _end, __start_SEC, ...) → apply relocations
// (reloc.ts) → write the ELF with a full symbol table (elf/write.ts). Problems are gathered as
// GNU ld words them (errors.ts) and thrown together as one LinkError.
import * as C from '../elf/constants.js';
import type { ElfSymbol } from '../elf/read.js';
import { alignUp, symbolSections, writeElf, type OutSection, type OutSymbol } from '../elf/write.js';
import { LinkError, Reporter } from './errors.js';
import { applyReloc, RELOC_HOW } from './reloc.js';
import { resolve, type Global, type LinkInput, type Obj } from './resolve.js';
import { ALLOC, defaultOutputName, EXEC, fillContents, gatherSections, keptInExecutable, newOutSec, outSection, relayout, WRITE, type OutSec, type Piece } from './sections.js';
import { linkRelocatable } from './relocatable.js';
import { mapOffset, mergeOutSection, type MergeInfo } from './merge.js';
import { layoutSegments, orderSections } from './layout.js';

export type { LinkInput } from './resolve.js';
export { LinkError, LinkInputError } from './errors.js';

export interface LinkOptions {
  /** `ld -r`: one relocatable object (kbuild's built-in.o). */
  relocatable?: boolean;
  /** Entry symbol (default `_start`). */
  entry?: string;
  /**
   * Address of the first loaded byte. With `loadHeaders` (the default, GNU ld's layout for user
   * programs) the ELF and program headers occupy the first page and .text starts one page later
   * (0x401000 for the default 0x400000). kbuild passes 0xffffffff81000000 with loadHeaders:false,
   * so that _text = _stext = the start of .text = textBase, as vmlinux.lds arranges.
   */
  textBase?: bigint;
  loadHeaders?: boolean;
  /** Physical address = virtual - loadOffset (vmlinux: __START_KERNEL_map, 0xffffffff80000000). */
  loadOffset?: bigint;
  /**
   * Output section order for the final link: names of output sections placed first, in this
   * order; the rest follow by kind (code, read-only data, data, bss). A new PT_LOAD starts
   * wherever the permissions change.
   */
  sectionOrder?: string[];
  /** Extra input→output section mapping, e.g. { '.init.text': '.text' }; a trailing '*' matches a prefix. */
  sectionMap?: Record<string, string>;
  /** The output file's name, which ld mentions in some messages (default a.out). */
  outputName?: string;
  /** `--defsym NAME=VALUE`: absolute symbols. */
  defsym?: Record<string, bigint>;
}

export interface LinkResult {
  output: Uint8Array;
  /** ld's warnings, worded as ld prints them (without the "ld: " prefix). */
  warnings: string[];
}


export function link(inputs: LinkInput[], opts: LinkOptions = {}): LinkResult {
  if (opts.relocatable) return linkRelocatable(inputs);
  return linkExecutable(inputs, opts);
}

function isCIdentifier(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s);
}

function outputNameFor(name: string, opts: LinkOptions): string {
  const map = opts.sectionMap;
  if (map) {
    if (map[name] !== undefined) return map[name]!;
    for (const [k, v] of Object.entries(map)) if (k.endsWith('*') && name.startsWith(k.slice(0, -1))) return v;
  }
  return defaultOutputName(name);
}

function linkExecutable(inputs: LinkInput[], opts: LinkOptions): LinkResult {
  const rep = new Reporter();
  const warnings: string[] = [];
  const entryName = opts.entry ?? '_start';
  const kernelLayout = opts.loadHeaders === false;
  const kernelHead = (name: string) => kernelLayout && name === '.head.text';
  const { objs, globals } = resolve(inputs, rep, [entryName]);

  // Gather sections.
  const { outs, pieces } = gatherSections(objs, (sec) => {
    if (!keptInExecutable(sec)) return null;
    return kernelHead(sec.name) ? '.text' : outputNameFor(sec.name, opts);
  });
  const textOut = outs.get('.text');
  // GNU ld's default script gathers .text in classes: unlikely, exit, startup (gcc -O2's main),
  // hot, then everything else, each in input order.
  if (!kernelLayout && textOut) {
    const cls = (n: string) => (/^\.text\.(unlikely|[^.]*_unlikely)(\.|$)/.test(n) ? 0 : /^\.text\.exit(\.|$)/.test(n) ? 1 : /^\.text\.startup(\.|$)/.test(n) ? 2 : /^\.text\.hot(\.|$)/.test(n) ? 3 : 4);
    const sortedPieces = textOut.pieces.map((p, i) => ({ p, i })).sort((a, b) => cls(a.p.sec.name) - cls(b.p.sec.name) || a.i - b.i).map((x) => x.p);
    if (sortedPieces.some((p, i) => p !== textOut.pieces[i])) relayout(textOut, [], sortedPieces, 1);
  }
  // vmlinux.lds: ".text : { _text = .; HEAD_TEXT; . = ALIGN(8); _stext = .; TEXT_TEXT ... }" —
  // the boot code (.head.text) opens .text whatever the link order, and _stext follows it.
  let stext: number | null = null;
  if (kernelLayout && textOut && textOut.pieces.some((p) => p.sec.name === '.head.text')) {
    const head = textOut.pieces.filter((p) => p.sec.name === '.head.text');
    const rest = textOut.pieces.filter((p) => p.sec.name !== '.head.text');
    stext = relayout(textOut, head, rest, 8);
  }

  // SHF_MERGE sections (string literals, constants of gcc -O1+) are merged as GNU ld does.
  const merged = new Map<Piece, MergeInfo>();
  for (const out of outs.values()) for (const [p, info] of mergeOutSection(out)) merged.set(p, info);

  // COMMON symbols go to the end of .bss, in the order they were first seen.
  const commons = [...globals.values()].filter((g) => g.kind === 'common').sort((a, b) => a.order - b.order);
  const commonAt = new Map<Global, number>();
  if (commons.length) {
    let bss = outs.get('.bss');
    if (!bss) {
      bss = newOutSec('.bss', { type: C.SHT_NOBITS, flags: ALLOC | WRITE, entsize: 0 } as never);
      outs.set('.bss', bss);
    }
    bss.commonStart = bss.size;
    for (const g of commons) {
      const a = Math.max(1, Number(g.align));
      bss.size = alignUp(bss.size, a);
      if (a > bss.align) bss.align = a;
      commonAt.set(g, bss.size);
      bss.size += Number(g.size);
    }
  }

  const sorted = orderSections([...outs.values()], opts.sectionOrder ?? []);
  for (const o of sorted) {
    fillContents(o);
  }
  // ld drops output sections that end up empty (as's empty .data and .bss, say) unless a symbol
  // is defined in them. Dropped ones keep their address for relocations and take the header
  // index of the section before them for any symbol that still names them.
  const defines = new Set<OutSec>();
  for (const obj of objs) {
    for (const sym of obj.elf.symbols) {
      if (sym.index === 0 || sym.type === C.STT_SECTION || sym.type === C.STT_FILE) continue;
      const piece = pieces[obj.order]![sym.shndx];
      if (piece) defines.add(piece.out);
    }
  }
  if (commons.length) defines.add(outs.get('.bss')!);
  const kept = sorted.filter((o) => o.size > 0 || (o.flags & ALLOC) === 0n || defines.has(o));
  const loaded = kept.filter((o) => (o.flags & ALLOC) !== 0n);

  const loadHeaders = opts.loadHeaders ?? true;
  const base = opts.textBase ?? 0x400000n;
  const phdrs = layoutSegments(loaded, { loadHeaders, base, loadOffset: opts.loadOffset ?? 0n, hasEhFrame: outs.has('.eh_frame') });
  let lastIndex = 0;
  let lastEnd = loaded[0]?.addr ?? base;
  for (const o of sorted) {
    const k = kept.indexOf(o);
    if (k >= 0) {
      o.index = lastIndex = k + 1;
      if ((o.flags & ALLOC) !== 0n) lastEnd = o.addr + BigInt(o.size);
    } else {
      o.index = Math.max(lastIndex, 1);
      o.addr = lastEnd;
    }
  }

  // Symbol addresses.
  /** The address of input offset `off` of section `shndx` of `obj`, through any merging. */
  const placeAddr = (obj: Obj, shndx: number, off: bigint): bigint | null => {
    const p = pieces[obj.order]![shndx];
    if (!p) return null;
    const info = merged.get(p);
    return info ? p.out.addr + mapOffset(info, off) : p.out.addr + BigInt(p.offset) + off;
  };
  const localAddr = (obj: Obj, s: ElfSymbol): bigint | null => {
    if (s.shndx === C.SHN_ABS) return s.value;
    if (s.shndx === C.SHN_UNDEF || s.shndx >= 0xff00) return null;
    return placeAddr(obj, s.shndx, s.value);
  };

  // Linker-defined symbols: section boundaries. Defined when referenced (ld's PROVIDE), or always
  // for the ones ld's script (or the kernel's vmlinux.lds) defines unconditionally.
  const provided = new Map<string, { value: bigint; out: OutSec | null }>();
  const firstOf = (pred: (o: OutSec) => boolean) => loaded.find(pred);
  const lastOf = (pred: (o: OutSec) => boolean) => [...loaded].reverse().find(pred);
  const end = (o: OutSec) => o.addr + BigInt(o.size);
  const text = firstOf((o) => (o.flags & EXEC) !== 0n);
  const lastText = lastOf((o) => (o.flags & EXEC) !== 0n);
  const firstData = firstOf((o) => (o.flags & WRITE) !== 0n);
  const lastData = lastOf((o) => (o.flags & WRITE) !== 0n && o.type !== C.SHT_NOBITS);
  const firstBss = firstOf((o) => o.type === C.SHT_NOBITS);
  const lastBss = lastOf((o) => o.type === C.SHT_NOBITS);
  const lastAlloc = loaded[loaded.length - 1];
  const at = (o: OutSec | undefined, which: 'start' | 'end', fallback?: OutSec) => {
    if (o) return { value: which === 'start' ? o.addr : end(o), out: o };
    if (fallback) return { value: end(fallback), out: fallback };
    return { value: loadHeaders ? base : base, out: null };
  };
  // GNU's script aligns _end to 8 (". = ALIGN(64 / 8); _end = .;"); vmlinux.lds puts it at the end.
  const endSym = at(lastAlloc, 'end');
  if (loadHeaders) endSym.value = (endSym.value + 7n) & ~7n;
  const candidates: [string, { value: bigint; out: OutSec | null }, boolean][] = [
    ['_text', at(text, 'start'), !loadHeaders],
    ['_stext', stext !== null && textOut ? { value: textOut.addr + BigInt(stext), out: textOut } : at(text, 'start'), !loadHeaders],
    ['_etext', at(lastText, 'end'), !loadHeaders],
    ['etext', at(lastText, 'end'), false],
    ['__etext', at(lastText, 'end'), false],
    ['_sdata', at(firstData, 'start'), !loadHeaders],
    // ld's script sets __bss_start right after the data (before .bss's own alignment).
    ['__bss_start', { value: at(lastData, 'end', lastAlloc).value, out: firstBss ?? at(lastData, 'end', lastAlloc).out }, true],
    ['_edata', at(lastData, 'end', lastAlloc), true],
    ['edata', at(lastData, 'end', lastAlloc), false],
    ['__bss_stop', firstBss ? at(lastBss, 'end') : at(lastData, 'end', lastAlloc), !loadHeaders],
    ['_end', endSym, true],
    ['end', endSym, false],
  ];
  for (const o of sorted) {
    if (!isCIdentifier(o.name)) continue;
    candidates.push([`__start_${o.name}`, at(o, 'start'), false], [`__stop_${o.name}`, at(o, 'end'), false]);
  }
  for (const [name, v, always] of candidates) {
    const g = globals.get(name);
    if (g && g.kind !== 'undefined') continue;
    if (always || g) provided.set(name, v);
  }
  for (const [name, value] of Object.entries(opts.defsym ?? {})) provided.set(name, { value, out: null });

  const globalAddr = (g: Global): bigint | null => {
    const p = provided.get(g.name);
    if (p && (g.kind === 'undefined' || opts.defsym?.[g.name] !== undefined)) return p.value;
    if (g.kind === 'defined') return localAddr(g.obj, g.sym);
    if (g.kind === 'common') {
      const bss = outs.get('.bss')!;
      return bss.addr + BigInt(commonAt.get(g)!);
    }
    return null;
  };

  // Entry point.
  let entry: bigint;
  const eg = globals.get(entryName);
  const ea = eg ? globalAddr(eg) : provided.get(entryName)?.value ?? null;
  if (ea !== null && ea !== undefined) entry = ea;
  else {
    entry = text ? text.addr : base;
    rep.warn(entryName, `warning: cannot find entry symbol ${entryName}; defaulting to ${entry.toString(16).padStart(16, '0')}`);
  }

  // Relocations. ld relocates one whole input object at a time, taking objects in the order their
  // first section appears in the output; its undefined-reference messages come out in that order.
  const relocOrder: Piece[] = [];
  const objSeen = new Set<Obj>();
  for (const out of loaded) {
    for (const first of out.pieces) {
      if (objSeen.has(first.obj)) continue;
      objSeen.add(first.obj);
      for (const p of pieces[first.obj.order]!) if (p && (p.out.flags & ALLOC) !== 0n && p.out.type !== C.SHT_NOBITS) relocOrder.push(p);
    }
  }
  {
    for (const p of relocOrder) {
      const out = p.out;
      const relas = p.obj.elf.relocations.get(p.sec.index);
      if (!relas) continue;
      const syms = p.obj.elf.symbols;
      const secAddr = out.addr + BigInt(p.offset);
      for (const r of relas) {
        if (r.type === C.R_X86_64_NONE) continue;
        const how = RELOC_HOW[r.type];
        if (!how) {
          rep.plain(p.obj.name, `${p.obj.name}: unsupported relocation type ${C.RELOC_NAMES[r.type] ?? r.type} (${r.type})`);
          continue;
        }
        const s = syms[r.sym];
        if (!s) {
          rep.plain(p.obj.name, `${p.obj.name}: bad symbol index ${r.sym} in relocation`);
          continue;
        }
        let S: bigint;
        let addend = r.addend;
        let against: string;
        if (r.sym === 0) {
          S = 0n;
          against = "`*ABS*'";
        } else if (s.type === C.STT_SECTION && merged.has(pieces[p.obj.order]![s.shndx]!)) {
          // bfd maps symbol+addend through the merge for a section symbol, then adds nothing more.
          S = placeAddr(p.obj, s.shndx, s.value + r.addend) ?? 0n;
          addend = 0n;
          against = `\`${p.obj.elf.sections[s.shndx]?.name ?? ''}'`;
        } else if (s.bind === C.STB_LOCAL) {
          S = localAddr(p.obj, s) ?? 0n;
          const nm = s.type === C.STT_SECTION ? p.obj.elf.sections[s.shndx]?.name ?? '' : s.name;
          against = `\`${nm}'`;
        } else {
          const g = globals.get(s.name);
          // A non-local symbol the resolver does not track (a global section or file symbol in a
          // damaged object) is taken at face value.
          const a = g ? globalAddr(g) : localAddr(p.obj, s);
          if (!g) {
            S = a ?? 0n;
            against = `\`${s.name}'`;
          } else if (a === null) {
            if (!(g.kind === 'undefined' && !g.strongRef) && !(s.bind === C.STB_WEAK && g.kind === 'undefined')) {
              rep.undefined(p.obj.name, p.obj.elf, p.sec.index, r.offset, s.name);
            }
            S = 0n;
            against = `undefined symbol \`${s.name}'`;
          } else {
            S = a;
            const dsec = g.kind === 'common' ? 'COMMON' : g.kind === 'defined' ? g.obj.elf.sections[g.sym.shndx]?.name ?? '*ABS*' : '*ABS*';
            const dobj = g.kind === 'undefined' || g.sym.shndx === C.SHN_ABS ? opts.outputName ?? 'a.out' : g.obj.name;
            against = `symbol \`${s.name}' defined in ${dsec} section in ${dobj}`;
          }
        }
        const off = Number(r.offset);
        if (off < 0 || off + how.size > p.sec.size) {
          rep.plain(p.obj.name, `${p.obj.name}: relocation at offset 0x${r.offset.toString(16)} lies outside section ${p.sec.name}`);
          continue;
        }
        if (!applyReloc(out.data, p.offset + off, how, S, addend, secAddr + r.offset)) {
          rep.truncated(p.obj.name, p.obj.elf, p.sec.index, r.offset, `${C.RELOC_NAMES[r.type]} against ${against}`);
        }
      }
    }
  }

  if (rep.failed) throw new LinkError(rep.messages);
  for (const m of rep.messages) warnings.push(...m.lines);

  // Symbol table: locals object by object (FILE symbol first), then globals, then ld's own.
  const symbols: OutSymbol[] = [{ name: '', value: 0n, size: 0n, bind: 0, type: 0, other: 0, shndx: 0 }];
  const outIndexOf = (obj: Obj, shndx: number): number => pieces[obj.order]![shndx]?.out.index ?? 0;
  for (const obj of objs) {
    for (const s of obj.elf.symbols) {
      if (s.index === 0 || s.bind !== C.STB_LOCAL || s.type === C.STT_SECTION) continue;
      if (s.type === C.STT_FILE) {
        symbols.push({ name: s.name, value: 0n, size: 0n, bind: C.STB_LOCAL, type: C.STT_FILE, other: s.other, shndx: C.SHN_ABS });
        continue;
      }
      if (s.name === '') continue;
      // ld drops assembler temporaries (.L labels) that point into merged sections.
      if ((s.name.startsWith('.L') || s.name.startsWith('..')) && merged.has(pieces[obj.order]![s.shndx]!)) continue;
      const a = localAddr(obj, s);
      if (a === null) continue;
      symbols.push({ name: s.name, value: a, size: s.size, bind: C.STB_LOCAL, type: s.type, other: s.other, shndx: s.shndx === C.SHN_ABS ? C.SHN_ABS : outIndexOf(obj, s.shndx) });
    }
  }
  const firstGlobal = symbols.length;
  const gl = [...globals.values()].sort((a, b) => a.order - b.order);
  for (const g of gl) {
    if (provided.has(g.name) && (g.kind === 'undefined' || opts.defsym?.[g.name] !== undefined)) continue;
    if (g.kind === 'undefined') {
      symbols.push({ name: g.name, value: 0n, size: 0n, bind: C.STB_WEAK, type: C.STT_NOTYPE, other: 0, shndx: C.SHN_UNDEF });
      continue;
    }
    const bind = g.weak ? C.STB_WEAK : C.STB_GLOBAL;
    if (g.kind === 'common') {
      symbols.push({ name: g.name, value: globalAddr(g)!, size: g.size, bind, type: C.STT_OBJECT, other: g.sym.other, shndx: outs.get('.bss')!.index });
      continue;
    }
    const shndx = g.sym.shndx === C.SHN_ABS ? C.SHN_ABS : outIndexOf(g.obj, g.sym.shndx);
    symbols.push({ name: g.name, value: globalAddr(g) ?? 0n, size: g.sym.size, bind, type: g.sym.type, other: g.sym.other, shndx });
  }
  for (const [name, v] of provided) {
    symbols.push({ name, value: v.value, size: 0n, bind: C.STB_GLOBAL, type: C.STT_NOTYPE, other: 0, shndx: v.out ? v.out.index : C.SHN_ABS });
  }

  const sections: OutSection[] = kept.map((o) => outSection(o, (o.flags & ALLOC) !== 0n ? o.offset : -1));
  sections.push(...symbolSections(symbols, firstGlobal, sections.length + 1));
  // Non-loaded sections (offset -1) are placed by the writer after the last loaded byte.
  const output = writeElf({ type: C.ET_EXEC, entry, phoff: C.EHDR_SIZE, segments: phdrs, sections });
  return { output, warnings };
}

