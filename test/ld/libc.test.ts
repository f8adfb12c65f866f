// A whole C program against the project's libc (compiled here by gcc, archived by our ar): our
// link must produce GNU ld's image byte for byte (same layout, same relocated bytes, same symbol
// table as nm sees it), and our objdump must print what GNU objdump prints for GNU's link.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { host } from '../helpers/kwb.js';
import { writeArchive } from '../../src/toolchain/ld/archive.js';
import { readElf } from '../../src/toolchain/elf/read.js';
import { objdumpDisassemble } from '../../src/toolchain/objdump.js';
import { nmText } from '../../src/toolchain/nm.js';
import { CFLAGS, gnuLink, ourLink, run, tmp } from './oracle.js';
import { ROOT } from '../helpers/kwb.js';

const PROGRAM = `
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct node { int v; struct node *next; };
static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
int main(int argc, char **argv) {
  int xs[] = {5, 3, 9, 1, 7};
  qsort(xs, 5, sizeof xs[0], cmp);
  struct node *head = 0;
  for (int i = 0; i < 5; i++) { struct node *n = malloc(sizeof *n); n->v = xs[i]; n->next = head; head = n; }
  char buf[64]; strcpy(buf, "linked");
  printf("%s %d:", buf, argc);
  for (struct node *n = head; n; n = n->next) printf(" %d", n->v);
  printf(" %ld %x\\n", strtol("-42", 0, 10), 0xbeef);
  return (int)strlen(argv[0]) > 0 ? 5 : 6;
}
`;

for (const opt of ['-O0', '-O2']) describe(`a libc program (gcc ${opt}), linked by us and by GNU ld`, () => {
  const dir = tmp('ldlibc');
  // -O2 puts string literals in mergeable .rodata.str1.1 sections, which GNU ld merges.
  const CFLAGS_OPT = [...CFLAGS.filter((f) => !f.startsWith('-O')), opt];
  const libc = join(ROOT, 'userland', 'libc');
  const inc = ['-nostdinc', '-isystem', join(ROOT, 'userland', 'include'), '-I', libc];
  const members: { name: string; data: Uint8Array }[] = [];
  for (const f of readdirSync(libc).filter((n) => /\.[cS]$/.test(n)).sort()) {
    const obj = join(dir, f.replace(/\.[cS]$/, '.o'));
    const r = host('gcc', [...CFLAGS_OPT, ...inc, '-o', obj, join(libc, f)]);
    if (r.status !== 0) throw new Error(`gcc ${f}: ${r.stderr}`);
    if (f !== 'crt1.S') members.push({ name: f.replace(/\.[cS]$/, '.o'), data: new Uint8Array(readFileSync(obj)) });
  }
  writeFileSync(join(dir, 'libc.a'), writeArchive(members));
  writeFileSync(join(dir, 'prog.c'), PROGRAM);
  const c = host('gcc', [...CFLAGS_OPT, ...inc, '-o', join(dir, 'prog.o'), join(dir, 'prog.c')]);
  if (c.status !== 0) throw new Error(c.stderr);
  const inputs = ['crt1.o', 'prog.o', 'libc.a'].map((n) => join(dir, n));

  it('runs the same and is the same image', () => {
    const g = gnuLink(dir, inputs, 'gnu');
    expect(g.status, g.stderr).toBe(0);
    const ours = ourLink(dir, inputs, 'ours');
    const a = run(g.path);
    const b = run(ours);
    expect(a.stdout).toMatch(/^linked 1: 9 7 5 3 1 -42 beef\n$/);
    expect([b.stdout, b.status]).toEqual([a.stdout, a.status]);
    const ga = readElf(readFileSync(g.path));
    const oa = readElf(readFileSync(ours));
    const image = (e: typeof ga) => e.sections.filter((s) => s.addr).map((s) => `${s.name} ${s.addr.toString(16)} ${s.size} ${Buffer.from(s.data).toString('hex')}`);
    expect(image(oa)).toEqual(image(ga));
    expect(oa.header.entry).toBe(ga.header.entry);
    expect(nmText(new Uint8Array(readFileSync(ours)), { numeric: true }).text).toBe(host('nm', ['-n', g.path], { env: { ...process.env, LC_ALL: 'C' } }).stdout);
    const gd = host('objdump', ['-d', 'gnu'], { cwd: dir }).stdout;
    expect(objdumpDisassemble('gnu', new Uint8Array(readFileSync(ours)))).toBe(gd);
  });
});
