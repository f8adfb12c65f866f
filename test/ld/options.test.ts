// .set aliases, --defsym, -e, and the placement options kbuild may use.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kwb } from '../helpers/kwb.js';
import { link } from '../../src/toolchain/ld/link.js';
import { readElf } from '../../src/toolchain/elf/read.js';
import { build, gnuLink, run, tmp } from './oracle.js';

const ALIAS = `
.text
.globl real_exit, _start, other_entry
.set exit_alias, real_exit
.globl exit_alias
real_exit: movl $60, %eax
  syscall
_start: movzbl value_alias(%rip), %edi
  addl $magic, %edi
  call exit_alias
other_entry: movl $7, %edi
  jmp real_exit
.data
value: .byte 5
.set value_alias, value
`;

describe('link options', () => {
  const dir = tmp('ldopt');
  const objs = build(dir, { 'alias.s': ALIAS });

  it('.set aliases and --defsym resolve as with GNU ld; -e picks the entry', () => {
    const g = gnuLink(dir, objs, 'gnu', ['--defsym=magic=0x20']);
    expect(g.status, g.stderr).toBe(0);
    const r = kwb(['ld', '--defsym', 'magic=0x20', '-o', 'ours', 'alias.o'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(run(join(dir, 'ours')).status).toBe(run(g.path).status);
    expect(run(join(dir, 'ours')).status).toBe(37);
    const e = kwb(['ld', '--defsym=magic=0', '-e', 'other_entry', '-o', 'ours2', 'alias.o'], { cwd: dir });
    expect(e.status, e.stderr).toBe(0);
    expect(run(join(dir, 'ours2')).status).toBe(7);
  });

  it('sectionOrder and sectionMap place output sections as asked', () => {
    const o = build(dir, {
      'secs.s': '.section .init.text,"ax"\n.globl init_fn\ninit_fn: ret\n.text\n.globl _start\n_start: call init_fn\n.section .altdata,"aw"\n.quad 1\n.data\n.quad 2\n',
    });
    const data = new Uint8Array(readFileSync(o[0]!));
    const elf = readElf(link([{ name: 'secs.o', data }], { sectionOrder: ['.init.text', '.text'], sectionMap: { '.alt*': '.data' } }).output);
    const names = elf.sections.filter((s) => s.addr).map((s) => s.name);
    expect(names).toEqual(['.init.text', '.text', '.data']);
    expect(elf.sections.find((s) => s.name === '.data')!.size).toBe(16);
  });
});
