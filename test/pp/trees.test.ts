// The project's real C and assembly — the kernel tree (as kbuild preprocesses it) and the user
// libc — preprocess to the same token streams as the host's gcc -E. Headers kbuild generates
// (autoconf.h, syscalls_64.h, ...) are stood in for by small stubs in a temporary directory.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiagnosticError } from '../../src/diag.js';
import { preprocess } from '../../src/toolchain/cc/preprocess.js';
import { host, ROOT } from '../helpers/kwb.js';
import { predefineFlags, tokensOf } from './oracle.js';

function sources(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.[cS]$/.test(e)) out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

const stubs = mkdtempSync(join(tmpdir(), 'kwb-pp-gen-'));
afterAll(() => rmSync(stubs, { recursive: true, force: true }));
const STUBS: Record<string, string> = {
  'generated/autoconf.h': '#define CONFIG_X86_64 1\n#define CONFIG_64BIT 1\n#define CONFIG_PRINTK 1\n#define CONFIG_IA32_EMULATION 1\n#define CONFIG_LOCALVERSION ""\n',
  'generated/utsrelease.h': '#define UTS_RELEASE "4.4.79"\n',
  'generated/compile.h': '#define UTS_VERSION "#1 SMP"\n#define LINUX_COMPILE_BY "root"\n#define LINUX_COMPILE_HOST "kwb"\n#define LINUX_COMPILER "gcc version 4.9.2"\n',
  'generated/asm-offsets.h': '',
  'asm/syscalls_64.h': '__SYSCALL_64(0, sys_read, )\n__SYSCALL_64(1, sys_write, )\n',
  'asm/syscalls_32.h': '__SYSCALL_I386(0, sys_restart_syscall, )\n',
  'asm/unistd_64.h': '#define __NR_read 0\n',
  'asm/unistd_64_x32.h': '',
  'linux/version.h': '#define LINUX_VERSION_CODE 263247\n#define KERNEL_VERSION(a,b,c) (((a) << 16) + ((b) << 8) + (c))\n',
  'stdarg.h': 'typedef __builtin_va_list va_list;\n#define va_start(v, l) __builtin_va_start(v, l)\n',
};
for (const [name, text] of Object.entries(STUBS)) {
  mkdirSync(dirname(join(stubs, name)), { recursive: true });
  writeFileSync(join(stubs, name), text);
}

interface Job {
  cwd: string;
  file: string;
  includeDirs: string[];
  systemIncludeDirs: string[];
  defines: [string, string?][];
  forceIncludes: string[];
  freestanding: boolean;
}

function compare(job: Job): void {
  const asm = job.file.endsWith('.S');
  const args = ['-E', '-undef', '-nostdinc', ...predefineFlags({ assembler: asm, freestanding: job.freestanding })];
  if (asm) args.push('-x', 'assembler-with-cpp');
  for (const d of job.includeDirs) args.push(`-I${d}`);
  for (const d of job.systemIncludeDirs) args.push('-isystem', d);
  for (const f of job.forceIncludes) args.push('-include', f);
  for (const [n, v] of job.defines) args.push(v === undefined ? `-D${n}` : `-D${n}=${v}`);
  args.push(job.file);
  const g = host('gcc', args, { cwd: job.cwd });
  let ours: string | null = null;
  try {
    ours = preprocess({ ...job, undefs: [], assembler: asm }).text;
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
  }
  expect(ours !== null, `${job.file}: we fail exactly when gcc fails (gcc: ${g.stderr.split('\n')[0]})`).toBe(g.status === 0);
  if (ours !== null) expect(tokensOf(ours, asm).join(' ')).toBe(tokensOf(g.stdout, asm).join(' '));
}

describe('kernel tree, preprocessed as kbuild does', () => {
  const tree = join(ROOT, 'kernel-tree');
  const inc = ['arch/x86/include', 'arch/x86/include/generated/uapi', 'arch/x86/include/generated', 'include', 'arch/x86/include/uapi', 'include/uapi', 'include/generated/uapi', stubs];
  for (const file of sources(tree)) {
    it(file, () => {
      const defines: [string, string?][] = [['__KERNEL__']];
      if (file.endsWith('.S')) defines.push(['__ASSEMBLY__']);
      compare({ cwd: tree, file, includeDirs: inc, systemIncludeDirs: [], defines, forceIncludes: ['include/linux/kconfig.h'], freestanding: true });
    });
  }
});

describe('user libc', () => {
  const dir = join(ROOT, 'userland');
  for (const file of sources(dir)) {
    it(file, () => compare({ cwd: dir, file, includeDirs: [], systemIncludeDirs: ['include'], defines: [], forceIncludes: [], freestanding: false }));
  }
});
