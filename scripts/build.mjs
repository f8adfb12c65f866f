// Builds the `kwb` command: bundles src/cli/main.ts (and the lazily loaded TUI chunk) into dist/
// with esbuild, so a whole `kwb` process starts from one small file instead of hundreds of
// modules. Then runs the userland build step (libc), if the toolchain is present.
import { build } from 'esbuild';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: { kwb: join(root, 'src/cli/entry.ts') },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  // yargs and ink pull in CommonJS helpers that call require(); give them one.
  banner: {
    js: "import { createRequire as __kwbCreateRequire } from 'node:module'; const require = __kwbCreateRequire(import.meta.url);",
  },
});

// Userland (libc, crt) is compiled by our own toolchain into dist/userland/.
const userlandBuild = join(root, 'scripts/build-userland.mjs');
if (existsSync(userlandBuild)) {
  const r = spawnSync(process.execPath, [userlandBuild], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
