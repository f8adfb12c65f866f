// The assembler's state while reading statements: sections and their frags, the symbol
// chain, numeric local labels, and the diagnostics so far. Statements are handled one at a
// time (labels, assignments, directives, instructions); layout and output happen afterwards.
import * as C from '../elf/constants.js';
import type { Diagnostic } from '../../diag.js';
import { encodeInstruction, lookupMnemonic } from './encode.js';
import { AsmError } from './errors.js';
import { constValue, evaluate, parseExpr, takeExprWarnings, type Expr, type SymbolSource } from './expr.js';
import { expandMacro, finishBlock, type Block, type Macro } from './macros.js';
import type { Fde } from './cfi.js';
import type { Out } from './insn.js';
import { Cursor, junk, type Statement } from './lex.js';
import { Frag, type Explicit, type Fixup, type RelocKind, type Section, type Sym, type Where } from './model.js';
import { parseOperand, splitOperands, type Operand } from './operands.js';
import { defaultAttributes } from './sections.js';
import { runDirective } from './directives.js';

const PREFIXES: Record<string, number> = { rep: 0xf3, repe: 0xf3, repz: 0xf3, repne: 0xf2, repnz: 0xf2, lock: 0xf0 };

export class Assembler implements SymbolSource, Out {
  sections: Section[] = [];
  cur!: Section;
  frag!: Frag;
  previous: Section | null = null;
  stack: [Section, Section | null][] = [];
  symbols = new Map<string, Sym>();
  private order = 0;
  /** Parsing an instruction's operands (see ref). */
  private inOperand = false;
  private fragSeq = 0;
  private numeric = new Map<string, number>();
  diagnostics: Diagnostic[] = [];
  where: Where = { file: '', line: 0 };
  fileNames: string[] = [];
  ended = false;
  macros = new Map<string, Macro>();
  /** Frame descriptions from .cfi_startproc ... .cfi_endproc, and the one still open. */
  fdes: Fde[] = [];
  curFde: Fde | null = null;
  /** `-I` directories for .include and .incbin; how many files were included so far. */
  includeDirs: string[] = [];
  includes = 0;
  /** Statements produced by a macro or .rept expansion, run next. */
  injected: Statement[][] = [];
  /** The .macro/.rept/.irp block being recorded, if any. */
  private recording: Block | null = null;
  private expansions = 0;
  /** Conditional assembly: whether the current branch is assembled, whether any branch was taken. */
  conds: { active: boolean; taken: boolean; parentActive: boolean; where: Where }[] = [];

  constructor(readonly file: string) {
    // GNU as creates .text, .data and .bss (and their section symbols) before reading anything.
    const text = this.section('.text');
    this.section('.data');
    this.section('.bss');
    this.switchTo(text);
  }

  /** At end of input: complain about a .macro/.rept block never closed. */
  unterminatedBlock(lastLine: number): void {
    const r = this.recording;
    if (!r) return;
    if (r.kind === 'macro') {
      const name = /^[^\s,]*/.exec(r.head)![0];
      this.diagnostics.push({ file: r.where.file, line: r.where.line, col: 0, severity: 'error', message: `unexpected end of file in macro \`${name}' definition` });
    } else {
      this.diagnostics.push({ file: this.file, line: lastLine, col: 0, severity: 'error', message: `${r.kind.toUpperCase()} without ENDR` });
    }
  }

  // ---- sections -------------------------------------------------------------------------

  section(name: string, type?: number, flags?: number, entsize = 0): Section {
    const existing = this.sections.find((s) => s.name === name);
    if (existing) return existing;
    const d = defaultAttributes(name);
    const s: Section = {
      name,
      type: type ?? d.type,
      flags: flags ?? d.flags,
      entsize,
      align: 1,
      frags: [],
      fixups: [],
      symOrder: this.order++,
      index: 0,
      size: 0,
    };
    s.frags.push(new Frag(s, this.fragSeq++));
    this.sections.push(s);
    return s;
  }

  switchTo(s: Section): void {
    if (this.cur && this.cur !== s) this.previous = this.cur;
    this.cur = s;
    this.frag = s.frags[s.frags.length - 1]!;
  }

  /** Ends the current frag with a variable tail and opens a new one. */
  closeFrag(tail: Frag['tail']): void {
    this.frag.tail = tail;
    const f = new Frag(this.cur, this.fragSeq++);
    this.cur.frags.push(f);
    this.frag = f;
  }

  // ---- symbols (SymbolSource) ----------------------------------------------------------

