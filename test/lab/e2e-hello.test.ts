// Lab 1 solved step by step through the CLI, as a new user would: list the labs, start one,
// ask for status and hints, edit files with ordinary tools, watch each step's checks turn green
// and the points rise to full. Every command is a whole `kwb` process.
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kwb } from '../helpers/kwb.js';

const tmp = mkdtempSync(join(tmpdir(), 'kwb-lab-e2e-'));
const ws = join(tmp, 'hello');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `kwb lab ARGS` run inside the workspace. */
const lab = (...args: string[]) => kwb(['lab', ...args], { cwd: existsSync(ws) ? ws : tmp });

interface Report {
  points: { earned: number; total: number };
  currentStep: number | null;
  complete: boolean;
  steps: { passed: boolean; checks: { id: string; passed: boolean; reason?: string; message?: string }[] }[];
  final: { passed: boolean }[];
}

function grade(): Report {
  const r = lab('check', '--json');
  expect(r.stderr).toBe('');
  const rep = JSON.parse(r.stdout) as Report;
  expect(r.status).toBe(rep.complete ? 0 : 1);
  return rep;
}

const stepsPassed = (r: Report) => r.steps.map((s) => s.passed);

describe('lab 1 (hello syscall) through the CLI', () => {
  it('is listed, shown and started', () => {
    const list = kwb(['lab', 'list']);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^ 1  hello-syscall +Hello syscall \(13 points\)$/m);
    const show = kwb(['lab', 'show', 'hello-syscall']);
    expect(show.status).toBe(0);
    expect(show.stdout).toContain('Step 1: Give the syscall a number');
    expect(show.stdout).toContain('Step 4: Call it');
    const start = kwb(['lab', 'start', 'hello-syscall', ws]);
    expect(start.stderr).toBe('');
    expect(start.status).toBe(0);
    expect(start.stdout).toContain(`Started 'Hello syscall' in ${ws}.`);
    expect(readFileSync(join(ws, 'syscall.c'), 'utf8')).toContain('ret = syscall(326);');
    expect(existsSync(join(ws, '.config'))).toBe(true);
    expect(JSON.parse(readFileSync(join(ws, '.kwb', 'progress.json'), 'utf8'))).toMatchObject({ lab: 'hello-syscall' });
    // starting twice in the same place is refused (the student's work is never overwritten)
    const again = kwb(['lab', 'start', 'hello-syscall', ws]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already exists and is not empty');
  });

  it('the fresh workspace scores nothing; status names step 1; hints come one tier at a time', () => {
    const st = lab('status');
    expect(st.status).toBe(1);
    expect(st.stdout).toMatch(/^Hello syscall: 0\/13 points$/m);
    expect(st.stdout).toContain('Next: step 1, Give the syscall a number');
    expect(st.stdout).toContain('syscall_64.tbl has no entry numbered 326 yet.');
    const r = grade();
    expect(r.points).toEqual({ earned: 0, total: 13 });
    expect(r.currentStep).toBe(0);
    expect(stepsPassed(r)).toEqual([false, false, false, false]);
    // the unchanged program runs on the unchanged kernel: syscall 326 does not exist yet
    expect(r.steps[3]!.checks[0]!.message).toContain('syscall.c printed "ret: -1\\n", expected "ret: 0\\n".');
    const h1 = lab('hint');
    expect(h1.status).toBe(0);
    expect(h1.stdout).toMatch(/^Hint 1\/2 \(table-missing\):$/m);
    expect(h1.stdout).toContain('end of the 64-bit section');
    const h2 = lab('hint');
    expect(h2.stdout).toMatch(/^Hint 2\/2 \(table-missing\):$/m);
    expect(h2.stdout).toContain('326\t64\tnsys\t\t\tsys_nsys');
    expect(lab('hint').stdout).toMatch(/^Hint 2\/2 \(table-missing\):$/m);
  });

  it('step 1: a wrong entry point gets its own reason; the right line turns step 1 green', () => {
    const tbl = join(ws, 'arch/x86/entry/syscalls/syscall_64.tbl');
    const orig = readFileSync(tbl, 'utf8');
    appendFileSync(tbl, '326\t64\tnsys\t\t\tnsys\n');
    let r = grade();
    expect(r.steps[0]!.checks[0]).toMatchObject({ passed: false, reason: 'table-entry' });
    expect(lab('hint').stdout).toMatch(/^Hint 1\/1 \(table-entry\):$/m);
    writeFileSync(tbl, orig + '326\t64\tnsys\t\t\tsys_nsys\n');
    r = grade();
    expect(stepsPassed(r)).toEqual([true, false, false, false]);
    expect(r.points.earned).toBe(2);
    expect(r.currentStep).toBe(1);
  });

  it('step 2: the source and its Makefile', () => {
    mkdirSync(join(ws, 'newsys'));
    writeFileSync(
      join(ws, 'newsys/nsys.c'),
      '#include <linux/kernel.h>\n#include <linux/syscalls.h>\n\nSYSCALL_DEFINE0(nsys)\n{\n        printk(KERN_INFO "greetings from syscall nsys.\\n");\n\n        return 0;\n}\n',
    );
    let r = grade();
    expect(r.steps[1]!.checks.map((c) => c.passed)).toEqual([true, true, false]);
    expect(r.points.earned).toBe(4);
    writeFileSync(join(ws, 'newsys/Makefile'), 'obj-y := nsys.o\n');
    r = grade();
    expect(stepsPassed(r)).toEqual([true, true, false, false]);
    expect(r.points.earned).toBe(5);
    // the link fails as in real Linux, and the grader shows the student why
    const make = kwb(['make'], { cwd: ws });
    expect(make.status).toBe(2);
    expect(make.stderr).toContain("undefined reference to `sys_nsys'");
    const builds = r.steps[2]!.checks.find((c) => c.id === 'builds')!;
    expect(builds).toMatchObject({ passed: false, reason: 'build-failed' });
    expect(builds.message).toContain("undefined reference to `sys_nsys'");
  });

  it('step 3 and 4: core-y, then the kernel builds, the program prints ret: 0 and dmesg greets', () => {
    const mk = join(ws, 'Makefile');
    writeFileSync(mk, readFileSync(mk, 'utf8').replace(/^(core-y\t\t\+= kernel\/.*block\/)$/m, '$1 newsys/'));
    const r = grade();
    expect(stepsPassed(r)).toEqual([true, true, true, true]);
    expect(r.final.every((c) => c.passed)).toBe(true);
    expect(r.points).toEqual({ earned: 13, total: 13 });
    expect(r.complete).toBe(true);
    expect(r.currentStep).toBeNull();
    const st = lab('status');
    expect(st.status).toBe(0);
    expect(st.stdout).toMatch(/^Hello syscall: 13\/13 points — complete$/m);
    const tap = lab('check', '--tap');
    expect(tap.status).toBe(0);
    expect(tap.stdout).toMatch(/^TAP version 13\n1\.\.9\n/);
    expect(tap.stdout).not.toContain('not ok');
    expect(lab('hint').stdout).toContain('nothing to hint');
  });

  it('reset puts the starting state back and keeps the student files in a backup', () => {
    const r = lab('reset');
    expect(r.status).toBe(0);
    const backup = /saved in (\.kwb\/backup\/[^/]+)\//.exec(r.stdout)![1]!;
    expect(readFileSync(join(ws, backup, 'newsys/nsys.c'), 'utf8')).toContain('SYSCALL_DEFINE0(nsys)');
    expect(readFileSync(join(ws, backup, 'arch/x86/entry/syscalls/syscall_64.tbl'), 'utf8')).toContain('326\t64\tnsys');
    expect(existsSync(join(ws, 'newsys'))).toBe(false);
    expect(readFileSync(join(ws, 'Makefile'), 'utf8')).not.toContain('newsys/');
    const g = grade();
    expect(g.points.earned).toBe(0);
    // and the instructor's solve brings it back to full marks
    expect(lab('solve').status).toBe(0);
    expect(grade().points.earned).toBe(13);
  });
});
