// Reads makefiles the way GNU make's first phase does: line by line, conditionals decided as they
// are read, variables assigned, other makefiles included, rules recorded. kbuild then decides what
// to build from the variables (obj-y, core-y, ...) and the rules' locations; recipes are recorded
// but not run by a shell: kbuild performs the built-in action each kbuild target stands for.
//
// The make subset (anything else is a located error, never silently ignored):
//   VAR = text        recursive: expanded when used        VAR := text   simple: expanded now
//   VAR += text       append (keeps VAR's flavour)         VAR ?= text   only if VAR is undefined
//   override VAR ...  / export VAR [...] / unexport VAR    (export/unexport are recorded no-ops)
//   $(VAR) ${VAR} $X $$   $(VAR:.o=.c) $(VAR:%.o=%.c)   $(CONFIG_X) from include/config/auto.conf
//   functions: subst patsubst strip findstring filter filter-out sort word words firstword lastword
//              dir notdir suffix basename addsuffix addprefix wildcard if or and foreach origin
//              error warning info
//   ifeq (a,b) / ifeq "a" "b" / ifneq / ifdef VAR / ifndef VAR / else [if...] / endif
//   include FILE... / -include FILE... / sinclude FILE...
//   targets: prerequisites        followed by TAB-indented recipe lines (recorded, not executed)
//   # comments, backslash-newline continuations
// Not supported: define/endef, vpath, double-colon rules, target-specific variables,
// $(shell), $(call), $(eval) and the other functions not listed.
//
// kbuild conventions on top (scripts/Makefile.build): obj-y, obj-m, lib-y, and `dir/` entries in
// obj-y naming subdirectories to descend into.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MakeError, MissingIncludeError, type Where } from './errors.js';
import { expand, splitWords, Vars, type Origin } from './expand.js';

export interface Rule {
  targets: string[];
  prereqs: string[];
  where: Where;
  /** Raw recipe lines (without the leading TAB) and where each one is. */
  recipe: { text: string; where: Where }[];
}

export interface LogicalLine {
  text: string;
  where: Where;
  recipe: boolean; // began with a TAB
}

/** Joins backslash continuations and drops comments; keeps each logical line's first line number. */
export function logicalLines(text: string, file: string): LogicalLine[] {
  const phys = text.split('\n');
  const out: LogicalLine[] = [];
  for (let i = 0; i < phys.length; i++) {
    const start = i;
    let line = phys[i]!.replace(/\r$/, '');
    const recipe = line.startsWith('\t');
    while (line.endsWith('\\') && !line.endsWith('\\\\') && i + 1 < phys.length) {
      i++;
      const next = phys[i]!.replace(/\r$/, '');
      line = recipe ? line + '\n' + next : line.slice(0, -1).replace(/[ \t]+$/, '') + ' ' + next.replace(/^[ \t]+/, '');
    }
    out.push({ text: recipe ? line.slice(1) : stripComment(line), where: { file, line: start + 1 }, recipe });
  }
  return out;
}

// kbuild reads scripts/Makefile.build once per directory: split each makefile text only once.
const lineCache = new Map<string, { text: string; lines: LogicalLine[] }>();
function cachedLines(text: string, file: string): LogicalLine[] {
  const hit = lineCache.get(file);
  if (hit && hit.text === text) return hit.lines;
  const lines = logicalLines(text, file);
  lineCache.set(file, { text, lines });
  return lines;
}

function stripComment(line: string): string {
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\' && line[i + 1] === '#') {
      line = line.slice(0, i) + line.slice(i + 1);
      continue;
    }
    if (line[i] === '#') return line.slice(0, i);
  }
  return line;
}

interface Cond {
  active: boolean; // the branch being read is taken
  taken: boolean; // some branch of this ifeq/else chain has been taken
  parentActive: boolean;
  where: Where;
  sawElse: boolean;
}

