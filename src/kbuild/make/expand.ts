// Variable expansion, as GNU make does it: `$(VAR)`, `${VAR}`, `$X`, `$$`, substitution references
// `$(VAR:.o=.c)` / `$(VAR:%.o=%.c)`, and a small set of text functions. Anything else (`$(shell)`,
// `$(call)`, `$(eval)`, ...) is a located error rather than a silent empty string: a student who
// writes it should learn that our make is a subset, not get a build that quietly differs.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MakeError, type Where } from './errors.js';

export type Flavor = 'recursive' | 'simple';
export type Origin = 'default' | 'environment' | 'file' | 'command line' | 'override';

export interface Variable {
  value: string; // raw text for recursive variables, already expanded for simple ones
  flavor: Flavor;
  origin: Origin;
}

/** The functions our subset understands; see docs at the top of eval.ts. */
const FUNCTIONS = new Set([
  'subst', 'patsubst', 'strip', 'findstring', 'filter', 'filter-out', 'sort', 'word', 'words',
  'firstword', 'lastword', 'dir', 'notdir', 'suffix', 'basename', 'addsuffix', 'addprefix',
  'wildcard', 'if', 'or', 'and', 'foreach', 'origin', 'error', 'warning', 'info',
]);
/** Functions of GNU make we deliberately do not have; naming them gives a clearer error. */
const UNSUPPORTED = new Set(['shell', 'call', 'eval', 'value', 'file', 'flavor', 'join', 'realpath', 'abspath', 'guile']);

export class Vars {
  readonly map = new Map<string, Variable>();
  /** Where relative paths in $(wildcard) are resolved. */
  constructor(readonly cwd: string) {}

  get(name: string): Variable | undefined {
    return this.map.get(name);
  }
  set(name: string, v: Variable): void {
    this.map.set(name, v);
  }
  /** The expanded value of a variable (empty when undefined, as in make). */
  value(name: string, where?: Where): string {
    const v = this.map.get(name);
    if (!v) return '';
    return v.flavor === 'simple' ? v.value : expand(v.value, this, where, name);
  }
  /** The expanded value split into words. */
  words(name: string): string[] {
    return splitWords(this.value(name));
  }
}

export function splitWords(s: string): string[] {
  return s.split(/[ \t\n]+/).filter((w) => w.length > 0);
}

const expanding = new Set<string>();

/** Expands every reference in `text`. `where` locates errors; `self` detects `X = $(X)` loops. */
export function expand(text: string, vars: Vars, where?: Where, self?: string): string {
  if (!text.includes('$')) return text;
  if (self !== undefined) {
    if (expanding.has(self)) throw new MakeError(where, `Recursive variable '${self}' references itself (eventually)`);
    expanding.add(self);
  }
  try {
    let out = '';
    let i = 0;
    while (i < text.length) {
      const d = text.indexOf('$', i);
      if (d < 0) {
        out += text.slice(i);
        break;
      }
      out += text.slice(i, d);
      const c = text[d + 1];
      if (c === undefined) break; // a lone trailing '$' expands to nothing
      if (c === '$') {
        out += '$';
        i = d + 2;
      } else if (c === '(' || c === '{') {
        const close = matchClose(text, d + 1);
        if (close < 0) throw new MakeError(where, `unterminated variable reference`);
        out += reference(text.slice(d + 2, close), c === '(' ? ')' : '}', vars, where);
        i = close + 1;
      } else {
        out += vars.value(c, where);
        i = d + 2;
      }
    }
    return out;
  } finally {
    if (self !== undefined) expanding.delete(self);
  }
}

/** Index of the bracket closing the one at `open`, counting nested brackets of the same kind. */
function matchClose(text: string, open: number): number {
  const o = text[open];
  const c = o === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === o) depth++;
    else if (text[i] === c && --depth === 0) return i;
  }
  return -1;
}

