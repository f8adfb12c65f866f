// The one seam between kbuild and the toolchain: everything kbuild asks of cc, as, ld, ar and nm
// goes through this interface, in-process (no subprocesses). The real implementation is loaded
// with a dynamic import only when something must be compiled or linked, so a build with nothing
// to do never loads the compiler. Tests substitute a recording toolchain.
import { isAbsolute, relative, resolve } from 'node:path';
import type { Diagnostic } from '../diag.js';

export interface CompileRequest {
  /** Source path relative to the workspace (as gcc is given it by kbuild). */
  file: string;
  /** The workspace: kbuild runs the compiler at the top of the tree. */
  cwd: string;
  includeDirs: string[];
  systemIncludeDirs: string[];
  defines: [string, string?][];
  undefs: string[];
  /** `-include FILE`: processed as if #include'd before the first line (kbuild: include/linux/kconfig.h). */
  forceIncludes: string[];
  /** .S files: preprocess as assembler-with-cpp. */
  assembler?: boolean;
}

export interface CompileOutput {
  /** AT&T assembly (for .c) or the preprocessed assembly (for .S). */
  asm: string;
  /** Files read, relative to the workspace when inside it, the source first. */
  deps: string[];
  diagnostics: Diagnostic[];
}

export interface LinkRequest {
  relocatable?: boolean;
  textBase?: bigint;
  loadOffset?: bigint;
  entry?: string;
}

export interface Toolchain {
  compile(req: CompileRequest): CompileOutput;
  assemble(asm: string, file: string): { object: Uint8Array; diagnostics: Diagnostic[] };
  link(inputs: { name: string; data: Uint8Array }[], opts: LinkRequest): { output: Uint8Array; warnings: string[] };
  archive(members: { name: string; data: Uint8Array }[]): Uint8Array;
  /** `nm -n` output for an ELF file. */
  nm(bytes: Uint8Array): string;
  /** The line `gcc -v` ends with, for LINUX_COMPILER in compile.h. */
  version: string;
}

/**
 * Our preprocessor has no `-include` option yet: the source is handed over with `#include` lines
 * for the forced includes in front and a `#line 1` that restores the file's own numbering, so
 * diagnostics still name the right line.
 */
function withForcedIncludes(req: CompileRequest, text: string): string {
  if (req.forceIncludes.length === 0) return text;
  const inc = req.forceIncludes.map((f) => `#include "${resolve(req.cwd, f)}"\n`).join('');
  return `${inc}#line 1 "${req.file}"\n${text}`;
}

function relDeps(cwd: string, deps: string[]): string[] {
  const out: string[] = [];
  for (const d of deps) {
    let p = d;
    if (isAbsolute(p)) {
      const r = relative(cwd, p);
      if (!r.startsWith('..')) p = r;
    }
    if (p.startsWith('./')) p = p.slice(2);
    out.push(p);
  }
  return out;
}

let loaded: Promise<Toolchain> | undefined;

/** The real toolchain (src/toolchain), loaded on first use. */
export function realToolchain(): Promise<Toolchain> {
  loaded ??= (async () => {
    const [{ preprocess }, { compile }, { assemble }, { link }, { writeArchive }, { nmText }, fs] = await Promise.all([
      import('../toolchain/cc/preprocess.js'),
      import('../toolchain/cc/compile.js'),
      import('../toolchain/as/assemble.js'),
      import('../toolchain/ld/link.js'),
      import('../toolchain/ld/archive.js'),
      import('../toolchain/nm.js'),
      import('node:fs'),
    ]);
    return {
      compile(req) {
        const source = withForcedIncludes(req, fs.readFileSync(resolve(req.cwd, req.file), 'utf8'));
        const base = {
          file: req.file,
          source,
          includeDirs: req.includeDirs,
          systemIncludeDirs: req.systemIncludeDirs,
          defines: req.defines,
          undefs: req.undefs,
          cwd: req.cwd,
          kernel: false,
          freestanding: true,
        };
        const pp = preprocess({ ...base, assembler: req.assembler ?? false });
        if (req.assembler) return { asm: pp.text, deps: relDeps(req.cwd, pp.deps), diagnostics: pp.diagnostics };
        // The compiler quotes source lines from the file itself, which the #line above keeps aligned.
        const r = compile({ ...base, source: undefined, preprocessed: pp.text });
        return { asm: r.asm, deps: relDeps(req.cwd, pp.deps), diagnostics: [...pp.diagnostics, ...r.diagnostics] };
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
    } satisfies Toolchain;
  })();
  return loaded;
}
