// Each rule with a case that trips it (at the right line and column) and a near miss that must not.
import { describe, expect, it } from 'vitest';
import { checkTables } from '../../src/kbuild/systbl/index.js';
import { renderDiagnostic as render } from '../../src/diag.js';
import { check, insertAfter, lineOf, ofRule, real44x32, real44x64, real619x32, real619x64 } from './helpers.js';

const T64 = real44x64();
const T32 = real44x32();
const T64_6 = real619x64();
/** The 4.4 x86_64 table with `line` added after 325 (where a new syscall belongs). */
const add64 = (line: string) => insertAfter(T64, 325, line);
const only = (text: string, rule: string, arch: 'x86_64' | 'i386' = 'x86_64', opts = {}) => {
  const ds = check(text, arch, opts);
  return { ds, hits: ofRule(ds, rule), errors: ds.filter((d) => d.severity === 'error') };
};

describe('malformed-line', () => {
  it('a line with only a number and an ABI is an error at its end', () => {
    const text = add64('326\t64');
    const { hits } = only(text, 'malformed-line');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ severity: 'error', line: lineOf(text, 326), col: 11 });
  });
  it('number, abi, name alone is a valid (unimplemented) entry in both formats', () => {
    expect(check(add64('326\t64\tnsys'), 'x86_64')).toEqual([]);
    expect(check(insertAfter(T64_6, 470, '471\tcommon\tnsys'), 'x86_64')).toEqual([]);
  });
  it('too many columns, a leading blank, an unknown 6.x flag', () => {
    expect(only(add64('326\t64\tnsys\tsys_nsys\tsys_nsys\textra'), 'malformed-line').hits).toHaveLength(1);
    const lead = only(add64(' 326\t64\tnsys\t\t\tsys_nsys'), 'malformed-line').hits;
    expect(lead).toHaveLength(1);
    expect(lead[0]!.message).toContain('silently');
    expect(only(T64_6 + '471\tcommon\tnsys\t\t\tsys_nsys\t-\tnoretrun\n', 'malformed-line').hits).toHaveLength(1);
    expect(only(T64_6 + '471\tcommon\tnsys\t\t\tsys_nsys\t-\tnoreturn\n', 'malformed-line').hits).toHaveLength(0);
  });
});

describe('malformed-line: invisible characters', () => {
  it('a no-break space between fields, and a byte-order mark before the first entry', () => {
    const nbsp = only(add64('326\u00a0common\tnsys\t\t\tsys_nsys'), 'malformed-line').hits;
    expect(nbsp).toHaveLength(1);
    expect(nbsp[0]!.col).toBe(4);
    expect(nbsp[0]!.message).toContain('U+00A0');
    expect(only('\ufeff' + T64, 'malformed-line').hits.map((d) => d.line)).toEqual([1]);
  });
  it('a byte-order mark before a comment is harmless', () => {
    expect(check('\ufeff# comment\n' + T64, 'x86_64')).toEqual([]);
  });
});

describe('bad-number', () => {
  it('3x6 and a leading zero (octal in C) are errors at column 1', () => {
    for (const n of ['3x6', '0326', 'nsys']) {
      const text = add64(`${n}\t64\tnsys\t\t\tsys_nsys`);
      const { hits } = only(text, 'bad-number');
      expect(hits).toHaveLength(1);
      expect(hits[0]).toMatchObject({ line: lineOf(text, 325) + 1, col: 1, length: n.length });
    }
  });
  it('a plain decimal number is fine', () => {
    expect(ofRule(check(add64('326\t64\tnsys\t\t\tsys_nsys'), 'x86_64'), 'bad-number')).toEqual([]);
  });
});

describe('bad-name', () => {
  it('a name that is no C identifier', () => {
    expect(only(add64('326\t64\tn-sys\t\t\tsys_nsys'), 'bad-name').hits).toHaveLength(1);
    expect(only(add64('326\t64\t_nsys2\t\t\tsys__nsys2'), 'bad-name').hits).toHaveLength(0);
  });
});

