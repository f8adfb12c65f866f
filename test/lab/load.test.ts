// The lab loader: a malformed lab gets every problem located (file.yaml:LINE:COL), paths that
// could leave the workspace are refused, and the shipped JSON Schema names the same keys.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosticError, formatHeadline } from '../../src/diag.js';
import { KEYS, parseLab } from '../../src/lab/load.js';
import { kwb, ROOT } from '../helpers/kwb.js';

const GOOD = `id: tiny
title: Tiny
summary: a lab
start:
  files:
    - path: a.txt
      content: hello
steps:
  - title: one
    instructions: do it
    checks:
      - file: b.txt
final:
  checks:
    - file: b.txt
      contains: yes
solution:
  files:
    - path: b.txt
      content: "yes"
`;

/** The located headlines of a lab text's problems (the loader must throw). */
function problems(text: string): string[] {
  try {
    parseLab(text, 'lab.yaml');
  } catch (e) {
    if (e instanceof DiagnosticError) return e.diagnostics.map(formatHeadline);
    throw e;
  }
  throw new Error('the lab loaded without problems');
}

describe('lab loader', () => {
  it('loads a well-formed lab with defaults filled in', () => {
    const lab = parseLab(GOOD, 'lab.yaml');
    expect(lab.id).toBe('tiny');
    expect(lab.kernel).toBe('4.4.79');
    expect(lab.configure).toEqual(['defconfig']);
    expect(lab.points).toBe(2);
    expect(lab.steps[0]!.checks[0]!).toMatchObject({ id: 'step1-1', points: 1, description: 'b.txt exists', spec: { kind: 'file-exists', path: 'b.txt', exists: true } });
    expect(lab.final[0]!.spec).toMatchObject({ kind: 'file-contains', text: 'yes' });
  });

  it('locates a YAML syntax error', () => {
    const p = problems('id: x\ntitle: [unclosed\nsteps: 1\n');
    expect(p.length).toBeGreaterThan(0);
    expect(p[0]).toMatch(/^lab\.yaml:\d+:\d+: error: YAML: /);
  });

  it('locates unknown keys, wrong types and missing parts, all in one pass', () => {
    const text = GOOD.replace('    checks:\n      - file: b.txt\n', '    chekcs:\n      - file: b.txt\n').replace('title: Tiny', 'title: [a, b]');
    const p = problems(text);
    expect(p).toContain("lab.yaml:2:8: error: title must be text");
    expect(p).toContain("lab.yaml:11:5: error: unknown key 'chekcs' in step 1 (expected one of: title, instructions, files, checks, hints)");
    expect(p).toContain("lab.yaml:9:5: error: step 1 needs 'checks' (how the grader knows it is done)");
  });

  it('locates bad check shapes', () => {
    const cases: [string, string][] = [
      ['      - file: b.txt\n        status: 3\n', "lab.yaml:13:9: error: 'status' belongs to a 'run' check, not a 'file' check"],
      ['      - build: maybe\n', "lab.yaml:12:16: error: build must be 'ok' or a mapping with 'fails_with' or 'fails_matching'"],
      ['      - file: b.txt\n        matches: "a(b"\n', 'lab.yaml:13:18: error: matches is not a valid regular expression: /a(b/m: Unterminated group'],
      ['      - table: { number: -1 }\n', 'lab.yaml:12:26: error: number must be a whole number (0 or more)'],
      ['      - dmesg: { contains: x, level: loud }\n', 'lab.yaml:12:38: error: level must be 0-7 or one of emerg, alert, crit, err, warning, notice, info, debug'],
      ['      - symbol: x\n        build: ok\n', 'lab.yaml:12:9: error: a check has one kind, not several (build, symbol)'],
      ['      - all: []\n', "lab.yaml:12:14: error: 'all' needs at least one check"],
      ['      - not: { file: b.txt, points: 2 }\n', "lab.yaml:12:29: error: points belong to the outer check, not to one inside 'all/any/not'"],
      ['      - run: p.c\n        status: 300\n', 'lab.yaml:13:17: error: status is an exit status, 0 to 255'],
    ];
    for (const [check, want] of cases) {
      const text = GOOD.replace('      - file: b.txt\n', check);
      expect(problems(text)).toContain(want);
    }
  });

  it('refuses paths that could leave the workspace, each located', () => {
    const bad: [string, string][] = [
      ['../etc/passwd', "leaves the workspace ('..' is not allowed in lab paths)"],
      ['/etc/passwd', 'is an absolute path'],
      ['a/../../b', "leaves the workspace"],
      ['.kwb/progress.json', 'is inside .kwb/'],
      ['a\\\\b', "use '/' to separate directories"],
      ['~/x', 'names a home directory'],
    ];
    for (const [path, why] of bad) {
      const p = problems(GOOD.replace('    - path: a.txt', `    - path: "${path}"`));
      expect(p.length).toBe(1);
      expect(p[0]).toMatch(/^lab\.yaml:6:13: error: path: /);
      expect(p[0]).toContain(why);
    }
    // the same rule for check paths, step files, programs and patches
    expect(problems(GOOD.replace('      - file: b.txt\n', '      - file: ../b.txt\n'))[0]).toMatch(/^lab\.yaml:12:15: error: file: '\.\.\/b\.txt' leaves the workspace/);
    expect(problems(GOOD.replace('      - file: b.txt\n', '      - run: /bin/sh\n'))[0]).toMatch(/^lab\.yaml:12:14: error: run: '\/bin\/sh' is an absolute path/);
    expect(problems(GOOD.replace('solution:\n  files:', 'solution:\n  patches:\n    - path: ../Makefile\n      append: x\n  files:'))[0]).toMatch(/^lab\.yaml:19:13: error: path: /);
  });

  it('requires a run before a dmesg check, a matching points total and unique ids', () => {
    expect(problems(GOOD.replace('      - file: b.txt\n', '      - dmesg: { contains: hi }\n'))).toContain("lab.yaml:12:9: error: a dmesg check reads the kernel log of the last program run, but no 'run' check comes before it");
    expect(problems(GOOD.replace('summary: a lab', 'summary: a lab\npoints: 5'))).toContain("lab.yaml:4:9: error: points says 5, but the checks' points add up to 2");
    expect(problems(GOOD.replace('      - file: b.txt\n', '      - id: same\n        file: b.txt\n').replace('    - file: b.txt\n      contains: yes', '    - id: same\n      file: b.txt'))).toContain("lab.yaml:16:11: error: check id 'same' is used twice in this lab");
  });

  it('a lab file that is not a mapping, or empty, is a located error too', () => {
    expect(problems('- a\n- b\n')[0]).toBe('lab.yaml:1:1: error: the lab must be a mapping (key: value lines)');
    expect(problems('')[0]).toMatch(/^lab\.yaml:1:1: error: /);
  });

  it('the JSON Schema shipped for editors names the keys the loader accepts', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'exercises', 'lab.schema.json'), 'utf8'));
    const keys = (o: { properties: object }) => Object.keys(o.properties).sort();
    expect(keys(schema)).toEqual([...KEYS.lab].sort());
    expect(keys(schema.properties.start)).toEqual([...KEYS.start].sort());
    expect(keys(schema.definitions.step)).toEqual([...KEYS.step].sort());
    expect(keys(schema.definitions.patch)).toEqual([...KEYS.patch].sort());
    expect(keys(schema.definitions.check)).toEqual([...KEYS.checkCommon, ...KEYS.checkKinds, ...KEYS.fileCheck, ...KEYS.symbolCheck, ...KEYS.runCheck].sort());
    expect(keys(schema.definitions.check.properties.table)).toEqual([...KEYS.table].sort());
    expect(keys(schema.definitions.check.properties.dmesg)).toEqual([...KEYS.dmesg].sort());
    // every shipped lab points editors at it
    for (const f of readdirSync(join(ROOT, 'exercises')).filter((n) => n.endsWith('.yaml'))) expect(readFileSync(join(ROOT, 'exercises', f), 'utf8')).toMatch(/^# yaml-language-server: \$schema=lab\.schema\.json$/m);
  });

  it('never crashes on a damaged lab: it loads, or every problem is located', () => {
    // Deterministic pseudo-random damage to every shipped lab: cut, duplicate or replace bytes.
    let seed = 12345;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
    const junk = [':', '-', ' ', '\n', '[', ']', '{', '}', '"', "'", '|', '>', '#', '&', '*', '!', '\t', '..', '/', 'x'];
    for (const f of readdirSync(join(ROOT, 'exercises')).filter((n) => n.endsWith('.yaml'))) {
      const text = readFileSync(join(ROOT, 'exercises', f), 'utf8');
      for (let i = 0; i < 150; i++) {
        let t = text;
        for (let k = 0; k < 1 + rand(4); k++) {
          const at = rand(t.length);
          const what = rand(3);
          if (what === 0) t = t.slice(0, at) + t.slice(at + 1 + rand(20));
          else if (what === 1) t = t.slice(0, at) + junk[rand(junk.length)] + t.slice(at);
          else t = t.slice(0, at) + t.slice(rand(t.length), rand(t.length)) + t.slice(at);
        }
        try {
          parseLab(t, f);
        } catch (e) {
          expect(e).toBeInstanceOf(DiagnosticError);
          for (const d of (e as DiagnosticError).diagnostics) {
            expect(d.file).toBe(f);
            expect(d.line).toBeGreaterThan(0);
            expect(d.col).toBeGreaterThan(0);
          }
        }
      }
    }
  });

  it('kwb lab validate on a malformed lab: located errors, exit 2, no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kwb-lab-load-'));
    const f = join(dir, 'bad.yaml');
    writeFileSync(f, GOOD.replace('    - path: a.txt', '    - path: ../../x'));
    const r = kwb(['lab', 'validate', f]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${f}:6:13: error: path: '../../x' leaves the workspace`);
    expect(r.stderr).not.toMatch(/at .*\.(js|ts):\d+/);
    const s = kwb(['lab', 'show', f]);
    expect(s.status).toBe(2);
    expect(s.stderr).toContain(`${f}:6:13: error: path:`);
  });
});
