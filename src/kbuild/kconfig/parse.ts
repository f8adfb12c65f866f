// The Kconfig language, the subset our tree uses (Documentation/kbuild/kconfig-language.txt):
//
//   mainmenu "prompt"
//   config SYM | menuconfig SYM          followed by attribute lines:
//       bool|tristate|int|hex|string ["prompt" [if expr]]
//       def_bool|def_tristate expr [if expr]
//       prompt "prompt" [if expr]
//       default expr [if expr]
//       depends on expr
//       select SYM [if expr]
//       range a b [if expr]
//       option env="VAR" | option modules | option defconfig_list
//       help | ---help---                 (text: the following more-indented lines)
//   choice [SYM] ... endchoice            (with prompt, default, depends on, optional)
//   menu "prompt" ... endmenu             (with depends on, visible if)
//   if expr ... endif
//   comment "text"                        (with depends on)
//   source "path"                         ($VAR in the path from option env= symbols)
//
// Errors name the file and line: `arch/x86/Kconfig:12: syntax error` as scripts/kconfig does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../errors.js';
import { andExpr, parseExpr, ExprSyntaxError, type Expr } from './expr.js';

export type SymType = 'bool' | 'tristate' | 'int' | 'hex' | 'string' | 'unknown';

export interface Where {
  file: string;
  line: number;
}

export interface Prompt {
  text: string;
  cond: Expr | undefined; // prompt's own `if` and the entry's dependencies together
}

export interface Default {
  value: Expr;
  cond: Expr | undefined; // `if` together with the entry's dependencies
}

export interface SymbolDef {
  name: string;
  type: SymType;
  prompts: Prompt[];
  defaults: Default[];
  /** Everything the symbol's definitions depend on (depends on + enclosing if/menu), OR-ed across definitions. */
  deps: Expr | undefined;
  selects: { target: string; cond: Expr | undefined }[];
  /** Symbols that select this one, with their conditions (reverse dependencies). */
  selectedBy: { by: string; cond: Expr | undefined }[];
  ranges: { lo: string; hi: string; cond: Expr | undefined }[];
  env?: string;
  modules?: boolean;
  choice?: ChoiceDef;
  help?: string;
  where: Where;
}

export interface ChoiceDef {
  prompt: Prompt | undefined;
  defaults: { target: string; cond: Expr | undefined }[];
  deps: Expr | undefined;
  members: SymbolDef[];
  optional: boolean;
  where: Where;
}

export type MenuNode =
  | { kind: 'symbol'; sym: SymbolDef; deps: Expr | undefined; prompt: Prompt | undefined; children: MenuNode[] }
  | { kind: 'menu'; title: string; deps: Expr | undefined; visibleIf: Expr | undefined; children: MenuNode[] }
  | { kind: 'comment'; title: string; deps: Expr | undefined }
  | { kind: 'choice'; choice: ChoiceDef; children: MenuNode[] };

export interface Kconfig {
  mainmenu: string;
  root: MenuNode[];
  symbols: Map<string, SymbolDef>;
  /** Every Kconfig file read, in order (for include/config/auto.conf.cmd). */
  files: string[];
}

export class KconfigError extends UsageError {
  constructor(where: Where, message: string) {
    super(`${where.file}:${where.line}: ${message}`);
    this.name = 'KconfigError';
  }
}

interface Line {
  text: string; // with continuations joined
  raw: string;
  where: Where;
  indent: number;
}

const TYPES: Record<string, SymType> = { bool: 'bool', boolean: 'bool', tristate: 'tristate', int: 'int', hex: 'hex', string: 'string' };

