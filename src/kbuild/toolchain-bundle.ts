// The real toolchain behind the seam (toolchain.ts): src/toolchain's cc, as, ld, ar and nm,
// called in-process. Loaded only when something must be compiled or linked: as one ES module
// when kwb runs from its sources, or from dist/toolchain.cjs with V8's code cache when it runs
// from the bundle (toolchain.ts).
import { isAbsolute, relative } from 'node:path';
import { preprocess } from '../toolchain/cc/preprocess.js';
import { compile } from '../toolchain/cc/compile.js';
import { assemble } from '../toolchain/as/assemble.js';
import { link } from '../toolchain/ld/link.js';
import { writeArchive } from '../toolchain/ld/archive.js';
import { nmText } from '../toolchain/nm.js';
import type { Toolchain } from './toolchain.js';

// `kwb cc` runs its driver from this bundle too (src/cli/cc.ts through ccDriver in toolchain.ts).
export { runCc } from '../toolchain/driver.js';

function relDeps(cwd: string, deps: string[]): string[] {
  const out: string[] = [];
  const under = cwd.endsWith('/') ? cwd : cwd + '/';
  for (const d of deps) {
    let p = d;
    // Nearly every dependency is a plain path inside the workspace: cut the prefix (path.relative
    // normalises both sides on every call, which showed in the one-file rebuild's profile).
    if (p.startsWith(under) && !p.includes('/.')) p = p.slice(under.length);
    else if (isAbsolute(p)) {
      const r = relative(cwd, p);
      if (!r.startsWith('..')) p = r;
    }
    if (p.startsWith('./')) p = p.slice(2);
    out.push(p);
  }
  return out;
}

export function createToolchain(): Toolchain {
  return {
    compile(req) {
      const base = {
        file: req.file,
        forceIncludes: req.forceIncludes,
        std: req.std,
        warnUndef: req.warnUndef,
        includeDirs: req.includeDirs,
        systemIncludeDirs: req.systemIncludeDirs,
        defines: req.defines,
        undefs: req.undefs,
        cwd: req.cwd,
        kernel: false,
        freestanding: true,
      };
      if (req.assembler) {
        const pp = preprocess({ ...base, assembler: true });
        return { asm: pp.text, deps: relDeps(req.cwd, pp.deps), diagnostics: pp.diagnostics };
      }
      // C goes through compile() whole, as cc1 does: preprocessing errors are reported with the
      // parser's, in order, instead of ending the compilation at the first one.
      const r = compile(base);
      return { asm: r.asm, deps: relDeps(req.cwd, r.deps), diagnostics: r.diagnostics };
    },
    assemble(asm, file) {
      return assemble(asm, { file });
    },
    link(inputs, opts) {
      const r = link(inputs, {
        relocatable: opts.relocatable,
        textBase: opts.textBase,
        loadOffset: opts.loadOffset,
        entry: opts.entry,
        loadHeaders: opts.relocatable ? undefined : false,
      });
      return { output: r.output, warnings: r.warnings };
    },
    archive(members) {
      return writeArchive(members);
    },
    nm(bytes) {
      return nmText(bytes, { numeric: true }).text;
    },
    version: 'gcc version 5.4.0 (kernel-workbench kwb cc)',
  };
}
