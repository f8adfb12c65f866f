// --tree: the tables against the sources, on small fixture trees built in a temporary directory.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/kwb.js';
import {
  approximateBuiltSources,
  checkTree,
  definitionsOf,
  parseTable,
  type TblDiagnostic,
} from '../../src/kbuild/systbl/index.js';
import { insertAfter } from './helpers.js';
import { treeBuildFacts } from '../../src/kbuild/systbl/tree-kbuild.js';
import { cpSync } from 'node:fs';

const T64 = readFileSync(join(ROOT, 'kernel-tree/arch/x86/entry/syscalls/syscall_64.tbl'), 'utf8');
const T32 = readFileSync(join(ROOT, 'kernel-tree/arch/x86/entry/syscalls/syscall_32.tbl'), 'utf8');
const NSYS_C = '#include <linux/syscalls.h>\n\nSYSCALL_DEFINE0(nsys)\n{\n\tprintk("greetings from syscall nsys.\\n");\n\treturn 0;\n}\n';

/** cond_syscall() for every entry point of the real tables, as kernel/sys_ni.c does for many. */
function sysNi(): string {
  const syms = new Set<string>();
  for (const [text, arch] of [[T64, 'x86_64'], [T32, 'i386']] as const) {
    for (const e of parseTable(text, 't', arch).table.entries) for (const s of [e.entry, e.compat]) if (s) syms.add(s);
  }
  return [...syms].map((s) => `cond_syscall(${s});`).join('\n') + '\n';
}

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kwb-tbl-'));
  dirs.push(dir);
  const all: Record<string, string> = {
    Makefile: 'core-y\t\t+= kernel/ mm/ fs/\n',
    'kernel/Makefile': 'obj-y = sys_ni.o\n',
    'kernel/sys_ni.c': sysNi(),
    'arch/x86/entry/syscalls/syscall_64.tbl': T64,
    'arch/x86/entry/syscalls/syscall_32.tbl': T32,
    ...files,
  };
  for (const [p, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

const treeRules = new Set(['undefined-entry-point', 'unbuilt-definition', 'unused-definition']);
const of = (ds: TblDiagnostic[]) => ds.filter((d) => treeRules.has(d.rule));
const withNsys = insertAfter(T64, 325, '326\tcommon\tnsys\t\t\tsys_nsys');

describe('checkTree', () => {
  it('the lesson done right: table line, SYSCALL_DEFINE0(nsys), core-y += newsys/ — nothing to report', () => {
    const dir = tree({
      Makefile: 'core-y\t\t+= kernel/ mm/ fs/ newsys/\n',
      'newsys/Makefile': 'obj-y := nsys.o\n',
      'newsys/nsys.c': NSYS_C,
      'arch/x86/entry/syscalls/syscall_64.tbl': withNsys,
    });
    expect(approximateBuiltSources(dir).sources).toEqual(['kernel/sys_ni.c', 'newsys/nsys.c']);
    expect(of(checkTree(dir).diagnostics)).toEqual([]);
  });

  it('no definition anywhere: an error at the entry point, naming the link error to come', () => {
    const dir = tree({ 'arch/x86/entry/syscalls/syscall_64.tbl': withNsys });
    const ds = of(checkTree(dir, { displayDir: 'linux' }).diagnostics);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      rule: 'undefined-entry-point',
      severity: 'error',
      file: 'linux/arch/x86/entry/syscalls/syscall_64.tbl',
      line: withNsys.split('\n').indexOf('326\tcommon\tnsys\t\t\tsys_nsys') + 1,
      col: 41,
    });
    expect(ds[0]!.message).toContain("undefined reference to `sys_nsys'");
    expect(ds[0]!.message).toContain('SYSCALL_DEFINEn(nsys, ...)');
  });

  it('the forgotten core-y: defined in newsys/nsys.c, which nothing builds', () => {
    const dir = tree({
      'newsys/Makefile': 'obj-y := nsys.o\n',
      'newsys/nsys.c': NSYS_C,
      'arch/x86/entry/syscalls/syscall_64.tbl': withNsys,
    });
    const ds = of(checkTree(dir).diagnostics);
    expect(ds.map((d) => `${d.severity}:${d.rule}:${d.file}:${d.line}:${d.col}`)).toEqual([
      `error:unbuilt-definition:arch/x86/entry/syscalls/syscall_64.tbl:${withNsys.split('\n').indexOf('326\tcommon\tnsys\t\t\tsys_nsys') + 1}:41`,
      'note:unbuilt-definition:newsys/nsys.c:3:17',
    ]);
    expect(ds[1]!.message).toContain('core-y += newsys/');
  });

  it('a Makefile that does not list the object says so instead', () => {
    const dir = tree({
      Makefile: 'core-y\t\t+= kernel/ newsys/\n',
      'newsys/Makefile': 'obj-y := other.o\n',
      'newsys/nsys.c': NSYS_C,
      'arch/x86/entry/syscalls/syscall_64.tbl': withNsys,
    });
    const ds = of(checkTree(dir).diagnostics);
    expect(ds[1]!.message).toContain('newsys/Makefile does not list nsys.o');
  });

  it('a SYSCALL_DEFINE with no table entry is a warning at the definition', () => {
    const dir = tree({
      Makefile: 'core-y\t\t+= kernel/ newsys/\n',
      'newsys/Makefile': 'obj-y := nsys.o\n',
      'newsys/nsys.c': NSYS_C,
    });
    const ds = of(checkTree(dir).diagnostics);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ rule: 'unused-definition', severity: 'warning', file: 'newsys/nsys.c', line: 3, col: 17, length: 4 });
  });

  it('builtSources given by kbuild wins over the approximation', () => {
    const dir = tree({
      'newsys/Makefile': 'obj-y := nsys.o\n',
      'newsys/nsys.c': NSYS_C,
      'arch/x86/entry/syscalls/syscall_64.tbl': withNsys,
    });
    expect(of(checkTree(dir, { builtSources: ['kernel/sys_ni.c', 'newsys/nsys.c'] }).diagnostics)).toEqual([]);
    expect(of(checkTree(dir, { builtSources: [] }).diagnostics).filter((d) => d.severity === 'error').length).toBeGreaterThan(300);
  });

  it('x32 entry points count only with CONFIG_X86_X32, i386 compat ones only with CONFIG_IA32_EMULATION', () => {
    const dir = tree({ 'kernel/sys_ni.c': 'cond_syscall(sys_read);\n' });
    const count = (config: Map<string, string>) => of(checkTree(dir, { config }).diagnostics).length;
    const none = count(new Map());
    const x32 = count(new Map([['CONFIG_X86_X32', 'y']]));
    const ia32 = count(new Map([['CONFIG_IA32_EMULATION', 'y']]));
    expect(none).toBe(360 - 15 - 34 - 1); // native entries with an entry point, less sys_read
    expect(x32 - none).toBe(34);
    expect(ia32 - none).toBe(373 - 18 - 1); // every i386 entry with an entry point, less read (sys_read)
  });
});

