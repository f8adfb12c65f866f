// The workbench's responsiveness in a pseudo-terminal (script(1) gives `kwb` a real pty at 80x24):
//   first frame      — from starting `kwb` to the lab picker on screen        (goal ≤ 500 ms)
//   keystroke→frame  — from a key written to the pty to the redrawn frame     (goal ≤ 50 ms)
// measured while moving in the picker and while typing in the editor. KWB_TUI_CMD overrides the
// command (development before `kwb` opened the workbench).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/paths.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export default async function bench(): Promise<void> {
  if (spawnSync('script', ['--version']).status !== 0) throw new Error('script(1) from util-linux is required');
  const home = mkdtempSync(join(tmpdir(), 'kwb-bench-tui-'));
  const cmd = process.env.KWB_TUI_CMD ?? `node ${join(packageRoot(), 'bin', 'kwb.mjs')}`;
  const t0 = performance.now();
  const child = spawn('script', ['-qfec', `stty cols 80 rows 24; exec ${cmd}`, '/dev/null'], {
    cwd: home,
    env: { ...process.env, HOME: home, XDG_STATE_HOME: join(home, 'state'), KWB_WORKSPACES: join(home, 'labs'), TERM: 'xterm-256color' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let lastData = performance.now();
  child.stdout.setEncoding('utf8').on('data', (t: string) => {
    out += t;
    lastData = performance.now();
  });
  const waitFor = async (what: string, ms: number): Promise<number> => {
    const end = performance.now() + ms;
    while (performance.now() < end) {
      if (out.includes(what)) return performance.now();
      await sleep(2);
    }
    throw new Error(`kwb did not show '${what}' within ${ms} ms (is \`kwb\` wired to the workbench?)`);
  };
  /** Writes a key and times until the first output after it (the redrawn frame). */
  const keystroke = async (key: string): Promise<number> => {
    await sleep(60); // let the previous frame settle
    const before = out.length;
    const start = performance.now();
    child.stdin.write(key);
    while (out.length === before) {
      if (performance.now() - start > 2000) return Infinity;
      await sleep(0.5);
    }
    void lastData;
    return performance.now() - start;
  };
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { median: s[Math.floor(s.length / 2)]!, p90: s[Math.floor(s.length * 0.9)]!, max: s[s.length - 1]! };
  };
  try {
    const first = (await waitFor('Hello syscall', 10_000)) - t0;
    console.log(`   first frame            ${first.toFixed(0).padStart(5)} ms   (goal ≤ 500 ms) ${first <= 500 ? 'ok' : 'SLOW'}`);
    const picker: number[] = [];
    for (let i = 0; i < 10; i++) picker.push(await keystroke(i % 2 ? '\x1b[A' : '\x1b[B'));
    const p = stats(picker);
    console.log(`   keystroke→frame picker  median ${p.median.toFixed(1)} ms, p90 ${p.p90.toFixed(1)} ms, max ${p.max.toFixed(1)} ms   (goal ≤ 50 ms) ${p.p90 <= 50 ? 'ok' : 'SLOW'}`);
    child.stdin.write('\r');
    await waitFor('points', 120_000);
    await sleep(300);
    child.stdin.write('\r'); // the step's file opens in the editor
    await waitFor('1:1', 10_000);
    const typing: number[] = [];
    for (const ch of 'int nsys_bench_typing;') typing.push(await keystroke(ch));
    const e = stats(typing);
    console.log(`   keystroke→frame editor  median ${e.median.toFixed(1)} ms, p90 ${e.p90.toFixed(1)} ms, max ${e.max.toFixed(1)} ms   (goal ≤ 50 ms) ${e.p90 <= 50 ? 'ok' : 'SLOW'}`);
  } finally {
    child.kill('SIGTERM');
    await sleep(100);
    rmSync(home, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
