// `npm run bench`: runs every benchmark module in bench/ (each exports a default async function
// that measures and prints its own lines). Numbers are ratios against anchors measured in the same
// run (native gcc, the host CPU), never absolute thresholds baked into tests.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const f of files) {
  console.log(`\n== ${f.replace(/\.ts$/, '')}`);
  try {
    const mod = (await import(pathToFileURL(join(here, f)).href)) as { default?: () => Promise<void> };
    if (typeof mod.default === 'function') await mod.default();
  } catch (e) {
    failed++;
    console.log(`   benchmark failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
if (failed) process.exitCode = 1;
