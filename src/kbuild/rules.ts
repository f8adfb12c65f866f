// How a target is made, found as make finds it: explicit rules (which may only add prerequisites)
// and pattern rules (`$(obj)/%.o: $(src)/%.c`) whose source exists. The recipe is recognized, not
// run by a shell: kbuild recipes are calls of a handful of Kbuild.include functions, and
// kwb performs each one itself:
//
//   $(call if_changed,NAME)        run cmd_NAME when the target is out of date (its command or a
//   $(call if_changed_dep,NAME)    prerequisite changed); _dep/_rule also record the files the
//   $(call if_changed_rule,NAME)   compiler read (fixdep)
//   $(call filechk,NAME[,ARG])     regenerate a file, replace it only when its text changed
//
// The command line printed with V=1 and recorded in the .cmd file is cmd_NAME expanded with
// $@, $< and $^ set, so it comes from the tree's own Makefiles (flags, include paths, ccflags-y).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Make, Rule } from './make/eval.js';
import type { Where } from './make/errors.js';

export interface RecipeCall {
  fn: 'if_changed' | 'if_changed_dep' | 'if_changed_rule' | 'filechk';
  name: string;
  args: string[];
  where: Where;
}

export interface Resolved {
  target: string;
  prereqs: string[];
  call: RecipeCall | undefined;
  /** Where make would say the recipe failed. */
  where: Where | undefined;
}

const norm = (p: string): string => {
  let s = p;
  while (s.startsWith('./')) s = s.slice(2);
  return s;
};

/** Recognizes `$(call if_changed...,NAME)` / `$(call filechk,NAME,ARG)` in a rule's recipe. */
export function recipeCall(rule: Rule): RecipeCall | undefined {
  for (const r of rule.recipe) {
    const m = /\$\(call (if_changed_rule|if_changed_dep|if_changed|filechk),([^)]*)\)/.exec(r.text);
    if (m) {
      const [name, ...args] = m[2]!.split(',').map((s) => s.trim());
      return { fn: m[1] as RecipeCall['fn'], name: name!, args, where: r.where };
    }
  }
  return undefined;
}

function matchPattern(pattern: string, target: string): string | undefined {
  const p = pattern.indexOf('%');
  if (p < 0) return undefined;
  const pre = pattern.slice(0, p);
  const post = pattern.slice(p + 1);
  if (target.length < pre.length + post.length || !target.startsWith(pre) || !target.endsWith(post)) return undefined;
  return target.slice(pre.length, target.length - post.length);
}

/** The rule make would use for `target` in the makefiles `make` has read, or undefined. */
export function resolveTarget(make: Make, root: string, target: string): Resolved | undefined {
  const t = norm(target);
  const extra: string[] = [];
  let explicit: Rule | undefined;
  for (const r of make.rules) {
    if (!r.targets.some((x) => norm(x) === t)) continue;
    if (r.recipe.length) explicit = r;
    else extra.push(...r.prereqs.map(norm));
  }
  if (explicit) {
    return { target: t, prereqs: [...explicit.prereqs.map(norm), ...extra].filter((p) => p !== 'FORCE'), call: recipeCall(explicit), where: explicit.recipe[0]?.where };
  }
  for (const r of make.rules) {
    if (!r.recipe.length) continue;
    for (const pt of r.targets) {
      const stem = matchPattern(norm(pt), t);
      if (stem === undefined) continue;
      const prereqs = r.prereqs.map((p) => norm(p.replace('%', stem))).filter((p) => p !== 'FORCE');
      // A pattern rule applies only when its prerequisites exist (or are themselves targets).
      if (!prereqs.every((p) => existsSync(join(root, p)))) continue;
      return { target: t, prereqs: [...prereqs, ...extra], call: recipeCall(r), where: r.recipe[0]?.where };
    }
  }
  return undefined;
}

/** cmd_NAME (or quiet_cmd_NAME) expanded for one target, with make's automatic variables. */
export function expandCommand(make: Make, kind: 'cmd' | 'quiet_cmd', name: string, target: string, prereqs: string[]): string {
  make.define('@', target);
  make.define('<', prereqs[0] ?? '');
  make.define('^', [...new Set(prereqs)].join(' '));
  return make.value(`${kind}_${name}`).replace(/[ \t]+/g, ' ').trim();
}

/** Splits a command line as the shell would: blanks separate words, quotes group and are removed. */
export function shellWords(cmd: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let q: string | undefined;
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i]!;
    if (q) {
      if (c === q) q = undefined;
      else if (c === '\\' && q === '"' && i + 1 < cmd.length && '"\\$`'.includes(cmd[i + 1]!)) cur += cmd[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      q = c;
      has = true;
    } else if (c === '\\' && i + 1 < cmd.length) {
      cur += cmd[++i];
      has = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has || cur) out.push(cur);
  return out;
}

export interface CcFlags {
  includeDirs: string[];
  systemIncludeDirs: string[];
  defines: [string, string?][];
  undefs: string[];
  forceIncludes: string[];
  nostdinc: boolean;
  std?: string;
  warnUndef: boolean;
}

/** The flags of a gcc command line that change what the preprocessor sees; code-generation flags are ignored. */
export function parseCcFlags(words: string[]): CcFlags {
  const f: CcFlags = { includeDirs: [], systemIncludeDirs: [], defines: [], undefs: [], forceIncludes: [], nostdinc: false, warnUndef: false };
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    const val = (flag: string): string | undefined => (w === flag ? words[++i] : w.startsWith(flag) ? w.slice(flag.length) : undefined);
    if (w === '-nostdinc') f.nostdinc = true;
    else if (w === '-Wundef') f.warnUndef = true;
    else if (w.startsWith('-std=')) f.std = w.slice(5);
    else if (w === '-include') f.forceIncludes.push(norm(words[++i] ?? ''));
    else if (w.startsWith('-isystem')) {
      const v = val('-isystem');
      if (v) f.systemIncludeDirs.push(v);
    } else if (w.startsWith('-I')) {
      const v = val('-I');
      if (v) f.includeDirs.push(v);
    } else if (w.startsWith('-D')) {
      const v = val('-D');
      if (v) {
        const eq = v.indexOf('=');
        f.defines.push(eq < 0 ? [v] : [v.slice(0, eq), v.slice(eq + 1)]);
      }
    } else if (w.startsWith('-U')) {
      const v = val('-U');
      if (v) f.undefs.push(v);
    }
  }
  return f;
}
