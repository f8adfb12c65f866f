// gcc's "did you mean ...?" hints: the closest candidate by edit distance (with adjacent
// transpositions counting as one edit), within gcc's cutoff for the two lengths.

export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = [i];
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[m]!;
}

/** The largest distance gcc accepts between strings of these lengths. */
function cutoff(goalLen: number, candLen: number): number {
  const max = Math.max(goalLen, candLen);
  const min = Math.min(goalLen, candLen);
  if (max <= 1) return 0;
  if (max - min <= 1) return Math.max(Math.floor(max / 3), 1);
  return Math.floor((max + 2) / 4);
}

/** The best suggestion for `goal` among `candidates`, or null. */
export function suggest(goal: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDist = Infinity;
  for (const c of candidates) {
    if (c === goal) continue;
    if (c.startsWith('_') && !goal.startsWith('_')) continue; // reserved names are never suggested
    const d = editDistance(goal, c);
    if (d <= cutoff(goal.length, c.length) && d < bestDist) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}