export interface MakeOptions {
  /** The directory make runs in (the workspace); relative include paths are resolved from it. */
  cwd: string;
  /** Variables from the command line (`V=1 LOCALVERSION=-x`): they override the makefiles' assignments. */
  commandLine?: Record<string, string>;
  /** Environment variables make imports (lower priority than makefile assignments). */
  environment?: Record<string, string>;
  /** Reads a file relative to cwd, or returns undefined if missing (tests may supply one). */
  readFile?: (relPath: string) => string | undefined;
}

/** The state of make after reading one or more makefiles. */
export class Make {
  readonly vars: Vars;
  readonly rules: Rule[] = [];
  /** Every makefile read (for dependency tracking: a changed Makefile is honoured). */
  readonly files: string[] = [];
  /** Variables marked `export`: make passes them to the sub-makes it runs (kbuild's Makefile.build). */
  readonly exported = new Set<string>();
  private readonly read: (rel: string) => string | undefined;

  constructor(readonly opts: MakeOptions) {
    this.vars = new Vars(opts.cwd);
    for (const [k, v] of Object.entries(opts.environment ?? {})) this.vars.set(k, { value: v, flavor: 'recursive', origin: 'environment' });
    for (const [k, v] of Object.entries(opts.commandLine ?? {})) this.vars.set(k, { value: v, flavor: 'recursive', origin: 'command line' });
    this.read =
      opts.readFile ??
      ((rel) => {
        try {
          return readFileSync(join(opts.cwd, rel), 'utf8');
        } catch {
          return undefined;
        }
      });
  }

  /** Reads a makefile; `from` is the including line when this is an `include`. */
  include(name: string, from?: Where, optional = false): void {
    let file = name;
    while (file.startsWith('./')) file = file.slice(2);
    const text = this.read(file);
    if (text === undefined) {
      if (optional) return;
      if (from) throw new MissingIncludeError(from, file);
      throw new MakeError(undefined, `No rule to make target '${file}'`);
    }
    this.files.push(file);
    this.readText(text, file);
  }

  /** Sets a variable as a makefile assignment would (used to pass obj= and friends). */
  define(name: string, value: string, origin: Origin = 'file'): void {
    this.vars.set(name, { value, flavor: 'simple', origin });
  }

