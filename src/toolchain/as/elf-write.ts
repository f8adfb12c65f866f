// Writes the ELF64 relocatable object, laid out as GNU as (BFD) lays it out:
//   ELF header, section contents in section order, .symtab, .strtab, the .rela sections,
//   .shstrtab, then the section header table; each .rela.X header right after X's.
// Symbols: null, STT_FILE, then locals in GNU's symbol-chain order (section symbols only for
// sections that relocations name), then globals; sh_info = the first global's index.
import * as C from '../elf/constants.js';
import { alignUp, encodeRelas, encodeSymtab, serializeElf, type OutSymbol } from '../elf/write.js';
import type { Assembler } from './assembler.js';
import { evaluate } from './expr.js';
import type { LaidOut, Reloc } from './layout.js';
import { symAddress, type Section, type Sym } from './model.js';

/**
 * A string table with BFD's tail merging: names sorted by their reversed text; a name that
 * ends the next one in that order lives inside it. The rest are laid out in first-use order.
 */
function stringTable(names: string[]): { bytes: Uint8Array; offsets: Map<string, number> } {
  const uniq = [...new Set(names.filter((n) => n !== ''))];
  const reversed = new Map<string, string>();
  for (const n of uniq) reversed.set(n, n.split('').reverse().join(''));
  const sorted = [...uniq].sort((a, b) => {
    const ra = reversed.get(a)!;
    const rb = reversed.get(b)!;
    return ra < rb ? -1 : ra > rb ? 1 : 0;
  });
  const host = new Map<string, string>();
  for (let i = sorted.length - 1; i >= 0; i--) {
    const n = sorted[i]!;
    const next = sorted[i + 1];
    host.set(n, next !== undefined && next.endsWith(n) ? host.get(next)! : n);
  }
  const offsets = new Map<string, number>([['', 0]]);
  const parts: string[] = ['\0'];
  let size = 1;
  for (const n of uniq) {
    if (host.get(n) !== n) continue;
    offsets.set(n, size);
    parts.push(n + '\0');
    size += n.length + 1;
  }
  for (const n of uniq) {
    const h = host.get(n)!;
    if (h !== n) offsets.set(n, offsets.get(h)! + h.length - n.length);
  }
  return { bytes: Buffer.from(parts.join(''), 'latin1'), offsets };
}

