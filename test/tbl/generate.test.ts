// The headers 4.4's syscall Makefile generates. The numbers are checked against the host's own
// <asm/unistd_64.h> etc. through gcc (the host kernel is newer, so its tables are a superset);
// the layout against the facts of 4.4's syscalltbl.sh and syscallhdr.sh.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, host } from '../helpers/kwb.js';
import { fileGuard, generateSyscallHeaders, syscallHeader, syscallHeaderTargets, syscallTable } from '../../src/kbuild/systbl/index.js';
import { insertAfter } from './helpers.js';

const dir = join(ROOT, 'kernel-tree/arch/x86/entry/syscalls');
const T64 = readFileSync(join(dir, 'syscall_64.tbl'), 'utf8');
const T32 = readFileSync(join(dir, 'syscall_32.tbl'), 'utf8');
const WITH_NSYS = insertAfter(T64, 325, '326\tcommon\tnsys\t\t\tsys_nsys');

/** name → value of every __NR_ macro gcc sees after including `header` (values evaluated by cpp). */
function hostNumbers(header: string, prefix = '__NR_'): Map<string, string> {
  const names = host('gcc', ['-E', '-dM', '-x', 'c', '-'], { input: `#include <${header}>\n` });
  expect(names.status, names.stderr).toBe(0);
  const out = new Map<string, string>();
  for (const m of names.stdout.matchAll(/^#define (\w+) (.*)$/gm)) if (m[1]!.startsWith(prefix)) out.set(m[1]!, m[2]!);
  return out;
}

function ourNumbers(text: string): Map<string, string> {
  return new Map([...text.matchAll(/^#define (__NR_\w+) (.*)$/gm)].map((m) => [m[1]!, m[2]!]));
}

describe('generateSyscallHeaders', () => {
  const h = new Map(syscallHeaderTargets(WITH_NSYS, T32).map((x) => [x.path, x]));

  it("makes the seven files of 4.4's Makefile, in its order, with make's target names", () => {
    expect([...h.values()].map((x) => `${x.tag}  ${x.target}`)).toEqual([
      'SYSTBL  arch/x86/entry/syscalls/../../include/generated/asm/syscalls_32.h',
      'SYSHDR  arch/x86/entry/syscalls/../../include/generated/asm/unistd_32_ia32.h',
      'SYSHDR  arch/x86/entry/syscalls/../../include/generated/asm/unistd_64_x32.h',
      'SYSTBL  arch/x86/entry/syscalls/../../include/generated/asm/syscalls_64.h',
      'SYSHDR  arch/x86/entry/syscalls/../../include/generated/uapi/asm/unistd_32.h',
      'SYSHDR  arch/x86/entry/syscalls/../../include/generated/uapi/asm/unistd_64.h',
      'SYSHDR  arch/x86/entry/syscalls/../../include/generated/uapi/asm/unistd_x32.h',
    ]);
    expect([...generateSyscallHeaders(WITH_NSYS, T32).keys()]).toEqual([...h.keys()]);
    expect([...h.keys()][0]).toBe('arch/x86/include/generated/asm/syscalls_32.h');
  });

  it('syscalls_64.h: __SYSCALL_<ABI>(nr, entry, entry); no line for an entry without an entry point', () => {
    const t = h.get('arch/x86/include/generated/asm/syscalls_64.h')!.content;
    const lines = t.trimEnd().split('\n');
    expect(lines[0]).toBe('__SYSCALL_COMMON(0, sys_read, sys_read)');
    expect(lines).toContain('__SYSCALL_COMMON(39, sys_getpid, sys_getpid)');
    expect(lines).toContain('__SYSCALL_COMMON(326, sys_nsys, sys_nsys)');
    expect(lines).toContain('__SYSCALL_64(59, stub_execve, stub_execve)');
    expect(lines).toContain('__SYSCALL_X32(512, compat_sys_rt_sigaction, compat_sys_rt_sigaction)');
    expect(t).not.toContain('(134,'); // uselib has no entry point
    expect(lines).toHaveLength(361 - 15); // 360 + nsys, less the 15 without an entry point
  });

  it('syscalls_32.h: the compat column when there is one', () => {
    const t = h.get('arch/x86/include/generated/asm/syscalls_32.h')!.content.split('\n');
    expect(t[0]).toBe('__SYSCALL_I386(0, sys_restart_syscall, sys_restart_syscall)');
    expect(t).toContain('__SYSCALL_I386(2, sys_fork, sys_fork)');
    expect(t).toContain('__SYSCALL_I386(5, sys_open, compat_sys_open)');
    expect(t).toContain('__SYSCALL_I386(7, sys_waitpid, sys32_waitpid)');
  });

  it('unistd_64.h: guard, blank line, defines in numeric order, blank line, #endif', () => {
    const t = h.get('arch/x86/include/generated/uapi/asm/unistd_64.h')!.content;
    expect(t.startsWith('#ifndef _ASM_X86_UNISTD_64_H\n#define _ASM_X86_UNISTD_64_H 1\n\n#define __NR_read 0\n#define __NR_write 1\n')).toBe(true);
    expect(t.endsWith('#define __NR_mlock2 325\n#define __NR_nsys 326\n\n#endif /* _ASM_X86_UNISTD_64_H */\n')).toBe(true);
    expect(t).not.toContain('x32');
  });

  it('unistd_x32.h adds __X32_SYSCALL_BIT; unistd_64_x32.h and unistd_32_ia32.h use prefixes', () => {
    expect(h.get('arch/x86/include/generated/uapi/asm/unistd_x32.h')!.content).toContain('#define __NR_read (__X32_SYSCALL_BIT + 0)\n');
    expect(h.get('arch/x86/include/generated/uapi/asm/unistd_x32.h')!.content).toContain('#define __NR_rt_sigaction (__X32_SYSCALL_BIT + 512)\n');
    expect(h.get('arch/x86/include/generated/asm/unistd_64_x32.h')!.content).toContain('#define __NR_x32_rt_sigaction 512\n');
    expect(h.get('arch/x86/include/generated/asm/unistd_32_ia32.h')!.content).toContain('#define __NR_ia32_restart_syscall 0\n');
    expect(h.get('arch/x86/include/generated/asm/unistd_32_ia32.h')!.content.split('\n')[0]).toBe('#ifndef _ASM_X86_UNISTD_32_IA32_H');
  });

  it("every number agrees with the host kernel's headers (gcc -E -dM)", () => {
    for (const [ours, theirs] of [
      ['arch/x86/include/generated/uapi/asm/unistd_64.h', 'asm/unistd_64.h'],
      ['arch/x86/include/generated/uapi/asm/unistd_32.h', 'asm/unistd_32.h'],
      ['arch/x86/include/generated/uapi/asm/unistd_x32.h', 'asm/unistd_x32.h'],
    ] as const) {
      const mine = ourNumbers(generateSyscallHeaders(T64, T32).get(ours)!);
      const hosts = hostNumbers(theirs);
      expect(mine.size).toBeGreaterThan(300);
      for (const [name, value] of mine) expect(`${name} ${hosts.get(name)}`).toBe(`${name} ${value}`);
    }
  });
});

describe('the scripts, line by line', () => {
  it('sort -n orders by number; lines not starting with a digit are skipped', () => {
    expect(syscallTable('# c\n10\t64\tb\tsys_b\n 5\t64\tz\tsys_z\n2\tcommon\ta\tsys_a\n')).toBe(
      '__SYSCALL_COMMON(2, sys_a, sys_a)\n__SYSCALL_64(10, sys_b, sys_b)\n',
    );
  });
  it('syscallhdr: ABIs as a comma list; the guard from the file name', () => {
    expect(fileGuard('unistd_32_ia32.h')).toBe('_ASM_X86_UNISTD_32_IA32_H');
    expect(syscallHeader('1\t64\ta\n0\tx32\tb\n2\tcommon\tc\n', 'unistd_64.h', 'common,64')).toBe(
      '#ifndef _ASM_X86_UNISTD_64_H\n#define _ASM_X86_UNISTD_64_H 1\n\n#define __NR_a 1\n#define __NR_c 2\n\n#endif /* _ASM_X86_UNISTD_64_H */\n',
    );
  });
});
