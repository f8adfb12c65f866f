// The questions the build asks of make, answered from the plan cache when the makefiles behind
// them are unchanged, and by reading the makefiles (tree.ts) otherwise. Answers are plain data.
import type { Make } from './make/eval.js';
import type { Where } from './make/errors.js';
import type { PlanCache } from './plancache.js';
import { expandCommand, recipeCall, resolveTarget, type Resolved } from './rules.js';
import { readDir, readTop, type DirPlan, type TreeOptions } from './tree.js';

export interface Lists {
  objY: string[];
  libY: string[];
  extraY: string[];
  always: string[];
  subdirs: string[];
  hasLib: boolean;
}

export interface FilechkRule {
  target: string;
  name: string;
  where: Where | undefined;
}

/** Looks an answer up in the cache, or computes and records it. */
function memo<T>(cache: PlanCache, scope: string, key: string, compute: () => T): T {
  const hit = cache.get<{ v: T }>(scope, key);
  if (hit !== undefined) return hit.v;
  const v = compute();
  cache.put(scope, key, { v });
  return v;
}

/** The top-level Makefile (with the arch Makefile and auto.conf). */
export class TopView {
  private make: Make | undefined;
  static readonly SCOPE = 'top';

  constructor(
    private readonly cache: PlanCache,
    private readonly tree: TreeOptions,
  ) {
    if (!cache.isValid(TopView.SCOPE)) this.live();
  }

  private live(): Make {
    if (!this.make) {
      const fresh = !this.cache.isValid(TopView.SCOPE);
      this.make = readTop(this.tree);
      if (fresh) this.cache.reset(TopView.SCOPE, this.make.files);
    }
    return this.make;
  }

  private ask<T>(key: string, compute: (m: Make) => T): T {
    return memo(this.cache, TopView.SCOPE, key, () => compute(this.live()));
  }

  value(name: string): string {
    return this.ask(`value:${name}`, (m) => m.value(name));
  }
  words(name: string): string[] {
    return this.ask(`words:${name}`, (m) => m.words(name));
  }
  exports(): Record<string, string> {
    return this.ask('exports', (m) => m.exports());
  }
  /** Where make says a target's recipe failed: its first recipe line, else the rule line. */
  recipeWhere(target: string): Where | undefined {
    return this.ask(`where:${target}`, (m) => {
      const r = m.ruleFor(target);
      return r?.recipe[0]?.where ?? r?.where;
    });
  }
  /** The rules whose recipe is `$(call filechk,NAME)` (kernel.release, version.h, utsrelease.h). */
  filechkRules(): FilechkRule[] {
    return this.ask('filechk', (m) =>
      m.rules.flatMap((r) => {
        const c = recipeCall(r);
        return c && c.fn === 'filechk' ? [{ target: r.targets[0]!, name: c.name, where: r.recipe[0]?.where }] : [];
      }),
    );
  }
  /** `$(Q)$(MAKE) $(build)=DIR GOAL` in a target's recipe (archheaders). */
  subMake(target: string): { dir: string; goal: string; where: Where } | undefined {
    return this.ask(`submake:${target}`, (m) => {
      const r = m.ruleFor(target);
      for (const line of r?.recipe ?? []) {
        const x = /\$\(build\)=(\S+)\s+(\S+)/.exec(line.text);
        if (x) return { dir: x[1]!.replace('$(SRCARCH)', m.value('SRCARCH')), goal: x[2]!, where: line.where };
      }
      return undefined;
    });
  }
  /** The recipe line of the `$(vmlinux-dirs):` rule (named when descending fails). */
  dirsWhere(): Where | undefined {
    return this.ask('dirs-where', (m) => {
      const dirs = m.words('vmlinux-dirs');
      const r = m.rules.find((x) => dirs.length > 0 && x.targets.includes(dirs[0]!));
      return r?.recipe[0]?.where;
    });
  }
}

/** One directory as `make -f scripts/Makefile.build obj=DIR` sees it. */
export class DirView {
  private plan: DirPlan | undefined;
  private readonly scope: string;

  constructor(
    private readonly cache: PlanCache,
    private readonly tree: TreeOptions,
    readonly dir: string,
    private readonly exported: () => Record<string, string>,
  ) {
    this.scope = `dir:${dir}`;
    // Reads the makefiles now when the cache cannot answer, so make's errors come in make's order.
    if (!cache.isValid(this.scope, TopView.SCOPE)) this.live();
  }

  private live(): DirPlan {
    if (!this.plan) {
      const fresh = !this.cache.isValid(this.scope, TopView.SCOPE);
      this.plan = readDir(this.tree, this.dir, this.exported());
      if (fresh) this.cache.reset(this.scope, [...this.plan.make.files, `${this.dir}/Kbuild`, `${this.dir}/Makefile`]);
    }
    return this.plan;
  }

  private ask<T>(key: string, compute: (p: DirPlan) => T): T {
    return memo(this.cache, this.scope, key, () => compute(this.live()));
  }

  lists(): Lists {
    return this.ask('lists', (p) => ({ objY: p.objY, libY: p.libY, extraY: p.extraY, always: p.always, subdirs: p.subdirs, hasLib: p.hasLib }));
  }

  /** The rule for a target; a remembered pattern-rule answer counts only while its source exists. */
  resolve(root: string, target: string): Resolved | undefined {
    const key = `resolve:${target}`;
    const hit = this.cache.get<{ v: Resolved | null }>(this.scope, key);
    if (hit !== undefined && (hit.v === null || hit.v.prereqs.every((p) => !/\.(c|S)$/.test(p) || this.cache.exists(p)))) return hit.v ?? undefined;
    const v = resolveTarget(this.live().make, root, target) ?? null;
    this.cache.put(this.scope, key, { v });
    return v ?? undefined;
  }

  command(kind: 'cmd' | 'quiet_cmd', name: string, target: string, prereqs: string[]): string {
    return this.ask(`${kind}:${name}:${target}:${prereqs.join(' ')}`, (p) => expandCommand(p.make, kind, name, target, prereqs));
  }

  value(name: string): string {
    return this.ask(`value:${name}`, (p) => p.make.value(name));
  }

  /** Prerequisites of GOAL, the recipe rule's first (make's order). */
  goalPrereqs(goal: string): string[] {
    return this.ask(`goal:${goal}`, (p) => {
      const rules = p.make.rules.filter((r) => r.targets.includes(goal));
      return [...rules.filter((r) => r.recipe.length), ...rules.filter((r) => !r.recipe.length)].flatMap((r) => r.prereqs);
    });
  }

  /** Whether `target` is made by scripts/mkcompile_h (compile.h in init/Makefile). */
  isMkcompileH(target: string): boolean {
    return this.ask(`mkcompile:${target}`, (p) => p.make.ruleFor(target)?.recipe.some((r) => r.text.includes('scripts/mkcompile_h')) ?? false);
  }
}
