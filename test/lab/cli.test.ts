// kwb lab's command line: usage errors and missing workspaces are exit 2 with a plain message,
// labs are found by id, by number or by file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kwb, ROOT } from '../helpers/kwb.js';

const tmp = mkdtempSync(join(tmpdir(), 'kwb-lab-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('kwb lab', () => {
  it('usage errors exit 2 with a plain message', () => {
    const cases: [string[], string][] = [
      [['lab', 'frob'], "kwb lab: 'frob' is not a lab command"],
      [['lab', 'show'], 'kwb lab show: usage: kwb lab show ID'],
      [['lab', 'start', 'a', 'b', 'c'], 'kwb lab start: usage: kwb lab start ID [DIR]'],
      [['lab', 'validate'], 'kwb lab validate: usage: kwb lab validate FILE...'],
      [['lab', 'check', '--json', '--tap'], 'kwb lab check: choose one of --json and --tap'],
      [['lab', 'status', '--json'], "kwb lab: --json and --tap go with 'kwb lab check'"],
      [['lab', 'check', '--frob'], "kwb lab: unknown option '--frob'"],
      [['lab', 'show', 'nosuch'], "kwb lab: there is no lab 'nosuch'; 'kwb lab list' shows the labs"],
      [['lab', 'validate', join(tmp, 'missing.yaml')], `${join(tmp, 'missing.yaml')}: error: No such file or directory`],
    ];
    for (const [args, message] of cases) {
      const r = kwb(args, { cwd: tmp });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(r.stderr).not.toContain('internal error');
    }
    expect(kwb(['lab', '--help']).status).toBe(0);
  });

  it('commands that need a workspace say so outside one (exit 2)', () => {
    for (const sub of ['status', 'check', 'hint', 'reset', 'solve']) {
      const r = kwb(['lab', sub], { cwd: tmp });
      expect(r.status, sub).toBe(2);
      expect(r.stderr).toBe(`kwb lab: . is not a lab workspace; start one with 'kwb lab start ID DIR'\n`);
    }
    const r = kwb(['lab', 'status', '-C', join(tmp, 'nope')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('No such directory');
  });

  it('finds a lab by id, by its number, or by file', () => {
    const byId = kwb(['lab', 'show', 'hello-syscall']);
    const byNumber = kwb(['lab', 'show', '1']);
    const byFile = kwb(['lab', 'show', join(ROOT, 'exercises', '01-hello-syscall.yaml')]);
    expect(byId.status).toBe(0);
    expect(byNumber.stdout).toBe(byId.stdout);
    expect(byFile.stdout).toBe(byId.stdout);
    const list = kwb(['lab', 'list']).stdout;
    for (const m of list.matchAll(/^ ?(\d+)  ([a-z0-9-]+) /gm)) {
      expect(kwb(['lab', 'show', m[1]!]).stdout).toContain(`(${m[2]}, `);
    }
  });
});
