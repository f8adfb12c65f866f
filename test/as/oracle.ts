// Assembles a source with GNU as (the oracle) and with ours, and lists every difference in
// allocatable section bytes, relocations (offset, type, symbol, addend) and symbols
// (name, value, binding, type, section, size).
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { host } from '../helpers/kwb.js';
import { readElf, symbolName, type ElfFile } from '../../src/toolchain/elf/read.js';
import { RELOC_NAMES, SHF_ALLOC } from '../../src/toolchain/elf/constants.js';
import { assemble } from '../../src/toolchain/as/assemble.js';

export function gnuAssemble(source: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'kwb-as-'));
  try {
    writeFileSync(join(dir, 'in.s'), source);
    const r = host('as', ['--64', '-o', join(dir, 'in.o'), join(dir, 'in.s')]);
    if (r.status !== 0) throw new Error(`GNU as rejected the oracle input:\n${r.stderr}`);
    return new Uint8Array(readFileSync(join(dir, 'in.o')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function describe(elf: ElfFile): { sections: Map<string, string>; relocs: string[]; symbols: string[] } {
  const sections = new Map<string, string>();
  for (const s of elf.sections) {
    if (s.index === 0) continue;
    if ((s.flags & BigInt(SHF_ALLOC)) || s.name === '.comment' || s.name === '.note.GNU-stack') {
      sections.set(s.name, `type=${s.type} flags=${s.flags} size=${s.size} align=${s.addralign} entsize=${s.entsize} ${Buffer.from(s.data).toString('hex')}`);
    }
  }
  const relocs: string[] = [];
  for (const [idx, list] of elf.relocations) {
    for (const r of list) {
      const sym = elf.symbols[r.sym];
      relocs.push(`${elf.sections[idx]!.name}+0x${r.offset.toString(16)} ${RELOC_NAMES[r.type] ?? r.type} ${sym ? symbolName(elf, sym) : '?'} ${r.addend}`);
    }
  }
  const symbols = elf.symbols.map((s) => {
    const sec = s.shndx === 0 ? 'UND' : s.shndx === 0xfff1 ? 'ABS' : s.shndx === 0xfff2 ? 'COM' : elf.sections[s.shndx]?.name;
    return `${symbolName(elf, s)} value=${s.value} bind=${s.bind} type=${s.type} other=${s.other} sec=${sec} size=${s.size}`;
  });
  return { sections, relocs, symbols };
}

/** Differences between GNU's object and ours for `source` ([] = identical where it matters). */
export function compareWithGnu(source: string): string[] {
  const gnu = describe(readElf(gnuAssemble(source)));
  const ours = describe(readElf(assemble(source, { file: 'in.s' }).object));
  const diffs: string[] = [];
  for (const [name, g] of gnu.sections) {
    const o = ours.sections.get(name);
    if (o !== g) diffs.push(`section ${name}:\n  gnu:  ${g}\n  ours: ${o ?? '(missing)'}`);
  }
  for (const name of ours.sections.keys()) if (!gnu.sections.has(name)) diffs.push(`extra section ${name}`);
  const list = (what: string, g: string[], o: string[]) => {
    if (g.join('\n') !== o.join('\n')) diffs.push(`${what}:\n  gnu:\n    ${g.join('\n    ')}\n  ours:\n    ${o.join('\n    ')}`);
  };
  list('relocations', gnu.relocs, ours.relocs);
  list('symbols', gnu.symbols, ours.symbols);
  return diffs;
}
