// Differential fuzzing of macro expansion against gcc -E: random families of object- and
// function-like macros that mention each other (and themselves), with # and ##, variadic
// parameters and unbalanced parentheses, invoked in random ways. Rescanning and blue paint must
// give gcc's token stream; where gcc reports an error we must too.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiagnosticError } from '../../src/diag.js';
import { preprocess } from '../../src/toolchain/cc/preprocess.js';
import { host } from '../helpers/kwb.js';
import { tokensOf } from './oracle.js';

// PP_FUZZ_SEED / PP_FUZZ_N explore further by hand; the suite runs the fixed default.
let seed = Number(process.env.PP_FUZZ_SEED ?? 4404);
const rnd = (n: number): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) % n;
};
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)];

const NAMES = ['A', 'B', 'C', 'F', 'G', 'H'];
const PLAIN = ['x', 'y', '1', '2', '+', '-', '*', ','];

function program(): string {
  const lines: string[] = [];
  for (const name of NAMES) {
    if (rnd(5) === 0) continue; // some names stay undefined
    const fn = rnd(3) !== 0;
    const params = fn ? ['a', 'b', 'c'].slice(0, rnd(4)) : [];
    const variadic = fn && rnd(4) === 0;
    const body: string[] = [];
    for (let k = 1 + rnd(6); k > 0; k--) {
      const r = rnd(10);
      if (r < 3 && params.length) body.push(pick(params));
      else if (r < 5) body.push(pick(NAMES));
      else if (r === 5) body.push(pick(['(', ')']));
      else if (r === 6 && fn && params.length) body.push(`#${pick(params)}`);
      else if (r === 7 && variadic) body.push(pick(['__VA_ARGS__', ', ## __VA_ARGS__', '#__VA_ARGS__', '__VA_OPT__(x ,)', '__VA_OPT__(__VA_ARGS__ +)']));
      else if (r === 8 && body.length > 0 && params.length) body.push(`## ${pick(params)}`);
      else body.push(pick(PLAIN));
    }
    const plist = [...params, ...(variadic ? ['...'] : [])].join(', ');
    lines.push(`#define ${name}${fn ? `(${plist})` : ''} ${body.join(' ')}`);
  }
  for (let l = 0; l < 6; l++) {
    const toks: string[] = [];
    for (let k = 1 + rnd(8); k > 0; k--) {
      const r = rnd(6);
      if (r < 3) toks.push(pick(NAMES));
      else if (r === 3) toks.push(`(${pick(['', 'x', '1, 2', 'A', 'F(x)', '(y)', 'G(1,2)', 'a, b, c', ',', 'x,', ', y', 'H()', 'B C', '(1, 2), 3'])})`);
      else toks.push(pick([...PLAIN, '(', ')']));
    }
    lines.push(toks.join(rnd(2) ? ' ' : ''));
  }
  return lines.join('\n') + '\n;\n';
}

const dir = mkdtempSync(join(tmpdir(), 'kwb-pp-mfz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('macro expansion fuzz vs gcc -E', () => {
  it("200 random macro families expand to gcc token streams", () => {
    const problems: string[] = [];
    let compared = 0;
    const n = Number(process.env.PP_FUZZ_N ?? 200);
    const sources: string[] = [];
    for (let i = 0; i < n; i++) sources.push(program());
    const names = sources.map((_, i) => `m${i}.c`);
    sources.forEach((src, i) => writeFileSync(join(dir, names[i]), src));
    // One gcc run for all programs: its output starts each file with `# 0 "mN.c"`.
    const g = host('gcc', ['-E', '-undef', '-nostdinc', ...names], { cwd: dir });
    const outputs = new Map<string, string[]>();
    let current: string[] = [];
    for (const line of g.stdout.split('\n')) {
      const m = /^# 0 "(m\d+\.c)"$/.exec(line);
      if (m) outputs.set(m[1], (current = []));
      else current.push(line);
    }
    expect(outputs.size).toBe(n);
    const failed = new Set(g.stderr.split('\n').map((l) => /^(m\d+\.c):\d+(:\d+)?: (fatal )?error:/.exec(l)?.[1]).filter((x) => x !== undefined));
    sources.forEach((src, i) => {
      let ours: string | null = null;
      try {
        ours = preprocess({ file: names[i], source: src, includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [] }).text;
      } catch (e) {
        if (!(e instanceof DiagnosticError)) throw e;
      }
      const gccFailed = failed.has(names[i]);
      if ((ours === null) !== gccFailed) {
        problems.push(`error parity (gcc ${gccFailed ? 'failed' : 'succeeded'}):\n${src}`);
        return;
      }
      if (ours === null) return;
      compared++;
      const a = tokensOf((outputs.get(names[i]) ?? []).join('\n')).join(' ');
      const b = tokensOf(ours).join(' ');
      if (a !== b) problems.push(`${src}\n gcc: ${a}\n our: ${b}`);
    });
    expect(problems).toEqual([]);
    expect(compared).toBeGreaterThan(30);
  });
});
