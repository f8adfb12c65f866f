// `kwb run` as a user meets it: usage errors, limits that stop a runaway program, tracing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { host, kwb } from '../helpers/kwb.js';
import { GCC_FLAGS } from '../cpu/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'kwb-run-cli-'));
const loop = join(dir, 'loop');
const hello = join(dir, 'hello');

beforeAll(() => {
  writeFileSync(join(dir, 'loop.c'), 'void _start(void) { for (;;) ; }\n');
  writeFileSync(
    join(dir, 'hello.c'),
    'void _start(void) { long r; __asm__ volatile("syscall" : "=a"(r) : "a"(1L), "D"(1L), "S"("hi\\n"), "d"(3L) : "rcx", "r11", "memory");' +
      ' __asm__ volatile("syscall" :: "a"(60L), "D"(0L)); }\n',
  );
  for (const name of ['loop', 'hello']) {
    const r = host('gcc', [...GCC_FLAGS, '-o', join(dir, name), join(dir, `${name}.c`)]);
    if (r.status !== 0) throw new Error(r.stderr);
  }
});

describe('kwb run', () => {
  it('without --user-mode boots the workspace kernel: outside a workspace it says there is none (exit 1)', () => {
    const r = kwb(['run', '-C', dir, hello]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`kwb run: ${join(dir, 'arch/x86/boot/bzImage')}: No such file or directory; build the kernel with 'kwb make' first\n`);
  });

  it('rejects a missing program, a non-ELF file and a missing argument with exit 2', () => {
    expect(kwb(['run', '--user-mode', join(dir, 'nope')])).toMatchObject({ status: 2, stderr: `kwb run: ${join(dir, 'nope')}: No such file or directory\n` });
    writeFileSync(join(dir, 'text'), 'not a program\n');
    const t = kwb(['run', '--user-mode', join(dir, 'text')]);
    expect(t.status).toBe(2);
    expect(t.stderr).toBe(`kwb run: ${join(dir, 'text')}: file format not recognized\n`);
    expect(kwb(['run', '--user-mode']).status).toBe(2);
    // gcc's default output is a dynamically linked PIE: plainly refused.
    writeFileSync(join(dir, 'dyn.c'), 'int main(void) { return 0; }\n');
    expect(host('gcc', ['-o', join(dir, 'dyn'), join(dir, 'dyn.c')]).status).toBe(0);
    const dyn = kwb(['run', '--user-mode', join(dir, 'dyn')]);
    expect(dyn.status).toBe(2);
    expect(dyn.stderr).toMatch(/not a static executable|dynamically linked programs are not supported/);
    expect(kwb(['run', '--user-mode', '--max-insns', 'lots', hello]).status).toBe(2);
    expect(kwb(['run', '--user-mode', '--bogus', hello]).status).toBe(2);
  });

  it('stops a runaway program at the instruction budget with status 124', () => {
    const r = kwb(['run', '--user-mode', '--max-insns', '100000', loop]);
    expect(r.status).toBe(124);
    expect(r.stderr).toBe('kwb run: program stopped after 100000 instructions (limit); it may be stuck in a loop\n');
  });

  it('stops a runaway program at the wall-clock limit with status 124', () => {
    const t0 = Date.now();
    const r = kwb(['run', '--user-mode', '--timeout', '0.5', loop]);
    expect(r.status).toBe(124);
    expect(r.stderr).toMatch(/^kwb run: program stopped after 0\.5 seconds \(\d+ instructions, time limit\); it may be stuck in a loop\n$/);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('passes arguments after PROG to the program, flags included', () => {
    const r = kwb(['run', '--user-mode', hello, '--max-insns', 'x']);
    expect(r).toMatchObject({ status: 0, stdout: 'hi\n', stderr: '' });
  });

  it('compiles PROG.c with kwb cc first, and reports its compile errors as gcc does (exit 1)', () => {
    writeFileSync(join(dir, 'args.c'), '#include <stdio.h>\nint main(int argc, char **argv) { printf("%d %s\\n", argc, argv[1]); return 4; }\n');
    expect(kwb(['run', '--user-mode', join(dir, 'args.c'), 'x'])).toMatchObject({ status: 4, stdout: '2 x\n' });
    writeFileSync(join(dir, 'broken.c'), 'int main(void) { return y; }\n');
    const r = kwb(['run', '--user-mode', join(dir, 'broken.c')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error: 'y' undeclared");
  });

  it('--trace-insn prints address, bytes, disassembly and changed registers per instruction', () => {
    const r = kwb(['run', '--user-mode', '--trace-insn', hello]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('hi\n');
    const lines = r.stderr.trimEnd().split('\n');
    const objdump = host('objdump', ['-d', hello]).stdout;
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      const m = /^([0-9a-f]{16}): ((?:[0-9a-f]{2} )+)\s*(\S.*?)?(?:\s{2,}(\S+=0x[0-9a-f]+.*))?$/.exec(line);
      expect(m, line).not.toBeNull();
      // The same instruction as objdump shows at that address.
      const addr = BigInt('0x' + m![1]).toString(16);
      const bytes = m![2]!.trim();
      expect(objdump).toContain(`${addr}:\t${bytes}`);
    }
    expect(r.stderr).toMatch(/syscall/);
    expect(r.stderr).toMatch(/rax=0x3/); // write's return value
  });
});
