// kbuild as whole processes, the way a student meets it: `kwb make` on a fresh workspace (cold
// build of the whole tree), again with nothing changed (no-op), and after touching one source
// (one-file rebuild: CC, LD of its directory, relink). Goals: 1.5 s, 200 ms, 300 ms; node's own
// start-up is the anchor measured in the same run, and `kwb --version` shows what starting kwb
// itself costs. Each figure is the median of its runs, with the best run beside it (the machine
// is shared: the best run is the one least disturbed).
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const kwb = join(root, 'bin/kwb.mjs');

function run(args: string[], cwd?: string): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const best = (xs: number[]): number => Math.min(...xs);

export default async function (): Promise<void> {
  const node = median(Array.from({ length: 5 }, () => run(['-e', '0'])));
  const start = Array.from({ length: 5 }, () => run([kwb, '--version']));
  const cold: number[] = [];
  const noop: number[] = [];
  const one: number[] = [];
  for (let i = 0; i < 3; i++) {
    const base = mkdtempSync(join(tmpdir(), 'kwb-bench-'));
    const ws = join(base, 'linux');
    try {
      run([kwb, 'init', ws]);
      run([kwb, 'make', 'defconfig'], ws);
      cold.push(run([kwb, 'make'], ws));
      noop.push(run([kwb, 'make'], ws));
      noop.push(run([kwb, 'make'], ws));
      for (const file of ['kernel/sys.c', 'kernel/fork.c']) {
        appendFileSync(join(ws, file), `\n/* bench ${i} */\n`);
        one.push(run([kwb, 'make'], ws));
      }
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  }
  const line = (what: string, xs: number[], goal?: number): string => {
    const ms = median(xs);
    const verdict = goal === undefined ? '' : `; goal ${goal} ms${ms <= goal ? '' : ', MISSED'}`;
    return `   ${what.padEnd(24)}${ms.toFixed(1).padStart(8)} ms   (best ${best(xs).toFixed(1)} ms; ${(ms / node).toFixed(2)}x node start-up${verdict})`;
  };
  console.log(`   node -e 0 (anchor)      ${node.toFixed(1).padStart(8)} ms`);
  console.log(line('kwb --version', start));
  console.log(line('kwb make, cold', cold, 1500));
  console.log(line('kwb make, no-op', noop, 200));
  console.log(line('kwb make, one file', one, 300));
}
