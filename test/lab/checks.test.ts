// Every check type against a real workspace: the tree built by kbuild in-process, the program
// run on the emulated machine, the table read by the tbl checker. Each check is tried where it
// passes and where it fails, and a failure carries its reason code and a message for a student.
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KwbError } from '../../src/errors.js';
import { Session, type Outcome } from '../../src/lab/checks.js';
import { parseLab } from '../../src/lab/load.js';
import type { Check, GradeEvent, Lab } from '../../src/lab/types.js';
import { startLabWorkspace } from '../../src/lab/workspace.js';

const NSYS = `#include <linux/kernel.h>
#include <linux/syscalls.h>

SYSCALL_DEFINE0(nsys)
{
        printk(KERN_INFO "greetings from syscall nsys.\\n");
        printk(KERN_ERR "nsys: an error-level line\\n");
        return 0;
}
`;
const PROG = `#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>
int main(int argc, char **argv)
{
        long r = syscall(326);
        printf("ret: %ld argc: %d\\n", r, argc);
        if (argc > 1)
                printf("arg: %s\\n", argv[1]);
        return 3;
}
`;

function indentBlock(text: string, by: string): string {
  return text.split('\n').map((l) => (l ? by + l : l)).join('\n');
}

// The lab under test: its start is a working nsys kernel; its final checks are the cases.
const LAB = `id: checks
title: Checks
start:
  files:
    - path: newsys/nsys.c
      content: |
${indentBlock(NSYS, '        ')}
    - path: newsys/Makefile
      content: "obj-y := nsys.o\\n"
    - path: prog.c
      content: |
${indentBlock(PROG, '        ')}
    - path: broken.c
      content: "int main(void) { return 0 }\\n"
  patches:
    - path: arch/x86/entry/syscalls/syscall_64.tbl
      append: "326\\t64\\tnsys\\t\\t\\tsys_nsys\\n"
    - path: Makefile
      find: "crypto/ block/\\n"
      replace: "crypto/ block/ newsys/\\n"
steps:
  - title: only
    instructions: nothing
    checks:
      - file: prog.c
final:
  checks:
    - { id: exists, file: newsys/nsys.c }
    - { id: exists-no, file: newsys/other.c }
    - { id: absent, file: other.c, exists: false }
    - { id: absent-no, file: prog.c, exists: false }
    - { id: contains, file: newsys/nsys.c, contains: "SYSCALL_DEFINE0(nsys)" }
    - { id: contains-no, file: newsys/nsys.c, contains: "SYSCALL_DEFINE1" }
    - { id: contains-missing, file: nope.c, contains: x }
    - { id: matches, file: Makefile, matches: '^core-y.*newsys/$' }
    - { id: matches-no, file: Makefile, matches: '^core-y.*nosuch/$' }
    - { id: table, table: { number: 326, name: nsys, entry: sys_nsys } }
    - { id: table-missing, table: { number: 327 } }
    - { id: table-name, table: { number: 326, name: other } }
    - { id: table-abi, table: { number: 326, abi: common } }
    - { id: table-32-missing, table: { arch: i386, number: 377, name: nsys } }
    - { id: table-32, table: { arch: i386, number: 122, name: uname } }
    - { id: build, build: ok }
    - { id: build-fails-no, build: { fails_with: "undefined reference" } }
    - { id: symbol, symbol: sys_nsys, type: T }
    - { id: symbol-type, symbol: sys_nsys, type: D }
    - { id: symbol-no, symbol: sys_nothing }
    - { id: dmesg-before-run-ok, run: prog.c, status: 3 }
    - { id: run-output, run: prog.c, output: "ret: 0 argc: 1\\n" }
    - { id: run-output-no, run: prog.c, output: "ret: 1 argc: 1\\n" }
    - { id: run-matches, run: prog.c, args: [hello], output_matches: '^arg: hello$' }
    - { id: run-status-no, run: prog.c, status: 0 }
    - { id: run-compile, run: broken.c }
    - { id: run-missing, run: nothere.c }
    - run: prog.c
      id: greeting-run
    - { id: dmesg, dmesg: { contains: greetings from syscall nsys., level: info } }
    - { id: dmesg-level, dmesg: { contains: greetings from syscall nsys., level: err } }
    - { id: dmesg-matches, dmesg: { matches: '^nsys: an \\w+-level line$', level: 3 } }
    - { id: dmesg-missing, dmesg: { contains: goodbye } }
    - { id: dmesg-absent, dmesg: { contains: goodbye, absent: true } }
    - { id: dmesg-absent-no, dmesg: { contains: greetings, absent: true } }
    - { id: all, all: [{ file: prog.c }, { symbol: sys_nsys }] }
    - { id: all-no, all: [{ file: prog.c }, { file: nope.c }] }
    - { id: any, any: [{ file: nope.c }, { file: prog.c }] }
    - { id: any-no, any: [{ file: nope.c }, { file: nope2.c, contains: x }] }
    - { id: not, not: { file: nope.c } }
    - { id: not-no, not: { file: prog.c } }
    - id: custom
      file: nope.c
      reason: custom-code
      message: Write nope.c, please.
solution:
  files:
    - path: x
      content: x
`;

