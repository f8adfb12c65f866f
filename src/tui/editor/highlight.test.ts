import { describe, expect, it } from 'vitest';
import { highlightAll, highlightLine, languageOf, type Span } from './highlight.js';

const toks = (spans: Span[]): string => spans.filter((s) => s.tok !== 'plain').map((s) => `${s.tok}:${s.text}`).join(' ');

describe('syntax highlighting', () => {
  it('knows the languages of a kernel tree by file name', () => {
    expect(languageOf('newsys/nsys.c')).toBe('c');
    expect(languageOf('include/linux/syscalls.h')).toBe('c');
    expect(languageOf('Makefile')).toBe('make');
    expect(languageOf('arch/x86/Kbuild')).toBe('make');
    expect(languageOf('arch/x86/Kconfig')).toBe('kconfig');
    expect(languageOf('.config')).toBe('kconfig');
    expect(languageOf('arch/x86/entry/syscalls/syscall_64.tbl')).toBe('tbl');
    expect(languageOf('README')).toBe('text');
  });

  it('C: directives, keywords, types, strings, numbers and comments across lines', () => {
    const lines = ['#include <linux/kernel.h>', 'SYSCALL_DEFINE0(nsys) /* start', ' still comment */ {', '\tprintk("hi %d\\n", 42); // done', '\treturn 0;'];
    const h = highlightAll('c', lines);
    expect(toks(h[0]!)).toBe('preproc:#include string:<linux/kernel.h>');
    expect(toks(h[1]!)).toBe('preproc:SYSCALL_DEFINE0 comment:/* start');
    expect(toks(h[2]!)).toBe('comment: still comment */');
    expect(toks(h[3]!)).toBe('string:"hi %d\\n" number:42 comment:// done');
    expect(toks(h[4]!)).toBe('keyword:return number:0');
    // the spans put back together are the line, character for character
    h.forEach((spans, i) => expect(spans.map((s) => s.text).join('')).toBe(lines[i]));
  });

  it('Makefiles: assignments, variable references, rules and comments', () => {
    expect(toks(highlightLine('make', 'core-y\t\t+= kernel/ mm/ newsys/', { inComment: false }))).toBe('variable:core-y\t\t keyword:+=');
    expect(toks(highlightLine('make', 'vmlinux: $(vmlinux-deps) # link', { inComment: false }))).toBe('target:vmlinux keyword:: variable:$(vmlinux-deps) comment:# link');
    expect(toks(highlightLine('make', 'ifeq ($(KBUILD_SRC),)', { inComment: false }))).toBe('keyword:ifeq variable:$(KBUILD_SRC)');
  });

  it('Kconfig and .config', () => {
    expect(toks(highlightLine('kconfig', 'config NSYS', { inComment: false }))).toBe('keyword:config variable:NSYS');
    expect(toks(highlightLine('kconfig', '\tbool "The nsys call" # x', { inComment: false }))).toBe('type:bool string:"The nsys call" comment:# x');
    expect(toks(highlightLine('kconfig', '\tdepends on X86_64', { inComment: false }))).toBe('keyword:depends keyword:on variable:X86_64');
    expect(toks(highlightLine('kconfig', 'CONFIG_NSYS=y', { inComment: false }))).toBe('variable:CONFIG_NSYS number:y');
  });

  it('syscall tables: number, ABI, name, entry point', () => {
    expect(toks(highlightLine('tbl', '326\tcommon\tnsys\t\t\tsys_nsys', { inComment: false }))).toBe('number:326 abi:common type:sys_nsys');
    expect(toks(highlightLine('tbl', '# comment', { inComment: false }))).toBe('comment:# comment');
  });
});

describe('highlighting a window of a file', () => {
  it('gives the same spans as highlighting everything, comment state included', async () => {
    const { highlightRange } = await import('./highlight.js');
    const lines = ['/* a', ' b */ int x;', 'int y; /* c', 'still', '*/ return 1;', 'char *s = "x";'];
    expect(highlightRange('c', lines, 3, 6)).toEqual(highlightAll('c', lines).slice(3, 6));
  });
});
