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

/** Flags shared by every file of a tree (kbuild gives all of them the same ones). */
interface Job {
  cwd: string;
  includeDirs: string[];
  systemIncludeDirs: string[];
  defines: [string, string?][];
  forceIncludes: string[];
  freestanding: boolean;
  asm: boolean;
}

interface GccResult {
  output: Map<string, string>;
  failed: Set<string>;
}

/** One gcc run over all `files`; its output starts each file with `# 0 "FILE"`. */
function gccAll(job: Job, files: string[]): GccResult {
  const args = ['-E', '-undef', '-nostdinc', ...predefineFlags({ assembler: job.asm, freestanding: job.freestanding })];
  if (job.asm) args.push('-x', 'assembler-with-cpp');
  for (const d of job.includeDirs) args.push(`-I${d}`);
  for (const d of job.systemIncludeDirs) args.push('-isystem', d);
  for (const f of job.forceIncludes) args.push('-include', f);
  for (const [n, v] of job.defines) args.push(v === undefined ? `-D${n}` : `-D${n}=${v}`);
  const g = host('gcc', [...args, ...files], { cwd: job.cwd });
  const names = new Set(files);
  const parts = new Map<string, string[]>();
  let cur: string[] = [];
  for (const line of g.stdout.split('\n')) {
    const m = /^# 0 "(.*)"$/.exec(line);
    if (m && names.has(m[1]) && !parts.has(m[1])) parts.set(m[1], (cur = []));
    else cur.push(line);
  }
  const failed = new Set<string>();
  for (const line of g.stderr.split('\n')) {
    const m = /^(.*?):\d+(?::\d+)?: (?:fatal )?error:/.exec(line);
    if (m) failed.add(m[1]);
  }
  return { output: new Map([...parts].map(([k, v]) => [k, v.join('\n')])), failed };
}

function compareTree(title: string, dir: string, job: Omit<Job, 'asm' | 'cwd'>, extraDefinesForAsm: [string, string?][]): void {
  describe(title, () => {
    const files = sources(dir);
    const results = new Map<boolean, GccResult>();
    const resultFor = (asm: boolean): GccResult => {
      let r = results.get(asm);
      if (!r) {
        const defines = asm ? [...job.defines, ...extraDefinesForAsm] : job.defines;
        r = gccAll({ ...job, defines, cwd: dir, asm }, files.filter((f) => f.endsWith('.S') === asm));
        results.set(asm, r);
      }
      return r;
    };
    for (const file of files) {
      it(file, () => {
        const asm = file.endsWith('.S');
        const g = resultFor(asm);
        const defines = asm ? [...job.defines, ...extraDefinesForAsm] : job.defines;
        let ours: string | null = null;
        try {
          ours = preprocess({ ...job, defines, file, cwd: dir, undefs: [], assembler: asm }).text;
        } catch (e) {
          if (!(e instanceof DiagnosticError)) throw e;
        }
        // An error in a header is reported under the header's name, so when the batch had any
        // error, ask gcc about this file alone.
        const alone = g.failed.size > 0 ? gccAll({ ...job, defines, cwd: dir, asm }, [file]) : g;
        const gccFailed = alone.failed.size > 0;
        expect(ours !== null, `${file}: we fail exactly when gcc fails`).toBe(!gccFailed);
        if (ours !== null) expect(tokensOf(ours, asm).join(' ')).toBe(tokensOf(alone.output.get(file) ?? '', asm).join(' '));
      });
    }
  });
}

const KERNEL_INC = ['arch/x86/include', 'arch/x86/include/generated/uapi', 'arch/x86/include/generated', 'include', 'arch/x86/include/uapi', 'include/uapi', 'include/generated/uapi', stubs];
compareTree(
  'kernel tree, preprocessed as kbuild does',
  join(ROOT, 'kernel-tree'),
  { includeDirs: KERNEL_INC, systemIncludeDirs: [], defines: [['__KERNEL__']], forceIncludes: ['include/linux/kconfig.h'], freestanding: true },
  [['__ASSEMBLY__']],
);
compareTree('user libc', join(ROOT, 'userland'), { includeDirs: [], systemIncludeDirs: ['include'], defines: [], forceIncludes: [], freestanding: false }, []);
