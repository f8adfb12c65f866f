// Builds the `kwb` command: bundles src/cli/main.ts (and the lazily loaded TUI chunk) into dist/
// with esbuild, so a whole `kwb` process starts from one small file instead of hundreds of
// modules. Then runs the userland build step (libc), if the toolchain is present.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
mkdirSync(out, { recursive: true });

// Written file by file with temp + rename, never by emptying dist/ first: tests and other shells
// may be running `kwb` from dist/ while it is rebuilt.
const result = await build({
  write: false,
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
  // Ink loads React's devtools only when DEV=true, through a dynamic import; it is not installed.
  external: ['react-devtools-core'],
  // yargs and ink pull in CommonJS helpers that call require(); give them one.
  banner: {
    js: "import { createRequire as __kwbCreateRequire } from 'node:module'; const require = __kwbCreateRequire(import.meta.url);",
  },
});
// dist/toolchain.cjs: the toolchain kbuild calls (src/kbuild/toolchain-bundle.ts) as one classic
// script, which src/kbuild/toolchain.ts runs with V8's code cache (dist/.cache/): ES modules
// cannot keep their compiled code between processes on Node 20.
const toolchain = await build({
  write: false,
  entryPoints: [join(root, 'src/kbuild/toolchain-bundle.ts')],
  outfile: join(out, 'toolchain.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  // paths.ts finds the package from its own file: the loader passes the script's URL.
  define: { 'import.meta.url': '__kwbUrl' },
});
const written = new Set();
for (const f of [...result.outputFiles, ...toolchain.outputFiles]) {
  mkdirSync(dirname(f.path), { recursive: true });
  const tmp = `${f.path}.${process.pid}.tmp`;
  writeFileSync(tmp, f.contents);
  renameSync(tmp, f.path);
  written.add(f.path);
}
// Chunks of earlier builds: content-hashed names, so stale ones are only removed once old enough
// that no process started from the previous bundle can still be loading them.
const chunks = join(out, 'chunks');
if (existsSync(chunks)) {
  for (const name of readdirSync(chunks)) {
    const p = join(chunks, name);
    if (!written.has(p) && Date.now() - statSync(p).mtimeMs > 10 * 60_000) rmSync(p, { force: true });
  }
}

// Userland (libc, crt) is compiled by our own toolchain into dist/userland/.
const userlandBuild = join(root, 'scripts/build-userland.mjs');
if (existsSync(userlandBuild)) {
  const r = spawnSync(process.execPath, [userlandBuild], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
