// Finding the symbols a source file provides, the way the linker will see them: what
// SYSCALL_DEFINEn and COMPAT_SYSCALL_DEFINEn expand to, plain (non-static) function definitions,
// cond_syscall() weak aliases, and the global labels of assembly files. A text scan, not a
// compile: it runs on every `kwb tbl check --tree` and must take milliseconds.

export type DefinitionKind = 'SYSCALL_DEFINE' | 'COMPAT_SYSCALL_DEFINE' | 'function' | 'cond_syscall' | 'alias' | 'asm';

export interface Definition {
  symbol: string;
  kind: DefinitionKind;
  /** Path relative to the tree. */
  file: string;
  line: number; // 1-based
  /** 0-based index of the defining name on its line, and its length (for the caret). */
  index: number;
  length: number;
  /** The macro as written, e.g. SYSCALL_DEFINE0(nsys) — for messages. */
  written: string;
}

/** The text with comments blanked out (newlines kept), so positions still map to the file. */
export function blankComments(text: string): string {
  const out: string[] = [];
  const n = text.length;
  let run = 0; // start of the stretch of ordinary text not yet copied
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x2f /* / */ && (text.charCodeAt(i + 1) === 0x2a /* * */ || text.charCodeAt(i + 1) === 0x2f)) {
      out.push(text.slice(run, i));
      let stop: number;
      if (text.charCodeAt(i + 1) === 0x2a) {
        const end = text.indexOf('*/', i + 2);
        stop = end < 0 ? n : end + 2;
      } else {
        const end = text.indexOf('\n', i);
        stop = end < 0 ? n : end;
      }
      out.push(text.slice(i, stop).replace(/[^\n]/g, ' '));
      i = run = stop;
    } else if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      // skip literals so that "/*" inside a string does not start a comment
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== c && text.charCodeAt(j) !== 0x0a) j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      i = j + 1;
    } else i++;
  }
  out.push(text.slice(run));
  return out.join('');
}

const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'do', 'else', 'case', 'typeof', '__attribute__', 'asm', '__asm__']);

