// Every real table passes clean: no errors, no warnings, no notes — in the layout the kernel's
// files have and in the acceptance script's to_tbl layout, alone and as pairs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/kwb.js';
import { checkTables, detectFormat } from '../../src/kbuild/systbl/index.js';
import { REFERENCES, check, real44x32, real44x64, real619x32, real619x64, tsvToTbl } from './helpers.js';

describe('real tables give no diagnostics', () => {
  it.each(REFERENCES)('$name (format detected as $format)', ({ name, arch, format }) => {
    const text = `# real table ${name}\n` + tsvToTbl(name);
    expect(detectFormat(text)).toBe(format);
    expect(check(text, arch)).toEqual([]);
    expect(check(text, arch, { against: format === '4.4' ? '4.4' : '6.19' })).toEqual([]);
  });

  it('4.4.121 tables against 6.19 (tables only ever grow)', () => {
    expect(check(real44x64(), 'x86_64', { against: '6.19' })).toEqual([]);
    expect(check(real44x32(), 'i386', { against: '6.19' })).toEqual([]);
  });

  it('both tables of each release checked together (the pair rules)', () => {
    for (const [t64, t32] of [
      [real44x64(), real44x32()],
      [real619x64(), real619x32()],
    ]) {
      const { diagnostics } = checkTables([
        { file: 'syscall_64.tbl', text: t64!, arch: 'x86_64' },
        { file: 'syscall_32.tbl', text: t32!, arch: 'i386' },
      ]);
      expect(diagnostics).toEqual([]);
    }
  });

  it("kernel-tree's own tables", () => {
    const dir = join(ROOT, 'kernel-tree/arch/x86/entry/syscalls');
    const { diagnostics, tables } = checkTables([
      { file: 'syscall_64.tbl', text: readFileSync(join(dir, 'syscall_64.tbl'), 'utf8'), arch: 'x86_64' },
      { file: 'syscall_32.tbl', text: readFileSync(join(dir, 'syscall_32.tbl'), 'utf8'), arch: 'i386' },
    ]);
    expect(diagnostics).toEqual([]);
    expect(tables.map((t) => t.entries.length)).toEqual([360, 373]);
  });

});
