// objdump -d's treatment of what is not code: data objects inside code sections are dumped as
// bytes with their ASCII, zero runs fold into "..." (and short ones at a block's end vanish).
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { host } from '../helpers/kwb.js';
import { objdumpDisassemble } from '../../src/toolchain/objdump.js';
import { tmp } from '../ld/oracle.js';

const CASES: Record<string, string> = {
  'objects.s': '.text\n.globl _start\n_start: ret\n.type tbl,@object\ntbl: .quad 1,2\n.ascii "hello world, this is text"\n.quad 0,0,0\n.byte 1\n.size tbl,16\nafter: nop\n.type t2,@object\nt2: .long x\n',
  'zeros.s': '.text\n.globl _start\n_start: ret\n.byte 0\nf: ret\n.byte 0,0\ng: ret\n.byte 0,0,0\nh: nop\n.zero 9\n.byte 0xc3\nk: call x\n.long 0,0\n nop\n.zero 5\n',
};

describe('objdump -d on data and zeros', () => {
  const dir = tmp('oddata');
  for (const [name, src] of Object.entries(CASES)) {
    it(name, () => {
      writeFileSync(join(dir, name), src);
      const obj = name.replace('.s', '.o');
      expect(host('as', ['-o', join(dir, obj), join(dir, name)]).status).toBe(0);
      const bytes = new Uint8Array(readFileSync(join(dir, obj)));
      expect(objdumpDisassemble(obj, bytes)).toBe(host('objdump', ['-d', obj], { cwd: dir }).stdout);
      expect(objdumpDisassemble(obj, bytes, { relocs: true })).toBe(host('objdump', ['-dr', obj], { cwd: dir }).stdout);
    });
  }
});
