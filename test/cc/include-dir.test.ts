// The compiler's own include directory (gcc: `gcc -print-file-name=include`): searched after -I,
// -isystem and the system directories, skipped with -nostdinc, and holding only headers that gcc
// itself ships there.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { preprocess, type PreprocessOptions } from '../../src/toolchain/cc/preprocess.js';
import { compile } from '../../src/toolchain/cc/compile.js';
import { compilerIncludeDir } from '../../src/toolchain/cc/include.js';
import { DiagnosticError } from '../../src/diag.js';
import { host, ROOT } from '../helpers/kwb.js';

function tree(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'kwb-ccinc-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(d, name, '..'), { recursive: true });
    writeFileSync(join(d, name), text);
  }
  return d;
}

const opts = (cwd: string, more: Partial<PreprocessOptions> = {}): PreprocessOptions => ({
  file: 't.c', cwd, includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [], ...more,
});

/** The file a #include resolved to, from the linemarker that enters it. */
function entered(text: string, header: string): string | null {
  const m = new RegExp(`^# 1 "([^"]*${header.replace('.', '\\.')})" 1`, 'm').exec(text);
  return m ? m[1]! : null;
}

describe("the compiler's own include directory", () => {
  it('holds only headers gcc ships in its own include directory', () => {
    const gccDir = host('gcc', ['-print-file-name=include']).stdout.trim();
    const ours = readdirSync(compilerIncludeDir()).filter((f) => f.endsWith('.h'));
    expect(ours).toContain('stdarg.h');
    for (const h of ours) expect(existsSync(join(gccDir, h)), `${h} is not one of gcc's own headers`).toBe(true);
  });

  it('is searched by default, after every other directory', () => {
    const d = tree({ 't.c': '#include <stdarg.h>\n#include <stddef.h>\n', 'sys/stddef.h': '' });
    const text = preprocess(opts(d, { systemIncludeDirs: [join(d, 'sys')] })).text;
    expect(entered(text, 'stdarg.h')).toBe(join(compilerIncludeDir(), 'stdarg.h'));
    expect(entered(text, 'stddef.h')).toBe(join(d, 'sys', 'stddef.h'));
  });

  it('loses to -I and -isystem directories, as in gcc', () => {
    const d = tree({ 't.c': '#include <stdarg.h>\n', 'inc/stdarg.h': '' });
    expect(entered(preprocess(opts(d, { includeDirs: [join(d, 'inc')] })).text, 'stdarg.h')).toBe(join(d, 'inc', 'stdarg.h'));
  });

  it('is not searched with -nostdinc', () => {
    const d = tree({ 't.c': '#include <stdarg.h>\n' });
    expect(() => preprocess(opts(d, { nostdinc: true }))).toThrow(DiagnosticError);
  });

  it("user programs still get kwb's libc headers first", () => {
    const d = tree({ 't.c': '#include <stddef.h>\n#include <stdbool.h>\n#include <stdarg.h>\n' });
    const text = preprocess(opts(d, { systemIncludeDirs: [join(ROOT, 'userland', 'include')] })).text;
    for (const h of ['stddef.h', 'stdbool.h', 'stdarg.h']) expect(entered(text, h)).toBe(join(ROOT, 'userland', 'include', h));
  });

  it('its headers compile like gcc’s: offsetof, size_t, bool, va_list', () => {
    const src = [
      '#include <stddef.h>', '#include <stdbool.h>', '#include <stdarg.h>',
      'struct s { char c; long v; };',
      '_Static_assert(offsetof(struct s, v) == 8, "offsetof");',
      '_Static_assert(sizeof(size_t) == 8 && sizeof(ptrdiff_t) == 8, "sizes");',
      'bool yes = true;',
      'int sum(int n, ...) { va_list ap; int t = 0; va_start(ap, n); while (n--) t += va_arg(ap, int); va_end(ap); return t; }',
      'void *nothing = NULL;', '',
    ].join('\n');
    const d = tree({ 't.c': src });
    expect(() => compile(opts(d, { nostdinc: false }))).not.toThrow();
    const g = host('gcc', ['-nostdinc', '-isystem', host('gcc', ['-print-file-name=include']).stdout.trim(), '-fsyntax-only', join(d, 't.c')]);
    expect(g.stderr).toBe('');
  });
});
