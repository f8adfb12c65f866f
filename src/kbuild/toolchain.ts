// The one seam between kbuild and the toolchain: everything kbuild asks of cc, as, ld, ar and nm
// goes through this interface, in-process (no subprocesses). The real implementation is loaded
// with a dynamic import only when something must be compiled or linked, so a build with nothing
// to do never loads the compiler. Tests substitute a recording toolchain.
import { isAbsolute, relative } from 'node:path';
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
  /** -std= (kbuild: gnu89). */
  std?: string;
  /** -Wundef. */
  warnUndef?: boolean;
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
    const [{ preprocess }, { compile }, { assemble }, { link }, { writeArchive }, { nmText }] = await Promise.all([
      import('../toolchain/cc/preprocess.js'),
      import('../toolchain/cc/compile.js'),
      import('../toolchain/as/assemble.js'),
      import('../toolchain/ld/link.js'),
      import('../toolchain/ld/archive.js'),
      import('../toolchain/nm.js'),
    ]);
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
        const pp = preprocess({ ...base, assembler: req.assembler ?? false });
        if (req.assembler) return { asm: pp.text, deps: relDeps(req.cwd, pp.deps), diagnostics: pp.diagnostics };
        const r = compile({ ...base, preprocessed: pp.text });
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
