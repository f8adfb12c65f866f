// kwb nm and kwb objdump -d against GNU nm and GNU objdump, on GNU-built and kwb-linked files.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { host, kwb } from '../helpers/kwb.js';
import { nmText } from '../../src/toolchain/nm.js';
import { objdumpDisassemble, objdumpHeaders, objdumpSymbols } from '../../src/toolchain/objdump.js';
import { build, gnuLink, ourLink, tmp } from '../ld/oracle.js';
import { LIB, MAIN, SYS } from '../ld/programs.js';

describe('nm and objdump -d = GNU binutils', () => {
  const dir = tmp('binutils');
  const objs = build(dir, { 'main.c': MAIN, 'lib.c': LIB, 'sys.c': SYS }, ['-fcommon']);
  const extra = build(dir, {
    'kinds.s': [
      '.file "kinds.c"', '.text', 'loc_fn: ret', '.globl glob_fn', '.type glob_fn,@function', 'glob_fn: ret',
      '.weak weak_fn', 'weak_fn: ret', '.weak weak_undef', '.weak weak_obj', '.type weak_obj,@object',
      '.data', 'weak_obj: .long 1', 'loc_data: .long 2', '.section .rodata', '.globl ro', 'ro: .long 3',
      '.bss', 'loc_bss: .zero 4', '.comm common_sym,8,8', '.set abs_sym, 0x1234', '.globl abs_sym',
      '.section .data..percpu,"aw"', '.globl percpu_var', 'percpu_var: .quad 0',
      '.section custom,"a"', 'in_custom: .long 0', '.text', 'call weak_undef', 'call undefined_fn',
    ].join('\n') + '\n',
  });
  const gnuExe = gnuLink(dir, objs, 'gnu').path;
  const ourExe = ourLink(dir, objs, 'ours');
  const partial = ourLink(dir, objs, 'partial.o', { relocatable: true });
  const files = [...objs, ...extra, gnuExe, ourExe, partial];

  it('nm with -n -g -u -a -S -r -p --defined-only prints what GNU nm prints', () => {
    for (const f of files) {
      for (const flags of [[], ['-n'], ['-g'], ['-u'], ['-n', '-g'], ['-a'], ['-S'], ['-r'], ['-p'], ['--defined-only'], ['-a', '-S', '-n']]) {
        const g = host('nm', [...flags, f], { env: { ...process.env, LC_ALL: 'C' } });
        const ours = nmText(new Uint8Array(readFileSync(f)), {
          numeric: flags.includes('-n'),
          externOnly: flags.includes('-g'),
          undefinedOnly: flags.includes('-u'),
          debugSyms: flags.includes('-a'),
          printSize: flags.includes('-S'),
          reverse: flags.includes('-r'),
          noSort: flags.includes('-p'),
          definedOnly: flags.includes('--defined-only'),
        });
        expect(ours.text, `nm ${flags.join(' ')} ${f}`).toBe(g.stdout);
      }
    }
  });

  it('objdump -d prints what GNU objdump prints', () => {
    for (const f of files) {
      const name = f.slice(dir.length + 1);
      const g = host('objdump', ['-d', name], { cwd: dir });
      expect(objdumpDisassemble(name, new Uint8Array(readFileSync(f))), `objdump -d ${name}`).toBe(g.stdout);
    }
  });

  it('objdump -t and -h print what GNU objdump prints', () => {
    for (const f of files) {
      const name = f.slice(dir.length + 1);
      const bytes = new Uint8Array(readFileSync(f));
      expect(objdumpSymbols(name, bytes), `objdump -t ${name}`).toBe(host('objdump', ['-t', name], { cwd: dir }).stdout);
      expect(objdumpHeaders(name, bytes), `objdump -h ${name}`).toBe(host('objdump', ['-h', name], { cwd: dir }).stdout);
    }
  });

  it('the commands: same output, files with several names, and plain errors', () => {
    const r = kwb(['nm', '-n', 'ours', 'main.o'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(host('nm', ['-n', 'ours', 'main.o'], { cwd: dir, env: { ...process.env, LC_ALL: 'C' } }).stdout);
    const d = kwb(['objdump', '-d', 'ours'], { cwd: dir });
    expect(d.stdout).toBe(host('objdump', ['-d', 'ours'], { cwd: dir }).stdout);
    const td = kwb(['objdump', '-t', '-d', '-h', 'ours'], { cwd: dir });
    expect(td.stdout).toBe(host('objdump', ['-t', '-d', '-h', 'ours'], { cwd: dir }).stdout);
    writeFileSync(join(dir, 'junk'), 'junk');
    for (const tool of [['nm'], ['objdump', '-d']]) {
      const e = kwb([...tool, 'junk'], { cwd: dir });
      expect(e.status).toBe(2);
      expect(e.stderr).toBe(`${tool[0]}: junk: file format not recognized\n`);
      const m = kwb([...tool, 'missing'], { cwd: dir });
      expect(m.status).toBe(2);
      expect(m.stderr).toBe(`${tool[0]}: 'missing': No such file\n`);
    }
  });
});