describe('bad-abi', () => {
  it('64bit in syscall_64.tbl, common in syscall_32.tbl, i386 in syscall_64.tbl', () => {
    const h = only(add64('326\t64bit\tnsys\t\t\tsys_nsys'), 'bad-abi').hits;
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ col: 9, length: 5 });
    expect(h[0]!.message).toContain("did you mean '64'");
    expect(only(T32 + '377\tcommon\tnsys\t\t\tsys_nsys\n', 'bad-abi', 'i386').hits).toHaveLength(1);
    expect(only(add64('326\ti386\tnsys\t\t\tsys_nsys'), 'bad-abi').hits[0]!.message).toContain('syscall_32.tbl');
  });
  it('every ABI valid for its table is accepted', () => {
    for (const abi of ['common', '64']) expect(ofRule(check(add64(`326\t${abi}\tnsys\t\t\tsys_nsys`), 'x86_64'), 'bad-abi')).toEqual([]);
    expect(ofRule(check(T64 + '546\tx32\tnsys\t\t\tcompat_sys_nsys\n', 'x86_64'), 'bad-abi')).toEqual([]);
    expect(ofRule(check(T32 + '377\ti386\tnsys\t\t\tsys_nsys\n', 'i386'), 'bad-abi')).toEqual([]);
  });
});

describe('format-mismatch', () => {
  it('6.x syntax in a table read as 4.4', () => {
    const text = add64('326\tcommon\tnsys\t\t\tsys_nsys\t-');
    expect(only(text, 'format-mismatch', 'x86_64', { format: '4.4' }).hits).toHaveLength(1);
    expect(only(text, 'format-mismatch', 'x86_64').hits).toHaveLength(0); // detected as 6.x
  });
});

describe('duplicate-number', () => {
  it('a second 39 is an error at the later line, with a note at the first', () => {
    const text = T64 + '39\tcommon\tmygetpid\t\t\tsys_mygetpid\n';
    const h = only(text, 'duplicate-number').hits;
    expect(h.map((d) => [d.severity, d.line])).toEqual([
      ['error', text.split('\n').length - 1],
      ['note', lineOf(T64, 39)],
    ]);
    expect(h[0]!.message).toContain("'getpid'");
  });
  it('distinct numbers are fine', () => {
    expect(ofRule(check(add64('326\tcommon\tmygetpid\t\t\tsys_mygetpid'), 'x86_64'), 'duplicate-number')).toEqual([]);
  });
});

describe('duplicate-name', () => {
  it('a second common getpid redefines __NR_getpid', () => {
    const text = add64('326\tcommon\tgetpid\t\t\tsys_getpid2');
    const h = only(text, 'duplicate-name').hits;
    expect(h[0]).toMatchObject({ severity: 'error', line: lineOf(text, 326), col: 17, length: 6 });
  });
  it('the same name as 64 and as x32 is two ABIs, not a clash (rt_sigaction is 13 and 512)', () => {
    expect(ofRule(check(T64, 'x86_64'), 'duplicate-name')).toEqual([]);
    expect(only(T64 + '546\tx32\tnsys\t\t\tcompat_sys_nsys\n' , 'duplicate-name').hits).toEqual([]);
    const both = insertAfter(T64, 325, '326\t64\tnsys\t\t\tsys_nsys') + '546\tx32\tnsys\t\t\tcompat_sys_nsys\n';
    expect(ofRule(check(both, 'x86_64'), 'duplicate-name')).toEqual([]);
    const clash = insertAfter(T64, 325, '326\tcommon\tnsys\t\t\tsys_nsys') + '546\tx32\tnsys\t\t\tcompat_sys_nsys\n';
    expect(ofRule(check(clash, 'x86_64'), 'duplicate-name').map((d) => d.severity)).toEqual(['error', 'note']);
  });
});

describe('x32-range', () => {
  it('a 64 or common entry at 546 is an error that names the next free number', () => {
    for (const abi of ['64', 'common']) {
      const text = T64 + `546\t${abi}\tnsys\t\t\tsys_nsys\n`;
      const h = only(text, 'x32-range').hits;
      expect(h).toHaveLength(1);
      expect(h[0]!.message).toContain('326');
    }
  });
  it('x32 entries there, and 64 entries below 512, are fine', () => {
    expect(ofRule(check(T64 + '546\tx32\tnsys\t\t\tcompat_sys_nsys\n', 'x86_64'), 'x32-range')).toEqual([]);
    expect(ofRule(check(add64('326\t64\tnsys\t\t\tsys_nsys'), 'x86_64'), 'x32-range')).toEqual([]);
  });
});

