// The artifacts as kbuild leaves them, checked with the real tools: the generated syscall headers
// byte for byte against the 4.4 scripts themselves (sh syscalltbl.sh / syscallhdr.sh), the
// tables against the reference TSV, vmlinux with readelf, System.map with nm -n, bzImage with file.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { host } from '../helpers/kwb.js';
import { builtWorkspace, cleanup } from './build-helpers.js';
import { crc32, crc32Slow } from '../../src/kbuild/image.js';

let d: string;
beforeAll(async () => {
  d = await builtWorkspace();
}, 120_000);
afterAll(() => cleanup(d));

const REF = join(__dirname, '../../../shared/reference');

describe('generated syscall headers', () => {
  // [generated file, script, table, script arguments after IN OUT]
  const cases: [string, string, string, string[]][] = [
    ['arch/x86/include/generated/asm/syscalls_64.h', 'syscalltbl.sh', 'syscall_64.tbl', []],
    ['arch/x86/include/generated/asm/syscalls_32.h', 'syscalltbl.sh', 'syscall_32.tbl', []],
    ['arch/x86/include/generated/uapi/asm/unistd_64.h', 'syscallhdr.sh', 'syscall_64.tbl', ['common,64', '', '']],
    ['arch/x86/include/generated/uapi/asm/unistd_32.h', 'syscallhdr.sh', 'syscall_32.tbl', ['i386', '', '']],
    ['arch/x86/include/generated/uapi/asm/unistd_x32.h', 'syscallhdr.sh', 'syscall_64.tbl', ['common,x32', '', '__X32_SYSCALL_BIT']],
    ['arch/x86/include/generated/asm/unistd_32_ia32.h', 'syscallhdr.sh', 'syscall_32.tbl', ['i386', 'ia32_', '']],
    ['arch/x86/include/generated/asm/unistd_64_x32.h', 'syscallhdr.sh', 'syscall_64.tbl', ['x32', 'x32_', '']],
  ];
  for (const [file, script, table, args] of cases) {
    it(`${file} equals what 4.4's ${script} writes`, () => {
      const dir = 'arch/x86/entry/syscalls';
      // the include guard comes from the output's file name, so the oracle writes one of the same name
      const out = join(mkdtempSync(join(tmpdir(), 'kwb-oracle-')), file.split('/').pop()!);
      const r = host('sh', [`${dir}/${script}`, `${dir}/${table}`, out, ...args], { cwd: d });
      expect(r.status, r.stderr).toBe(0);
      expect(readFileSync(join(d, file), 'utf8')).toBe(readFileSync(out, 'utf8'));
    });
  }

  it('the tables carry the same entries as the 4.4.121 reference', () => {
    for (const arch of ['64', '32']) {
      const ref = readFileSync(join(REF, `linux-4.4.121-syscall_${arch}.tsv`), 'utf8')
        .split('\n')
        .filter((l) => /^[0-9]/.test(l))
        .map((l) => l.split('\t').slice(0, 5).join(' ').trim().replace(/\s+/g, ' '));
      const tbl = readFileSync(join(d, `arch/x86/entry/syscalls/syscall_${arch}.tbl`), 'utf8')
        .split('\n')
        .filter((l) => /^[0-9]/.test(l))
        .map((l) => l.trim().split(/\s+/).join(' '));
      expect(tbl).toEqual(ref);
    }
    expect(readFileSync(join(d, 'arch/x86/include/generated/uapi/asm/unistd_64.h'), 'utf8')).toContain('#define __NR_mlock2 325\n');
  });
});