export function writeObject(as: Assembler, laid: LaidOut): Uint8Array {
  // ---- section header order ------------------------------------------------------------
  type Out = { name: string; type: number; flags: number; data: Uint8Array; size: number; align: number; entsize: number; link: number; info: number; sec?: Section; relaFor?: Section };
  const out: Out[] = [{ name: '', type: 0, flags: 0, data: new Uint8Array(0), size: 0, align: 0, entsize: 0, link: 0, info: 0 }];
  // Section groups (.section ...,"G",...,sig[,comdat]) come first, one .group per signature.
  const groups: { sig: Sym; comdat: boolean; members: number[]; out: Out }[] = [];
  for (const sec of as.sections) {
    const g = sec.group;
    if (!g || groups.some((x) => x.sig === g.sig && x.comdat === g.comdat)) continue;
    const o: Out = { name: '.group', type: C.SHT_GROUP, flags: 0, data: new Uint8Array(0), size: 0, align: 4, entsize: 4, link: 0, info: 0 };
    groups.push({ sig: g.sig, comdat: g.comdat, members: [], out: o });
    out.push(o);
  }
  const groupOf = (sec: Section) => groups.find((x) => sec.group && x.sig === sec.group.sig && x.comdat === sec.group.comdat);
  for (const sec of as.sections) {
    const data = laid.bytes.get(sec)!;
    sec.index = out.length;
    out.push({ name: sec.name, type: sec.type, flags: sec.flags, data, size: sec.size, align: sec.align, entsize: sec.entsize, link: 0, info: 0, sec });
    groupOf(sec)?.members.push(sec.index);
    if (laid.relocs.get(sec)!.length) {
      const g = groupOf(sec);
      g?.members.push(out.length);
      out.push({ name: '.rela' + sec.name, type: C.SHT_RELA, flags: C.SHF_INFO_LINK | (g ? C.SHF_GROUP : 0), data: new Uint8Array(0), size: 0, align: 8, entsize: C.RELA_SIZE, link: 0, info: sec.index, relaFor: sec });
    }
  }
  /** An otherwise undefined local signature symbol is defined at its own group section. */
  const groupHome = new Map<Sym, number>();
  for (const g of groups) if (!g.sig.defined && !g.sig.global && !g.sig.weak && !groupHome.has(g.sig)) groupHome.set(g.sig, out.indexOf(g.out));
  const symtabIndex = out.length;

  // ---- symbols -------------------------------------------------------------------------
  const usedSections = new Set<Section>();
  for (const list of laid.relocs.values()) for (const r of list) if (r.target && 'section' in r.target) usedSections.add(r.target.section);

  type Entry = { order: number; sym?: Sym; section?: Section };
  const locals: Entry[] = [];
  const globals: Entry[] = [];
  for (const sec of as.sections) if (usedSections.has(sec)) locals.push({ order: sec.symOrder, section: sec });
  for (const s of as.symbols.values()) {
    if (s.anon) continue;
    const isGlobal = s.global || s.weak || s.common !== null || (!s.defined && !s.equ && !groupHome.has(s));
    if (isGlobal) {
      if (s.temp && !s.usedInReloc && !s.global) continue;
      globals.push({ order: s.order, sym: s });
      continue;
    }
    if (s.temp && !s.usedInReloc) continue;
    if (s.equ) {
      const v = evaluate(s.equ, true);
      if (!v || v.sub || (v.sym && (!v.sym.defined || v.sym.common || v.sym.equ))) continue;
    }
    locals.push({ order: s.order, sym: s });
  }
  locals.sort((a, b) => a.order - b.order);
  globals.sort((a, b) => a.order - b.order);

  const syms: OutSymbol[] = [{ name: '', bind: 0, type: 0, other: 0, shndx: 0, value: 0n, size: 0n }];
  for (const f of as.fileNames) syms.push({ name: f, bind: C.STB_LOCAL, type: C.STT_FILE, other: 0, shndx: C.SHN_ABS, value: 0n, size: 0n });
  const symIndex = new Map<Sym, number>();
  const secSymIndex = new Map<Section, number>();
  const emit = (e: Entry, bind: number) => {
    if (e.section) {
      secSymIndex.set(e.section, syms.length);
      syms.push({ name: '', bind: C.STB_LOCAL, type: C.STT_SECTION, other: 0, shndx: e.section.index, value: 0n, size: 0n });
      return;
    }
    const s = e.sym!;
    symIndex.set(s, syms.length);
    let shndx = C.SHN_UNDEF;
    let value = 0n;
    let alias: Sym | null = null;
    if (s.common) {
      shndx = C.SHN_COMMON;
      value = BigInt(s.common.align);
    } else if (s.equ) {
      const v = evaluate(s.equ, true);
      if (v && !v.sub && !v.sym) {
        shndx = C.SHN_ABS;
        value = v.add;
      } else if (v && v.sym && v.sym.section) {
        shndx = v.sym.section.index;
        value = BigInt(symAddress(v.sym)) + v.add;
        alias = v.sym;
      }
    } else if (s.section) {
      shndx = s.section.index;
      value = BigInt(symAddress(s));
    } else if (groupHome.has(s)) {
      shndx = groupHome.get(s)!;
    }
    // An alias takes its target's type and size unless it was given its own (GNU copies them).
    const sizeExpr = s.size ?? alias?.size ?? null;
    const type = s.type !== C.STT_NOTYPE || !alias ? s.type : alias.type;
    let size = 0n;
    if (s.common) size = s.common.size;
    else if (sizeExpr) {
      const v = evaluate(sizeExpr, true);
      if (v && !v.sym && !v.sub) size = v.add;
    }
    const b = s.weak ? C.STB_WEAK : bind;
    syms.push({ name: s.name, bind: b, type, other: s.hidden ? C.STV_HIDDEN : 0, shndx, value, size });
  };
  for (const e of locals) emit(e, C.STB_LOCAL);
  const firstGlobal = syms.length;
  for (const e of globals) emit(e, C.STB_GLOBAL);

  const strtab = stringTable(syms.map((s) => s.name));
  const symtab = encodeSymtab(syms, (name) => strtab.offsets.get(name)!);

  for (const g of groups) {
    const words = [g.comdat ? 1 : 0, ...g.members];
    const d = new Uint8Array(words.length * 4);
    const dv = new DataView(d.buffer);
    words.forEach((w, k) => dv.setUint32(k * 4, w, true));
    g.out.data = d;
    g.out.size = d.length;
    g.out.link = symtabIndex;
    g.out.info = symIndex.get(g.sig) ?? 0;
  }

  // ---- relocation sections -------------------------------------------------------------
  const relaIndexOf = (r: Reloc): number => {
    if (!r.target) return 0;
    if ('section' in r.target) return secSymIndex.get(r.target.section)!;
    return symIndex.get(r.target.sym) ?? 0;
  };
  for (const o of out) {
    if (!o.relaFor) continue;
    const list = laid.relocs.get(o.relaFor)!;
    const data = encodeRelas(list.map((r) => ({ offset: BigInt(r.offset), type: r.type, sym: relaIndexOf(r), addend: r.addend })));
    o.data = data;
    o.size = data.length;
    o.link = symtabIndex;
  }

  // With no symbols at all (and so no relocations), GNU as writes neither table.
  const noSymbols = syms.length === 1 && ![...laid.relocs.values()].some((l) => l.length > 0);
  if (!noSymbols) {
    out.push({ name: '.symtab', type: C.SHT_SYMTAB, flags: 0, data: symtab, size: symtab.length, align: 8, entsize: C.SYM_SIZE, link: symtabIndex + 1, info: firstGlobal });
    out.push({ name: '.strtab', type: C.SHT_STRTAB, flags: 0, data: strtab.bytes, size: strtab.bytes.length, align: 1, entsize: 0, link: 0, info: 0 });
  }
  const shstrIndex = out.length;
  // BFD names its group sections last, though it places them first.
  const shstrNames = [
    ...(noSymbols ? [] : ['.symtab', '.strtab']),
    '.shstrtab',
    ...out.slice(1, symtabIndex).filter((o) => o.type !== C.SHT_GROUP).map((o) => o.name),
    ...(groups.length ? ['.group'] : []),
  ];
  const shstr = stringTable(shstrNames);
  out.push({ name: '.shstrtab', type: C.SHT_STRTAB, flags: 0, data: shstr.bytes, size: shstr.bytes.length, align: 1, entsize: 0, link: 0, info: 0 });

  // ---- file layout -----------------------------------------------------------------------
  const offsets = new Array<number>(out.length).fill(0);
  let pos = C.EHDR_SIZE;
  const place = (i: number) => {
    const o = out[i]!;
    pos = alignUp(pos, Math.max(1, o.align));
    offsets[i] = pos;
    if (o.type !== C.SHT_NOBITS) pos += o.data.length;
  };
  for (let i = 1; i < symtabIndex; i++) if (!out[i]!.relaFor) place(i);
  if (!noSymbols) {
    place(symtabIndex);
    place(symtabIndex + 1);
  }
  for (let i = 1; i < symtabIndex; i++) if (out[i]!.relaFor) place(i);
  place(shstrIndex);

  const sections = out.slice(1).map((o, k) => ({
    name: o.name,
    type: o.type,
    flags: BigInt(o.flags >>> 0),
    addr: 0n,
    offset: offsets[k + 1]!,
    size: o.type === C.SHT_NOBITS ? o.size : o.data.length,
    link: o.link,
    info: o.info,
    addralign: o.align,
    entsize: o.entsize,
    data: o.type === C.SHT_NOBITS ? new Uint8Array(0) : o.data,
  }));
  return serializeElf({ type: C.ET_REL, entry: 0n, phoff: 0, segments: [], sections }, alignUp(pos, 8), (name) => shstr.offsets.get(name)!);
}
