// Progress, hints, reset, solve and validate on a small lab whose checks read files only (no
// build), so each case runs in milliseconds. The heavy paths are in checks.test.ts and the e2e.
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gradeWorkspace, nextHint, resetWorkspace, solveWorkspace, startLab, validateLab, workspaceLab } from '../../src/lab/index.js';
import { readProgress } from '../../src/lab/progress.js';
import { ROOT } from '../helpers/kwb.js';

const LAB = `id: small
title: Small
start:
  configure: []
  files:
    - path: notes/todo.txt
      content: "write hello.txt\\n"
  patches:
    - path: Kbuild
      append: "# lab: small\\n"
steps:
  - title: Say hello
    instructions: Write hello.txt.
    files: [hello.txt]
    checks:
      - id: hello
        file: hello.txt
        points: 2
      - id: hello-text
        file: hello.txt
        contains: hello
        reason: no-hello
    hints:
      file-missing:
        - Make a file named hello.txt.
        - "echo hello > hello.txt"
      no-hello:
        - The word is hello.
  - title: Say goodbye
    instructions: Write bye.txt.
    checks:
      - { id: bye, file: bye.txt, matches: '^bye$' }
    hints:
      file-missing: [Make bye.txt too.]
final:
  checks:
    - { id: both, all: [{ file: hello.txt }, { file: bye.txt }] }
  hints:
    file-missing: [Both files.]
solution:
  files:
    - { path: hello.txt, content: "hello\\n" }
    - { path: bye.txt, content: "bye\\n" }
`;

