// What --tree needs from kbuild: the sources the Makefiles really build and the configuration in
// force. Loaded on demand (a plain table check never pays for the make interpreter), and kept out
// of index.ts so that kbuild can use systbl without a cycle. When kbuild cannot evaluate the tree
// (a broken Makefile is `kwb make`'s to report), the check goes on with an approximation and says so.
import { approximateBuiltSources, workspaceConfig } from './reach.js';
import type { TblDiagnostic } from './types.js';

/** The CONFIG_ symbols the tree rules look at. */
const SYMBOLS = ['X86_X32', 'X86_X32_ABI', 'IA32_EMULATION'];

export interface TreeBuildFacts {
  builtSources: string[];
  config: Map<string, string>;
  /** A note when kbuild could not answer and the approximation was used. */
  notes: TblDiagnostic[];
}

export async function treeBuildFacts(dir: string, displayDir: string): Promise<TreeBuildFacts> {
  try {
    const { listBuiltSources } = await import('../sources.js');
    const { currentConfig } = await import('../config.js');
    const builtSources = listBuiltSources(dir).sources;
    const { cfg } = currentConfig(dir);
    const config = new Map(SYMBOLS.map((s) => [`CONFIG_${s}`, cfg.get(s).value]));
    return { builtSources, config, notes: [] };
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return {
      builtSources: approximateBuiltSources(dir).sources,
      config: workspaceConfig(dir),
      notes: [
        {
          file: displayDir ? `${displayDir.replace(/\/$/, '')}/Makefile` : 'Makefile',
          line: 0,
          col: 0,
          severity: 'note',
          message: `kbuild could not evaluate the Makefiles (${why}); which sources are built was approximated from their obj-y and core-y lists`,
          tag: '[build-approximated]',
          rule: 'build-approximated',
        },
      ],
    };
  }
}