  ref(name: string, leading = false): Sym {
    let s = this.symbols.get(name);
    if (!s) {
      const temp = name.startsWith('.L') || name.includes('\u0002');
      s = newSym(name, temp ? Infinity : this.order++, temp);
      this.symbols.set(name, s);
    } else if (leading && this.inOperand && s.temp && s.order === Infinity && s.defined) {
      // GNU keeps .L symbols out of its symbol chain until an instruction operand that starts
      // with one already defined refers to it; if a relocation keeps it, it sits at that point.
      s.order = this.order++;
    }
    return s;
  }

  dot(): Sym {
    const s = newSym('.', Infinity, true);
    s.anon = true;
    this.place(s);
    return s;
  }

  numericLabel(n: string, forward: boolean): Sym {
    const k = this.numeric.get(n) ?? 0;
    if (!forward && k === 0) throw new AsmError(`backward ref to unknown label "${n}:"`);
    return this.ref(`.L${n}\u0002${forward ? k + 1 : k}`);
  }

  private place(s: Sym): void {
    s.section = this.cur;
    s.frag = this.frag;
    s.offset = this.frag.data.length;
    s.defined = true;
  }

  defineLabel(name: string): void {
    let s: Sym;
    if (/^[0-9]+$/.test(name)) {
      const k = (this.numeric.get(name) ?? 0) + 1;
      this.numeric.set(name, k);
      s = this.ref(`.L${name}\u0002${k}`);
    } else {
      s = this.ref(name);
      // A symbol given a value with `=`/.set may later become a label (GNU allows it).
      if (s.defined && !s.equ) throw new AsmError(`symbol \`${name}' is already defined`);
      s.equ = null;
    }
    this.place(s);
    s.where = { ...this.where };
  }

  /** `.set` / `.equ` / `name = expr`. */
  assign(name: string, e: Expr): void {
    const s = this.ref(name);
    if (s.defined && !s.equ) throw new AsmError(`symbol \`${name}' is already defined`);
    // Freeze references to `.` and to other symbols' current values, like gas does for labels.
    const v = evaluate(e, false);
    if (v && !v.sub && v.sym && v.sym.anon) {
      s.section = v.sym.section;
      s.frag = v.sym.frag;
      s.offset = v.sym.offset + Number(BigInt.asIntN(64, v.add));
      s.defined = true;
      s.equ = null;
      return;
    }
    s.equ = e;
    s.defined = true;
    s.section = null;
    s.frag = null;
  }

  // ---- Out: where encoders put bytes -----------------------------------------------------

  bytes(): number[] {
    return this.frag.data;
  }

  fixup(at: number, size: 1 | 2 | 4 | 8, kind: RelocKind, signed: boolean, expr: Expr, pcAdjust: number, explicit?: Explicit): void {
    const f: Fixup = { frag: this.frag, offset: at, size, kind, signed, expr, pcAdjust, explicit, where: this.where };
    this.cur.fixups.push(f);
  }

  branch(jcc: number, target: Sym, addend: bigint): void {
    this.closeFrag({ kind: 'branch', jcc, target, addend, long: false, where: { ...this.where } });
  }

  warn(message: string): void {
    this.diag('warning', message);
  }

  diag(severity: 'error' | 'warning', message: string): void {
    this.diagnostics.push({ file: this.where.file, line: this.where.line, col: 0, severity, message });
    // Like GNU's "Info: macro invoked from here", for each level of expansion.
    for (let f = this.from; f; f = f.from) {
      this.diagnostics.push({ file: f.file, line: f.line, col: 0, severity: 'note', message: 'macro invoked from here' });
    }
  }

  // ---- statements ------------------------------------------------------------------------

  /** The macro invocation the current statement came from, if any. */
  private from: Statement['from'];

  statement(st: Statement): void {
    this.where = st; // a Statement is a Where; never mutated, so it can be shared by fixups
    this.from = st.from;
    try {
      this.run(st.text);
      for (const w of takeExprWarnings()) this.warn(w);
    } catch (e) {
      takeExprWarnings();
      if (e instanceof AsmError) this.diag(e.warning ? 'warning' : 'error', e.message);
      // A bug of ours must not become a stack trace: report it at the line that triggered it.
      else this.diag('error', `internal assembler error: ${(e as Error).message ?? String(e)}`);
    }
  }

