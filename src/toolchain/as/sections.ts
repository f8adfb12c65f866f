// Section attributes: GNU as's defaults for well-known names, and the `.section` flag letters.
import * as C from '../elf/constants.js';
import { AsmError } from './errors.js';

export const SHT_INIT_ARRAY = 14;
export const SHT_FINI_ARRAY = 15;
export const SHT_PREINIT_ARRAY = 16;
export const SHF_TLS = 0x400;
export const SHF_EXCLUDE = 0x80000000;

/** Type and flags BFD gives a section by its name alone (its "special sections" table). */
export function defaultAttributes(name: string): { type: number; flags: number } {
  const is = (base: string) => name === base || name.startsWith(base + '.');
  if (is('.text') || name === '.init' || name === '.fini') return { type: C.SHT_PROGBITS, flags: C.SHF_ALLOC | C.SHF_EXECINSTR };
  if (is('.data') || name === '.data1') return { type: C.SHT_PROGBITS, flags: C.SHF_ALLOC | C.SHF_WRITE };
  if (is('.bss')) return { type: C.SHT_NOBITS, flags: C.SHF_ALLOC | C.SHF_WRITE };
  if (is('.rodata') || name === '.rodata1') return { type: C.SHT_PROGBITS, flags: C.SHF_ALLOC };
  if (is('.tdata')) return { type: C.SHT_PROGBITS, flags: C.SHF_ALLOC | C.SHF_WRITE | SHF_TLS };
  if (is('.tbss')) return { type: C.SHT_NOBITS, flags: C.SHF_ALLOC | C.SHF_WRITE | SHF_TLS };
  if (is('.init_array')) return { type: SHT_INIT_ARRAY, flags: C.SHF_ALLOC | C.SHF_WRITE };
  if (is('.fini_array')) return { type: SHT_FINI_ARRAY, flags: C.SHF_ALLOC | C.SHF_WRITE };
  if (is('.preinit_array')) return { type: SHT_PREINIT_ARRAY, flags: C.SHF_ALLOC | C.SHF_WRITE };
  if (name === '.note.GNU-stack') return { type: C.SHT_PROGBITS, flags: 0 };
  if (name.startsWith('.note')) return { type: C.SHT_NOTE, flags: 0 };
  return { type: C.SHT_PROGBITS, flags: 0 };
}

/** The flags string of `.section NAME,"flags"`. */
export function parseFlags(s: string): number {
  let f = 0;
  for (const ch of s) {
    switch (ch) {
      case 'a': f |= C.SHF_ALLOC; break;
      case 'w': f |= C.SHF_WRITE; break;
      case 'x': f |= C.SHF_EXECINSTR; break;
      case 'M': f |= C.SHF_MERGE; break;
      case 'S': f |= C.SHF_STRINGS; break;
      case 'T': f |= SHF_TLS; break;
      case 'e': f |= SHF_EXCLUDE; break;
      case 'G': f |= C.SHF_GROUP; break;
      case 'o': f |= 0x80; break;
      default:
        throw new AsmError(`unknown section attribute '${ch}'`);
    }
  }
  return f;
}

export function parseType(s: string): number {
  switch (s) {
    case 'progbits': return C.SHT_PROGBITS;
    case 'nobits': return C.SHT_NOBITS;
    case 'note': return C.SHT_NOTE;
    case 'init_array': return SHT_INIT_ARRAY;
    case 'fini_array': return SHT_FINI_ARRAY;
    case 'preinit_array': return SHT_PREINIT_ARRAY;
  }
  throw new AsmError(`unrecognized section type \`${s}'`);
}
