// Syntax highlighting, line by line: each line becomes spans with a token class. The languages
// are the ones a lab touches: C (and headers, assembly-free), Makefiles/Kbuild, Kconfig and the
// syscall .tbl. Block comments in C carry state from one line to the next.

export type Lang = 'c' | 'make' | 'kconfig' | 'tbl' | 'text';
export type Tok = 'plain' | 'keyword' | 'type' | 'string' | 'number' | 'comment' | 'preproc' | 'variable' | 'target' | 'abi';
export interface Span {
  text: string;
  tok: Tok;
}

export function languageOf(path: string): Lang {
  const base = path.split('/').pop() ?? path;
  if (/\.[ch]$/.test(base)) return 'c';
  if (base.endsWith('.tbl')) return 'tbl';
  if (base === 'Makefile' || base === 'Kbuild' || base.startsWith('Makefile.') || base.endsWith('.mk')) return 'make';
  if (base.startsWith('Kconfig') || base.endsWith('defconfig') || base === '.config') return 'kconfig';
  return 'text';
}

const C_KEYWORDS = new Set('if else while for do return switch case default break continue goto sizeof typedef struct union enum static extern const volatile inline asm __asm__ __attribute__ register restrict'.split(' '));
const C_TYPES = new Set('void char short int long unsigned signed float double _Bool bool size_t ssize_t u8 u16 u32 u64 s8 s16 s32 s64 pid_t'.split(' '));
const KCONFIG_KEYWORDS = new Set('config menuconfig menu endmenu choice endchoice if endif source comment mainmenu depends on select imply default def_bool def_tristate prompt help range option visible modules env allnoconfig_y defconfig_list'.split(' '));
const KCONFIG_TYPES = new Set(['bool', 'tristate', 'int', 'hex', 'string']);
const TBL_ABIS = new Set(['common', '64', 'x32', 'i386']);

/** Highlight state carried between lines (inside a C block comment or not). */
export type State = { inComment: boolean };

export function highlightLine(lang: Lang, line: string, state: State): Span[] {
  switch (lang) {
    case 'c':
      return cLine(line, state);
    case 'make':
      return makeLine(line);
    case 'kconfig':
      return kconfigLine(line);
    case 'tbl':
      return tblLine(line);
    default:
      return [{ text: line, tok: 'plain' }];
  }
}

/** All lines of a file, threading the comment state. */
export function highlightAll(lang: Lang, lines: string[]): Span[][] {
  const st: State = { inComment: false };
  return lines.map((l) => highlightLine(lang, l, st));
}

function push(out: Span[], text: string, tok: Tok): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.tok === tok) last.text += text;
  else out.push({ text, tok });
}

function cLine(line: string, st: State): Span[] {
  const out: Span[] = [];
  let i = 0;
  if (!st.inComment && /^\s*#/.test(line)) {
    // A directive: the directive word is preproc, the rest (file names, macro bodies) is tokenized.
    const m = /^(\s*#\s*\w*)/.exec(line)!;
    push(out, m[1]!, 'preproc');
    i = m[1]!.length;
    const inc = /^(\s*)(<[^>]*>)/.exec(line.slice(i));
    if (inc) {
      push(out, inc[1]!, 'plain');
      push(out, inc[2]!, 'string');
      i += inc[0].length;
    }
  }
  while (i < line.length) {
    if (st.inComment) {
      const end = line.indexOf('*/', i);
      if (end < 0) {
        push(out, line.slice(i), 'comment');
        return out;
      }
      push(out, line.slice(i, end + 2), 'comment');
      i = end + 2;
      st.inComment = false;
      continue;
    }
    const rest = line.slice(i);
    if (rest.startsWith('//')) {
      push(out, rest, 'comment');
      break;
    }
    if (rest.startsWith('/*')) {
      st.inComment = true;
      push(out, '/*', 'comment');
      i += 2;
      continue;
    }
    const ch = line[i]!;
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < line.length && line[j] !== ch) j += line[j] === '\\' ? 2 : 1;
      push(out, line.slice(i, Math.min(j + 1, line.length)), 'string');
      i = j + 1;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|\d+)[uUlL]*/.exec(rest);
    if (num && !/\w/.test(line[i - 1] ?? '')) {
      push(out, num[0], 'number');
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_]\w*/.exec(rest);
    if (id) {
      const w = id[0];
      push(out, w, C_KEYWORDS.has(w) ? 'keyword' : C_TYPES.has(w) ? 'type' : /^[A-Z][A-Z0-9_]+$/.test(w) ? 'preproc' : 'plain');
      i += w.length;
      continue;
    }
    push(out, ch, 'plain');
    i++;
  }
  return out;
}

