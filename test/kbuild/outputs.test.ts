// How kbuild writes and remembers its outputs: targets are replaced whole (no temporary files left
// behind, vmlinux executable), the plan cache is rewritten only when something in it changed, a
// .cmd file changed behind kbuild's back is read again even when its mtime was kept, and a
// missing object or built-in.o is made again together with everything linked from it. A tree
// reached through a symbolic link is copied from its target.
import { appendFileSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeOutput } from '../../src/kbuild/output.js';
import { initWorkspace } from '../../src/kbuild/workspace.js';
import { builtWorkspace, cleanup, committedKernelTree, make, steps } from './build-helpers.js';

const made: string[] = [];
async function ws(): Promise<string> {
  const d = await builtWorkspace();
  made.push(d);
  return d;
}
afterAll(() => made.forEach(cleanup));

const CACHE = '.kwb/kbuild-cache.json';

function tmpFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...tmpFiles(root, p));
    else if (e.name.endsWith('.tmp')) out.push(p);
  }
  return out;
}

describe('kbuild outputs', () => {
  it('a no-op build leaves the plan cache as it was; a rebuild rewrites it', async () => {
    const d = await ws();
    await make(d); // the copy has new inodes: this run refreshes what the cache knows of .cmd files
    const before = statSync(join(d, CACHE), { bigint: true });
    const r = await make(d);
    expect(r.status, r.err).toBe(0);
    const after = statSync(join(d, CACHE), { bigint: true });
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeNs).toBe(before.mtimeNs);

    appendFileSync(join(d, 'kernel/sys.c'), '\n/* edited */\n');
    const e = await make(d);
    expect(steps(e.out, 'CC')).toEqual(['kernel/sys.o', 'init/version.o']);
    expect(statSync(join(d, CACHE), { bigint: true }).ino).not.toBe(before.ino);
    // what it learnt from the files it wrote is right: the next build has nothing to do
    const n = await make(d);
    expect(steps(n.out, 'CC')).toEqual([]);
    expect(steps(n.out, 'LD')).toEqual([]);
    expect(n.toolchainLoaded).toBe(false);
  });

  it('targets are replaced whole: no temporary files are left, vmlinux stays executable', async () => {
    const d = await ws();
    appendFileSync(join(d, 'kernel/sys.c'), '\n/* edited */\n');
    const r = await make(d);
    expect(r.status, r.err).toBe(0);
    expect(tmpFiles(d)).toEqual([]);
    expect(statSync(join(d, 'vmlinux')).mode & 0o777).toBe(0o755);
    expect(readFileSync(join(d, 'kernel/.sys.o.cmd'), 'utf8')).toMatch(/^cmd_kernel\/sys\.o := gcc /);
  });

  it('a .cmd file changed behind kbuild\'s back is read again, even with its old mtime', async () => {
    const d = await ws();
    await make(d);
    const cmd = join(d, 'kernel/.sys.o.cmd');
    const st = statSync(cmd);
    const text = readFileSync(cmd, 'utf8');
    writeFileSync(cmd, text.replace(' -D__KERNEL__ ', ' -D__KERNEL__ -DKWB_EDITED '));
    utimesSync(cmd, st.atime, st.mtime);
    const r = await make(d);
    expect(r.status, r.err).toBe(0);
    // the recorded command no longer matches the one kbuild runs: if_changed rebuilds
    expect(steps(r.out, 'CC')).toEqual(['kernel/sys.o', 'init/version.o']);
  });

  it('a deleted object is compiled again and everything linked from it is relinked', async () => {
    const d = await ws();
    rmSync(join(d, 'kernel/fork.o'));
    const r = await make(d);
    expect(r.status, r.err).toBe(0);
    expect(steps(r.out, 'CC')).toEqual(['kernel/fork.o', 'init/version.o']);
    expect(steps(r.out, 'LD')).toEqual(['kernel/built-in.o', 'init/built-in.o', 'vmlinux']);
    expect(r.out).toMatch(/is ready {2}\(#2\)$/m);
  });

  it('a deleted built-in.o is linked again, and so is vmlinux', async () => {
    const d = await ws();
    rmSync(join(d, 'mm/built-in.o'));
    const r = await make(d);
    expect(r.status, r.err).toBe(0);
    expect(steps(r.out, 'CC')).toEqual(['init/version.o']);
    expect(steps(r.out, 'LD')).toEqual(['mm/built-in.o', 'init/built-in.o', 'vmlinux']);
    expect(r.linked[0]).toEqual(['mm/memory.o']);
  });

  it('kwb init copies a kernel tree reached through a symbolic link', () => {
    const base = mkdtempSync(join(tmpdir(), 'kwb-link-'));
    try {
      symlinkSync(committedKernelTree(), join(base, 'tree'));
      const d = initWorkspace(join(base, 'linux'), join(base, 'tree'));
      expect(lstatSync(d).isDirectory()).toBe(true);
      expect(lstatSync(join(d, 'Makefile')).isFile()).toBe(true);
      expect(existsSync(join(d, 'kernel/sys.c'))).toBe(true);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('writeOutput replaces a file whole, and makes its directory again when it was removed meanwhile', () => {
    const base = mkdtempSync(join(tmpdir(), 'kwb-out-'));
    try {
      const f = join(base, 'a/b/target.o');
      writeOutput(f, 'one');
      const first = statSync(f);
      writeOutput(f, 'two', 0o755);
      expect(readFileSync(f, 'utf8')).toBe('two');
      expect(statSync(f).ino).not.toBe(first.ino);
      expect(statSync(f).mode & 0o777).toBe(0o755);
      rmSync(join(base, 'a'), { recursive: true }); // as mrproper removes include/generated
      writeOutput(f, 'three');
      expect(readFileSync(f, 'utf8')).toBe('three');
      expect(tmpFiles(base)).toEqual([]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
