// The make subset: read makefiles as GNU make's first phase does (host make is the oracle for
// the values), and report unsupported syntax at its line in make's words.
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Make } from '../../src/kbuild/make/eval.js';
import { MakeError, MissingIncludeError } from '../../src/kbuild/make/errors.js';
import { host } from '../helpers/kwb.js';

function files(tree: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kwb-make-'));
  for (const [p, text] of Object.entries(tree)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

/** Our value of each variable, and GNU make's (printed by a rule appended to the makefile). */
function compare(text: string, names: string[], commandLine: Record<string, string> = {}, extra: Record<string, string> = {}) {
  const dir = files({ Makefile: text, ...extra });
  const m = new Make({ cwd: dir, commandLine });
  m.include('Makefile');
  const ours = Object.fromEntries(names.map((n) => [n, m.value(n)]));
  const probe = names.map((n) => `\t@echo '${n}=$(${n})'`).join('\n');
  writeFileSync(join(dir, 'probe.mk'), `include Makefile\n__probe:\n${probe}\n`);
  const args = ['-s', '-f', 'probe.mk', '__probe', ...Object.entries(commandLine).map(([k, v]) => `${k}=${v}`)];
  const r = host('make', args, { cwd: dir });
  expect(r.status, r.stderr).toBe(0);
  const theirs = Object.fromEntries(r.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { ours, theirs, m };
}

describe('make subset: values agree with GNU make', () => {
  it('flavours, +=, ?=, command-line override', () => {
    const { ours, theirs } = compare(
      ['A = $(B) one', 'B := two', 'C := $(A)', 'A += three', 'D ?= four', 'D ?= five', 'E := x', 'E += $(B)', 'V = 0', 'F := $(V)'].join('\n'),
      ['A', 'C', 'D', 'E', 'V', 'F'],
      { V: '1' },
    );
    expect(ours).toEqual(theirs);
  });

  it('conditionals, nested and chained', () => {
    const text = [
      'X := y',
      'ifeq ($(X),y)',
      '  R1 := yes',
      '  ifneq "$(X)" "n"',
      '    R2 := inner',
      '  else',
      '    R2 := wrong',
      '  endif',
      'else ifeq ($(X),n)',
      '  R1 := no',
      'else',
      '  R1 := other',
      'endif',
      'ifdef X',
      'R3 := defined',
      'endif',
      'ifndef NOPE',
      'R4 := undefined',
      'endif',
    ].join('\n');
    const { ours, theirs } = compare(text, ['R1', 'R2', 'R3', 'R4']);
    expect(ours).toEqual(theirs);
  });

  it('functions and substitution references kbuild uses', () => {
    const text = [
      'objs := a.o b/ c.o d/ a.o',
      'P := $(patsubst %/,%/built-in.o,$(objs))',
      'F := $(filter %/, $(objs))',
      'FO := $(filter-out %/,$(objs))',
      'S := $(sort $(objs))',
      'AP := $(addprefix dir/,$(objs))',
      'AS := $(addsuffix .c,x y)',
      'SUB := $(subst .o,.c,$(objs))',
      'REF := $(objs:.o=.s)',
      'REF2 := $(objs:%.o=%.i)',
      'ST := $(strip   a   b  )',
      'IF := $(if $(objs),yes,no)-$(if ,yes,no)',
      'W := $(words $(objs)) $(word 2,$(objs)) $(firstword $(objs)) $(lastword $(objs))',
      'D := $(dir a/b.c c.c) $(notdir a/b.c c.c) $(basename a/b.c) $(suffix a/b.c)',
      'FE := $(foreach x,1 2 3,<$(x)>)',
      'OR := $(or ,,z) $(and a,b)',
      'comma := ,',
      'CS := $(subst $(comma),_,a,b,c)',
      'ORIGIN := $(origin objs) $(origin V) $(origin nothing)',
    ].join('\n');
    const names = ['P', 'F', 'FO', 'S', 'AP', 'AS', 'SUB', 'REF', 'REF2', 'ST', 'IF', 'W', 'D', 'FE', 'OR', 'CS', 'ORIGIN'];
    const { ours, theirs } = compare(text, names, { V: '1' });
    expect(ours).toEqual(theirs);
  });

  it('include, -include, continuations and comments', () => {
    const { ours, theirs } = compare(
      ['include sub/a.mk', '-include nothere.mk', 'L := one \\', '     two \\', '\tthree # a comment', 'H := a\\#b'].join('\n'),
      ['FROM_A', 'L', 'H'],
      {},
      { 'sub/a.mk': 'FROM_A := included\n' },
    );
    expect(ours).toEqual(theirs);
  });

  it('records rules with their recipe lines and locations', () => {
    const dir = files({ Makefile: 'T := vmlinux\n\nall: $(T)\n\n$(T): a.o b.o FORCE\n\t+$(call if_changed,link)\n\nFORCE:\n' });
    const m = new Make({ cwd: dir });
    m.include('Makefile');
    const r = m.ruleFor('vmlinux')!;
    expect(r.prereqs).toEqual(['a.o', 'b.o', 'FORCE']);
    expect(r.where).toEqual({ file: 'Makefile', line: 5 });
    expect(r.recipe).toEqual([{ text: '+$(call if_changed,link)', where: { file: 'Makefile', line: 6 } }]);
  });
});

describe('make subset: errors in make words', () => {
  const fail = (text: string): Error => {
    const dir = files({ Makefile: text });
    try {
      new Make({ cwd: dir }).include('Makefile');
    } catch (e) {
      return e as Error;
    }
    throw new Error('no error');
  };

  it('missing separator, as GNU make says it', () => {
    const e = fail('A := 1\nthis is not make\n');
    expect(e).toBeInstanceOf(MakeError);
    expect(e.message).toBe('Makefile:2: *** missing separator.  Stop.');
    const dir = files({ Makefile: 'A := 1\nthis is not make\n' });
    expect(host('make', ['-s'], { cwd: dir }).stderr.trim()).toBe(e.message);
  });

  it('syntax outside the subset is a located error', () => {
    expect(fail('A := 1\ndefine X\nfoo\nendef\n').message).toBe("Makefile:2: *** 'define' is not part of kwb's make subset.  Stop.");
    expect(fail('\nX := $(shell uname)\n').message).toBe("Makefile:2: *** the make function '$(shell ...)' is not part of kwb's make subset.  Stop.");
    expect(fail('a:: b\n').message).toBe("Makefile:1: *** double-colon rules are not part of kwb's make subset.  Stop.");
    expect(fail('a: X := 1\n').message).toBe("Makefile:1: *** target-specific variables are not part of kwb's make subset.  Stop.");
  });

  it('conditional nesting errors', () => {
    expect(fail('ifeq (a,a)\nX := 1\n').message).toBe("Makefile:3: *** missing 'endif'.  Stop.");
    expect(fail('endif\n').message).toBe("Makefile:1: *** extraneous 'endif'.  Stop.");
    expect(fail('ifeq a\nendif\n').message).toBe('Makefile:1: *** invalid syntax in conditional.  Stop.');
  });

  it('a missing include names the including line (scripts/Makefile.build:44 for a directory without a Makefile)', () => {
    const dir = files({ Makefile: '\n\ninclude newsys/Makefile\n' });
    let err: unknown;
    try {
      new Make({ cwd: dir }).include('Makefile');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MissingIncludeError);
    expect((err as Error).message).toBe('Makefile:3: newsys/Makefile: No such file or directory');
    expect(host('make', ['-s'], { cwd: dir }).stderr.split('\n')[0]).toBe((err as Error).message);
  });
});
