// Assembler directives (pseudo-ops), each a small function of the assembler and a cursor
// just past the directive's name. Unknown ones fail with GNU's "unknown pseudo-op".
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import * as C from '../elf/constants.js';
import { AsmError } from './errors.js';
import { constValue, escapeValue, evaluate, parseExpr, type Expr } from './expr.js';
import type { Assembler } from './assembler.js';
import { Cursor, junk, splitStatements } from './lex.js';
import { parseFlags, parseType } from './sections.js';
import { relocSuffix } from './operands.js';
import { ruleBytes } from './cfi.js';
import { sleb128, uleb128 } from '../../util/leb128.js';
import type { Sym } from './model.js';

type Handler = (as: Assembler, c: Cursor, name: string) => void;

const D = new Map<string, Handler>();
const on = (names: string[], h: Handler) => names.forEach((n) => D.set(n, h));

export function runDirective(as: Assembler, name: string, c: Cursor): void {
  const h = D.get(name);
  if (!h) throw new AsmError(`unknown pseudo-op: \`.${name}'`);
  h(as, c, name);
}

function constant(as: Assembler, c: Cursor, what = 'expression'): bigint {
  const e = parseExpr(c, as);
  const v = constValue(e);
  if (v === null) throw new AsmError(`${what} is not a constant`);
  return v;
}

function symbolList(c: Cursor): string[] {
  const out: string[] = [];
  do out.push(c.symbolName());
  while (c.eat(','));
  c.end();
  return out;
}

// ---- sections ---------------------------------------------------------------------------

on(['text', 'data', 'bss'], (as, c, name) => {
  if (!c.atEnd()) constant(as, c); // subsection number: accepted, one subsection only
  c.end();
  as.switchTo(as.section('.' + name));
});

on(['section', 'pushsection'], (as, c, name) => {
  c.skipWs();
  let secName: string;
  if (c.peek() === '"') secName = c.symbolName();
  else {
    const m = /^[^\s,]+/.exec(c.rest());
    if (!m) throw new AsmError('missing name');
    secName = m[0];
    c.i += m[0].length;
  }
  let flags: number | undefined;
  let type: number | undefined;
  let entsize = 0;
  let group: { sig: Sym; comdat: boolean } | null = null;
  if (c.eat(',')) {
    c.skipWs();
    if (c.peek() === '"') {
      const f = c.symbolName();
      flags = parseFlags(f);
      if (c.eat(',')) {
        c.skipWs();
        const m = /^[@%]([A-Za-z_]+)/.exec(c.rest());
        if (!m) throw junk(c.peek() ?? ',');
        type = parseType(m[1]!);
        c.i += m[0].length;
        // GNU warns about a missing entity size or group name and drops the flag.
        if (flags & C.SHF_MERGE) {
          if (c.eat(',')) entsize = Number(constant(as, c));
          else {
            as.warn('entity size for SHF_MERGE not specified');
            flags &= ~(C.SHF_MERGE | C.SHF_STRINGS);
          }
        }
        if (flags & C.SHF_GROUP) {
          // ,signature[,comdat]: the section joins the group named by that symbol
          if (c.eat(',')) {
            const sig = as.ref(c.symbolName());
            const comdat = c.eat(',') ? (c.skipWs(), c.symbolName() === 'comdat') : false;
            group = { sig, comdat };
          } else {
            as.warn('group name for SHF_GROUP not specified');
            flags &= ~C.SHF_GROUP;
          }
        } else if (!(flags & C.SHF_MERGE) && c.eat(',')) constant(as, c);
      } else if (flags & C.SHF_GROUP) {
        as.warn('group name for SHF_GROUP not specified');
        flags &= ~C.SHF_GROUP;
      }
    } else {
      // `.section name,#alloc` Solaris style is not supported; a number would be a subsection.
      throw junk(c.peek() ?? ',');
    }
  }
  c.end();
  const existing = as.sections.find((s) => s.name === secName);
  const s = existing ?? as.section(secName, type, flags, entsize);
  if (!existing && group) s.group = group;
  // (Flags given without a type keep the type the name implies, e.g. @nobits for .bss.*.)
  if (name === 'pushsection') as.stack.push([as.cur, as.previous]);
  as.switchTo(s);
});