describe('treeBuildFacts (what --tree asks kbuild)', () => {
  it("kernel-tree: kbuild's own answer, no note", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kwb-tbl-'));
    dirs.push(dir);
    cpSync(join(ROOT, 'kernel-tree'), dir, { recursive: true });
    const facts = await treeBuildFacts(dir, 'linux');
    expect(facts.notes).toEqual([]);
    expect(facts.builtSources).toContain('kernel/sys_ni.c');
    expect(facts.config.get('CONFIG_IA32_EMULATION')).toBe('y');
  });
  it('a tree kbuild cannot evaluate: the approximation, and a note that says so', async () => {
    const dir = tree({ 'newsys/Makefile': 'obj-y := nsys.o\n', 'newsys/nsys.c': NSYS_C, Makefile: 'core-y += kernel/ newsys/\n' });
    const facts = await treeBuildFacts(dir, 'linux');
    expect(facts.builtSources).toEqual(['kernel/sys_ni.c', 'newsys/nsys.c']);
    expect(facts.notes.map((n) => [n.rule, n.severity, n.file])).toEqual([['build-approximated', 'note', 'linux/Makefile']]);
  });
});

describe('definitionsOf', () => {
  const syms = (text: string, file = 'f.c') => definitionsOf(text, file).map((d) => `${d.kind}:${d.symbol}`);
  it('SYSCALL_DEFINEn, COMPAT_SYSCALL_DEFINEn, asmlinkage functions, cond_syscall', () => {
    expect(syms('SYSCALL_DEFINE3(write, unsigned int, fd, const char __user *, buf, size_t, count)\n{\n}\n')).toEqual(['SYSCALL_DEFINE:sys_write']);
    expect(syms('COMPAT_SYSCALL_DEFINE2(nsys, int, a, int, b) { return 0; }')).toEqual(['COMPAT_SYSCALL_DEFINE:compat_sys_nsys']);
    expect(syms('asmlinkage long sys_nsys(void)\n{\n\treturn 0;\n}\n')).toEqual(['function:sys_nsys']);
    expect(syms('cond_syscall(sys_quotactl);\ncond_syscall(compat_sys_quotactl32);')).toEqual([
      'cond_syscall:sys_quotactl',
      'cond_syscall:compat_sys_quotactl32',
    ]);
  });
  it('not: comments, declarations, static functions, the macro definitions in syscalls.h, calls', () => {
    expect(syms('/* SYSCALL_DEFINE0(nsys) */\n// SYSCALL_DEFINE0(old)\n')).toEqual([]);
    expect(syms('asmlinkage long sys_nsys(void);\n')).toEqual([]);
    expect(syms('static long sys_nsys(void)\n{\n\treturn 0;\n}\n')).toEqual([]);
    expect(syms('#define SYSCALL_DEFINE0(sname)\t\t\t\t\t\\\n\tSYSCALL_METADATA(_##sname, 0);\t\t\t\\\n\tasmlinkage long sys_##sname(void)\n')).toEqual([]);
    expect(syms('int f(void)\n{\n\treturn sys_getpid();\n}\n')).toEqual(['function:f']);
  });
  it('positions survive comments; "/*" inside a string starts none', () => {
    const text = 'static const char *s = "/* not a comment";\n/*\n * SYSCALL_DEFINE0(gone)\n */\nSYSCALL_DEFINE0(nsys)\n{\n}\n';
    const d = definitionsOf(text, 'f.c');
    expect(d.map((x) => [x.symbol, x.line, x.index])).toEqual([['sys_nsys', 5, 16]]);
  });
  it('assembly: ENTRY(), .globl', () => {
    expect(syms('ENTRY(stub_clone)\n\tjmp sys_clone\nEND(stub_clone)\n\t.globl ptregs_x\n', 'entry_64.S')).toEqual(['asm:stub_clone', 'asm:ptregs_x']);
  });
});
