// Which sources the Makefiles build — a stand-in until kbuild's own answer
// (listBuiltSources in src/kbuild/sources.ts) is wired in. It reads assignments only:
// the top Makefile's (and arch/x86/Makefile's) init-y/core-y/drivers-y/net-y/libs-y/virt-y, then
// each directory's Kbuild or Makefile obj-y/lib-y lists (obj-$(CONFIG_X) when .config says y),
// descending into `dir/` entries. No conditionals, functions or includes beyond that.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `CONFIG_X=y` lines of a .config (or a defconfig): name → value. */
export function readConfig(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^(CONFIG_\w+)=(.*)$/.exec(line.trim());
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

/** The .config of a workspace, else its defconfig, else nothing. */
export function workspaceConfig(dir: string): Map<string, string> {
  for (const p of ['.config', 'arch/x86/configs/x86_64_defconfig']) {
    const f = join(dir, p);
    if (existsSync(f)) return readConfig(readFileSync(f, 'utf8'));
  }
  return new Map();
}

/** `VAR += words` / `VAR := words` / `VAR = words` lines, continuation lines joined. */
function assignments(text: string): { name: string; words: string[] }[] {
  const joined = text.replace(/\\\n/g, ' ');
  const out: { name: string; words: string[] }[] = [];
  for (const raw of joined.split('\n')) {
    const line = raw.replace(/#.*/, '');
    const m = /^\s*([\w$().-]+)\s*(?:\+=|:=|\?=|=)\s*(.*)$/.exec(line);
    if (m) out.push({ name: m[1]!, words: m[2]!.split(/\s+/).filter(Boolean) });
  }
  return out;
}

/** Whether an `obj-$(CONFIG_X)`-style variable name is enabled (`-y`). */
function enabled(name: string, base: string, config: Map<string, string>): boolean {
  if (name === `${base}-y`) return true;
  const m = new RegExp(`^${base}-\\$\\((CONFIG_\\w+)\\)$`).exec(name);
  return m ? config.get(m[1]!) === 'y' : false;
}

const TOP_LISTS = ['init', 'core', 'drivers', 'net', 'libs', 'virt'];

export function approximateBuiltSources(dir: string, config = workspaceConfig(dir)): { sources: string[] } {
  const read = (rel: string) => {
    const f = join(dir, rel);
    return existsSync(f) ? readFileSync(f, 'utf8') : '';
  };
  const sources = new Set<string>();
  const visited = new Set<string>();
  const object = (prefix: string, word: string, vars: { name: string; words: string[] }[], depth: number) => {
    if (word.includes('$')) return;
    if (word.endsWith('/')) return visit(prefix + word, depth + 1);
    if (!word.endsWith('.o')) return;
    const stem = word.slice(0, -2);
    // a composite object: foo-y / foo-objs list its parts
    const parts = vars.filter((v) => v.name === `${stem}-y` || v.name === `${stem}-objs` || enabled(v.name, stem, config));
    if (parts.length > 0) {
      for (const p of parts) for (const w of p.words) object(prefix, w, [], depth);
      return;
    }
    for (const ext of ['.c', '.S']) if (existsSync(join(dir, prefix + stem + ext))) sources.add(prefix + stem + ext);
  };
  const visit = (rel: string, depth: number): void => {
    if (visited.has(rel) || depth > 32) return;
    visited.add(rel);
    const text = read(rel + 'Kbuild') || read(rel + 'Makefile');
    const vars = assignments(text);
    for (const v of vars) {
      if (enabled(v.name, 'obj', config) || enabled(v.name, 'lib', config)) for (const w of v.words) object(rel, w, vars, depth);
    }
  };
  const tops = [...assignments(read('Makefile')), ...assignments(read('arch/x86/Makefile'))];
  for (const v of tops) {
    if (!TOP_LISTS.some((l) => enabled(v.name, l, config))) continue;
    for (const w of v.words) object('', w, tops, 0);
  }
  return { sources: [...sources].sort() };
}