function makeLine(line: string): Span[] {
  const out: Span[] = [];
  if (/^\s*#/.test(line)) return [{ text: line, tok: 'comment' }];
  if (line.startsWith('\t')) return varRefs(line, 'plain'); // a recipe line
  const directive = /^(\s*)(ifeq|ifneq|ifdef|ifndef|else|endif|include|-include|sinclude|export|unexport|override|define|endef)\b/.exec(line);
  let i = 0;
  if (directive) {
    push(out, directive[1]!, 'plain');
    push(out, directive[2]!, 'keyword');
    i = directive[0].length;
  }
  const rest = line.slice(i);
  const assign = /^(\s*[\w.$()\-]+\s*)(:=|\+=|\?=|=)/.exec(rest);
  if (assign) {
    push(out, assign[1]!, 'variable');
    push(out, assign[2]!, 'keyword');
    for (const s of varRefs(rest.slice(assign[0].length), 'plain')) push(out, s.text, s.tok);
    return out;
  }
  const rule = /^([^:=#\t][^:=#]*)(::?)(?!=)/.exec(rest);
  if (rule) {
    for (const s of varRefs(rule[1]!, 'target')) push(out, s.text, s.tok);
    push(out, rule[2]!, 'keyword');
    for (const s of varRefs(rest.slice(rule[0].length), 'plain')) push(out, s.text, s.tok);
    return out;
  }
  for (const s of varRefs(rest, 'plain')) push(out, s.text, s.tok);
  return out;
}

/** `$(VAR)`, `${VAR}` and `$@`-style references inside make text; comments after `#`. */
function varRefs(text: string, base: Tok): Span[] {
  const out: Span[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '#' && text[i - 1] !== '\\') {
      push(out, text.slice(i), 'comment');
      break;
    }
    if (ch === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      const close = text[i + 1] === '(' ? ')' : '}';
      let depth = 0;
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === text[i + 1]) depth++;
        else if (text[j] === close && --depth === 0) break;
      }
      push(out, text.slice(i, j + 1), 'variable');
      i = j + 1;
      continue;
    }
    if (ch === '$' && i + 1 < text.length) {
      push(out, text.slice(i, i + 2), 'variable');
      i += 2;
      continue;
    }
    push(out, ch, base);
    i++;
  }
  return out;
}

function kconfigLine(line: string): Span[] {
  const out: Span[] = [];
  const hash = line.indexOf('#');
  const quoteBefore = hash >= 0 ? (line.slice(0, hash).match(/"/g) ?? []).length % 2 === 1 : false;
  const code = hash >= 0 && !quoteBefore ? line.slice(0, hash) : line;
  const comment = hash >= 0 && !quoteBefore ? line.slice(hash) : '';
  // .config lines: CONFIG_X=y
  const cfg = /^(CONFIG_\w+)(=)(.*)$/.exec(code);
  if (cfg) {
    push(out, cfg[1]!, 'variable');
    push(out, '=', 'plain');
    push(out, cfg[3]!, /^".*"$/.test(cfg[3]!) ? 'string' : 'number');
    return out;
  }
  const re = /"(?:[^"\\]|\\.)*"?|[A-Za-z_][\w-]*|\s+|./g;
  let first = true;
  for (const m of code.matchAll(re)) {
    const w = m[0];
    let tok: Tok = 'plain';
    if (w.startsWith('"')) tok = 'string';
    else if (/^\s/.test(w)) tok = 'plain';
    else if (KCONFIG_TYPES.has(w)) tok = 'type';
    else if (KCONFIG_KEYWORDS.has(w) && (first || w === 'on' || w === 'if')) tok = 'keyword';
    else if (/^[A-Z][A-Z0-9_]*$/.test(w)) tok = 'variable';
    else if (/^(y|n|m)$/.test(w)) tok = 'number';
    if (!/^\s/.test(w)) first = false;
    push(out, w, tok);
  }
  push(out, comment, 'comment');
  return out;
}

/** `<number> <abi> <name> <entry point> [<compat entry point>]`, whitespace-separated. */
function tblLine(line: string): Span[] {
  if (/^\s*#/.test(line)) return [{ text: line, tok: 'comment' }];
  const out: Span[] = [];
  let field = 0;
  for (const m of line.matchAll(/\s+|\S+/g)) {
    const w = m[0];
    if (/^\s/.test(w)) {
      push(out, w, 'plain');
      continue;
    }
    const tok: Tok = field === 0 ? 'number' : field === 1 ? (TBL_ABIS.has(w) ? 'abi' : 'plain') : field === 2 ? 'plain' : 'type';
    push(out, w, tok);
    field++;
  }
  return out;
}

/**
 * Lines [from, to) only, for drawing a window of a long file. C's block-comment state at `from`
 * comes from a quick scan of the lines above for comment delimiters (strings holding a comment
 * opener may mislead it; the cost is a wrongly coloured window, never wrong text).
 */
export function highlightRange(lang: Lang, lines: string[], from: number, to: number): Span[][] {
  const st: State = { inComment: false };
  if (lang === 'c') {
    for (let i = 0; i < from; i++) {
      const l = lines[i]!;
      if (!l.includes('/*') && !l.includes('*/')) continue;
      highlightLine('c', l, st);
    }
  }
  const out: Span[][] = [];
  for (let i = from; i < Math.min(to, lines.length); i++) out.push(highlightLine(lang, lines[i]!, st));
  return out;
}
