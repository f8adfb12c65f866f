// Whole-process start-up of `kwb`: every goal elsewhere (build, run) is a whole-process figure,
// so the cost of starting the CLI is measured on its own, against `node -e 0` as the anchor.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(args: string[], runs = 9): number {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
    xs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(xs);
}

export default async function (): Promise<void> {
  const node = time(['-e', '0']);
  const help = time([join(root, 'bin/kwb.mjs'), '--help']);
  console.log(`   node -e 0 (anchor)      ${node.toFixed(1)} ms`);
  console.log(`   kwb --help              ${help.toFixed(1)} ms   (${(help / node).toFixed(2)}x node start-up)`);
}