let tmp: string;
let ws: string;
let lab: Lab;
const results = new Map<string, Outcome>();
const events: GradeEvent[] = [];

function check(id: string): Check {
  const c = lab.final.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'kwb-lab-checks-'));
  writeFileSync(join(tmp, 'lab.yaml'), LAB);
  lab = parseLab(LAB, join(tmp, 'lab.yaml'));
  ws = await startLabWorkspace(lab, join(tmp, 'ws'));
  const s = new Session(ws, (e) => events.push(e));
  for (const c of lab.final) results.set(c.id, await s.evaluate(c));
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function expectPass(...ids: string[]): void {
  for (const id of ids) expect(results.get(id), id).toEqual({ passed: true });
}
function expectFail(id: string, reason: string, message: string | RegExp): void {
  const r = results.get(id)!;
  expect(r.passed, id).toBe(false);
  expect(r.reason, id).toBe(reason);
  if (typeof message === 'string') expect(r.message, id).toBe(message);
  else expect(r.message, id).toMatch(message);
}

describe('check engine', () => {
  it('file exists / contains / matches', () => {
    expectPass('exists', 'absent', 'contains', 'matches');
    expectFail('exists-no', 'file-missing', 'There is no newsys/other.c yet.');
    expectFail('absent-no', 'file-present', 'prog.c should not exist.');
    expectFail('contains-no', 'file-content', 'newsys/nsys.c does not contain "SYSCALL_DEFINE1" yet.');
    expectFail('contains-missing', 'file-missing', 'There is no nope.c yet.');
    expectFail('matches-no', 'file-content', 'Makefile has nothing matching /^core-y.*nosuch\\/$/ yet.');
  });

  it('table entries, through the tbl checker', () => {
    expectPass('table', 'table-32');
    expectFail('table-missing', 'table-missing', 'syscall_64.tbl has no entry numbered 327 yet.');
    expectFail('table-name', 'table-name', "Entry 326 in syscall_64.tbl is named 'nsys', expected 'other'.");
    expectFail('table-abi', 'table-abi', "Entry 326 in syscall_64.tbl has ABI '64', expected 'common'.");
    expectFail('table-32-missing', 'table-missing', 'syscall_32.tbl has no entry numbered 377 yet.');
  });

  it('build, System.map symbols', () => {
    expectPass('build', 'symbol');
    expectFail('build-fails-no', 'build-succeeded', 'The build succeeds, but this step expects it to fail.');
    expectFail('symbol-type', 'symbol-type', 'System.map lists sys_nsys with type T, not D.');
    expectFail('symbol-no', 'symbol-missing', 'System.map has no symbol sys_nothing: the kernel was built without it.');
    // one build for the whole grading
    expect(events.filter((e) => e.type === 'build-start')).toHaveLength(1);
  });

  it('program output, status, arguments; one boot per distinct run', () => {
    expectPass('dmesg-before-run-ok', 'run-output', 'run-matches', 'greeting-run');
    expectFail('run-output-no', 'program-output', 'prog.c printed "ret: 0 argc: 1\\n", expected "ret: 1 argc: 1\\n".');
    expectFail('run-status-no', 'program-status', 'prog.c exited with status 3, expected 0.');
    expectFail('run-compile', 'program-compile', /^broken\.c does not compile:\nbroken\.c: In function 'main':\nbroken\.c:1:26: error: expected ';' before '\}' token/);
    expectFail('run-missing', 'program-missing', 'There is no nothere.c in the workspace.');
    const boots = events.flatMap((e) => (e.type === 'run-start' ? [[e.program, ...e.args].join(' ')] : []));
    expect(boots).toEqual(['prog.c', 'prog.c hello', 'broken.c']);
  });

  it('dmesg contains / matches, with levels, and absent', () => {
    expectPass('dmesg', 'dmesg-matches', 'dmesg-absent');
    expectFail('dmesg-level', 'dmesg-level', 'The kernel log has "greetings from syscall nsys.", but not at level err (KERN_ERR).');
    expectFail('dmesg-missing', 'dmesg-missing', 'The kernel log has no "goodbye".');
    expectFail('dmesg-absent-no', 'dmesg-present', 'The kernel log has "greetings", and it should not.');
  });

  it('all / any / not, and a check\'s own reason and message', () => {
    expectPass('all', 'any', 'not');
    expectFail('all-no', 'file-missing', 'There is no nope.c yet.');
    expectFail('any-no', 'file-missing', 'There is no nope.c yet.');
    expectFail('not-no', 'not-satisfied', 'This should not be so: prog.c exists.');
    expectFail('custom', 'custom-code', 'Write nope.c, please.');
  });

  it('a failing build: expected diagnostics, and what depends on the build says why it cannot run', async () => {
    const src = join(ws, 'newsys/nsys.c');
    writeFileSync(src, NSYS.replace('return 0;', 'return 0'));
    try {
      const extra = parseLab(
        LAB.replace(/final:\n  checks:\n[\s\S]*?solution:/, `final:
  checks:
    - { id: f1, build: { fails_with: "error: expected ';' before '}' token" } }
    - { id: f2, build: { fails_matching: '^newsys/nsys\\.c:\\d+:\\d+: error: ' } }
    - { id: f3, build: { fails_with: "undefined reference" } }
    - { id: f4, build: ok }
    - { id: f5, symbol: sys_nsys }
    - { id: f6, run: prog.c }
solution:`),
        'lab.yaml',
      );
      const s = new Session(ws);
      const out = new Map<string, Outcome>();
      for (const c of extra.final) out.set(c.id, await s.evaluate(c));
      expect(out.get('f1')).toEqual({ passed: true });
      expect(out.get('f2')).toEqual({ passed: true });
      expect(out.get('f3')).toMatchObject({ passed: false, reason: 'build-wrong-error' });
      expect(out.get('f3')!.message).toMatch(/^The build fails, but not with "undefined reference":\nnewsys\/nsys\.c: In function 'sys_nsys':\nnewsys\/nsys\.c:8:17: error: expected ';' before '\}' token/);
      expect(out.get('f4')).toMatchObject({ passed: false, reason: 'build-failed' });
      expect(out.get('f5')).toMatchObject({ passed: false, reason: 'build-failed' });
      expect(out.get('f6')).toMatchObject({ passed: false, reason: 'build-failed' });
      expect(out.get('f6')!.message).toMatch(/^The kernel does not build yet, so prog\.c cannot run on it:\n/);
    } finally {
      writeFileSync(src, NSYS);
    }
  });

  it('a file check never reads through a symbolic link that leads out of the workspace', async () => {
    const secret = join(tmp, 'secret.txt');
    writeFileSync(secret, 'password');
    symlinkSync(secret, join(ws, 'link.txt'));
    symlinkSync(tmp, join(ws, 'linkdir'));
    const l = parseLab(LAB.replace(/final:\n  checks:\n[\s\S]*?solution:/, 'final:\n  checks:\n    - { id: a, file: link.txt, contains: password }\n    - { id: b, file: linkdir/secret.txt }\nsolution:'), 'lab.yaml');
    const s = new Session(ws);
    await expect(s.evaluate(l.final[0]!)).rejects.toThrow(KwbError);
    await expect(s.evaluate(l.final[0]!)).rejects.toThrow("lab: 'link.txt' goes through a symbolic link that leads out of the workspace");
    await expect(s.evaluate(l.final[1]!)).rejects.toThrow("lab: 'linkdir/secret.txt' goes through a symbolic link that leads out of the workspace");
    expect(readFileSync(secret, 'utf8')).toBe('password');
  });
});
