// #if arithmetic against the host compiler: random 64-bit expressions (every literal long long or
// unsigned long long, so C's own arithmetic is intmax_t/uintmax_t arithmetic, exactly as #if's).
// gcc compiles a program printing each value and its signedness; our evaluator must agree on both.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { preprocess } from '../../src/toolchain/cc/preprocess.js';
import { host } from '../helpers/kwb.js';

// mulberry32: a small deterministic generator whose low bits are as random as its high bits.
let seed = 2026;
const rnd = (n: number): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) % n;
};

const INTERESTING = [0n, 1n, 2n, 3n, 7n, 63n, 64n, 255n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffffffffffn, 1000000007n, 12345678901234n];

function literal(): string {
  const v = rnd(3) === 0 ? BigInt(rnd(100000)) : INTERESTING[rnd(INTERESTING.length)];
  const unsigned = v > 0x7fffffffffffffffn || rnd(3) === 0;
  const text = rnd(2) ? `0x${v.toString(16)}` : v.toString();
  return `${text}${unsigned ? 'ULL' : 'LL'}`;
}

// Expressions whose C meaning is defined (no overflowing signed shifts, no division by zero, no
// shift counts outside 0..63), so gcc's program and #if must agree bit for bit.
function expr(depth: number): string {
  if (depth === 0 || rnd(4) === 0) return literal();
  const a = expr(depth - 1);
  const b = expr(depth - 1);
  switch (rnd(11)) {
    case 0: return `(${a} + ${b})`;
    case 1: return `(${a} - ${b})`;
    case 2: return `(${a} * ${b})`;
    case 3: return `(${a} / ((${b}) | 1ULL))`; // unsigned divisor: never zero, never -1
    case 4: return `(${a} % ((${b}) | 1ULL))`;
    case 5: return `((${a}) >> (${rnd(64)}))`;
    case 6: return `((unsigned_)(${a}) << ${rnd(64)})`;
    case 7: return `(${a} ${['&', '|', '^'][rnd(3)]} ${b})`;
    case 8: return `(${a} ${['<', '>', '<=', '>=', '==', '!='][rnd(6)]} ${b})`;
    case 9: return `(${a} ${['&&', '||'][rnd(2)]} ${b})`;
    default: return rnd(2) ? `(${a} ? ${b} : ${expr(depth - 1)})` : `(${['-', '~', '!', '+'][rnd(4)]}${a})`;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'kwb-pp-if-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('#if evaluator vs gcc-compiled arithmetic', () => {
  it('agrees on the value and signedness of 400 random 64-bit expressions', () => {
    const exprs: string[] = [];
    for (let i = 0; i < 400; i++) exprs.push(expr(1 + rnd(4)));
    // `(unsigned_)` marks a cast to uintmax_t; in #if it becomes `0ULL +` (same conversion).
    const inC = (e: string) => e.replace(/\(unsigned_\)/g, '(unsigned long long)');
    const inIf = (e: string) => e.replace(/\(unsigned_\)/g, '0ULL +');
    let prog = '#include <stdio.h>\nint main(void) {\n';
    for (const e of exprs) {
      prog += `  printf("%llx %d\\n", (unsigned long long)(${inC(e)}), _Generic((${inC(e)}), unsigned long long: 0, default: (${inC(e)}) < 0 ? 1 : 2));\n`;
    }
    prog += '  return 0;\n}\n';
    writeFileSync(join(dir, 'p.c'), prog);
    const cc = host('gcc', ['-std=gnu11', '-fwrapv', '-w', '-o', join(dir, 'p'), join(dir, 'p.c')]);
    expect(cc.stderr).toBe('');
    const run = host(join(dir, 'p'), []);
    const lines = run.stdout.trim().split('\n');
    expect(lines.length).toBe(exprs.length);

    let src = '';
    exprs.forEach((e, i) => {
      const [hex, kind] = lines[i].split(' ');
      // Bits: compared as unsigned. Type: in `0 ? E : -1` the -1 stays negative only if E is signed.
      src += `#if ((${inIf(e)}) == 0x${hex}ULL) && (((0 ? (${inIf(e)}) : -1) < 0) == ${kind === '0' ? 0 : 1})\nok${i}\n#else\nbad${i}\n#endif\n`;
    });
    const r = preprocess({ file: 'ifs.c', source: src, includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [], noLinemarkers: true });
    const bad = r.text.split(/\s+/).filter((t) => t.startsWith('bad')).map((t) => exprs[Number(t.slice(3))]);
    expect(bad).toEqual([]);
    expect(r.text.split(/\s+/).filter((t) => t.startsWith('ok')).length).toBe(exprs.length);
  });
});
