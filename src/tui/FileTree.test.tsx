import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { FileTree, orderFiles } from './FileTree.js';

describe('File tree', () => {
  const files = ['Makefile', 'arch/x86/entry/syscalls/syscall_64.tbl', 'kernel/printk.c', 'newsys/nsys.c'];
  it("puts the current step's files first and marks them", () => {
    const ordered = orderFiles(files, ['newsys/nsys.c']);
    expect(ordered[0]).toBe('newsys/nsys.c');
    const f = render(<FileTree files={ordered} highlighted={['newsys/nsys.c']} open={null} selected={0} focused width={40} height={6} dirty={new Set(['Makefile'])} />).lastFrame()!;
    expect(f).toContain('★ newsys/nsys.c');
    expect(f).toContain(' +Makefile');
  });

  it('scrolls to keep the selection visible', () => {
    const many = Array.from({ length: 30 }, (_, i) => `f${String(i).padStart(2, '0')}.c`);
    const f = render(<FileTree files={many} highlighted={[]} open={null} selected={25} focused width={30} height={6} dirty={new Set()} />).lastFrame()!;
    expect(f).toContain('f25.c');
    expect(f).not.toContain('f00.c');
    expect(f).toMatch(/^Files +↑23 ↓2$/m); // what the list hides above and below
  });
});