// reference := function-name WS args | name ':' from '=' to | name
function reference(body: string, _close: string, vars: Vars, where?: Where): string {
  const m = /^([a-z-]+)[ \t]/.exec(body);
  if (m) {
    const fn = m[1]!;
    if (FUNCTIONS.has(fn)) return callFunction(fn, body.slice(m[0].length), vars, where);
    if (UNSUPPORTED.has(fn)) throw new MakeError(where, `the make function '$(${fn} ...)' is not part of kwb's make subset`);
  }
  const colon = topLevelIndex(body, ':');
  if (colon >= 0) {
    const eq = body.indexOf('=', colon);
    if (eq >= 0) {
      const name = expand(body.slice(0, colon), vars, where);
      const from = expand(body.slice(colon + 1, eq), vars, where);
      const to = expand(body.slice(eq + 1), vars, where);
      const pf = from.includes('%') ? from : '%' + from;
      const pt = from.includes('%') ? to : '%' + to;
      return splitWords(vars.value(name, where)).map((w) => patsubstWord(pf, pt, w)).join(' ');
    }
  }
  return vars.value(expand(body, vars, where), where);
}

function topLevelIndex(s: string, ch: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    else if (c === ch && depth === 0) return i;
  }
  return -1;
}

/** Splits function arguments at top-level commas (commas inside nested references belong to them). */
function splitArgs(s: string, max: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length && args.length < max - 1; i++) {
    const c = s[i];
    if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      args.push(s.slice(start, i));
      start = i + 1;
    }
  }
  args.push(s.slice(start));
  return args;
}

function patsubstWord(pattern: string, replacement: string, word: string): string {
  const p = pattern.indexOf('%');
  if (p < 0) return word === pattern ? replacement : word;
  const pre = pattern.slice(0, p);
  const post = pattern.slice(p + 1);
  if (word.length < pre.length + post.length || !word.startsWith(pre) || !word.endsWith(post)) return word;
  const stem = word.slice(pre.length, word.length - post.length);
  return replacement.includes('%') ? replacement.replace('%', stem) : replacement;
}

function matchesPattern(pattern: string, word: string): boolean {
  const p = pattern.indexOf('%');
  if (p < 0) return word === pattern;
  const pre = pattern.slice(0, p);
  const post = pattern.slice(p + 1);
  return word.length >= pre.length + post.length && word.startsWith(pre) && word.endsWith(post);
}

const ARITY: Record<string, number> = {
  subst: 3, patsubst: 3, strip: 1, findstring: 2, filter: 2, 'filter-out': 2, sort: 1, word: 2, words: 1,
  firstword: 1, lastword: 1, dir: 1, notdir: 1, suffix: 1, basename: 1, addsuffix: 2, addprefix: 2,
  wildcard: 1, if: 3, or: 1000, and: 1000, foreach: 3, origin: 1, error: 1, warning: 1, info: 1,
};

