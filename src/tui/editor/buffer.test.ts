import { describe, expect, it } from 'vitest';
import { Buffer } from './buffer.js';

describe('editor buffer', () => {
  it('inserts, splits lines and joins them again', () => {
    const b = new Buffer('ab\ncd');
    b.moveTo({ line: 0, col: 1 });
    b.insert('X');
    expect(b.text()).toBe('aXb\ncd');
    b.newline();
    expect(b.lines).toEqual(['aX', 'b', 'cd']);
    expect(b.cursor).toEqual({ line: 1, col: 0 });
    b.backspace();
    expect(b.text()).toBe('aXb\ncd');
    b.end();
    b.deleteForward();
    expect(b.text()).toBe('aXbcd');
  });

  it('keeps the indentation on Enter and preserves CRLF files', () => {
    const b = new Buffer('{\r\n\treturn 0;\r\n}');
    b.moveTo({ line: 1, col: 10 });
    b.newline();
    b.insert('x;');
    expect(b.text()).toBe('{\r\n\treturn 0;\r\n\tx;\r\n}');
  });

  it('moves vertically towards the goal column across short lines', () => {
    const b = new Buffer('long line\nx\nanother long');
    b.moveTo({ line: 0, col: 7 });
    b.down();
    expect(b.cursor).toEqual({ line: 1, col: 1 });
    b.down();
    expect(b.cursor).toEqual({ line: 2, col: 7 });
    b.left();
    b.up(2);
    expect(b.cursor).toEqual({ line: 0, col: 6 });
    b.moveTo({ line: 1, col: 0 });
    b.left();
    expect(b.cursor).toEqual({ line: 0, col: 9 });
    b.right();
    expect(b.cursor).toEqual({ line: 1, col: 0 });
  });

  it('Home toggles between the indentation and column 0', () => {
    const b = new Buffer('    int x;');
    b.end();
    b.home();
    expect(b.cursor.col).toBe(4);
    b.home();
    expect(b.cursor.col).toBe(0);
  });

  it('undoes a run of typing as one step, and redoes it', () => {
    const b = new Buffer('');
    for (const c of 'hello') b.insert(c);
    b.insert(' ');
    for (const c of 'world') b.insert(c);
    expect(b.text()).toBe('hello world');
    b.undo();
    expect(b.text()).toBe('hello ');
    b.undo();
    expect(b.text()).toBe('hello');
    b.undo();
    expect(b.text()).toBe('');
    expect(b.undo()).toBe(false);
    b.redo();
    b.redo();
    expect(b.text()).toBe('hello ');
    expect(b.cursor).toEqual({ line: 0, col: 6 });
    b.insert('!');
    expect(b.redo()).toBe(false); // a new edit drops the redo history
  });

  it('tracks whether the text differs from what was saved', () => {
    const b = new Buffer('a');
    expect(b.dirty).toBe(false);
    b.insert('b');
    expect(b.dirty).toBe(true);
    b.markSaved();
    expect(b.dirty).toBe(false);
    b.backspace();
    b.insert('b');
    expect(b.dirty).toBe(false);
  });

  it('finds forwards and backwards with wrap-around and smartcase', () => {
    const b = new Buffer('SYSCALL_DEFINE0(nsys)\n{\n\tprintk("nsys");\n}');
    expect(b.find('nsys')).toEqual({ line: 0, col: 16 });
    expect(b.find('nsys')).toEqual({ line: 2, col: 9 });
    expect(b.find('nsys')).toEqual({ line: 0, col: 16 }); // wraps
    expect(b.find('nsys', true)).toEqual({ line: 2, col: 9 });
    b.top();
    expect(b.find('Define')).toBeNull(); // capital letter: case-sensitive
    expect(b.find('define')).toEqual({ line: 0, col: 8 });
    expect(b.find('absent')).toBeNull();
  });

  it('kills to the end of the line, then the line break', () => {
    const b = new Buffer('abc\ndef');
    b.moveTo({ line: 0, col: 1 });
    b.killLine();
    expect(b.text()).toBe('a\ndef');
    b.killLine();
    expect(b.text()).toBe('adef');
  });

  it('inserts pasted multi-line text', () => {
    const b = new Buffer('ab');
    b.moveTo({ line: 0, col: 1 });
    b.insert('1\n2\n3');
    expect(b.lines).toEqual(['a1', '2', '3b']);
    expect(b.cursor).toEqual({ line: 2, col: 1 });
    b.undo();
    expect(b.text()).toBe('ab');
  });
});