describe('reserved-range', () => {
  it('6.x: 400 is kept free on x86_64', () => {
    const text = insertAfter(T64_6, 336, '400\tcommon\tnsys\t\t\tsys_nsys');
    expect(only(text, 'reserved-range').hits).toHaveLength(1);
  });
  it('4.4 has no reserved range; 6.x numbers outside it are fine', () => {
    expect(ofRule(check(add64('400\tcommon\tnsys\t\t\tsys_nsys'), 'x86_64'), 'reserved-range')).toEqual([]);
    expect(ofRule(check(insertAfter(T64_6, 470, '471\tcommon\tnsys\t\t\tsys_nsys'), 'x86_64'), 'reserved-range')).toEqual([]);
  });
});

describe('entry-point-naming', () => {
  it('4.4: a bare name, a 4.17+ __x64_sys_ wrapper, a compat column on x86_64', () => {
    const bare = only(add64('326\tcommon\tnsys\t\t\tnsys'), 'entry-point-naming').hits;
    expect(bare[0]).toMatchObject({ severity: 'error', col: 41, length: 4 });
    expect(bare[0]!.message).toContain('sys_nsys');
    expect(only(add64('326\tcommon\tnsys\t\t\t__x64_sys_nsys'), 'entry-point-naming').hits[0]!.message).toContain('4.17');
    expect(only(add64('326\tcommon\tnsys\t\t\tsys_nsys\tcompat_sys_nsys'), 'entry-point-naming').hits).toHaveLength(1);
    expect(only(T64 + '546\tx32\tnsys\t\t\tsys_nsys\n', 'entry-point-naming').hits).toHaveLength(1);
  });
  it('6.x: stub_ entry points are gone (4.4 had stub_execve)', () => {
    const text = insertAfter(T64_6, 470, '471\t64\tnsys\t\t\tstub_nsys');
    expect(only(text, 'entry-point-naming').hits).toHaveLength(1);
    expect(ofRule(check(insertAfter(T64, 325, '326\t64\tnsys\t\t\tstub_nsys'), 'x86_64'), 'entry-point-naming')).toEqual([]);
  });
  it('i386: sys32_ compat entry points are 4.4 only', () => {
    expect(ofRule(check(T32 + '377\ti386\tnsys\t\t\tsys_nsys\t\t\tsys32_nsys\n', 'i386'), 'entry-point-naming')).toEqual([]);
    const six = real619x32() + '471\ti386\tnsys\t\t\tsys_nsys\t\t\tsys32_nsys\n';
    expect(ofRule(check(six, 'i386', { format: '6.x' }), 'entry-point-naming')).toHaveLength(1);
  });
});

describe('number-order and number-gap', () => {
  it('326 appended after the x32 block is out of order, and says where it belongs', () => {
    const text = T64 + '326\tcommon\tnsys\t\t\tsys_nsys\n';
    const h = only(text, 'number-order').hits;
    expect(h).toHaveLength(1);
    expect(h[0]!.severity).toBe('warning');
    expect(h[0]!.message).toContain('after 325 mlock2');
  });
  it('326 right after 325 is in order', () => {
    expect(ofRule(check(add64('326\tcommon\tnsys\t\t\tsys_nsys'), 'x86_64'), 'number-order')).toEqual([]);
  });
  it('330 after 325 skips 326-329; the real gaps (326-511, i386 222/223) are not reported', () => {
    const h = only(add64('330\tcommon\tnsys\t\t\tsys_nsys'), 'number-gap').hits;
    expect(h).toHaveLength(1);
    expect(h[0]!.message).toContain('326-329');
    expect(ofRule(check(add64('326\tcommon\tnsys\t\t\tsys_nsys'), 'x86_64'), 'number-gap')).toEqual([]);
    expect(ofRule(check(T32, 'i386'), 'number-gap')).toEqual([]);
  });
  it('a deleted entry leaves a gap upstream does not have', () => {
    const text = T64.replace('39\tcommon\tgetpid\t\t\tsys_getpid\n', '');
    expect(only(text, 'number-gap').hits[0]!.message).toContain('39');
  });
});

