// Builds the C library that `kwb cc` links into every program — with kwb's own toolchain, not the
// host's: userland/libc/*.c and *.S → objects (in memory) → dist/userland/libc.a (a GNU ar
// archive with a symbol index), and crt1.S → dist/userland/crt1.o.
//
// scripts/build.mjs runs this after bundling the CLI. It fails loudly (exit 1, the compiler's own
// diagnostics on stderr) if our toolchain cannot build libc: a libc that does not build is a
// toolchain bug to fix, never something to paper over with the host's gcc.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'userland');
const libcDir = join(root, 'userland', 'libc');

// The driver and archive writer are TypeScript; bundle the few modules we need into one script.
mkdirSync(out, { recursive: true });
const script = join(out, '.build-userland.mjs');
await build({
  stdin: {
    contents: `export { compileObject } from './src/toolchain/driver.ts';
export { writeArchive } from './src/toolchain/ld/archive.ts';
export { renderDiagnostics, DiagnosticError } from './src/diag.ts';
export { KwbError } from './src/errors.ts';`,
    resolveDir: root,
    loader: 'ts',
  },
  outfile: script,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __kwbCreateRequire } from 'node:module'; const require = __kwbCreateRequire(import.meta.url);" },
});

const tc = await import(pathToFileURL(script).href);
rmSync(script, { force: true });

const sources = readdirSync(libcDir)
  .filter((f) => /\.(c|S)$/.test(f))
  .sort();
const members = [];
let crt1;
let failed = 0;
for (const f of sources) {
  const path = join(libcDir, f);
  try {
    const r = tc.compileObject(path, { includeDirs: [libcDir] });
    if (r.diagnostics.length) process.stderr.write(tc.renderDiagnostics(r.diagnostics) + '\n');
    const name = f.replace(/\.(c|S)$/, '.o');
    if (f === 'crt1.S') crt1 = r.object;
    else members.push({ name, data: r.object });
  } catch (e) {
    failed++;
    if (e instanceof tc.DiagnosticError) process.stderr.write(tc.renderDiagnostics(e.diagnostics) + '\n');
    else if (e instanceof tc.KwbError) process.stderr.write(e.message + '\n');
    else process.stderr.write(`build-userland: ${f}: ${e instanceof Error ? e.stack : String(e)}\n`);
  }
}
if (failed || !crt1) {
  process.stderr.write(`build-userland: error: kwb's toolchain could not build libc (${failed} of ${sources.length} files failed); see above.\n`);
  process.exit(1);
}
writeFileSync(join(out, 'crt1.o'), crt1);
writeFileSync(join(out, 'libc.a'), tc.writeArchive(members));
process.stdout.write(`build-userland: dist/userland/crt1.o and dist/userland/libc.a (${members.length} objects) built by kwb's toolchain\n`);