on(['previous'], (as, c) => {
  c.end();
  if (!as.previous) throw new AsmError('.previous without corresponding .section; ignored', true);
  as.switchTo(as.previous);
});

on(['popsection'], (as, c) => {
  c.end();
  const top = as.stack.pop();
  if (!top) throw new AsmError('.popsection without corresponding .pushsection; ignored', true);
  as.switchTo(top[0]);
  as.previous = top[1];
});

// ---- symbols ----------------------------------------------------------------------------

on(['globl', 'global'], (as, c) => {
  for (const n of symbolList(c)) as.ref(n).global = true;
});
on(['local'], (as, c) => {
  for (const n of symbolList(c)) {
    const s = as.ref(n);
    s.local = true;
    s.global = false;
  }
});
on(['weak'], (as, c) => {
  for (const n of symbolList(c)) as.ref(n).weak = true;
});
on(['hidden', 'internal', 'protected'], (as, c) => {
  for (const n of symbolList(c)) as.ref(n).hidden = true;
});

on(['type'], (as, c) => {
  const s = as.ref(c.symbolName());
  if (!c.eat(',')) throw new AsmError('expected comma after name in .type');
  c.skipWs();
  const m = /^(?:[@%#]|"?)([A-Za-z_]+)"?/.exec(c.rest());
  if (!m) throw new AsmError('unrecognized symbol type ""');
  c.i += m[0].length;
  c.end();
  const t = m[1]!;
  if (t === 'function' || t === 'STT_FUNC') s.type = C.STT_FUNC;
  else if (t === 'object' || t === 'STT_OBJECT') s.type = C.STT_OBJECT;
  else if (t === 'notype' || t === 'STT_NOTYPE') s.type = C.STT_NOTYPE;
  else if (t === 'tls_object') s.type = 6;
  else if (t === 'common') s.type = 5;
  else if (t === 'gnu_indirect_function') s.type = 10;
  else throw new AsmError(`unrecognized symbol type "${t}"`);
});

on(['size'], (as, c) => {
  const s = as.ref(c.symbolName());
  if (!c.eat(',')) throw new AsmError('expected comma after name in .size');
  s.size = parseExpr(c, as);
  c.end();
});

on(['set', 'equ', 'equiv'], (as, c, name) => {
  const n = c.symbolName();
  if (!c.eat(',')) throw new AsmError(`expected comma after "${n}"`);
  const e = parseExpr(c, as);
  c.end();
  if (name === 'equiv' && as.symbols.get(n)?.defined) throw new AsmError(`symbol \`${n}' is already defined`);
  as.assign(n, e);
});

on(['comm', 'lcomm'], (as, c, name) => {
  const s = as.ref(c.symbolName());
  if (!c.eat(',')) throw new AsmError('expected comma after symbol-name');
  const size = constant(as, c);
  let align = 0;
  if (c.eat(',')) align = Number(constant(as, c));
  c.end();
  if (s.defined) throw new AsmError(`symbol \`${s.name}' is already defined`);
  if (name === 'lcomm' || s.local) {
    // A local common symbol is allocated in .bss right away; without an alignment GNU picks
    // one from the size (8 for 8 bytes and up, then 4, 2, 1).
    if (align === 0) {
      const n = Number(size);
      align = n >= 8 ? 8 : n >= 4 ? 4 : n >= 2 ? 2 : 1;
    }
    const keep = as.cur;
    const prev = as.previous;
    const bss = as.section('.bss');
    as.switchTo(bss);
    if (align > 1) {
      alignTo(as, align, 0, 0);
      bss.align = Math.max(bss.align, align);
    }
    as.defineLabel(s.name);
    pad(as, Number(size), 0);
    if (s.type === C.STT_NOTYPE) s.type = C.STT_OBJECT;
    s.size = { k: 'num', v: size };
    as.switchTo(keep);
    as.previous = prev;
    return;
  }
  s.common = { size, align: align || 1 };
  s.global = true;
  if (s.type === C.STT_NOTYPE) s.type = C.STT_OBJECT;
});

// ---- data -------------------------------------------------------------------------------

const SIZES: Record<string, 1 | 2 | 4 | 8> = { byte: 1, '2byte': 2, word: 2, short: 2, value: 2, hword: 2, '4byte': 4, long: 4, int: 4, '8byte': 8, quad: 8 };
for (const [name, size] of Object.entries(SIZES)) {
  D.set(name, (as, c) => {
    if (c.atEnd()) return;
    do {
      c.skipWs();
      if (c.peek() === ',' || c.atEnd()) {
        as.warn('zero assumed for missing expression');
        data(as, { k: 'num', v: 0n }, size);
        continue;
      }
      if (size === 1 && c.peek() === '"') {
        // GNU accepts a string among .byte values: its characters, without a terminator.
        const end = c.s.indexOf('"', c.i + 1);
        strings(as, new Cursor(c.s.slice(c.i, end < 0 ? undefined : end + 1)), false);
        c.i = end < 0 ? c.s.length : end + 1;
        continue;
      }
      const e = parseExpr(c, as);
      const explicit = relocSuffix(c);
      if (explicit) {
        if (size !== 4) throw new AsmError(`4-byte relocation cannot be applied to ${size}-byte field`);
        const at = as.bytes().length;
        as.bytes().push(0, 0, 0, 0);
        as.fixup(at, 4, 'abs', false, e, 0, explicit);
        continue;
      }
      data(as, e, size);
    } while (c.eat(','));
    c.end();
  });
}

export function data(as: Assembler, e: Expr, size: 1 | 2 | 4 | 8): void {
  const bytes = as.bytes();
  const v = evaluate(e, false);
  if (v && !v.sym && !v.sub) {
    let x = v.add;
    if (size < 8) {
      const s = BigInt.asIntN(64, x);
      const bits = BigInt(size * 8);
      if (s < -(1n << bits) || s >= 1n << bits) {
        const mask = (1n << bits) - 1n;
        as.warn(`value 0x${(x & 0xffffffffffffffffn).toString(16)} truncated to 0x${(x & mask).toString(16)}`);
      }
    }
    for (let i = 0; i < size; i++) {
      bytes.push(Number(x & 0xffn));
      x >>= 8n;
    }
    return;
  }
  const at = bytes.length;
  for (let i = 0; i < size; i++) bytes.push(0);
  as.fixup(at, size, 'abs', false, e, 0);
}

// .uleb128 / .sleb128: DWARF variable-length constants.
on(['uleb128', 'sleb128'], (as, c, name) => {
  do {
    let v = constant(as, c);
    const bytes = as.bytes();
    if (name === 'uleb128') uleb128(bytes, BigInt.asUintN(64, v));
    else sleb128(bytes, BigInt.asIntN(64, v));
  } while (c.eat(','));
  c.end();
});

// .incbin "file"[, skip[, count]]: a file's bytes, found relative to the current directory.
on(['incbin'], (as, c) => {
  c.skipWs();
  if (c.peek() !== '"') throw new AsmError('missing string');
  const name = c.symbolName();
  let skip = 0;
  let count = -1;
  if (c.eat(',')) skip = Number(constant(as, c));
  if (c.eat(',')) count = Number(constant(as, c));
  c.end();
  const path = findFile(as, name);
  if (path === null) throw new AsmError(`file not found: ${name}`);
  const data = readFileSync(path);
  const end = count < 0 ? data.length : Math.min(data.length, skip + count);
  if (end - skip > MAX_SECTION) throw new AsmError(`.incbin of ${name} is too large`);
  const bytes = as.bytes();
  for (let k = skip; k < end; k++) bytes.push(data[k]!);
});

/** A file named by .include/.incbin: as given, else under each -I directory. */
function findFile(as: Assembler, name: string): string | null {
  for (const p of [name, ...(isAbsolute(name) ? [] : as.includeDirs.map((d) => join(d, name)))]) {
    try {
      if (statSync(p).isFile()) return p;
    } catch {
      // not here; try the next place
    }
  }
  return null;
}

// .include "file": the file's statements, assembled here (errors name the included file).
on(['include'], (as, c) => {
  c.skipWs();
  if (c.peek() !== '"') throw new AsmError('missing string');
  const name = c.symbolName();
  c.end();
  const path = findFile(as, name);
  if (path === null) throw new AsmError(`can't open ${name} for reading: No such file or directory`);
  if (++as.includes > 10_000) throw new AsmError('.include nested too deeply');
  as.injected.push(splitStatements(readFileSync(path, 'utf8'), path));
});

function strings(as: Assembler, c: Cursor, zero: boolean): void {
  if (c.atEnd()) return;
  do {
    c.skipWs();
    if (c.peek() !== '"') throw new AsmError('expected string');
    c.i++;
    const bytes = as.bytes();
    const s = c.s;
    for (;;) {
      if (c.i >= s.length) {
        as.warn('unterminated string; newline inserted');
        bytes.push(10);
        break;
      }
      const ch = s[c.i]!;
      if (ch === '"') {
        c.i++;
        break;
      }
      if (ch === '\\') {
        c.i++;
        bytes.push(escapeValue(c));
        continue;
      }
      c.i++;
      const code = ch.charCodeAt(0);
      if (code < 0x80) bytes.push(code);
      else for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
    }
    if (zero) bytes.push(0);
  } while (c.eat(','));
  c.end();
}
on(['ascii'], (as, c) => strings(as, c, false));
on(['asciz', 'string', 'string8'], (as, c) => strings(as, c, true));

/** Sections beyond this size are refused rather than exhausting memory. */
export const MAX_SECTION = 1 << 28;

function pad(as: Assembler, n: number, fill: number): void {
  const bytes = as.bytes();
  if (n > MAX_SECTION) throw new AsmError(`repeat count ${n} is too large (kwb as limits a section to ${MAX_SECTION} bytes)`);
  for (let i = 0; i < n; i++) bytes.push(fill);
}

on(['zero', 'skip', 'space'], (as, c, name) => {
  const e = parseExpr(c, as);
  let fill = 0;
  if (name !== 'zero' && c.eat(',')) fill = Number(constant(as, c) & 0xffn);
  c.end();
  const n = constValue(e);
  if (n === null) {
    // Known only once jumps are relaxed: a variable-size tail, sized during layout.
    const v = evaluate(e, false);
    if (v && v.sym !== null && !v.sub) throw new AsmError(`.${name} count is not a constant`);
    as.closeFrag({ kind: 'space', count: e, fill, size: 0, where: { ...as.where } });
    return;
  }
  if (BigInt.asIntN(64, n) < 0n) {
    as.warn(`.${name} repeat count is negative, ignored`);
    return;
  }
  pad(as, Number(n), fill);
});

on(['fill'], (as, c) => {
  const rep = Number(constant(as, c));
  let size = 1;
  let value = 0n;
  if (c.eat(',')) size = Number(constant(as, c));
  if (c.eat(',')) value = constant(as, c);
  c.end();
  if (size > 8) size = 8;
  if (rep * size > MAX_SECTION) throw new AsmError(`repeat count ${rep} is too large (kwb as limits a section to ${MAX_SECTION} bytes)`);
  const bytes = as.bytes();
  for (let r = 0; r < rep; r++) {
    let v = value & 0xffffffffn;
    for (let i = 0; i < size; i++) {
      bytes.push(i < 4 ? Number(v & 0xffn) : 0);
      v >>= 8n;
    }
  }
});

// ---- alignment --------------------------------------------------------------------------

on(['align', 'balign', 'p2align'], (as, c, name) => {
  if (c.atEnd()) throw new AsmError('expected alignment');
  let n = Number(constant(as, c));
  let fill: number | null = null;
  let max = 0;
  if (c.eat(',')) {
    c.skipWs();
    if (c.peek() !== ',') fill = Number(constant(as, c) & 0xffn);
    if (c.eat(',')) max = Number(constant(as, c));
  }
  c.end();
  let align: number;
  if (name === 'p2align') {
    if (n > 16) throw new AsmError(`alignment too large: kwb as supports up to 2^16`);
    align = 2 ** n;
  } else {
    if (n === 0) n = 1;
    if ((n & (n - 1)) !== 0) throw new AsmError('alignment not a power of 2');
    align = n;
  }
  // In code, a 0x90 fill is GNU's cue to pad with its multi-byte NOPs.
  if (fill === 0x90 && as.cur.flags & C.SHF_EXECINSTR) fill = null;
  alignTo(as, align, fill, max);
  if (max === 0 || max >= align - 1) as.cur.align = Math.max(as.cur.align, align);
  else as.cur.align = Math.max(as.cur.align, align);
});

/** Pads to `align` bytes: a variable tail, since addresses before it may still change. */
export function alignTo(as: Assembler, align: number, fill: number | null, max: number): void {
  if (align <= 1) return;
  const code = (as.cur.flags & C.SHF_EXECINSTR) !== 0;
  as.closeFrag({ kind: 'align', align, fill, max, code, size: 0 });
}

on(['org'], (as, c) => {
  const e = parseExpr(c, as);
  let fill = 0;
  if (c.eat(',')) fill = Number(constant(as, c) & 0xffn);
  c.end();
  as.closeFrag({ kind: 'org', target: e, fill, size: 0, where: { ...as.where } });
});

// ---- file, ident, and what we accept and ignore ----------------------------------------

on(['file'], (as, c) => {
  c.skipWs();
  if (c.peek() === '"') {
    const n = c.symbolName();
    c.end();
    as.fileNames.push(n);
    return;
  }
  // `.file N "name"`: a DWARF file-table entry; no debug info is generated.
});
on(['ident'], (as, c) => {
  c.skipWs();
  if (c.peek() !== '"') throw new AsmError('expected string');
  const bytes: number[] = [];
  const cc = new Cursor(c.rest());
  cc.i = 1;
  for (;;) {
    const ch = cc.s[cc.i];
    if (ch === undefined) break;
    cc.i++;
    if (ch === '"') break;
    if (ch === '\\') bytes.push(escapeValue(cc));
    else for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
  }
  // .comment holds "\0" then each ident string, NUL-terminated.
  const keep = as.cur;
  const prev = as.previous;
  const comment = as.sections.find((s) => s.name === '.comment');
  const sec = comment ?? as.section('.comment', C.SHT_PROGBITS, C.SHF_MERGE | C.SHF_STRINGS, 1);
  as.switchTo(sec);
  const out = as.bytes();
  if (!comment) out.push(0);
  out.push(...bytes, 0);
  as.switchTo(keep);
  as.previous = prev;
});

// Accepted and ignored: debug line info, CFI details that gcc's C output does not use, modes we are always in.
const IGNORED = [
  'loc', 'loc_mark_labels', 'cfi_escape', 'cfi_signal_frame', 'cfi_sections', 'cfi_return_column',
  'cfi_personality', 'cfi_lsda', 'cfi_window_save', 'att_syntax', 'code64',
];

// ---- call-frame information (.eh_frame) -------------------------------------------------

on(['cfi_startproc'], (as, c) => {
  c.skipWs();
  if (c.rest() !== '' && c.rest() !== 'simple') throw junk(c.peek()!);
  if (as.curFde) throw new AsmError('previous CFI entry not closed (missing .cfi_endproc)');
  as.curFde = { start: as.dot(), end: null, rules: [], cfaOffset: 8, where: { ...as.where } };
  as.fdes.push(as.curFde);
});
on(['cfi_endproc'], (as, c) => {
  c.end();
  if (!as.curFde) throw new AsmError('.cfi_endproc without corresponding .cfi_startproc');
  as.curFde.end = as.dot();
  as.curFde = null;
});
on(
  ['cfi_def_cfa', 'cfi_def_cfa_offset', 'cfi_def_cfa_register', 'cfi_offset', 'cfi_rel_offset', 'cfi_adjust_cfa_offset',
    'cfi_restore', 'cfi_remember_state', 'cfi_restore_state', 'cfi_undefined', 'cfi_same_value', 'cfi_register'],
  (as, c, name) => {
    if (!as.curFde) throw new AsmError('CFI instruction used without previous .cfi_startproc');
    const rest = c.rest().trim();
    const args = rest === '' ? [] : rest.split(',').map((a) => a.trim());
    as.curFde.rules.push({ loc: as.dot(), bytes: ruleBytes(as.curFde, name, args) });
  },
);
for (const n of IGNORED) D.set(n, () => {});

on(['intel_syntax'], () => {
  throw new AsmError('.intel_syntax is not supported by kwb as (use AT&T syntax)');
});
on(['code32', 'code16', 'code16gcc'], (_as, _c, name) => {
  throw new AsmError(`.${name} is not supported by kwb as (64-bit code only)`);
});

on(['end'], (as) => {
  as.ended = true;
});

on(['error'], (_as, c) => {
  c.skipWs();
  const m = /^"((?:[^"\\]|\\.)*)"/.exec(c.rest());
  throw new AsmError(m ? m[1]! : '.error directive invoked in source file');
});
on(['warning'], (_as, c) => {
  c.skipWs();
  const m = /^"((?:[^"\\]|\\.)*)"/.exec(c.rest());
  throw new AsmError(m ? m[1]! : '.warning directive invoked in source file', true);
});