describe('vmlinux, System.map, bzImage', () => {
  it('vmlinux is an ELF64 executable linked at 0xffffffff81000000 with its symbols', () => {
    const r = host('readelf', ['-hlS', join(d, 'vmlinux')]);
    expect(r.stdout).toMatch(/Class:\s+ELF64/);
    expect(r.stdout).toMatch(/Type:\s+EXEC/);
    expect(r.stdout).toMatch(/LOAD\s+0x[0-9a-f]+ 0xffffffff81000000 0x0000000001000000/);
    expect(r.stdout).toContain('.symtab');
  });

  it('System.map is nm -n vmlinux without the symbols mksysmap drops', () => {
    const nm = host('nm', ['-n', join(d, 'vmlinux')]).stdout;
    const expected = nm
      .split('\n')
      .filter((l) => l && !/ [aNUw] /.test(l) && !l.includes('__crc_') && !/ \$[adt]/.test(l))
      .join('\n');
    expect(readFileSync(join(d, 'System.map'), 'utf8').trimEnd()).toBe(expected);
    expect(expected).toMatch(/^ffffffff81000000 T _text$/m);
    expect(expected).toMatch(/ R sys_call_table$/m);
    expect(expected).toMatch(/ T start_kernel$/m);
  });

  it('bzImage carries a boot header file(1) recognizes, with the version string', () => {
    const r = host('file', ['-b', join(d, 'arch/x86/boot/bzImage')]);
    expect(r.stdout).toMatch(/^Linux kernel x86 boot executable bzImage, version 4\.4\.79 \(root@kwb\) #1 SMP Sat Nov 21 12:00:00 UTC 2026,/);
    const img = readFileSync(join(d, 'arch/x86/boot/bzImage'));
    expect(img.toString('latin1', 0x202, 0x206)).toBe('HdrS');
    expect(img.readUInt16LE(0x1fe)).toBe(0xaa55);
    expect(img.readUInt16LE(0x206)).toBe(0x020d);
    const setup = (img[0x1f1]! + 1) * 512;
    const vmlinux = readFileSync(join(d, 'vmlinux'));
    expect(img.readUInt32LE(0x24c)).toBe(vmlinux.length);
    expect(Buffer.compare(img.subarray(setup, setup + vmlinux.length), vmlinux)).toBe(0);
    // tools/build.c's CRC of everything before it: both implementations, and the check value of
    // CRC-32 ("123456789" → 0xcbf43926) without the final inversion.
    const body = img.subarray(0, img.length - 4);
    expect(img.readUInt32LE(img.length - 4)).toBe(crc32Slow(body));
    expect(crc32(body)).toBe(crc32Slow(body));
    expect(crc32(Buffer.from('123456789'))).toBe(~0xcbf43926 >>> 0);
  });

  it('.cmd files record the command and the dependencies as fixdep writes them', () => {
    const cmd = readFileSync(join(d, 'kernel/.sys.o.cmd'), 'utf8');
    expect(cmd).toMatch(/^cmd_kernel\/sys\.o := gcc -Wp,-MD,kernel\/\.sys\.o\.d -nostdinc -isystem \S+ -I\.\/arch\/x86\/include .* -c -o kernel\/sys\.o kernel\/sys\.c\n\nsource_kernel\/sys\.o := kernel\/sys\.c\n\ndeps_kernel\/sys\.o := \\\n/);
    expect(cmd).toContain('  include/linux/syscalls.h \\\n');
    expect(cmd).toContain('    $(wildcard include/config/x86/32.h) \\\n');
    expect(cmd).not.toContain('autoconf.h');
    expect(cmd.endsWith('\nkernel/sys.o: $(deps_kernel/sys.o)\n\n$(deps_kernel/sys.o):\n')).toBe(true);
    const builtin = readFileSync(join(d, 'kernel/.built-in.o.cmd'), 'utf8');
    expect(builtin).toMatch(/^cmd_kernel\/built-in\.o := ld -m elf_x86_64 -r -o kernel\/built-in\.o( kernel\/\S+\.o)+\n$/);
    expect(builtin).toContain(' kernel/sys.o ');
    expect(builtin).toContain(' kernel/printk/built-in.o');
  });

  it('generated version headers', () => {
    expect(readFileSync(join(d, 'include/generated/uapi/linux/version.h'), 'utf8')).toBe(
      '#define LINUX_VERSION_CODE 263247\n#define KERNEL_VERSION(a,b,c) (((a) << 16) + ((b) << 8) + (c))\n',
    );
    expect(readFileSync(join(d, 'include/generated/utsrelease.h'), 'utf8')).toBe('#define UTS_RELEASE "4.4.79"\n');
    expect(readFileSync(join(d, 'include/generated/compile.h'), 'utf8')).toBe(
      [
        '/* This file is auto generated, version 1 */',
        '/* SMP */',
        '#define UTS_MACHINE "x86_64"',
        '#define UTS_VERSION "#1 SMP Sat Nov 21 12:00:00 UTC 2026"',
        '#define LINUX_COMPILE_BY "root"',
        '#define LINUX_COMPILE_HOST "kwb"',
        '#define LINUX_COMPILER "gcc version 5.4.0 (kernel-workbench kwb cc)"',
        '',
      ].join('\n'),
    );
    expect(readFileSync(join(d, 'include/generated/asm-offsets.h'), 'utf8')).toContain('\n#define __NR_syscall_max 325 /* sizeof(syscalls_64) - 1 */\n');
  });
});
