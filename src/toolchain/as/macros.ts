// .macro/.endm, .rept/.endr, .irp and .irpc: the assembler records the lines of a block, then
// these functions turn it into a macro definition or into the statements it stands for.
// Substitution is textual, as in gas: `\name` is an argument, `\()` joins, `\@` counts expansions.
import { AsmError } from './errors.js';
import type { Statement } from './lex.js';
import type { Where } from './model.js';

export interface MacroParam {
  name: string;
  dflt: string;
  req: boolean;
  vararg: boolean;
}

export interface Macro {
  name: string;
  params: MacroParam[];
  body: Statement[];
}

/** A block being recorded, from its opening directive to the matching .endm/.endr. */
export interface Block {
  kind: 'macro' | 'rept' | 'irp' | 'irpc';
  /** The opening directive's operands. */
  head: string;
  depth: number;
  body: Statement[];
  where: Where;
}

/** Defines the macro (returns null) or returns the statements a repetition block expands to. */
export function finishBlock(b: Block, macros: Map<string, Macro>, constant: (text: string) => bigint | null): Statement[] | null {
  if (b.kind === 'macro') {
    const m = /^([A-Za-z_.$][\w.$]*)\s*,?\s*(.*)$/.exec(b.head);
    if (!m) throw new AsmError('expected symbol name');
    macros.set(m[1]!.toLowerCase(), { name: m[1]!, params: parseParams(m[2]!), body: b.body });
    return null;
  }
  if (b.kind === 'rept') {
    const n = Number(BigInt.asIntN(64, constant(b.head) ?? 0n));
    if (n * b.body.length > 1_000_000) throw new AsmError(`.rept count ${n} is too large`);
    const out: Statement[] = [];
    for (let k = 0; k < n; k++) out.push(...b.body);
    return out;
  }
  // .irp p, a, b, c   /   .irpc p, chars
  const m = /^([A-Za-z_]\w*)\s*,?\s*(.*)$/.exec(b.head);
  if (!m) throw new AsmError('missing model parameter');
  const items = b.kind === 'irp' ? (m[2]!.trim() === '' ? [''] : m[2]!.split(/\s*,\s*/)) : [...m[2]!.trim()];
  const out: Statement[] = [];
  for (const it of items) out.push(...substitute(b.body, new Map([[m[1]!, it]]), ''));
  return out;
}

/** macro-params := param ([ ,] param)*   param := name (':req' | ':vararg')? ('=' default)? */
function parseParams(text: string): MacroParam[] {
  if (text.trim() === '') return [];
  return text
    .split(/\s*,\s*|\s+/)
    .filter((p) => p !== '')
    .map((p) => {
      const q = /^([A-Za-z_]\w*)(?::(req|vararg))?(?:=(.*))?$/.exec(p);
      if (!q) throw new AsmError('bad macro parameter list');
      return { name: q[1]!, dflt: q[3] ?? '', req: q[2] === 'req', vararg: q[2] === 'vararg' };
    });
}

/** The statements of one invocation of `m` with the argument text `argText`. */
export function expandMacro(m: Macro, argText: string, count: number, from?: Statement['from']): Statement[] {
  // A quoted argument is passed without its quotes, as gas does.
  const args = (argText.trim() === '' ? [] : splitMacroArgs(argText.trim())).map((a) => (/^"[^"]*"$/.test(a) ? a.slice(1, -1) : a));
  const vals = new Map<string, string>();
  for (const p of m.params) vals.set(p.name, p.dflt);
  let pos = 0;
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    const kw = /^([A-Za-z_]\w*)\s*=(.*)$/.exec(a);
    if (kw && m.params.some((p) => p.name === kw[1])) {
      vals.set(kw[1]!, kw[2]!.trim());
      continue;
    }
    const p = m.params[pos++];
    if (!p) throw new AsmError('too many positional arguments');
    if (p.vararg) {
      vals.set(p.name, args.slice(k).join(','));
      break;
    }
    if (a !== '') vals.set(p.name, a);
  }
  for (const p of m.params) {
    if (p.req && (vals.get(p.name) ?? '') === '') throw new AsmError(`Missing value for required parameter \`${p.name}' of macro \`${m.name}'`);
  }
  return substitute(m.body, vals, String(count)).map((st) => ({ ...st, from }));
}

function substitute(body: Statement[], vals: Map<string, string>, count: string): Statement[] {
  return body.map((st) => ({
    ...st,
    text: st.text.replace(/\\(\(\)|@|[A-Za-z_]\w*)/g, (all, x: string) => (x === '()' ? '' : x === '@' ? count : (vals.get(x) ?? all))),
  }));
}

/** Macro arguments: separated by commas (or blanks), parentheses and quotes kept together. */
function splitMacroArgs(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '"') {
      const end = s.indexOf('"', i + 1);
      const j = end < 0 ? s.length : end + 1;
      cur += s.slice(i, j);
      i = j - 1;
    } else if (ch === '(') {
      depth++;
      cur += ch;
    } else if (ch === ')') {
      depth--;
      cur += ch;
    } else if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else if ((ch === ' ' || ch === '\t') && depth === 0) {
      // a blank separates arguments unless an operator continues the expression
      let j = i;
      while (j < s.length && (s[j] === ' ' || s[j] === '\t')) j++;
      const next = s[j];
      const prev = cur.trimEnd().slice(-1);
      if (next === undefined || next === ',' || '+-*/|&^<>='.includes(next) || '+-*/|&^<>=('.includes(prev) || cur.trim() === '') {
        i = j - 1;
        continue;
      }
      out.push(cur.trim());
      cur = '';
      i = j - 1;
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}
