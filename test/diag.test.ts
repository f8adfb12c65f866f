import { describe, expect, it } from 'vitest';
import { displayColumn, renderDiagnostic } from '../src/diag.js';

describe('diagnostics are rendered as gcc prints them', () => {
  it('context line, headline, quoted source line and caret', () => {
    const text = renderDiagnostic({
      file: 'newsys/nsys.c',
      line: 4,
      col: 9,
      severity: 'error',
      message: "expected ';' before 'return'",
      sourceLine: '\treturn 0',
      length: 6,
      context: "In function 'sys_nsys':",
    });
    expect(text).toBe(
      [
        "newsys/nsys.c: In function 'sys_nsys':",
        "newsys/nsys.c:4:9: error: expected ';' before 'return'",
        '    4 |         return 0',
        '      |         ^~~~~~',
      ].join('\n'),
    );
  });

  it('counts display columns with 8-column tab stops, as gcc does', () => {
    expect(displayColumn('\treturn 0', 1)).toBe(9);
    expect(displayColumn('ab\tc', 3)).toBe(9);
    expect(displayColumn('abc', 2)).toBe(3);
  });

  it('prints the include chain first, innermost first, as gcc does', () => {
    const text = renderDiagnostic({
      file: 'a.h',
      line: 1,
      col: 2,
      severity: 'fatal error',
      message: 'x.h: No such file or directory',
      includedFrom: [
        { file: 'b.h', line: 1 },
        { file: 't.c', line: 3 },
      ],
    });
    expect(text.split('\n')).toEqual([
      'In file included from b.h:1,',
      '                 from t.c:3:',
      'a.h:1:2: fatal error: x.h: No such file or directory',
    ]);
  });

  it("prints a fix-it hint on its own line under the caret, as gcc 12 does", () => {
    const text = renderDiagnostic({
      file: 't.c',
      line: 5,
      col: 32,
      severity: 'error',
      message: "expected ';' before 'return'",
      sourceLine: '\tprintk("Hello world\\n")',
      length: 1,
      fixit: ';',
    });
    expect(text.split('\n')).toEqual([
      "t.c:5:32: error: expected ';' before 'return'",
      '    5 |         printk("Hello world\\n")',
      '      |                                ^',
      '      |                                ;',
    ]);
  });

  it("underlines secondary ranges with '~' on the caret's line, as gcc 12 does", () => {
    const text = renderDiagnostic({
      file: 't.c', line: 1, col: 19, severity: 'error', message: "parameter 2 ('b') has incomplete type",
      sourceLine: 'int f(int a, void b)', ranges: [{ line: 1, col: 14, endCol: 18 }],
    });
    expect(text.split('\n')).toEqual([
      "t.c:1:19: error: parameter 2 ('b') has incomplete type",
      '    1 | int f(int a, void b)',
      '      |              ~~~~~^',
    ]);
  });

  it('quotes a secondary range on a later line, padded to the caret like gcc 12, with "......" past a gap', () => {
    const d = {
      file: 't.c', line: 5, col: 32, severity: 'error' as const, message: "expected ';' before 'return'",
      sourceLine: '\tprintk("Hello world\\n")', fixit: ';',
      ranges: [{ line: 6, col: 0, endCol: 0, sourceLine: '' }, { line: 7, col: 9, endCol: 14, sourceLine: '\treturn 0;' }],
    };
    expect(renderDiagnostic(d).split('\n')).toEqual([
      "t.c:5:32: error: expected ';' before 'return'",
      '    5 |         printk("Hello world\\n")',
      '      |                                ^',
      '      |                                ;',
      '    6 | ',
      '    7 |         return 0;',
      '      |         ~~~~~~                  ',
    ]);
    const far = renderDiagnostic({ ...d, line: 3, ranges: [{ line: 6, col: 9, endCol: 14, sourceLine: '\treturn 0;' }] });
    expect(far.split('\n').slice(4)).toEqual(['......', '    6 |         return 0;', '      |         ~~~~~~                  ']);
  });

  it('quotes the line of a location without a column over an empty caret line, when asked, as gcc does', () => {
    const d = { file: 't.c', line: 1, col: 0, severity: 'error' as const, message: 'unterminated #if', sourceLine: '#if 1' };
    expect(renderDiagnostic({ ...d, emptyCaretLine: true }).split('\n')).toEqual(['t.c:1: error: unterminated #if', '    1 | #if 1', '      | ']);
    expect(renderDiagnostic(d).split('\n')).toEqual(['t.c:1: error: unterminated #if', '    1 | #if 1']);
  });

  it('a whole-file diagnostic has no line or column', () => {
    expect(renderDiagnostic({ file: 'x.tbl', line: 0, col: 0, severity: 'warning', message: 'empty table', tag: '[empty]' })).toBe(
      'x.tbl: warning: empty table [empty]',
    );
  });
});
