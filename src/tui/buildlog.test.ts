import { describe, expect, it } from 'vitest';
import { emptyLog, feed, flush } from './buildlog.js';

describe('build log reader', () => {
  it('counts compiled objects across split chunks and remembers the last step', () => {
    let log = emptyLog();
    log = feed(log, '  CC      init/main.o\n  CC      ker');
    expect(log.objects).toBe(1);
    log = feed(log, 'nel/printk.o\n  AS      arch/x86/entry/entry_64.o\n  LD      kernel/built-in.o\n');
    expect(log.objects).toBe(3);
    expect(log.last).toBe('LD kernel/built-in.o');
    expect(log.lines).toHaveLength(4);
    expect(log.wide).toBe('  AS      arch/x86/entry/entry_64.o'.length);
    expect(feed(log, 'a\tb\n').wide).toBe(log.wide); // a tab counts to the next multiple of 8
    expect(feed(log, '\t\t\t\t\tx\n').wide).toBe(41);
  });

  it('finds gcc-style errors and warnings with file, line and column', () => {
    let log = emptyLog();
    log = feed(log, "newsys/nsys.c: In function 'sys_nsys':\nnewsys/nsys.c:4:9: error: expected ';' before 'return'\n  return 0;\n         ^\n");
    log = feed(log, 'arch/x86/entry/syscalls/syscall_64.tbl:340: warning: number 326 is used twice');
    log = flush(log);
    expect(log.errors).toEqual([
      { file: 'newsys/nsys.c', line: 4, col: 9, severity: 'error', message: "expected ';' before 'return'", at: 1 },
      { file: 'arch/x86/entry/syscalls/syscall_64.tbl', line: 340, col: 1, severity: 'warning', message: 'number 326 is used twice', at: 4 },
    ]);
  });

  it('counts link errors, which name an object and no line', () => {
    const log = feed(emptyLog(), "arch/x86/built-in.o:(.rodata+0xa30): undefined reference to `sys_nsys'\nmake: *** [Makefile:189: vmlinux] Error 1\n");
    expect(log.errors).toEqual([{ file: 'arch/x86/built-in.o', line: 0, col: 0, severity: 'error', message: "(.rodata+0xa30): undefined reference to `sys_nsys'", at: 0 }]);
  });
});
