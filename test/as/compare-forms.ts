// Per-form comparison of one big source assembled by GNU as and by ours: the bytes between
// consecutive case labels and the relocations that fall in each case's range.
import { readElf, symbolName, type ElfFile } from '../../src/toolchain/elf/read.js';
import { RELOC_NAMES } from '../../src/toolchain/elf/constants.js';
import { assemble } from '../../src/toolchain/as/assemble.js';
import { gnuAssemble } from './oracle.js';
import { formsSource } from './forms.js';

function caseView(elf: ElfFile, n: number): { bytes: string[]; relocs: string[][] } {
  const text = elf.sections.find((s) => s.name === '.text')!;
  const addr = new Map<string, number>();
  for (const s of elf.symbols) if (/^c\d+$/.test(s.name)) addr.set(s.name, Number(s.value));
  const rel = (elf.relocations.get(text.index) ?? []).map((r) => ({
    at: Number(r.offset),
    text: `${RELOC_NAMES[r.type] ?? r.type} ${symbolName(elf, elf.symbols[r.sym]!)} ${r.addend}`,
  }));
  const bytes: string[] = [];
  const relocs: string[][] = [];
  for (let i = 0; i < n; i++) {
    const a = addr.get(`c${i}`)!;
    const b = addr.get(`c${i + 1}`)!;
    bytes.push(Buffer.from(text.data.subarray(a, b)).toString('hex'));
    relocs.push(rel.filter((r) => r.at >= a && r.at < b).map((r) => `+${r.at - a} ${r.text}`).sort());
  }
  return { bytes, relocs };
}

/** Returns one line per form that differs from GNU. */
export function compareForms(forms: string[]): string[] {
  const src = formsSource(forms);
  const gnu = caseView(readElf(gnuAssemble(src)), forms.length);
  const ours = caseView(readElf(assemble(src, { file: 'forms.s' }).object), forms.length);
  const bad: string[] = [];
  forms.forEach((f, i) => {
    if (gnu.bytes[i] !== ours.bytes[i] || gnu.relocs[i]!.join(';') !== ours.relocs[i]!.join(';')) {
      bad.push(`${f}: gnu ${gnu.bytes[i]} [${gnu.relocs[i]!.join('; ')}]  ours ${ours.bytes[i]} [${ours.relocs[i]!.join('; ')}]`);
    }
  });
  return bad;
}