/** Definitions in a C source. */
export function cDefinitions(text: string, file: string): Definition[] {
  const src = blankComments(text);
  const lineStarts = [0];
  for (let i = 0; i < src.length; i++) if (src[i] === '\n') lineStarts.push(i + 1);
  const locate = (pos: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, index: pos - lineStarts[lo]! };
  };
  // A match inside a preprocessor directive (e.g. `#define SYSCALL_DEFINE0(sname)` in
  // syscalls.h, or a line continued from one) defines nothing.
  const inDirective = (pos: number) => {
    const { line } = locate(pos);
    for (let l = line; l >= 1; l--) {
      const start = lineStarts[l - 1]!;
      const end = l < lineStarts.length ? lineStarts[l]! - 1 : src.length;
      const body = src.slice(start, end);
      if (l !== line && !body.trimEnd().endsWith('\\')) return false;
      if (body.trimStart().startsWith('#')) return true;
    }
    return false;
  };
  const out: Definition[] = [];
  const add = (symbol: string, kind: DefinitionKind, pos: number, length: number, written: string) => {
    const { line, index } = locate(pos);
    out.push({ symbol, kind, file, line, index, length, written });
  };

  for (const m of src.matchAll(/\b(COMPAT_)?SYSCALL_DEFINE([0-6])\s*\(\s*([A-Za-z_]\w*)/g)) {
    if (inDirective(m.index!)) continue;
    const compat = Boolean(m[1]);
    const name = m[3]!;
    const pos = m.index! + m[0].length - name.length;
    add(`${compat ? 'compat_sys_' : 'sys_'}${name}`, compat ? 'COMPAT_SYSCALL_DEFINE' : 'SYSCALL_DEFINE', pos, name.length,
      `${m[1] ?? ''}SYSCALL_DEFINE${m[2]}(${name})`);
  }
  for (const m of src.matchAll(/\bcond_syscall\s*\(\s*([A-Za-z_]\w*)\s*\)/g)) {
    if (inDirective(m.index!)) continue;
    const name = m[1]!;
    add(name, 'cond_syscall', m.index! + m[0].indexOf(name, 12), name.length, `cond_syscall(${name})`);
  }
  for (const m of src.matchAll(/\bSYSCALL_ALIAS\s*\(\s*([A-Za-z_]\w*)\s*,/g)) {
    if (inDirective(m.index!)) continue;
    const name = m[1]!;
    add(name, 'alias', m.index! + m[0].indexOf(name, 13), name.length, `SYSCALL_ALIAS(${name}, ...)`);
  }
  for (const f of functionDefinitions(src)) {
    if (inDirective(f.pos)) continue;
    add(f.name, 'function', f.pos, f.name.length, `${f.name}()`);
  }
  return out;
}

/**
 * Non-static functions defined at file scope: an identifier at brace depth 0, then a balanced
 * parameter list, then `{`. Names in ALL_CAPS are macros (SYSCALL_DEFINE0 and friends) and skipped.
 */
function functionDefinitions(src: string): { name: string; pos: number }[] {
  const out: { name: string; pos: number }[] = [];
  let depth = 0;
  let declStart = 0; // where the current file-scope declaration began (after the last ; or })
  const n = src.length;
  for (let i = 0; i < n; i++) {
    const c = src[i]!;
    if (c === '{') depth++;
    else if (c === '}') {
      depth = Math.max(0, depth - 1);
      if (depth === 0) declStart = i + 1;
    } else if (c === ';' && depth === 0) declStart = i + 1;
    else if (c === '#' && depth === 0 && (i === 0 || src[i - 1] === '\n')) {
      // skip a directive with its continuation lines
      while (i < n && !(src[i] === '\n' && src[i - 1] !== '\\')) i++;
      declStart = i + 1;
    } else if (depth === 0 && /[A-Za-z_]/.test(c) && (i === 0 || !/\w/.test(src[i - 1]!))) {
      let j = i;
      while (j < n && /\w/.test(src[j]!)) j++;
      const name = src.slice(i, j);
      let k = j;
      while (k < n && /\s/.test(src[k]!)) k++;
      if (src[k] === '(' && !KEYWORDS.has(name) && name !== name.toUpperCase()) {
        let level = 0;
        let m = k;
        for (; m < n; m++) {
          if (src[m] === '(') level++;
          else if (src[m] === ')' && --level === 0) break;
        }
        let q = m + 1;
        while (q < n && /\s/.test(src[q]!)) q++;
        const head = src.slice(declStart, i);
        if (src[q] === '{' && !/\bstatic\b/.test(head) && /\w/.test(head)) out.push({ name, pos: i });
      }
      i = j - 1;
    }
  }
  return out;
}

/** Global symbols an assembly source defines (ENTRY(x), SYM_FUNC_START(x), .globl x). */
export function asmDefinitions(text: string, file: string): Definition[] {
  const out: Definition[] = [];
  const lines = text.split('\n');
  const re = /^\s*(?:(ENTRY|GLOBAL|SYM_FUNC_START|SYM_CODE_START|SYM_INNER_LABEL)\s*\(\s*([A-Za-z_.$][\w.$]*)|(\.globl|\.global)\s+([A-Za-z_.$][\w.$]*))/;
  lines.forEach((l, i) => {
    const m = re.exec(l);
    if (!m) return;
    const name = m[2] ?? m[4]!;
    out.push({ symbol: name, kind: 'asm', file, line: i + 1, index: l.indexOf(name, m[0].length - name.length), length: name.length, written: m[0].trim() });
  });
  return out;
}

export function definitionsOf(text: string, file: string): Definition[] {
  return /\.[sS]$/.test(file) ? asmDefinitions(text, file) : cDefinitions(text, file);
}