// ---- conditional assembly ---------------------------------------------------------------

function pushCond(as: Assembler, value: boolean): void {
  const parentActive = as.conds.length === 0 || as.conds[as.conds.length - 1]!.active;
  as.conds.push({ active: parentActive && value, taken: value, parentActive, where: { ...as.where } });
}
on(['if', 'ifne'], (as, c) => {
  const parentActive = as.conds.length === 0 || as.conds[as.conds.length - 1]!.active;
  pushCond(as, parentActive ? constant(as, c) !== 0n : false);
});
on(['ifeq'], (as, c) => {
  const parentActive = as.conds.length === 0 || as.conds[as.conds.length - 1]!.active;
  pushCond(as, parentActive ? constant(as, c) === 0n : false);
});
on(['ifdef', 'ifndef'], (as, c, name) => {
  const s = as.symbols.get(c.symbolName());
  const def = !!s && (s.defined || s.global || s.weak);
  pushCond(as, name === 'ifdef' ? def : !def);
});
on(['else'], (as) => {
  const top = as.conds[as.conds.length - 1];
  if (!top) throw new AsmError('".else" without matching ".if"');
  top.active = top.parentActive && !top.taken;
  top.taken = true;
});
on(['elseif'], (as, c) => {
  const top = as.conds[as.conds.length - 1];
  if (!top) throw new AsmError('".elseif" without matching ".if"');
  const v = top.parentActive && !top.taken ? constant(as, c) !== 0n : false;
  top.active = v;
  top.taken ||= v;
});
on(['endif'], (as) => {
  if (!as.conds.pop()) throw new AsmError('".endif" without ".if"');
});

export { Cursor };
