// The data the package carries must be exactly the real kernels' tables: the generated module,
// the kernel-tree's 4.4 tables, and the TSVs of ../shared/reference agree entry for entry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/kwb.js';
import {
  DATA_MODULE,
  TREE_TABLES,
  readReferenceDir,
  readReferenceTsv,
  renderTreeTable,
  renderUpstreamModule,
} from '../../scripts/gen-systbl-upstream.js';
import { parseTable, upstreamTable } from '../../src/kbuild/systbl/index.js';
import { REFERENCES, REFERENCE_DIR, referenceFile } from './helpers.js';

describe('embedded upstream data', () => {
  it('src/kbuild/systbl/upstream/data.ts is what the script makes from the TSVs', () => {
    for (const r of REFERENCES) referenceFile(r.name);
    expect(readFileSync(DATA_MODULE, 'utf8')).toBe(renderUpstreamModule(readReferenceDir(REFERENCE_DIR)));
  });

  it.each(REFERENCES)('upstreamTable equals $name row for row', ({ name }) => {
    const ref = readReferenceTsv(referenceFile(name));
    const t = upstreamTable(ref.version, ref.arch);
    expect(t.release).toBe(ref.release);
    expect(t.entries).toEqual(ref.entries);
  });
});

describe("kernel-tree's 4.4 tables", () => {
  for (const [arch, tsv] of [
    ['x86_64', 'linux-4.4.121-syscall_64.tsv'],
    ['i386', 'linux-4.4.121-syscall_32.tsv'],
  ] as const) {
    it(`${arch}: the entries of ${tsv}, with the real header comments and layout`, () => {
      const ref = readReferenceTsv(referenceFile(tsv));
      const text = readFileSync(TREE_TABLES[arch], 'utf8');
      expect(text).toBe(renderTreeTable(ref));
      const { table, diagnostics } = parseTable(text, TREE_TABLES[arch], arch);
      expect(diagnostics).toEqual([]);
      expect(table.format).toBe('4.4');
      expect(table.entries.map((e) => [e.number, e.abi, e.name, e.entry, e.compat])).toEqual(
        ref.entries.map((e) => [e.number, e.abi, e.name, e.entry, e.compat]),
      );
    });
  }

  it('x86_64: the header and the x32 comment of the real 4.4 file; 326 is the first free number', () => {
    const text = readFileSync(join(ROOT, 'kernel-tree/arch/x86/entry/syscalls/syscall_64.tbl'), 'utf8');
    expect(text.startsWith('#\n# 64-bit system call numbers and entry vectors\n#\n# The format is:\n# <number> <abi> <name> <entry point>\n#\n# The abi is "common", "64" or "x32" for this file.\n#\n0\tcommon\tread\t\t\tsys_read\n')).toBe(true);
    expect(text).toContain('325\tcommon\tmlock2\t\t\tsys_mlock2\n\n#\n# x32-specific system call numbers start at 512 to avoid cache impact\n# for native 64-bit operation.\n#\n512\tx32\trt_sigaction\t\tcompat_sys_rt_sigaction\n');
    expect(text).toContain('134\t64\tuselib\n');
    expect(text).toContain('146\tcommon\tsched_get_priority_max\tsys_sched_get_priority_max\n');
  });

  it('i386: the header, the compat column at display column 72, the commented-out numbers', () => {
    const text = readFileSync(join(ROOT, 'kernel-tree/arch/x86/entry/syscalls/syscall_32.tbl'), 'utf8');
    expect(text.startsWith('#\n# 32-bit system call numbers and entry vectors\n#\n# The format is:\n# <number> <abi> <name> <entry point> <compat entry point>\n#\n# The abi is always "i386" for this file.\n#\n0\ti386\trestart_syscall\t\tsys_restart_syscall\n')).toBe(true);
    expect(text).toContain('2\ti386\tfork\t\t\tsys_fork\t\t\tsys_fork\n');
    expect(text).toContain('221\ti386\tfcntl64\t\t\tsys_fcntl64\t\t\tcompat_sys_fcntl64\n# 222 is unused\n# 223 is unused\n224\ti386');
    expect(text).toContain('\n# 251 is available for reuse (was briefly sys_set_zone_reclaim)\n252\ti386');
    expect(text).toContain('\n# 285 sys_setaltroot\n286\ti386');
  });
});