describe('entry-point-name', () => {
  it('sys_getpid2 for a new name is a warning; sys_nsys is not', () => {
    const h = only(add64('326\tcommon\tnsys\t\t\tsys_hello'), 'entry-point-name').hits;
    expect(h).toHaveLength(1);
    expect(h[0]!.severity).toBe('warning');
    expect(ofRule(check(add64('326\tcommon\tnsys\t\t\tsys_nsys'), 'x86_64'), 'entry-point-name')).toEqual([]);
  });
  it("upstream's own exceptions (stat → sys_newstat, i386 lchown → sys_lchown16) are fine", () => {
    expect(ofRule(check(T64, 'x86_64'), 'entry-point-name')).toEqual([]);
    expect(ofRule(check(T32, 'i386'), 'entry-point-name')).toEqual([]);
  });
});

describe('missing-i386', () => {
  const pair = (t64: string, t32: string) =>
    checkTables([
      { file: 'syscall_64.tbl', text: t64, arch: 'x86_64' },
      { file: 'syscall_32.tbl', text: t32, arch: 'i386' },
    ]).diagnostics;
  it('a new 64-bit syscall without an i386 entry gets a note', () => {
    const ds = ofRule(pair(add64('326\tcommon\tnsys\t\t\tsys_nsys'), T32), 'missing-i386');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.severity).toBe('note');
  });
  it('none when syscall_32.tbl has it, or when the name is upstream 64-bit only', () => {
    expect(ofRule(pair(add64('326\tcommon\tnsys\t\t\tsys_nsys'), T32 + '377\ti386\tnsys\t\t\tsys_nsys\n'), 'missing-i386')).toEqual([]);
    expect(ofRule(pair(T64, T32), 'missing-i386')).toEqual([]);
  });
});

describe('--against', () => {
  it('6.19: 326 is copy_file_range upstream', () => {
    const text = add64('326\tcommon\tnsys\t\t\tsys_nsys');
    const h = only(text, 'upstream-number', 'x86_64', { against: '6.19' }).hits;
    expect(h).toHaveLength(1);
    expect(h[0]!.message).toContain('copy_file_range');
    expect(h[0]!.message).toContain('4.4.121 leaves it free');
    expect(only(text, 'upstream-number', 'x86_64', { against: '4.4' }).hits).toEqual([]);
    expect(only(text, 'upstream-number').hits).toEqual([]); // only with --against
  });
  it('a name upstream numbers differently', () => {
    const text = add64('326\tcommon\tcopy_file_range\t\t\tsys_copy_file_range').replace(/^.*copy_file_range.*$/m, (l) => l.replace('326', '327'));
    const h = only(text, 'upstream-name', 'x86_64', { against: '6.19' }).hits;
    expect(h).toHaveLength(1);
    expect(h[0]!.message).toContain('326');
    const right = add64('326\tcommon\tcopy_file_range\t\t\tsys_copy_file_range');
    expect(ofRule(check(right, 'x86_64', { against: '6.19' }), 'upstream-name')).toEqual([]);
    expect(ofRule(check(right, 'x86_64', { against: '6.19' }), 'upstream-number')).toEqual([]);
  });
});

describe('rendering', () => {
  it('prints FILE:LINE:COL, the quoted line with tabs expanded, a caret under the field, and the rule', () => {
    const text = add64('326\t64bit\tnsys\t\t\tsys_nsys');
    const d = ofRule(check(text, 'x86_64', { file: 'arch/x86/entry/syscalls/syscall_64.tbl' }), 'bad-abi')[0]!;
    expect(render(d)).toBe(
      `arch/x86/entry/syscalls/syscall_64.tbl:${lineOf(text, 326)}:9: error: ${d.message} [bad-abi]\n` +
        `  ${lineOf(text, 326)} | 326     64bit   nsys                    sys_nsys\n` +
        '      |         ^~~~~',
    );
  });
});