/** Reads the Kconfig tree rooted at `file` (relative to `srctree`). `env` feeds `option env=` symbols. */
export function parseKconfig(srctree: string, file: string, env: Record<string, string>, read?: (rel: string) => string | undefined): Kconfig {
  const reader =
    read ??
    ((rel: string) => {
      try {
        return readFileSync(join(srctree, rel), 'utf8');
      } catch {
        return undefined;
      }
    });
  const kc: Kconfig = { mainmenu: '', root: [], symbols: new Map(), files: [] };
  const defined = new Set<string>();
  const envSyms = new Map<string, string>(); // symbol name → value, for $SYM in source paths and mainmenu

  const substitute = (s: string): string => s.replace(/\$([A-Za-z0-9_]+)/g, (_, n: string) => envSyms.get(n) ?? env[n] ?? '');

  const symbol = (name: string, where: Where): SymbolDef => {
    let s = kc.symbols.get(name);
    if (!s) {
      s = { name, type: 'unknown', prompts: [], defaults: [], deps: undefined, selects: [], selectedBy: [], ranges: [], where };
      kc.symbols.set(name, s);
    }
    return s;
  };

  function readFile(rel: string, from: Where | undefined, parentDeps: Expr | undefined, into: MenuNode[], stack: Block[]): void {
    const text = reader(rel);
    if (text === undefined) {
      if (from) throw new KconfigError(from, `can't open file "${rel}"`);
      throw new UsageError(`can't open file "${rel}"`);
    }
    kc.files.push(rel);
    const lines = splitLines(text, rel);
    parseLines(lines, parentDeps, into, stack);
  }

  interface Block {
    kind: 'menu' | 'if' | 'choice';
    deps: Expr | undefined; // dependencies children inherit
    children: MenuNode[];
    where: Where;
  }

  function parseLines(lines: Line[], baseDeps: Expr | undefined, rootInto: MenuNode[], outer: Block[]): void {
    const blocks: Block[] = [];
    let lastHelp: string | undefined;
    const depsNow = (): Expr | undefined => (blocks.length ? blocks[blocks.length - 1]!.deps : baseDeps);
    const into = (): MenuNode[] => (blocks.length ? blocks[blocks.length - 1]!.children : rootInto);
    let i = 0;

    const err = (w: Where, m: string): never => {
      throw new KconfigError(w, m);
    };
    const expr = (s: string, l: Line): Expr => {
      try {
        return parseExpr(s);
      } catch (e) {
        if (e instanceof ExprSyntaxError) err(l.where, `syntax error in expression: ${e.message}`);
        throw e;
      }
    };
    // "text" [if expr]
    const promptAndIf = (rest: string, l: Line): { text: string; cond: Expr | undefined } => {
      const m = /^"((?:[^"\\]|\\.)*)"\s*(?:if\s+(.*))?$/.exec(rest.trim()) ?? /^'((?:[^'\\]|\\.)*)'\s*(?:if\s+(.*))?$/.exec(rest.trim());
      if (!m) err(l.where, `syntax error: prompt must be a quoted string`);
      return { text: m![1]!.replace(/\\(.)/g, '$1'), cond: m![2] ? expr(m![2], l) : undefined };
    };
    // value [if expr]
    const valueAndIf = (rest: string, l: Line): { value: string; cond: Expr | undefined } => {
      const m = /^(.*?)\s+if\s+(.*)$/.exec(rest.trim());
      return m ? { value: m[1]!, cond: expr(m[2]!, l) } : { value: rest.trim(), cond: undefined };
    };

    // The attribute lines of a config/menuconfig/choice/menu/comment entry.
    function attributes(
      onAttr: (word: string, rest: string, l: Line) => boolean,
    ): void {
      while (i < lines.length) {
        const l = lines[i]!;
        const t = l.text.trim();
        if (t === '' || t.startsWith('#')) {
          i++;
          continue;
        }
        const [word, rest] = splitFirst(t);
        if (word === 'help' || word === '---help---') {
          i++;
          lastHelp = skipHelp(l);
          continue;
        }
        if (!onAttr(word, rest, l)) return;
        i++;
      }
    }
    function skipHelp(helpLine: Line): string {
      const text: string[] = [];
      let indent = -1;
      while (i < lines.length) {
        const l = lines[i]!;
        if (l.raw.trim() === '') {
          text.push('');
          i++;
          continue;
        }
        if (indent < 0) {
          if (l.indent <= helpLine.indent) break;
          indent = l.indent;
        } else if (l.indent < indent) break;
        text.push(l.raw.trim());
        i++;
      }
      return text.join('\n').trim();
    }

    while (i < lines.length) {
      const l = lines[i]!;
      const t = l.text.trim();
      if (t === '' || t.startsWith('#')) {
        i++;
        continue;
      }
      const [word, rest] = splitFirst(t);
      i++;
      switch (word) {
        case 'mainmenu':
          kc.mainmenu = substitute(promptAndIf(rest, l).text);
          break;
        case 'source': {
          const m = /^"([^"]*)"$/.exec(rest.trim()) ?? /^(\S+)$/.exec(rest.trim());
          if (!m) err(l.where, 'syntax error: source expects a file name');
          readFile(substitute(m![1]!), l.where, depsNow(), into(), [...outer, ...blocks]);
          break;
        }
        case 'config':
        case 'menuconfig': {
          const name = rest.trim();
          if (!/^[A-Za-z0-9_]+$/.test(name)) err(l.where, `syntax error: '${word}' expects a symbol name`);
          const sym = symbol(name, l.where);
          const inChoice = blocks.length > 0 && blocks[blocks.length - 1]!.kind === 'choice' ? choiceOf(blocks[blocks.length - 1]!) : undefined;
          let ownDeps: Expr | undefined;
          const prompts: { text: string; cond: Expr | undefined }[] = [];
          const defaults: { value: Expr; cond: Expr | undefined }[] = [];
          const selects: { target: string; cond: Expr | undefined }[] = [];
          const ranges: { lo: string; hi: string; cond: Expr | undefined }[] = [];
          lastHelp = undefined;
          attributes((w, r, al) => {
            if (w in TYPES || w === 'def_bool' || w === 'def_tristate') {
              const ty = w === 'def_bool' ? 'bool' : w === 'def_tristate' ? 'tristate' : TYPES[w]!;
              if (sym.type !== 'unknown' && sym.type !== ty) err(al.where, `warning: type of '${name}' redefined from '${sym.type}' to '${ty}'`);
              sym.type = ty;
              if (w.startsWith('def_')) {
                const v = valueAndIf(r, al);
                defaults.push({ value: expr(v.value, al), cond: v.cond });
              } else if (r.trim() !== '') prompts.push(promptAndIf(r, al));
              return true;
            }
            switch (w) {
              case 'prompt':
                prompts.push(promptAndIf(r, al));
                return true;
              case 'default': {
                const v = valueAndIf(r, al);
                defaults.push({ value: expr(v.value, al), cond: v.cond });
                return true;
              }
              case 'depends': {
                const m = /^on\s+(.*)$/.exec(r);
                if (!m) err(al.where, "syntax error: 'depends' must be followed by 'on'");
                ownDeps = andExpr(ownDeps, expr(m![1]!, al));
                return true;
              }
              case 'select': {
                const v = valueAndIf(r, al);
                selects.push({ target: v.value, cond: v.cond });
                return true;
              }
              case 'range': {
                const v = valueAndIf(r, al);
                const parts = v.value.split(/\s+/);
                if (parts.length !== 2) err(al.where, 'syntax error: range expects two values');
                ranges.push({ lo: parts[0]!, hi: parts[1]!, cond: v.cond });
                return true;
              }
              case 'option': {
                const envOpt = /^env="([^"]*)"$/.exec(r.trim());
                if (envOpt) {
                  sym.env = envOpt[1]!;
                  envSyms.set(name, env[sym.env] ?? '');
                } else if (r.trim() === 'modules') sym.modules = true;
                else if (r.trim() === 'defconfig_list' || r.trim() === 'allnoconfig_y') {
                  /* accepted; not used by kwb */
                } else err(al.where, `warning: ignoring unknown option ${r.trim()}`);
                return true;
              }
              default:
                return false;
            }
          });
          if (lastHelp !== undefined) sym.help = lastHelp;
          const deps = andExpr(depsNow(), ownDeps);
          // A symbol defined in several places is available when any definition's dependencies hold.
          if (!defined.has(name)) sym.deps = deps;
          else sym.deps = sym.deps && deps ? { kind: 'or', a: sym.deps, b: deps } : undefined;
          defined.add(name);
          let firstPrompt: Prompt | undefined;
          for (const p of prompts) {
            const pr = { text: p.text, cond: andExpr(deps, p.cond) };
            sym.prompts.push(pr);
            firstPrompt ??= pr;
          }
          for (const d of defaults) sym.defaults.push({ value: d.value, cond: andExpr(deps, d.cond) });
          for (const s of selects) {
            sym.selects.push(s);
            symbol(s.target, l.where).selectedBy.push({ by: name, cond: andExpr(deps, s.cond) });
          }
          for (const r of ranges) sym.ranges.push({ ...r, cond: andExpr(deps, r.cond) });
          if (inChoice) {
            sym.choice = inChoice;
            inChoice.members.push(sym);
          }
          const node: MenuNode = { kind: 'symbol', sym, deps, prompt: firstPrompt, children: [] };
          into().push(node);
          break;
        }
        case 'choice': {
          const ch: ChoiceDef = { prompt: undefined, defaults: [], deps: undefined, members: [], optional: false, where: l.where };
          let ownDeps: Expr | undefined;
          let promptText: { text: string; cond: Expr | undefined } | undefined;
          attributes((w, r, al) => {
            if (w === 'prompt' || ((w === 'bool' || w === 'tristate') && r.trim() !== '')) {
              promptText = promptAndIf(r, al);
              return true;
            }
            if (w === 'bool' || w === 'tristate') return true;
            if (w === 'default') {
              const v = valueAndIf(r, al);
              ch.defaults.push({ target: v.value, cond: v.cond });
              return true;
            }
            if (w === 'depends') {
              const m = /^on\s+(.*)$/.exec(r);
              if (!m) err(al.where, "syntax error: 'depends' must be followed by 'on'");
              ownDeps = andExpr(ownDeps, expr(m![1]!, al));
              return true;
            }
            if (w === 'optional') {
              ch.optional = true;
              return true;
            }
            return false;
          });
          ch.deps = andExpr(depsNow(), ownDeps);
          if (promptText) ch.prompt = { text: promptText.text, cond: andExpr(ch.deps, promptText.cond) };
          for (const d of ch.defaults) d.cond = andExpr(ch.deps, d.cond);
          const node: MenuNode = { kind: 'choice', choice: ch, children: [] };
          into().push(node);
          const b: Block = { kind: 'choice', deps: ch.deps, children: node.children, where: l.where };
          choices.set(b, ch);
          blocks.push(b);
          break;
        }
        case 'endchoice':
          closeBlock('choice', l);
          break;
        case 'menu': {
          const title = promptAndIf(rest, l).text;
          let ownDeps: Expr | undefined;
          let visibleIf: Expr | undefined;
          attributes((w, r, al) => {
            if (w === 'depends') {
              const m = /^on\s+(.*)$/.exec(r);
              if (!m) err(al.where, "syntax error: 'depends' must be followed by 'on'");
              ownDeps = andExpr(ownDeps, expr(m![1]!, al));
              return true;
            }
            if (w === 'visible') {
              const m = /^if\s+(.*)$/.exec(r);
              if (!m) err(al.where, "syntax error: 'visible' must be followed by 'if'");
              visibleIf = expr(m![1]!, al);
              return true;
            }
            return false;
          });
          const deps = andExpr(depsNow(), ownDeps);
          const node: MenuNode = { kind: 'menu', title, deps, visibleIf, children: [] };
          into().push(node);
          blocks.push({ kind: 'menu', deps, children: node.children, where: l.where });
          break;
        }
        case 'endmenu':
          closeBlock('menu', l);
          break;
        case 'if': {
          const deps = andExpr(depsNow(), expr(rest, l));
          blocks.push({ kind: 'if', deps, children: into(), where: l.where });
          break;
        }
        case 'endif':
          closeBlock('if', l);
          break;
        case 'comment': {
          const title = promptAndIf(rest, l).text;
          let ownDeps: Expr | undefined;
          attributes((w, r, al) => {
            if (w !== 'depends') return false;
            const m = /^on\s+(.*)$/.exec(r);
            if (!m) err(al.where, "syntax error: 'depends' must be followed by 'on'");
            ownDeps = andExpr(ownDeps, expr(m![1]!, al));
            return true;
          });
          into().push({ kind: 'comment', title, deps: andExpr(depsNow(), ownDeps) });
          break;
        }
        default:
          err(l.where, `syntax error`);
      }
    }
    if (blocks.length) {
      const b = blocks[blocks.length - 1]!;
      throw new KconfigError(b.where, `unterminated '${b.kind}' (no matching 'end${b.kind}' in ${b.where.file})`);
    }

    function closeBlock(kind: Block['kind'], l: Line): void {
      const b = blocks.pop();
      if (!b || b.kind !== kind) err(l.where, `'end${kind}' without a matching '${kind}'`);
    }
  }

  const choices = new Map<object, ChoiceDef>();
  const choiceOf = (b: object): ChoiceDef => choices.get(b)!;

  readFile(file, undefined, undefined, kc.root, []);
  for (const s of kc.symbols.values()) {
    if (s.type === 'unknown' && s.prompts.length + s.defaults.length > 0) s.type = 'bool';
  }
  return kc;
}

function splitFirst(s: string): [string, string] {
  const m = /^(\S+)\s*(.*)$/s.exec(s);
  return m ? [m[1]!, m[2]!] : ['', ''];
}

function splitLines(text: string, file: string): Line[] {
  const phys = text.split('\n');
  const out: Line[] = [];
  for (let i = 0; i < phys.length; i++) {
    const start = i;
    let raw = phys[i]!.replace(/\r$/, '');
    let joined = raw;
    while (joined.endsWith('\\') && i + 1 < phys.length) {
      i++;
      joined = joined.slice(0, -1) + ' ' + phys[i]!.trim();
    }
    // Comments: '#' outside quotes ends the line (help text keeps its '#', it is read from raw).
    let t = '';
    let q: string | undefined;
    for (const c of joined) {
      if (q) {
        if (c === q) q = undefined;
      } else if (c === '"' || c === "'") q = c;
      else if (c === '#') break;
      t += c;
    }
    const indent = /^[ \t]*/.exec(raw)![0].replace(/\t/g, '        ').length;
    out.push({ text: t, raw, where: { file, line: start + 1 }, indent });
    raw = joined;
  }
  return out;
}
