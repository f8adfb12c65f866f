// `kwb tbl check` as a user runs it: the built CLI as a whole process.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, kwb } from '../helpers/kwb.js';
import { REFERENCES, tsvToTbl } from './helpers.js';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'kwb-tbl-cli-'));
  for (const r of REFERENCES) writeFileSync(join(work, r.name.replace('.tsv', '.tbl')), `# real table ${r.name}\n` + tsvToTbl(r.name));
  writeFileSync(join(work, 'table.tbl'), tsvToTbl(REFERENCES[0]!.name));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const BASE = 'linux-4.4.121-syscall_64.tbl';
function fault(name: string, line: string): { file: string; line: number } {
  const file = `fault-${name}.tbl`;
  const text = readFileSync(join(work, BASE), 'utf8') + line + '\n';
  writeFileSync(join(work, file), text);
  return { file, line: text.split('\n').length - 1 };
}

describe('kwb tbl check FILE', () => {
  it('real tables: exit 0 and nothing printed', () => {
    for (const r of REFERENCES) {
      const res = kwb(['tbl', 'check', '--arch', r.arch, r.name.replace('.tsv', '.tbl')], { cwd: work });
      expect([res.status, res.stdout, res.stderr]).toEqual([0, '', '']);
    }
  });

  it.each([
    ['duplicate-number', '39\tcommon\tmygetpid\t\t\tsys_mygetpid'],
    ['duplicate-name', '326\tcommon\tgetpid\t\t\tsys_getpid2'],
    ['bad-abi', '326\t64bit\tnsys\t\t\tsys_nsys'],
    ['bad-number', '3x6\t64\tnsys\t\t\tsys_nsys'],
    ['malformed-line', '326\t64'],
    ['x32-range', '546\t64\tnsys\t\t\tsys_nsys'],
  ])('%s: exit 1, FILE:LINE:COL: error: ... [%s] with the line and a caret', (rule, text) => {
    const f = fault(rule, text);
    const res = kwb(['tbl', 'check', '--arch', 'x86_64', f.file], { cwd: work });
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    const lines = res.stderr.split('\n');
    const i = lines.findIndex((l) => new RegExp(`^${f.file}:${f.line}:[0-9]+: error: .* \\[${rule}\\]$`).test(l));
    expect(i, res.stderr).toBeGreaterThanOrEqual(0);
    expect(lines[i + 1]).toMatch(new RegExp(`^ +${f.line} \\| `));
    expect(lines[i + 2]).toMatch(/^ +\| +\^~*$/);
    expect(res.stderr).toMatch(/\d+ errors? (and \d+ warnings? )?generated\.\n$/);
  });

  it('the arch from a name ending in syscall_64.tbl / syscall_32.tbl', () => {
    expect(kwb(['tbl', 'check', 'linux-4.4.121-syscall_64.tbl', 'linux-4.4.121-syscall_32.tbl'], { cwd: work }).status).toBe(0);
  });

  it('warnings alone exit 0', () => {
    const f = fault('order', '326\tcommon\tnsys\t\t\tsys_nsys');
    const res = kwb(['tbl', 'check', '--arch', 'x86_64', f.file], { cwd: work });
    expect(res.status).toBe(0);
    expect(res.stderr).toContain(`${f.file}:${f.line}:1: warning: `);
  });

  it('the arch comes from the file name; --json is one stable JSON document', () => {
    const f = fault('json', '326\tcommon\tnsys\t\t\tsys_nsys');
    cpSync(join(work, f.file), join(work, 'syscall_64.tbl'));
    const res = kwb(['tbl', 'check', 'syscall_64.tbl', '--against', '6.19', '--json'], { cwd: work });
    expect(res.status).toBe(0);
    expect(res.stderr).toBe('');
    const report = JSON.parse(res.stdout);
    expect(Object.keys(report)).toEqual(['version', 'tables', 'diagnostics', 'summary', 'status']);
    expect(report.tables).toEqual([{ file: 'syscall_64.tbl', arch: 'x86_64', format: '4.4', entries: 361, nextFree: 327 }]);
    expect(report.diagnostics.map((d: { rule: string }) => d.rule)).toEqual(['number-order', 'upstream-number']);
    expect(report.diagnostics[1].message).toContain('copy_file_range');
    expect(report.summary).toEqual({ errors: 0, warnings: 2, notes: 0 });
  });

  it('usage and unreadable files: exit 2 with a message, no stack trace', () => {
    const cases: [string[], RegExp][] = [
      [['tbl'], /say what to do/],
      [['tbl', 'frob'], /unknown subcommand 'frob'/],
      [['tbl', 'check'], /no table given/],
      [['tbl', 'check', 'nope/syscall_64.tbl'], /nope\/syscall_64\.tbl: No such file or directory/],
      [['tbl', 'check', 'table.tbl'], /cannot tell the architecture of table\.tbl/],
      [['tbl', 'check', '--against', '5.0', 'x/syscall_64.tbl'], /against/],
      [['tbl', 'check', '--tree', 'nowhere'], /not a directory/],
      [['tbl', 'check', '--tree', '.'], /no arch\/x86\/entry\/syscalls/],
    ];
    for (const [args, msg] of cases) {
      const res = kwb(args, { cwd: work });
      expect(res.status, args.join(' ')).toBe(2);
      expect(res.stderr).toMatch(msg);
      expect(res.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('checks a table as a whole process in well under a second (goal: < 200 ms)', () => {
    kwb(['tbl', 'check', 'syscall_64.tbl'], { cwd: work });
    const t0 = Date.now();
    const res = kwb(['tbl', 'check', '--arch', 'i386', 'linux-6.19.9-syscall_32.tbl'], { cwd: work });
    expect(res.status).toBe(0);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

describe('kwb tbl check --tree', () => {
  it('a table entry without an implementation fails; --against 6.19 --json names copy_file_range', () => {
    const tree = join(work, 'linux');
    cpSync(join(ROOT, 'kernel-tree'), tree, { recursive: true });
    const tbl = join(tree, 'arch/x86/entry/syscalls/syscall_64.tbl');
    chmodSync(tbl, 0o644);
    appendFileSync(tbl, '326\t64\tnsys\t\t\tsys_nsys\n');
    const res = kwb(['tbl', 'check', '--tree', tree]);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(new RegExp(`^${tree}/arch/x86/entry/syscalls/syscall_64\\.tbl:\\d+:41: error: 'sys_nsys' is not defined`, 'm'));
    const json = kwb(['tbl', 'check', '--tree', tree, '--against', '6.19', '--json']);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.diagnostics.some((d: { message: string }) => d.message.includes('copy_file_range'))).toBe(true);
    expect(report.tables.map((t: { file: string }) => t.file)).toEqual([
      `${tree}/arch/x86/entry/syscalls/syscall_64.tbl`,
      `${tree}/arch/x86/entry/syscalls/syscall_32.tbl`,
    ]);
  });
});
