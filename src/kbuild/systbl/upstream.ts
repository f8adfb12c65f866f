// The upstream tables (Linux 4.4.121 and 6.19.9), embedded in the package, with the look-ups the
// rules need. Built lazily and once: a check that never asks about upstream does not pay for it.
import { NAMING, RELEASES, TABLES, type Naming } from './upstream/data.js';
import type { Abi, Arch, UpstreamEntry, UpstreamVersion } from './types.js';

export const UPSTREAM_VERSIONS: readonly UpstreamVersion[] = ['4.4', '6.19'];

export interface UpstreamTable {
  version: UpstreamVersion;
  release: string;
  arch: Arch;
  entries: readonly UpstreamEntry[];
  byNumber: ReadonlyMap<number, readonly UpstreamEntry[]>;
  byName: ReadonlyMap<string, readonly UpstreamEntry[]>;
  /** The highest number in use (the x32 block excluded on x86_64). */
  maxNative: number;
  /** Numbers in 0..maxNative upstream leaves unused. */
  holes: ReadonlySet<number>;
}

const cache = new Map<string, UpstreamTable>();

export function upstreamTable(version: UpstreamVersion, arch: Arch): UpstreamTable {
  const key = `${version}/${arch}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const entries: UpstreamEntry[] = TABLES[version][arch].map(([number, abi, name, entry, compat, nr]) => ({
    number,
    abi,
    name,
    entry,
    compat,
    noreturn: nr === 1,
  }));
  const byNumber = new Map<number, UpstreamEntry[]>();
  const byName = new Map<string, UpstreamEntry[]>();
  let maxNative = -1;
  for (const e of entries) {
    byNumber.set(e.number, [...(byNumber.get(e.number) ?? []), e]);
    byName.set(e.name, [...(byName.get(e.name) ?? []), e]);
    if (e.abi !== 'x32' && e.number > maxNative) maxNative = e.number;
  }
  const holes = new Set<number>();
  for (let n = 0; n <= maxNative; n++) if (!byNumber.has(n)) holes.add(n);
  const t: UpstreamTable = { version, release: RELEASES[version], arch, entries, byNumber, byName, maxNative, holes };
  cache.set(key, t);
  return t;
}

/** The entry point families (prefixes) upstream `version` uses for `abi`, per column. */
export function naming(version: UpstreamVersion, arch: Arch, abi: Abi): Naming {
  return NAMING[version][arch][abi] ?? { entry: [], compat: [] };
}

/** Whether the ABIs of two x86_64 entries are seen by one build (so their names would clash). */
export function abisOverlap(a: Abi, b: Abi): boolean {
  return a === b || a === 'common' || b === 'common';
}

/** Whether upstream (either release) pairs `name` with `symbol` in `column` on `arch`. */
export function upstreamPairs(arch: Arch, name: string, column: 'entry' | 'compat', symbol: string): boolean {
  for (const v of UPSTREAM_VERSIONS) {
    for (const e of upstreamTable(v, arch).byName.get(name) ?? []) if (e[column] === symbol) return true;
  }
  return false;
}
