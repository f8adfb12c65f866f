// Archives: ours must satisfy GNU ar and nm, and linking against one pulls only the members needed,
// in GNU ld's order (rescanning one archive until nothing more is needed).
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { host, kwb } from '../helpers/kwb.js';
import { readArchive, writeArchive } from '../../src/toolchain/ld/archive.js';
import { readElf } from '../../src/toolchain/elf/read.js';
import { build, gnuLink, ourLink, run, tmp } from './oracle.js';
import { SYS } from './programs.js';

describe('ar archives', () => {
  const dir = tmp('ar');
  build(dir, {
    'sys.c': SYS,
    'used.c': 'void put(const char*); int helper(void); void use(void){ put("used "); helper(); }\n',
    'helper.c': 'void put(const char*); int helper(void){ put("helper "); return 1; }\n',
    'unused.c': 'int unused_function(void){ return 99; }\n',
    'a_very_long_member_name_indeed.c': 'int long_named(void){ return 1; }\n',
    'main.c': 'void use(void); void put(const char*); void quit(long); void _start(void){ use(); put("\\n"); quit(3); }\n',
  });
  const o = (n: string) => join(dir, n);
  const members = ['used.o', 'unused.o', 'a_very_long_member_name_indeed.o', 'helper.o', 'sys.o'].map((n) => ({ name: n, data: new Uint8Array(readFileSync(o(n))) }));
  const lib = o('libx.a');
  writeFileSync(lib, writeArchive(members));

  it('GNU ar t lists the members, long names included', () => {
    const r = host('ar', ['t', lib]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(members.map((m) => m.name));
  });

  it('GNU nm -s reads the symbol index', () => {
    const r = host('nm', ['-s', lib]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Archive index:');
    expect(r.stdout).toMatch(/^unused_function in unused\.o$/m);
    expect(r.stdout).toMatch(/^long_named in a_very_long_member_name_indeed\.o$/m);
    // The same index GNU ar builds.
    host('ar', ['rcs', o('gnu.a'), ...members.map((m) => o(m.name))]);
    const g = host('nm', ['-s', o('gnu.a')]);
    const index = (t: string) => t.slice(0, t.indexOf('\n\n'));
    expect(index(r.stdout)).toBe(index(g.stdout));
  });

  it('reads back what it wrote, and reads GNU ar archives', () => {
    expect(readArchive(writeArchive(members)).map((m) => [m.name, m.data.length])).toEqual(members.map((m) => [m.name, m.data.length]));
    expect(readArchive(readFileSync(o('gnu.a'))).map((m) => m.name)).toEqual(members.map((m) => m.name));
  });

  it('links only the members needed (rescanning for helper), like GNU ld', () => {
    const g = gnuLink(dir, [o('main.o'), lib], 'gnu');
    expect(g.status, g.stderr).toBe(0);
    const ours = ourLink(dir, [o('main.o'), lib], 'ours');
    const a = run(g.path);
    const b = run(ours);
    expect(b.stdout).toBe('used helper \n');
    expect([b.stdout, b.status]).toEqual([a.stdout, a.status]);
    const names = readElf(readFileSync(ours)).symbols.map((s) => s.name);
    expect(names).toContain('helper');
    expect(names).not.toContain('unused_function');
    expect(names).not.toContain('long_named');
  });

  it('an archive before the objects that need it contributes nothing (command-line order)', () => {
    const g = gnuLink(dir, [lib, o('main.o')], 'gnu2');
    expect(g.status).toBe(1);
    expect(() => ourLink(dir, [lib, o('main.o')], 'ours2')).toThrow(/undefined reference to `use'/);
  });
});

describe('--start-group / --end-group', () => {
  it('rescans the group\'s archives for circular references, like GNU ld', () => {
    const dir = tmp('argrp');
    build(dir, {
      'sys.c': SYS,
      'a1.c': 'int b1(void); int a1(void){ return b1() + 1; }\n',
      'a2.c': 'int a2(void){ return 40; }\n',
      'b1.c': 'int a2(void); int b1(void){ return a2() + 1; }\n',
      'main.c': 'int a1(void); void quit(long); void _start(void){ quit(a1()); }\n',
    });
    const o = (n: string) => join(dir, n);
    const archive = (name: string, objs: string[]) =>
      writeFileSync(o(name), writeArchive(objs.map((n) => ({ name: n, data: new Uint8Array(readFileSync(o(n))) }))));
    archive('libA.a', ['a1.o', 'a2.o']);
    archive('libB.a', ['b1.o', 'sys.o']);
    const g = gnuLink(dir, [o('main.o'), o('libA.a'), o('libB.a')], 'gnu1');
    expect(g.status).toBe(1);
    expect(() => ourLink(dir, [o('main.o'), o('libA.a'), o('libB.a')], 'ours1')).toThrow(/undefined reference to `a2'/);
    const g2 = host('ld', ['-o', 'gnu2', 'main.o', '--start-group', 'libA.a', 'libB.a', '--end-group'], { cwd: dir });
    expect(g2.status, g2.stderr).toBe(0);
    const r = kwb(['ld', '-o', 'ours2', 'main.o', '--start-group', 'libA.a', 'libB.a', '--end-group'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(run(join(dir, 'ours2')).status).toBe(run(join(dir, 'gnu2')).status);
    expect(run(join(dir, 'ours2')).status).toBe(42);
  });
});
