// Token spellings shared by every token of every compilation in the process (the preprocessor's
// and the compiler's): an open-addressing table keyed by a hash the lexers compute while
// scanning, so a name seen before costs no allocation. The strings are internalized (used once as
// a property key), so `t.text === 'for'` and keyword-set lookups compare pointers and reuse the
// cached hash.

const INTERN_LIMIT = 1 << 18;
let internKeys: (string | undefined)[] = new Array<string | undefined>(1 << 14).fill(undefined);
let internHashes = new Int32Array(1 << 14);
let internCount = 0;

/** The hash `spelling` expects: h = h * 31 + c over the characters, in int32 arithmetic. */
export function spellingHash(s: string, start: number, end: number): number {
  let h = s.charCodeAt(start);
  for (let i = start + 1; i < end; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** s.slice(start, end), from the table when it was seen before; h = spellingHash(s, start, end). */
export function spelling(s: string, start: number, end: number, h: number): string {
  const len = end - start;
  const mask = internKeys.length - 1;
  let i = h & mask;
  for (;;) {
    const k = internKeys[i];
    if (k === undefined) break;
    if (internHashes[i] === h && k.length === len) {
      let j = 0;
      while (j < len && k.charCodeAt(j) === s.charCodeAt(start + j)) j++;
      if (j === len) return k;
    }
    i = (i + 1) & mask;
  }
  const text = s.slice(start, end);
  if (internCount >= INTERN_LIMIT) return text;
  const key = Object.keys({ [text]: 0 })[0]!;
  internKeys[i] = key;
  internHashes[i] = h;
  if (++internCount * 2 > mask) growInternTable();
  return key;
}

function growInternTable(): void {
  const keys = internKeys;
  const hashes = internHashes;
  internKeys = new Array<string | undefined>(keys.length * 2).fill(undefined);
  internHashes = new Int32Array(keys.length * 2);
  const mask = internKeys.length - 1;
  for (let j = 0; j < keys.length; j++) {
    const k = keys[j];
    if (k === undefined) continue;
    let i = hashes[j]! & mask;
    while (internKeys[i] !== undefined) i = (i + 1) & mask;
    internKeys[i] = k;
    internHashes[i] = hashes[j]!;
  }
}