  value(name: string): string {
    return this.vars.value(name);
  }
  /** The exported variables with their values, as a sub-make's environment. */
  exports(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const n of this.exported) if (this.vars.get(n)) out[n] = this.vars.value(n);
    return out;
  }
  words(name: string): string[] {
    return this.vars.words(name);
  }
  /** The rule whose targets include `target` (the last one read, as make warns and takes it). */
  ruleFor(target: string): Rule | undefined {
    for (let i = this.rules.length - 1; i >= 0; i--) if (this.rules[i]!.targets.includes(target)) return this.rules[i];
    return undefined;
  }

  readText(text: string, file: string): void {
    const lines = cachedLines(text, file);
    const conds: Cond[] = [];
    let rule: Rule | undefined;
    const active = (): boolean => conds.length === 0 || conds[conds.length - 1]!.active;

    for (const l of lines) {
      const w = l.where;
      if (l.recipe && rule && !isDirectiveLine(l.text)) {
        if (active()) rule.recipe.push({ text: l.text, where: w });
        continue;
      }
      // Leading blanks go; trailing ones belong to a variable's value, as in make.
      const t = l.text.replace(/^[ \t]+/, '');
      if (t.trim() === '') continue;

      const [word, rest] = splitFirst(t);
      // Conditionals are tracked even in skipped branches, so nesting stays right.
      if (word === 'ifeq' || word === 'ifneq' || word === 'ifdef' || word === 'ifndef') {
        const parentActive = active();
        const value = parentActive ? this.condition(word, rest, w) : false;
        conds.push({ active: parentActive && value, taken: value, parentActive, where: w, sawElse: false });
        continue;
      }
      if (word === 'else') {
        const c = conds[conds.length - 1];
        if (!c) throw new MakeError(w, `extraneous 'else'`);
        if (c.sawElse) throw new MakeError(w, `only one 'else' per conditional`);
        const [cw, crest] = splitFirst(rest);
        if (cw === '') {
          c.sawElse = true;
          c.active = c.parentActive && !c.taken;
          c.taken = true;
        } else if (cw === 'ifeq' || cw === 'ifneq' || cw === 'ifdef' || cw === 'ifndef') {
          const value = c.parentActive && !c.taken ? this.condition(cw, crest, w) : false;
          c.active = c.parentActive && !c.taken && value;
          c.taken ||= value;
        } else throw new MakeError(w, `extraneous text after 'else' directive`);
        continue;
      }
      if (word === 'endif') {
        if (!conds.pop()) throw new MakeError(w, `extraneous 'endif'`);
        continue;
      }
      if (!active()) continue;

      if (word === 'define' || word === 'endef') throw new MakeError(w, `'${word}' is not part of kwb's make subset`);
      if (word === 'vpath') throw new MakeError(w, `'vpath' is not part of kwb's make subset`);
      if (word === 'include' || word === '-include' || word === 'sinclude') {
        rule = undefined;
        for (const f of splitWords(expand(rest, this.vars, w))) this.include(f, w, word !== 'include');
        continue;
      }
      let stmt = t;
      let override = false;
      if (word === 'override') {
        stmt = rest;
        override = true;
      } else if (word === 'export' || word === 'unexport') {
        stmt = rest;
        const a = findAssignment(stmt);
        const names = a ? [expand(a.name, this.vars, w).trim()] : splitWords(expand(stmt, this.vars, w));
        for (const n of names) {
          if (word === 'export') this.exported.add(n);
          else this.exported.delete(n);
        }
        if (!a || word === 'unexport') continue;
      }
      const asg = findAssignment(stmt);
      if (asg) {
        rule = undefined;
        this.assign(asg, override, w);
        continue;
      }
      const colon = topLevelColon(stmt);
      if (colon >= 0) {
        if (stmt[colon + 1] === ':') throw new MakeError(w, `double-colon rules are not part of kwb's make subset`);
        const targets = splitWords(expand(stmt.slice(0, colon), this.vars, w));
        let prereqText = stmt.slice(colon + 1);
        const semi = prereqText.indexOf(';');
        let inlineRecipe: string | undefined;
        if (semi >= 0) {
          inlineRecipe = prereqText.slice(semi + 1).trim();
          prereqText = prereqText.slice(0, semi);
        }
        if (findAssignment(prereqText)) throw new MakeError(w, `target-specific variables are not part of kwb's make subset`);
        rule = { targets, prereqs: splitWords(expand(prereqText, this.vars, w)), where: w, recipe: [] };
        if (inlineRecipe) rule.recipe.push({ text: inlineRecipe, where: w });
        this.rules.push(rule);
        continue;
      }
      // A bare reference that expands to nothing is allowed (make does the same).
      if (expand(stmt, this.vars, w).trim() === '') continue;
      throw new MakeError(w, 'missing separator');
    }
    if (conds.length) throw new MakeError({ file, line: lines.length }, `missing 'endif'`);
  }

  private assign(a: Assignment, override: boolean, w: Where): void {
    const name = expand(a.name, this.vars, w).trim();
    if (name === '' || /\s/.test(name)) throw new MakeError(w, `empty variable name`);
    const old = this.vars.get(name);
    if (old && old.origin === 'command line' && !override) return;
    const origin: Origin = override ? 'override' : 'file';
    switch (a.op) {
      case '=':
        this.vars.set(name, { value: a.value, flavor: 'recursive', origin });
        break;
      case ':=':
      case '::=':
        this.vars.set(name, { value: expand(a.value, this.vars, w), flavor: 'simple', origin });
        break;
      case '?=':
        if (!old) this.vars.set(name, { value: a.value, flavor: 'recursive', origin });
        break;
      case '+=':
        if (!old) this.vars.set(name, { value: a.value, flavor: 'recursive', origin });
        else {
          const add = old.flavor === 'simple' ? expand(a.value, this.vars, w) : a.value;
          const value = old.value === '' ? add : add === '' ? old.value : `${old.value} ${add}`;
          this.vars.set(name, { value, flavor: old.flavor, origin: old.origin === 'environment' ? origin : old.origin });
        }
        break;
    }
  }

  // condition := ifeq '(' a ',' b ')' | ifeq '"' a '"' '"' b '"' | ifdef NAME
  private condition(kind: string, rest: string, w: Where): boolean {
    if (kind === 'ifdef' || kind === 'ifndef') {
      const name = expand(rest, this.vars, w).trim();
      const v = this.vars.get(name);
      const defined = v !== undefined && v.value !== '';
      return kind === 'ifdef' ? defined : !defined;
    }
    const args = conditionArgs(rest.trim());
    if (!args) throw new MakeError(w, `invalid syntax in conditional`);
    const a = expand(args[0], this.vars, w);
    const b = expand(args[1], this.vars, w);
    return kind === 'ifeq' ? a === b : a !== b;
  }
}

