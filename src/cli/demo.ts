// `kwb demo`: the nsys lesson headless, in a temporary workspace — init, defconfig, a table entry
// and SYSCALL_DEFINE0(nsys), the link error without core-y, the build with it, a program calling
// syscall(326) on the booted kernel, and the greeting in dmesg. Each step runs the real command.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addNewsysToCoreY, addNsysSources, SYSCALL_C } from '../lab/nsys-seed.js';
import type { KwbCommand } from './command.js';



function kwb(cwd: string, args: string[]): { status: number; out: string } {
  const r = spawnSync(process.execPath, [process.argv[1]!, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status ?? 1, out: (r.stdout ?? '') + (r.stderr ?? '') };
}

const command: KwbCommand = {
  name: 'demo',
  synopsis: 'demo',
  describe: 'the nsys lesson, headless, in a temporary workspace',
  async run() {
    const base = mkdtempSync(join(tmpdir(), 'kwb-demo-'));
    const ws = join(base, 'linux');
    const say = (s: string): void => void process.stdout.write(s + '\n');
    const show = (out: string, lines = 6): void => {
      const all = out.trimEnd().split('\n');
      for (const l of all.slice(-lines)) say('    ' + l);
    };
    try {
      say(`$ kwb init ${ws}`);
      let r = kwb(base, ['init', ws]);
      if (r.status) return fail(r.out);
      say('$ kwb make defconfig');
      r = kwb(ws, ['make', 'defconfig']);
      if (r.status) return fail(r.out);
      say('# add syscall 326 to arch/x86/entry/syscalls/syscall_64.tbl and write newsys/nsys.c');
      addNsysSources(ws);
      say('$ kwb make            # newsys/ is not in core-y yet: the link fails');
      r = kwb(ws, ['make']);
      show(r.out, 2);
      say("# add newsys/ to the Makefile's core-y line");
      addNewsysToCoreY(ws);
      say('$ kwb make');
      r = kwb(ws, ['make']);
      show(r.out, 3);
      if (r.status) return fail('');
      say('# syscall.c calls syscall(326)');
      writeFileSync(join(ws, 'syscall.c'), SYSCALL_C);
      say('$ kwb run syscall.c');
      r = kwb(ws, ['run', 'syscall.c']);
      show(r.out);
      say('$ kwb dmesg | tail -3');
      r = kwb(ws, ['dmesg']);
      show(r.out, 3);
      return r.status;
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
    function fail(out: string): number {
      process.stderr.write(out);
      return 1;
    }
  },
};

export default command;
