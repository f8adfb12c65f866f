// Jump relaxation against GNU as on generated programs: forward and backward jumps, alignment
// pads (with and without a maximum), gaps of every size, and label differences used as data
// and displacements — the same final sizes, bytes and relocations as GNU's relaxation.
import { describe, expect, it } from 'vitest';
import { compareWithGnu } from './oracle.js';

function program(seed: number): string {
  let s = seed;
  const rnd = (n: number) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
  const labels = 4 + rnd(12);
  const lines = ['\t.text'];
  const placed = new Set<number>();
  for (let i = 0; i < 60; i++) {
    const r = rnd(10);
    if (r < 3) lines.push(`\tj${['mp', 'e', 'ne', 'l', 'g'][rnd(5)]} .L${rnd(labels)}`);
    else if (r < 5) lines.push(`\t.skip ${rnd(90)}`);
    else if (r < 6) lines.push(`\t.p2align ${rnd(6)}${rnd(2) ? `,,${rnd(16)}` : ''}`);
    else if (r < 7) lines.push(`\tmovl $${rnd(1000)}, ${rnd(2) ? '%eax' : `.L${rnd(labels)}-.L${rnd(labels)}(%rbx)`}`);
    else if (r < 8) lines.push(`\t.long .L${rnd(labels)}-.L${rnd(labels)}`);
    else lines.push('\tnop');
    const l = rnd(labels);
    if (rnd(5) === 0 && !placed.has(l)) {
      placed.add(l);
      lines.push(`.L${l}:`);
    }
  }
  for (let l = 0; l < labels; l++) if (!placed.has(l)) lines.push(`.L${l}:`);
  return lines.join('\n') + '\n';
}

describe('jump relaxation matches GNU as', () => {
  it('on 60 generated programs', () => {
    const bad: string[] = [];
    for (let seed = 1; seed <= 60; seed++) {
      const src = program(seed * 7919);
      const d = compareWithGnu(src);
      if (d.length) bad.push(`seed ${seed}:\n${d.join('\n').slice(0, 800)}`);
    }
    expect(bad.slice(0, 3).join('\n')).toBe('');
  });
});
