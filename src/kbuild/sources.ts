// The C and assembly sources the tree's Makefiles build into vmlinux under the workspace's
// configuration (.config, or the defconfig when there is none yet). `kwb tbl check --tree` uses it
// to find which entry points are really defined.
import { currentConfig } from './config.js';
import { formatAutoConf } from './kconfig/dotconfig.js';
import { readPlan, sourceOf } from './tree.js';

export function listBuiltSources(workspaceDir: string): { sources: string[] } {
  const { cfg } = currentConfig(workspaceDir);
  const plan = readPlan({ cwd: workspaceDir, autoConf: formatAutoConf(cfg) });
  const sources: string[] = [];
  const seen = new Set<string>();
  for (const p of plan.plans) {
    for (const o of [...p.extraY, ...p.objY, ...p.libY]) {
      if (!o.endsWith('.o') || o.endsWith('/built-in.o')) continue;
      const s = sourceOf(workspaceDir, o);
      if (s && !seen.has(s)) {
        seen.add(s);
        sources.push(s);
      }
    }
  }
  return { sources };
}
