#!/usr/bin/env node
// The `kwb` command. The real program is the bundle in dist/, built by `npm install` (prepare).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/kwb.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('kwb: the program is not built yet; run `npm install` (or `npm run build`) in the kernel-workbench directory\n');
  process.exit(2);
}
await import(bundle.href);