  private run(text: string): void {
    if (this.recording) {
      // Inside .macro/.rept/.irp: collect lines up to the matching .endm/.endr.
      const r = this.recording;
      if (/^\.(macro|rept|irpc|irp)\b/i.test(text)) r.depth++;
      else if (/^\.(endm|endr)\b/i.test(text) && --r.depth === 0) {
        this.recording = null;
        const out = finishBlock(r, this.macros, (e) => constValue(parseExpr(new Cursor(e), this)));
        if (out) this.injected.push(out);
        return;
      }
      r.body.push({ text, file: this.where.file, line: this.where.line, from: this.from });
      return;
    }
    const block = /^\.(macro|rept|irpc|irp)\b\s*(.*)$/i.exec(text);
    if (block && !(this.conds.length && !this.conds[this.conds.length - 1]!.active)) {
      this.recording = { kind: block[1]!.toLowerCase() as 'macro', head: block[2]!, depth: 1, body: [], where: { ...this.where } };
      return;
    }
    if (/^\.endm\b/i.test(text)) throw new AsmError('.endm encountered without preceding .macro', true);
    if (/^\.endr\b/i.test(text)) throw new AsmError('.endr encountered without preceding .rept, .irp, or .irpc', true);
    const c = new Cursor(text);
    // Conditional assembly directives are looked at even inside a false branch.
    if (this.conds.length && !this.conds[this.conds.length - 1]!.active) {
      const m = /^\.(if\w*|else\w*|endif)\b/.exec(text);
      if (m) runDirective(this, m[1]!, new Cursor(text.slice(m[0].length)));
      return;
    }
    // label* ...
    for (;;) {
      c.skipWs();
      const m = /^(?:([A-Za-z_.$][\w.$]*)|"([^"]*)"|([0-9]+))\s*:(?!:)/.exec(c.rest());
      if (!m) break;
      this.defineLabel(m[1] ?? m[2] ?? m[3]!);
      c.i += m[0].length;
    }
    if (c.atEnd()) return;
    const rest = c.rest();
    // name = expr
    const asg = /^([A-Za-z_.$][\w.$]*)\s*=(?!=)/.exec(rest);
    if (asg) {
      c.i += asg[0].length;
      const e = parseExpr(c, this);
      c.end();
      if (asg[1] === '.') return runDirective(this, 'org', new Cursor(rest.slice(asg[0].length)));
      this.assign(asg[1]!, e);
      return;
    }
    if (rest[0] === '.') {
      const m = /^\.([A-Za-z_][\w.]*)/.exec(rest);
      if (!m) throw junk('.');
      return runDirective(this, m[1]!.toLowerCase(), new Cursor(rest.slice(m[0].length)));
    }
    this.instruction(rest);
  }

  private instruction(text: string): void {
    let t = text;
    let rep = 0;
    let lock = false;
    for (;;) {
      const m = /^([A-Za-z_][\w.]*)(?:\s+|$)/.exec(t);
      if (!m) {
        const bad = /^[A-Za-z_]/.test(t) ? t : t[0]!;
        throw new AsmError(`no such instruction: \`${normalize(bad)}'`);
      }
      const mn = m[1]!.toLowerCase();
      const pfx = PREFIXES[mn];
      if (pfx !== undefined) {
        t = t.slice(m[0].length);
        if (pfx === 0xf0) lock = true;
        else rep = pfx;
        if (t.trim() === '') {
          this.bytes().push(pfx);
          return;
        }
        continue;
      }
      const macro = this.macros.get(mn);
      if (macro) {
        if (++this.expansions > 100000) throw new AsmError('macros nested too deeply');
        this.injected.push(expandMacro(macro, t.slice(m[0].length), this.expansions - 1, { ...this.where, from: this.from }));
        return;
      }
      const found = lookupMnemonic(mn);
      if (!found) {
        // A real instruction outside our integer subset deserves to be called that, not unknown.
        const vec = /%(xmm|ymm|zmm|st|mm)\d*/i.exec(t);
        if (vec) throw new AsmError(`\`${normalize(t)}' uses \`${vec[0]}': SSE, AVX and x87 instructions are outside kwb as's integer x86-64 subset`);
        throw new AsmError(`no such instruction: \`${normalize(t)}'`);
      }
      const opText = t.slice(m[0].length).trim();
      const ops: Operand[] = [];
      if (opText !== '') {
        const parts = splitOperands(opText);
        for (let k = 0; k < parts.length; k++) {
          if (parts[k] === '') {
            if (k === 0) throw new AsmError(`expecting operand before ','; got nothing`);
            throw new AsmError(`expecting operand after ','; got nothing`);
          }
          this.inOperand = true;
          try {
            ops.push(parseOperand(parts[k]!, this));
          } finally {
            this.inOperand = false;
          }
        }
      }
      encodeInstruction({ name: found.name, suffix: found.suffix, ops, out: this, rep, lock }, found.entry);
      return;
    }
  }
}

/** GNU as quotes statements with blanks collapsed and none after commas. */
function normalize(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/\s*,\s*/g, ',').trim();
}

export function newSym(name: string, order: number, temp: boolean): Sym {
  return {
    name,
    order,
    section: null,
    frag: null,
    offset: 0,
    equ: null,
    global: false,
    weak: false,
    local: false,
    hidden: false,
    type: C.STT_NOTYPE,
    size: null,
    common: null,
    temp,
    anon: false,
    defined: false,
    usedInReloc: false,
    where: null,
  };
}