function conditionArgs(s: string): [string, string] | undefined {
  if (s.startsWith('(') && s.endsWith(')')) {
    const inner = s.slice(1, -1);
    let depth = 0;
    for (let i = 0; i < inner.length; i++) {
      const c = inner[i];
      if (c === '(' || c === '{') depth++;
      else if (c === ')' || c === '}') depth--;
      else if (c === ',' && depth === 0) return [inner.slice(0, i).replace(/[ \t]+$/, ''), inner.slice(i + 1).replace(/^[ \t]+/, '')];
    }
    return undefined;
  }
  const m = /^(["'])(.*?)\1[ \t]+(["'])(.*?)\3$/.exec(s);
  return m ? [m[2]!, m[4]!] : undefined;
}

function isDirectiveLine(text: string): boolean {
  return /^\s*(ifeq|ifneq|ifdef|ifndef|else|endif)\b/.test(text);
}

function splitFirst(s: string): [string, string] {
  const m = /^(\S+)\s*(.*)$/s.exec(s);
  return m ? [m[1]!, m[2]!] : ['', ''];
}

interface Assignment {
  name: string;
  op: '=' | ':=' | '::=' | '+=' | '?=';
  value: string;
}

/** Finds a top-level assignment operator; a ':' met first (not part of ':=') means a rule instead. */
function findAssignment(s: string): Assignment | undefined {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '$' && (s[i + 1] === '(' || s[i + 1] === '{')) {
      depth++;
      i++;
      continue;
    }
    if (depth > 0) {
      if (c === '(' || c === '{') depth++;
      else if (c === ')' || c === '}') depth--;
      continue;
    }
    if (c === ':') {
      if (s.startsWith('::=', i)) return mk(s, i, '::=', 3);
      if (s[i + 1] === '=') return mk(s, i, ':=', 2);
      return undefined;
    }
    if (c === '=') {
      const prev = s[i - 1];
      if (prev === '+' || prev === '?') return mk(s, i - 1, (prev + '=') as '+=' | '?=', 2);
      return mk(s, i, '=', 1);
    }
  }
  return undefined;
}

function mk(s: string, at: number, op: Assignment['op'], len: number): Assignment {
  return { name: s.slice(0, at).trim(), op, value: s.slice(at + len).replace(/^[ \t]+/, '') };
}

function topLevelColon(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '$' && (s[i + 1] === '(' || s[i + 1] === '{')) {
      depth++;
      i++;
    } else if (depth > 0 && (c === '(' || c === '{')) depth++;
    else if (depth > 0 && (c === ')' || c === '}')) depth--;
    else if (c === ':' && depth === 0) return i;
  }
  return -1;
}
