// Damaged inputs never crash the linker, objdump or nm: every failure is one of their own
// worded errors (which the CLI prints plainly, exit 2), never a RangeError or TypeError.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { link, LinkError, LinkInputError } from '../../src/toolchain/ld/link.js';
import { readArchive, writeArchive, ArchiveFormatError } from '../../src/toolchain/ld/archive.js';
import { objdumpDisassemble } from '../../src/toolchain/objdump.js';
import { nmText } from '../../src/toolchain/nm.js';
import { ElfFormatError } from '../../src/toolchain/elf/read.js';
import { build, tmp } from './oracle.js';
import { MAIN } from './programs.js';

describe('malformed inputs', () => {
  const dir = tmp('ldbad');
  const [obj] = build(dir, { 'm.c': MAIN });
  const base = new Uint8Array(readFileSync(obj!));

  it('byte flips and truncations: only worded errors', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8);
    const unexpected: string[] = [];
    for (let i = 0; i < 500; i++) {
      const b = base.slice(0, i % 5 === 0 ? rnd() % base.length : base.length);
      for (let k = 0; k < 1 + (rnd() % 4); k++) b[rnd() % b.length] = rnd() & 0xff;
      const tries: [string, () => unknown][] = [
        ['ld', () => link([{ name: 'x.o', data: b }], { relocatable: i % 2 === 0 })],
        ['objdump', () => objdumpDisassemble('x.o', b)],
        ['nm', () => nmText(b)],
        ['ar', () => readArchive(writeArchive([{ name: 'x.o', data: b }]).slice(0, 8 + (rnd() % 200)))],
      ];
      for (const [what, f] of tries) {
        try {
          f();
        } catch (e) {
          if (e instanceof LinkError || e instanceof LinkInputError || e instanceof ElfFormatError || e instanceof ArchiveFormatError) continue;
          unexpected.push(`${what}: ${String(e)}`);
        }
      }
    }
    expect(unexpected.slice(0, 5)).toEqual([]);
  });
});
