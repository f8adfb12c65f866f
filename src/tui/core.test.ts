// The real Core's file-side operations on a temporary directory, and the labs it lists.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realCore, walkFiles } from './core.js';

const dir = mkdtempSync(join(tmpdir(), 'kwb-tui-core-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('realCore', () => {
  const core = realCore();

  it('lists the workspace files without build products or .kwb state', () => {
    mkdirSync(join(dir, 'kernel'), { recursive: true });
    mkdirSync(join(dir, '.kwb'), { recursive: true });
    for (const f of ['Makefile', 'kernel/sys.c', 'kernel/sys.o', 'kernel/.sys.o.cmd', '.config', '.kwb/progress.json']) writeFileSync(join(dir, f), 'x');
    expect(walkFiles(dir)).toEqual(['.config', 'Makefile', 'kernel/sys.c']);
  });

  it('saves new files with their directories, and keeps autosaves until saved', () => {
    core.writeFile(dir, 'newsys/nsys.c', 'int x;\n');
    expect(readFileSync(join(dir, 'newsys/nsys.c'), 'utf8')).toBe('int x;\n');
    expect(core.recovered(dir, 'newsys/nsys.c')).toBeNull();
    core.autosave(dir, 'newsys/nsys.c', 'int y;\n');
    expect(core.recovered(dir, 'newsys/nsys.c')).toBe('int y;\n');
    core.autosave(dir, 'newsys/nsys.c', null);
    expect(core.recovered(dir, 'newsys/nsys.c')).toBeNull();
  });

  it("reads the last boot's log with each record's level", () => {
    writeFileSync(join(dir, '.kwb', 'dmesg'), '<5>[    0.000000] Linux version 4.4.79\n<6>[    0.100000] greetings from syscall nsys.\n');
    expect(core.dmesg(dir)).toEqual([
      { level: 5, text: '[    0.000000] Linux version 4.4.79' },
      { level: 6, text: '[    0.100000] greetings from syscall nsys.' },
    ]);
  });

  it('lists the labs of the package through the lab API', async () => {
    const labs = await core.listLabs();
    expect(labs.ok).toBe(true);
    if (labs.ok) expect(labs.value.map((l) => l.id)).toContain('hello-syscall');
  });
});