const tmp = mkdtempSync(join(tmpdir(), 'kwb-lab-flow-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
function labFile(text = LAB): string {
  const f = join(tmp, `lab${n++}.yaml`);
  writeFileSync(f, text);
  return f;
}
async function started(text = LAB): Promise<string> {
  const ws = join(tmp, `ws${n++}`);
  await startLab(labFile(text), ws);
  return ws;
}

describe('lab workflow', () => {
  it('start applies the overlay and records the lab; grading scores points and finds the current step', async () => {
    const ws = await started();
    expect(readFileSync(join(ws, 'notes/todo.txt'), 'utf8')).toBe('write hello.txt\n');
    expect(readFileSync(join(ws, 'Kbuild'), 'utf8')).toMatch(/\n# lab: small\n$/);
    expect(workspaceLab(join(ws, 'notes'))!.id).toBe('small');
    expect(workspaceLab(tmp)).toBeNull();
    let r = await gradeWorkspace(ws);
    expect(r.points).toEqual({ earned: 0, total: 5 });
    expect(r.currentStep).toBe(0);
    writeFileSync(join(ws, 'hello.txt'), 'hello\n');
    r = await gradeWorkspace(join(ws, 'notes')); // from a subdirectory too
    expect(r.points.earned).toBe(3);
    expect(r.currentStep).toBe(1);
    expect(r.steps.map((s) => s.passed)).toEqual([true, false]);
    writeFileSync(join(ws, 'bye.txt'), 'bye\n');
    r = await gradeWorkspace(ws);
    expect(r).toMatchObject({ points: { earned: 5, total: 5 }, currentStep: null, complete: true });
  });

  it('hints are keyed to the reason code of the current failure and revealed one tier at a time', async () => {
    const ws = await started();
    expect(nextHint(ws)).toBeNull(); // never graded: no current failure known
    await gradeWorkspace(ws);
    expect(nextHint(ws)).toEqual({ reason: 'file-missing', tier: 1, tiers: 2, text: 'Make a file named hello.txt.' });
    expect(nextHint(ws)).toEqual({ reason: 'file-missing', tier: 2, tiers: 2, text: 'echo hello > hello.txt' });
    expect(nextHint(ws)).toMatchObject({ tier: 2, tiers: 2 }); // the last tier stays
    writeFileSync(join(ws, 'hello.txt'), 'hi\n');
    await gradeWorkspace(ws);
    expect(nextHint(ws)).toEqual({ reason: 'no-hello', tier: 1, tiers: 1, text: 'The word is hello.' });
    writeFileSync(join(ws, 'hello.txt'), 'hello\n');
    await gradeWorkspace(ws);
    // step 2 has its own hints for the same reason code
    expect(nextHint(ws)).toEqual({ reason: 'file-missing', tier: 1, tiers: 1, text: 'Make bye.txt too.' });
    writeFileSync(join(ws, 'bye.txt'), 'bye\n');
    await gradeWorkspace(ws);
    expect(nextHint(ws)).toBeNull();
    expect(readProgress(ws).hints).toEqual({ '0:file-missing': 2, '0:no-hello': 1, '1:file-missing': 1 });
  });

  it('reset restores the start and keeps every changed or added file in a backup', async () => {
    const ws = await started();
    writeFileSync(join(ws, 'hello.txt'), 'mine\n');
    writeFileSync(join(ws, 'notes/todo.txt'), 'changed\n');
    rmSync(join(ws, 'Kbuild'));
    mkdirSync(join(ws, 'mydir/deep'), { recursive: true });
    writeFileSync(join(ws, 'mydir/deep/x.c'), 'int x;\n');
    writeFileSync(join(ws, 'mydir/deep/x.o'), 'obj');
    writeFileSync(join(ws, 'kernel/extra.c'), '/* mine */\n');
    await gradeWorkspace(ws);
    nextHint(ws);
    const { backup } = resetWorkspace(ws);
    expect(backup).toMatch(/^\.kwb\/backup\/\d{4}-/);
    expect(readFileSync(join(ws, backup, 'hello.txt'), 'utf8')).toBe('mine\n');
    expect(readFileSync(join(ws, backup, 'notes/todo.txt'), 'utf8')).toBe('changed\n');
    expect(readFileSync(join(ws, backup, 'mydir/deep/x.c'), 'utf8')).toBe('int x;\n');
    expect(readFileSync(join(ws, backup, 'kernel/extra.c'), 'utf8')).toBe('/* mine */\n');
    expect(existsSync(join(ws, 'hello.txt'))).toBe(false);
    expect(existsSync(join(ws, 'mydir'))).toBe(false);
    expect(existsSync(join(ws, 'kernel/extra.c'))).toBe(false);
    expect(readFileSync(join(ws, 'notes/todo.txt'), 'utf8')).toBe('write hello.txt\n');
    expect(readFileSync(join(ws, 'Kbuild'), 'utf8')).toMatch(/\n# lab: small\n$/);
    const p = readProgress(ws);
    expect(p.backups).toEqual([backup]);
    expect(p.hints).toEqual({});
    expect(p.last).toBeUndefined();
    // a second reset of an untouched workspace has nothing to back up
    expect(resetWorkspace(ws).backup).toBe('');
    expect(readdirSync(join(ws, '.kwb/backup'))).toHaveLength(1);
  });

  it('solve applies the reference solution over the start (the student files backed up)', async () => {
    const ws = await started();
    writeFileSync(join(ws, 'hello.txt'), 'draft\n');
    await solveWorkspace(ws);
    expect(readFileSync(join(ws, 'hello.txt'), 'utf8')).toBe('hello\n');
    expect((await gradeWorkspace(ws)).complete).toBe(true);
    const p = readProgress(ws);
    expect(readFileSync(join(ws, p.backups[0]!, 'hello.txt'), 'utf8')).toBe('draft\n');
  });

  it('the overlay never writes through a symbolic link out of the workspace', async () => {
    const ws = await started();
    const outside = join(tmp, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'keep.txt'), 'not the lab\'s');
    symlinkSync(outside, join(ws, 'escape'));
    const evil = LAB.replace('    - { path: bye.txt, content: "bye\\n" }', '    - { path: bye.txt, content: "bye\\n" }\n    - { path: escape/pwned.txt, content: "x" }');
    writeFileSync(join(ws, '.kwb', 'evil.yaml'), evil);
    const p = readProgress(ws);
    p.file = join(ws, '.kwb', 'evil.yaml');
    writeFileSync(join(ws, '.kwb/progress.json'), JSON.stringify(p));
    // reset (inside solve) removes the student's link first, so plant it again in the start
    await expect(solveWorkspace(ws)).resolves.toBeUndefined();
    expect(existsSync(join(outside, 'pwned.txt'))).toBe(false);
    // reset removed the link itself, never what it points at (the link is in the backup)
    expect(readFileSync(join(outside, 'keep.txt'), 'utf8')).toBe("not the lab's");
    expect(lstatSync(join(ws, 'escape')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(ws, 'escape/pwned.txt'), 'utf8')).toBe('x'); // a real directory in the workspace now
    expect(readlinkSync(join(ws, readProgress(ws).backups[0]!, 'escape'))).toBe(outside);
    const ws2 = join(tmp, 'ws-evil');
    const startEvil = LAB.replace('  files:\n    - path: notes/todo.txt', '  files:\n    - path: link/x.txt').replace('solution:\n  files:', 'solution:\n  files:\n    - { path: link/y.txt, content: y }');
    await startLab(labFile(startEvil), ws2);
    rmSync(join(ws2, 'link'), { recursive: true });
    symlinkSync(outside, join(ws2, 'link'));
    const { applyOverlay } = await import('../../src/lab/overlay.js');
    expect(() => applyOverlay(ws2, { files: [{ path: 'link/y.txt' as never, content: 'y' }], patches: [] }, 'test')).toThrow("'link/y.txt' goes through a symbolic link that leads out of the workspace");
    expect(existsSync(join(outside, 'y.txt'))).toBe(false);
  });

  it('progress.json survives a process killed mid-write: always the old or the new version, whole', async () => {
    const ws = await started();
    // A child rewrites progress.json as fast as it can (a large hint map, so each write takes a
    // while); it is SIGKILLed at random moments. After each kill the file must parse.
    const script = `
      import { readProgress, writeProgress } from ${JSON.stringify(join(ROOT, 'src/lab/progress.ts'))};
      const p = readProgress(${JSON.stringify(ws)});
      for (let i = 0; ; i++) {
        p.hints = {};
        for (let j = 0; j < 20000; j++) p.hints['0:r' + j] = i;
        writeProgress(${JSON.stringify(ws)}, p);
        if (i === 0) process.stdout.write('go\\n');
      }`;
    for (let round = 0; round < 3; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((res) => child.stdout!.once('data', () => res()));
      await new Promise((res) => setTimeout(res, 50 + Math.random() * 150));
      child.kill('SIGKILL');
      await new Promise((res) => child.once('exit', res));
      const p = readProgress(ws);
      expect(p.lab).toBe('small');
      const values = new Set(Object.values(p.hints));
      expect(Object.keys(p.hints)).toHaveLength(20000);
      expect(values.size).toBe(1); // one write's content, not a mix
    }
    // grading still works on the surviving file, and leftovers of the killed writes are not progress
    await gradeWorkspace(ws);
    expect(readProgress(ws).last).toBeDefined();
  }, 60_000);

  it('validate proves a lab: the start must fail the final checks, the solution must pass everything', async () => {
    const ok = await validateLab(labFile());
    expect(ok.errors).toEqual([]);
    expect(ok.ok).toBe(true);
    expect(ok.start!.points.earned).toBe(0);
    expect(ok.solved!.complete).toBe(true);

    const f1 = labFile(LAB.replace('    - { path: bye.txt, content: "bye\\n" }\n', ''));
    const noSolve = await validateLab(f1);
    expect(noSolve.ok).toBe(false);
    expect(noSolve.errors[0]).toBe(`${f1}: error: the reference solution does not pass every check:`);
    expect(noSolve.errors).toContain("  step 2 check 'bye' (bye.txt matches /^bye$/): file-missing: There is no bye.txt yet.");

    const f2 = labFile(LAB.replace('    - path: notes/todo.txt', '    - { path: hello.txt, content: x }\n    - { path: bye.txt, content: x }\n    - path: notes/todo.txt'));
    const trivial = await validateLab(f2);
    expect(trivial.ok).toBe(false);
    expect(trivial.errors).toContain(`${f2}: error: the starting state already passes the final checks; the lab asks nothing of the student`);

    const f3 = labFile(LAB.replace('      append: "# lab: small\\n"', '      find: "no such text"\n      replace: x'));
    const badPatch = await validateLab(f3);
    expect(badPatch.ok).toBe(false);
    expect(badPatch.errors[0]).toContain('the text to replace in Kbuild is not there');

    const f4 = labFile(LAB.replace('id: small', 'id: Small Lab'));
    const malformed = await validateLab(f4);
    expect(malformed.errors).toEqual([`${f4}:1:5: error: a lab id is lower-case letters, digits and '-' (it is typed in 'kwb lab start ID')`]);
  });
});
