import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { Buffer } from './editor/buffer.js';
import { Editor, displayCol, scrollTop } from './Editor.js';
import { fits } from './testing.js';

describe('Editor pane', () => {
  it('shows numbered lines, the file, position and language in the status line', () => {
    const b = new Buffer('SYSCALL_DEFINE0(nsys)\n{\n\treturn 0;\n}');
    const { lastFrame } = render(<Editor buffer={b} path="newsys/nsys.c" width={60} height={6} focused diagnostics={[]} />);
    const f = lastFrame()!;
    expect(f).toContain(' 1 SYSCALL_DEFINE0(nsys)');
    expect(f).toContain(' 3         return 0;'); // the tab expanded to column 8
    expect(f).toContain('newsys/nsys.c  1:1  c');
  });

  it('marks diagnostics in the gutter and spells out the one under the cursor', () => {
    const b = new Buffer('int x\nreturn 0;');
    b.moveTo({ line: 1, col: 0 });
    const diags = [{ line: 2, col: 1, severity: 'error' as const, message: "expected ';' before 'return'" }];
    const f = render(<Editor buffer={b} path="a.c" width={60} height={4} focused diagnostics={diags} />).lastFrame()!;
    expect(f).toMatch(/E2 return 0;/);
    expect(f).toContain("2:1: error: expected ';' before 'return'");
  });

  it('marks a modified buffer and fills the window below the text', () => {
    const b = new Buffer('a');
    b.insert('b');
    const f = render(<Editor buffer={b} path="Makefile" width={40} height={4} focused={false} diagnostics={[]} />).lastFrame()!;
    expect(f).toContain('Makefile [+]');
    expect(f.split('\n').filter((l) => l.startsWith('~'))).toHaveLength(2);
  });

  it('scrolls to keep the cursor visible and counts tab columns as gcc does', () => {
    expect(scrollTop(0, 30, 10)).toBe(23);
    expect(scrollTop(23, 5, 10)).toBe(3);
    expect(scrollTop(3, 6, 10)).toBe(3);
    expect(displayCol('\tx', 1)).toBe(8);
    expect(displayCol('ab\tx', 3)).toBe(8);
  });

  it('shows a window of a long file starting at the scroll position', () => {
    const b = new Buffer(Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join('\n'));
    b.moveTo({ line: 40, col: 0 });
    const f = render(<Editor buffer={b} path="x.txt" width={40} height={5} focused diagnostics={[]} top={38} />).lastFrame()!;
    expect(f).toContain('39 line 39');
    expect(f).toContain('42 line 42');
    expect(f).not.toContain('line 43');
  });

  it('spells out a long diagnostic whole, over up to three lines, keeping the cursor in view', () => {
    const b = new Buffer(Array.from({ length: 12 }, (_, i) => `line${i + 1}`).join('\n'));
    b.moveTo({ line: 11, col: 0 });
    const message = "implicit declaration of function 'printk_nonexistent' (did you mean 'printk'?) [-Werror=implicit-function-declaration]";
    const diags = [{ line: 12, col: 2, severity: 'error' as const, message }];
    // The caller scrolled for a one-line status: lines 4..12 of 12 in 10 rows.
    const f = render(<Editor buffer={b} path="a.c" width={50} height={10} focused diagnostics={diags} top={3} />).lastFrame()!;
    expect(fits(f, 50, 10)).toBe(true);
    expect(f).toMatch(/E12 line12/);
    expect(f.replace(/\n\s*/g, ' ')).toContain(`12:2: error: ${message}`);
    expect(f).not.toContain('…');
  });
});
