// The toolchain as one classic script (what dist/toolchain.cjs holds when the build makes it):
// run with V8's code cache, it must do exactly what the toolchain modules do, find its cache
// again in the next process, and its errors must still be recognized as located diagnostics.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vm from 'node:vm';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/kwb.js';
import { renderDiagnostics } from '../../src/diag.js';
import { compilerIncludeDir } from '../../src/toolchain/cc/include.js';
import { isDiagnosticError } from '../../src/kbuild/objects.js';
import { createToolchain } from '../../src/kbuild/toolchain-bundle.js';
import { loadToolchainScript, type CompileRequest } from '../../src/kbuild/toolchain.js';

// Inside the package (the bundle finds the package root by walking up from itself, as from dist/).
const dir = join(ROOT, 'node_modules', '.cache', `kwb-toolchain-script-${process.pid}`);
const file = join(dir, 'toolchain.cjs');
const cacheDir = join(dir, '.cache');
const src = mkdtempSync(join(tmpdir(), 'kwb-tcs-'));

async function bundle(): Promise<void> {
  // The options the build gives dist/toolchain.cjs.
  await build({
    entryPoints: [join(ROOT, 'src/kbuild/toolchain-bundle.ts')],
    outfile: file,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    define: { 'import.meta.url': '__kwbUrl' },
  });
}

function request(name: string): CompileRequest {
  return { file: name, cwd: src, includeDirs: ['.'], systemIncludeDirs: [compilerIncludeDir()], defines: [['__KERNEL__']], undefs: [], forceIncludes: [], std: 'gnu89' };
}

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(src, 'greet.h'), '#include <stdarg.h>\nstruct greet { int n; const char *s; };\n#define TIMES 3\n');
  writeFileSync(join(src, 'greet.c'), '#include "greet.h"\nstatic struct greet g = { TIMES, "hi" };\nint greet(int x) { return x * g.n + g.s[0]; }\n');
  writeFileSync(join(src, 'bad.c'), 'int f(void) { return 1 }\n');
  await bundle();
}, 60_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(src, { recursive: true, force: true });
});

describe('the toolchain as a classic script with a code cache', () => {
  it('compiles, assembles and links as the modules do; the next load takes its code from the cache', () => {
    const modules = createToolchain();
    const want = modules.compile(request('greet.c'));
    const first = loadToolchainScript(vm, file, cacheDir)!;
    expect(first.fromCache).toBe(false);
    const got = first.toolchain.compile(request('greet.c'));
    expect(got.asm).toBe(want.asm);
    expect(got.deps).toEqual(want.deps);
    expect(got.deps).toContain('greet.h');
    const obj = first.toolchain.assemble(got.asm, 'greet.s').object;
    expect(Buffer.from(obj).equals(Buffer.from(modules.assemble(want.asm, 'greet.s').object))).toBe(true);
    const linked = first.toolchain.link([{ name: 'greet.o', data: obj }], { relocatable: true }).output;
    expect(Buffer.from(linked).equals(Buffer.from(modules.link([{ name: 'greet.o', data: obj }], { relocatable: true }).output))).toBe(true);

    first.saveCache!();
    expect(readdirSync(cacheDir).filter((f) => f.startsWith('toolchain-'))).toHaveLength(1);
    const second = loadToolchainScript(vm, file, cacheDir)!;
    expect(second.fromCache).toBe(true);
    expect(second.saveCache).toBeUndefined();
    expect(second.toolchain.compile(request('greet.c')).asm).toBe(want.asm);
  });

  it("a compile error from the script is a located diagnostic, rendered as the modules' is", () => {
    const script = loadToolchainScript(vm, file, cacheDir)!.toolchain;
    const catchOf = (fn: () => unknown): unknown => {
      try {
        fn();
      } catch (e) {
        return e;
      }
      throw new Error('no error');
    };
    const a = catchOf(() => script.compile(request('bad.c')));
    const b = catchOf(() => createToolchain().compile(request('bad.c')));
    expect(isDiagnosticError(a)).toBe(true);
    expect(isDiagnosticError(b)).toBe(true);
    if (isDiagnosticError(a) && isDiagnosticError(b)) {
      expect(renderDiagnostics(a.diagnostics)).toBe(renderDiagnostics(b.diagnostics));
      expect(renderDiagnostics(a.diagnostics)).toMatch(/^bad\.c: In function 'f':\nbad\.c:1:23: error: expected ';' before '}' token/);
    }
  });

  it('a rebuilt bundle gets a cache of its own; the old one is removed', async () => {
    const before = readdirSync(cacheDir).filter((f) => f.startsWith('toolchain-'));
    await bundle(); // written anew: a new inode
    const r = loadToolchainScript(vm, file, cacheDir)!;
    expect(r.fromCache).toBe(false);
    r.saveCache!();
    const after = readdirSync(cacheDir).filter((f) => f.startsWith('toolchain-'));
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before[0]);
  });
});