function callFunction(fn: string, argText: string, vars: Vars, where?: Where): string {
  const raw = splitArgs(argText, ARITY[fn]!);
  const x = (i: number): string => expand(raw[i] ?? '', vars, where);
  const need = (n: number): void => {
    if (raw.length < n) throw new MakeError(where, `insufficient number of arguments (${raw.length}) to function '${fn}'`);
  };
  switch (fn) {
    case 'subst': {
      need(3);
      const from = x(0);
      return from === '' ? x(2) : x(2).split(from).join(x(1));
    }
    case 'patsubst': {
      need(3);
      const p = x(0), r = x(1);
      return splitWords(x(2)).map((w) => patsubstWord(p, r, w)).join(' ');
    }
    case 'strip':
      return splitWords(x(0)).join(' ');
    case 'findstring':
      need(2);
      return x(1).includes(x(0)) ? x(0) : '';
    case 'filter':
    case 'filter-out': {
      need(2);
      const pats = splitWords(x(0));
      const keep = fn === 'filter';
      return splitWords(x(1)).filter((w) => pats.some((p) => matchesPattern(p, w)) === keep).join(' ');
    }
    case 'sort':
      return [...new Set(splitWords(x(0)))].sort().join(' ');
    case 'word': {
      need(2);
      const n = Number(x(0).trim());
      if (!Number.isInteger(n) || n < 1) throw new MakeError(where, `first argument to 'word' function must be greater than 0`);
      return splitWords(x(1))[n - 1] ?? '';
    }
    case 'words':
      return String(splitWords(x(0)).length);
    case 'firstword':
      return splitWords(x(0))[0] ?? '';
    case 'lastword':
      return splitWords(x(0)).at(-1) ?? '';
    case 'dir':
      return splitWords(x(0)).map((w) => (w.includes('/') ? w.slice(0, w.lastIndexOf('/') + 1) : './')).join(' ');
    case 'notdir':
      return splitWords(x(0)).map((w) => w.slice(w.lastIndexOf('/') + 1)).join(' ');
    case 'suffix':
      return splitWords(x(0)).map((w) => /(\.[^./]*)$/.exec(w)?.[1] ?? '').filter((s) => s).join(' ');
    case 'basename':
      return splitWords(x(0)).map((w) => w.replace(/\.[^./]*$/, '')).join(' ');
    case 'addsuffix': {
      need(2);
      const s = x(0);
      return splitWords(x(1)).map((w) => w + s).join(' ');
    }
    case 'addprefix': {
      need(2);
      const p = x(0);
      return splitWords(x(1)).map((w) => p + w).join(' ');
    }
    case 'wildcard':
      return splitWords(x(0)).flatMap((p) => glob(vars.cwd, p)).join(' ');
    case 'if':
      need(2);
      return x(0).trim() !== '' ? x(1) : x(2);
    case 'or':
      for (let i = 0; i < raw.length; i++) {
        const v = x(i).trim();
        if (v) return v;
      }
      return '';
    case 'and': {
      let v = '';
      for (let i = 0; i < raw.length; i++) {
        v = x(i).trim();
        if (!v) return '';
      }
      return v;
    }
    case 'foreach': {
      need(3);
      const name = x(0).trim();
      const saved = vars.get(name);
      const out: string[] = [];
      for (const w of splitWords(x(1))) {
        vars.set(name, { value: w, flavor: 'simple', origin: 'file' });
        out.push(x(2));
      }
      if (saved) vars.set(name, saved);
      else vars.map.delete(name);
      return out.join(' ');
    }
    case 'origin': {
      const v = vars.get(x(0).trim());
      return v ? v.origin : 'undefined';
    }
    case 'error':
      throw new MakeError(where, x(0));
    case 'warning':
      process.stderr.write(`${where ? `${where.file}:${where.line}: ` : ''}${x(0)}\n`);
      return '';
    case 'info':
      process.stdout.write(`${x(0)}\n`);
      return '';
  }
  throw new MakeError(where, `unknown function '${fn}'`);
}

/** $(wildcard): an exact path, or '*' / '?' within the last path component. */
function glob(cwd: string, pattern: string): string[] {
  if (!/[*?[]/.test(pattern)) return existsSync(join(cwd, pattern)) ? [pattern] : [];
  const slash = pattern.lastIndexOf('/');
  const dir = slash >= 0 ? pattern.slice(0, slash) : '';
  const leaf = slash >= 0 ? pattern.slice(slash + 1) : pattern;
  if (/[*?[]/.test(dir)) return []; // wildcards in directory parts: outside our subset, match nothing
  const re = new RegExp('^' + leaf.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
  let names: string[];
  try {
    names = readdirSync(join(cwd, dir || '.'));
  } catch {
    return [];
  }
  return names.filter((n) => re.test(n) && !n.startsWith('.')).sort().map((n) => (dir ? `${dir}/${n}` : n));
}
