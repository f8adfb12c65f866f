// `kwb as` as a user runs it (the built CLI, a whole process): output file, default a.out,
// stdin, exit codes 0 / 1 (assembly errors) / 2 (usage, unreadable input), GNU's messages.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { host, kwb } from '../helpers/kwb.js';
import { gnuAssemble } from './oracle.js';

const dir = mkdtempSync(join(tmpdir(), 'kwb-as-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MAIN = '\t.text\n\t.globl\tmain\n\t.type\tmain, @function\nmain:\n\tpushq\t%rbp\n\tmovq\t%rsp, %rbp\n\tmovl\t$42, %eax\n\tpopq\t%rbp\n\tret\n\t.size\tmain, .-main\n';

describe('kwb as', () => {
  it('writes the object named by -o, identical to GNU as', () => {
    writeFileSync(join(dir, 'm.s'), MAIN);
    const r = kwb(['as', '-o', join(dir, 'm.o'), join(dir, 'm.s')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(Buffer.from(readFileSync(join(dir, 'm.o'))).equals(Buffer.from(gnuAssemble(MAIN)))).toBe(true);
    expect(host('objdump', ['-d', join(dir, 'm.o')]).stdout).toContain('b8 2a 00 00 00');
  });

  it('--noexecstack adds the .note.GNU-stack section as GNU as does', () => {
    const src = '\t.text\nf:\t.cfi_startproc\n\tret\n\t.cfi_endproc\n\t.data\n\t.quad f\n';
    writeFileSync(join(dir, 'nx.s'), src);
    expect(kwb(['as', '--noexecstack', '-o', join(dir, 'nx.o'), join(dir, 'nx.s')]).status).toBe(0);
    expect(host('as', ['--noexecstack', '-o', join(dir, 'nx.gnu.o'), join(dir, 'nx.s')]).status).toBe(0);
    expect(Buffer.from(readFileSync(join(dir, 'nx.o'))).equals(readFileSync(join(dir, 'nx.gnu.o')))).toBe(true);
  });

  it('.incbin reads files relative to the current directory, like GNU as', () => {
    writeFileSync(join(dir, 'blob.bin'), 'ABCDEFGH');
    writeFileSync(join(dir, 'inc.s'), '\t.data\n\t.incbin "blob.bin"\n\t.incbin "blob.bin", 2\n\t.incbin "blob.bin", 2, 3\n');
    expect(kwb(['as', '-o', 'inc.o', 'inc.s'], { cwd: dir }).status).toBe(0);
    expect(host('as', ['-o', 'inc.gnu.o', 'inc.s'], { cwd: dir }).status).toBe(0);
    expect(Buffer.from(readFileSync(join(dir, 'inc.o'))).equals(readFileSync(join(dir, 'inc.gnu.o')))).toBe(true);
  });

  it('.include (with -I) and several input files give GNU as\'s object and messages', () => {
    mkdirSync(join(dir, 'inc'), { recursive: true });
    writeFileSync(join(dir, 'inc', 'part.s'), '\tcltq\n\t.globl part\npart:\tret\n');
    writeFileSync(join(dir, 'top.s'), '\t.include "part.s"\n\tcall part\n');
    writeFileSync(join(dir, 'second.s'), '\tnop\n');
    expect(kwb(['as', '-I', 'inc', '-o', 'top.o', 'top.s', 'second.s'], { cwd: dir }).status).toBe(0);
    expect(host('as', ['-I', 'inc', '-o', 'top.gnu.o', 'top.s', 'second.s'], { cwd: dir }).status).toBe(0);
    expect(Buffer.from(readFileSync(join(dir, 'top.o'))).equals(readFileSync(join(dir, 'top.gnu.o')))).toBe(true);
    writeFileSync(join(dir, 'inc', 'broken.s'), '\tnop\n\tbogus\n');
    writeFileSync(join(dir, 'top2.s'), '\t.include "broken.s"\n\t.include "absent.s"\n');
    const r = kwb(['as', '-I', 'inc', '-o', 'top2.o', 'top2.s'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("inc/broken.s:2: error: no such instruction: `bogus'");
    expect(r.stderr).toContain("top2.s:2: error: can't open absent.s for reading: No such file or directory");
  });

  it('defaults to a.out and reads standard input for -', () => {
    const r = kwb(['as', '-'], { cwd: dir, input: MAIN });
    expect(r.status).toBe(0);
    expect(existsSync(join(dir, 'a.out'))).toBe(true);
  });

  it('writes /dev/null in place (a syntax check) instead of replacing it', () => {
    writeFileSync(join(dir, 'm2.s'), MAIN);
    expect(kwb(['as', '-o', '/dev/null', join(dir, 'm2.s')]).status).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('reports assembly errors GNU-style and exits 1', () => {
    writeFileSync(join(dir, 'bad.s'), '\tnop\n\tfoo %eax,  %ebx\n\tpushl %eax\n');
    const r = kwb(['as', '-o', join(dir, 'bad.o'), 'bad.s'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("bad.s:2: error: no such instruction: `foo %eax,%ebx'");
    expect(r.stderr).toContain("bad.s:3: error: invalid instruction suffix for `push'");
    expect(r.stderr).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('names the original file and line after preprocessor linemarkers', () => {
    writeFileSync(join(dir, 'entry.s'), '# 1 "entry.S"\n# 30 "arch/x86/entry/entry_64.S"\n\tswapgs\n\tbogus\n');
    const r = kwb(['as', '-o', join(dir, 'entry.o'), 'entry.s'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("arch/x86/entry/entry_64.S:31: error: no such instruction: `bogus'");
  });

  it('refuses --32 and unknown options with exit 2', () => {
    expect(kwb(['as', '--32', 'x.s'], { cwd: dir }).status).toBe(2);
    const r = kwb(['as', '--frobnicate', 'x.s'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unrecognized option '--frobnicate'");
  });

  it('exits 2 for a missing input file', () => {
    const r = kwb(['as', 'missing.s'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("can't open missing.s for reading: No such file or directory");
  });
});
