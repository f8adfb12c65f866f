// ld's error texts against GNU ld 2.40's for the same objects (its "ld: " prefix kept on both sides).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { link, LinkError } from '../../src/toolchain/ld/link.js';
import { build, gnuErrors, gnuLink, tmp } from './oracle.js';

function ours(dir: string, objs: string[], relocatable = false): string {
  try {
    link(objs.map((p) => ({ name: p.slice(dir.length + 1), data: new Uint8Array(readFileSync(p)) })), { relocatable, outputName: 'gnu.out' });
  } catch (e) {
    if (e instanceof LinkError) return e.render('ld: ').trimEnd();
    throw e;
  }
  return '';
}

describe('link errors worded as GNU ld 2.40 words them', () => {
  const dir = tmp('lderr');
  build(dir, {
    'a.c': 'extern int foo(void);\nint main(void){ return foo(); }\nvoid _start(void){ main(); foo(); }\n',
    'b.s': '.section .rodata\n.quad 1,2\n.quad sys_nsys\n.text\n.globl bar\nbar: ret\n',
    'c.s': '.text\n.globl bar\nbar: nop\nret\n',
    'd.c': 'extern int undef1;\nint *p = &undef1;\nint bar2(void){ return 1; }\nint dup = 5;\n',
    'e.s': '.file "e.c"\n.data\n.globl dup\ndup: .long 1\n.text\n.globl bar2\n.type bar2,@function\nbar2: ret\n.size bar2,1\n.section .rodata\n.long 0\n.quad und2\n',
    'many.s': '.text\n.globl _start\n_start:\n' + '  call zz\n'.repeat(8),
  });
  const o = (n: string) => join(dir, n);

  const cases: [string, string[]][] = [
    ['undefined references, in function and in data', [o('a.o'), o('b.o')]],
    ['multiple definition', [o('a.o'), o('b.o'), o('c.o')]],
    ['definitions with and without a FILE symbol, objects in both orders', [o('d.o'), o('e.o')]],
    ['the other order', [o('e.o'), o('d.o')]],
    ['more than five references to one symbol', [o('many.o')]],
  ];
  for (const [what, inputs] of cases) {
    it(what, () => {
      const g = gnuLink(dir, inputs, 'gnu.out');
      expect(g.status).toBe(1);
      expect(ours(dir, inputs)).toBe(gnuErrors(g.stderr));
    });
  }

  it('the same after an ld -r (kbuild built-in.o): names the built-in object', () => {
    const r = gnuLink(dir, [o('a.o'), o('b.o')], 'built-in.o', ['-r']);
    expect(r.status).toBe(0);
    const g = gnuLink(dir, [o('built-in.o'), o('c.o')], 'gnu.out');
    expect(ours(dir, [o('built-in.o'), o('c.o')])).toBe(gnuErrors(g.stderr));
  });

  it('-r reports duplicate strong definitions too', () => {
    const g = gnuLink(dir, [o('b.o'), o('c.o')], 'r.o', ['-r']);
    expect(g.status).toBe(1);
    expect(ours(dir, [o('b.o'), o('c.o')], true)).toBe(gnuErrors(g.stderr));
  });

  it('relocation overflow: "relocation truncated to fit"', () => {
    const d = tmp('ldovf');
    const objs2 = build(d, {
      'x.s': '.text\n.globl _start\n_start: movl $far, %eax\n movb $far, %al\n movw $near+0x10000, %ax\n movb $loc+1, %al\n ret\n.data\n.long 0\nloc: .long 0\n',
      'y.s': '.globl far, near\n.set far, 0x123456789\n.set near, 0x10\n',
    });
    const g = gnuLink(d, objs2, 'gnu.out');
    expect(g.status).toBe(1);
    expect(ours(d, objs2)).toBe(gnuErrors(g.stderr));
  });
});
