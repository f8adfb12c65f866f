// The preprocessor proper: reads files, runs directives, drives expansion and the output writer.
//
// Each file is lexed once into a token array. A FileSource hands its tokens to the expander and
// runs directive lines and conditional skipping on the way, so a macro invocation can span lines
// (and even directives, as gcc allows) without any special case in the expander.

import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { DiagnosticError, displayColumn, type Diagnostic, type Severity } from '../../../diag.js';
import { BUILTINS, dateText, timestampText, timeText } from './builtins.js';
import { checkMacroName, parseDefine, VA_ARGS_WARNING } from './define.js';
import { ArraySource, Expander, type ExpandHost, type TokenSource } from './expand.js';
import { evaluate, ExprError } from './expr.js';
import { IncludeSearch, type SearchDir } from './include.js';
import { lex, removeSplices, type LexProblem } from './lexer.js';
import { sameDefinition, type BuiltinName, type Macro } from './macro.js';
import { OutputWriter } from './output.js';
import { predefinedSource, stdInfo } from './predefined.js';
import { FileSource, type Cond, type CondType } from './source.js';
import { placedAt, rawLine, respelled, synth, type SourceFile, type Token } from './token.js';
import { suggest } from '../spellcheck.js';

export interface EngineOptions {
  file: string;
  source?: string;
  includeDirs: string[];
  systemIncludeDirs: string[];
  defines: [string, string?][];
  undefs: string[];
  kernel: boolean;
  assembler: boolean;
  freestanding: boolean;
  linemarkers: boolean;
  cwd: string;
  forceIncludes: string[];
  std: string | undefined;
  warnUndef: boolean;
}

/** gcc stops at the first error of this kind ("fatal error: ..." then "compilation terminated."). */
const FATAL: Severity = 'fatal error';

const MAX_INCLUDE_DEPTH = 200;

/** libcpp's directive table, in its order (the first of equally close names is suggested). */
const DIRECTIVE_NAMES = [
  'define', 'include', 'endif', 'ifdef', 'if', 'else', 'ifndef', 'undef', 'line', 'elif', 'error', 'pragma',
  'warning', 'include_next', 'ident', 'import', 'assert', 'unassert', 'sccs', 'elifdef', 'elifndef',
];

interface Lexed {
  file: SourceFile;
  tokens: Token[];
}

/**
 * Headers lexed in earlier runs, by path and name, valid while size and times match. kbuild
 * preprocesses a whole tree in one process, and most headers are read by every file. Tokens are
 * never mutated after lexing, so runs can share them. Only included files (#include, -include)
 * are kept: kbuild compiles each .c file once, so keeping a main file's tokens would only cost
 * memory and make every garbage collection trace them.
 */
const fileCache = new Map<string, { stamp: string; lexed: Lexed; problems: LexProblem[] }>();
const FILE_CACHE_LIMIT = 4000;

/** The builtin and predefined macros for each option set (definitions are never mutated). */
const predefinedCache = new Map<string, Map<string, Macro>>();

export class Engine implements ExpandHost {
  readonly macros = new Map<string, Macro>();
  readonly asm: boolean;
  readonly diagnostics: Diagnostic[] = [];
  readonly deps: string[] = [];
  private readonly depSet = new Set<string>();
  private readonly writer: OutputWriter;
  private readonly search: IncludeSearch;
  private readonly expander: Expander;
  private readonly lexCache = new Map<string, Lexed>();
  private readonly once = new Set<string>();
  /** Files wrapped in `#ifndef G ... #endif`: skipped on re-inclusion while G is defined. */
  private readonly guards = new Map<string, string>();
  private readonly pushed = new Map<string, (Macro | undefined)[]>();
  private cur: FileSource | null = null;
  private counter = 0;
  private errors = 0;
  /** Preprocessing for the compiler (runRecovering), not for `-E`. */
  private forCompiler = false;
  /**
   * Where each diagnostic happened in the output (its length then) and the full include chain:
   * the compiler interleaves them with its own, in the order gcc's integrated preprocessor and
   * parser report them.
   */
  readonly anchors = new Map<Diagnostic, { offset: number; chain: { file: string; line: number }[] }>();
  /** The #include lines that led to the file being read, innermost first (gcc's "In file included from"). */
  private chain: { file: string; line: number }[] = [];
  /** The file and chain of the last diagnostic: gcc prints the chain again only when they change. */
  private lastModule = '';
  private readonly now: Date;
  private readonly baseName: string;

  constructor(private readonly opts: EngineOptions) {
    this.asm = opts.assembler;
    this.writer = new OutputWriter(opts.linemarkers, !opts.assembler);
    const dirs: SearchDir[] = [
      ...opts.includeDirs.map((dir) => ({ dir, system: false })),
      ...opts.systemIncludeDirs.map((dir) => ({ dir, system: true })),
    ];
    this.search = new IncludeSearch(opts.cwd, dirs, opts.includeDirs.length);
    this.expander = new Expander(this);
    const epoch = process.env.SOURCE_DATE_EPOCH;
    this.now = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
    this.baseName = opts.file;
  }

  run(): { text: string; deps: string[]; diagnostics: Diagnostic[] } {
    const text = this.translate();
    if (this.errors > 0) throw new DiagnosticError(this.diagnostics);
    return { text, deps: this.deps, diagnostics: this.diagnostics };
  }

  /**
   * For the compiler, which goes on after errors like gcc: the output even when there were errors
   * (they are in `diagnostics`, placed by `anchors`); after a fatal error (a missing #include
   * file), the output up to it and `fatal` set. A bad -std= still throws.
   */
  runRecovering(): { text: string; deps: string[]; diagnostics: Diagnostic[]; fatal: boolean } {
    let text: string;
    let fatal = false;
    this.forCompiler = true;
    try {
      text = this.translate();
    } catch (e) {
      if (!(e instanceof DiagnosticError) || !e.diagnostics.some((d) => d.severity === FATAL)) throw e;
      text = this.writer.finish();
      fatal = true;
    }
    return { text, deps: this.deps, diagnostics: this.diagnostics, fatal };
  }

  private translate(): string {
    const o = this.opts;
    if (stdInfo(o.std) === null) {
      this.diagnostics.push({ file: 'cc1', line: 0, col: 0, severity: 'error', message: `unrecognized command-line option '-std=${o.std}'` });
      throw new DiagnosticError(this.diagnostics);
    }
    const key = `${o.kernel}/${o.assembler}/${o.freestanding}/${o.std}`;
    let base = predefinedCache.get(key);
    if (base === undefined) {
      for (const b of BUILTINS) this.macros.set(b, { kind: 'builtin', name: b });
      this.runQuiet('<built-in>', predefinedSource({ kernel: o.kernel, assembler: o.assembler, freestanding: o.freestanding, std: o.std }));
      base = new Map(this.macros);
      predefinedCache.set(key, base);
    } else for (const [k, v] of base) this.macros.set(k, v);
    let cmd = '';
    for (const [name, value] of o.defines) cmd += `#define ${name} ${value === undefined ? '1' : value}\n`;
    for (const name of o.undefs) cmd += `#undef ${name}\n`;
    if (cmd) this.runQuiet('<command-line>', cmd);

    const main = this.load(o.file, o.source, false, null, false);
    this.writer.marker(main.file, 1);
    this.writer.pseudoMarker('<built-in>', 1);
    this.writer.pseudoMarker('<command-line>', 1);
    if (o.forceIncludes.length > 0) {
      for (const name of o.forceIncludes) this.forceInclude(name);
      this.writer.pseudoMarker('<command-line>', 1, 2);
    }
    this.writer.marker(main.file, 1);
    this.processFile(main, -1, 0);
    return this.writer.finish();
  }

  /**
   * `-include FILE`: as if `#include "FILE"` preceded the main file's first line, except that the
   * working directory is searched first (then the rest of the "..." chain).
   */
  private forceInclude(name: string): void {
    let found: { name: string; index: number; system: boolean } | null = null;
    if (this.search.isFile(name)) found = { name: isAbsolute(name) ? name : `./${name}`, index: -1, system: false };
    else found = this.search.find(name, true, name, false, null);
    if (found === null) {
      this.diagnostics.push({ file: '<command-line>', line: 0, col: 0, severity: FATAL, message: `${name}: No such file or directory` });
      throw new DiagnosticError(this.diagnostics);
    }
    const lx = this.load(found.name, undefined, found.system, null, true);
    this.writer.marker(lx.file, 1, 1);
    this.processFile(lx, found.index, 1);
  }

  /** Runs directive-only text (predefines, -D/-U) without producing output. */
  private runQuiet(name: string, text: string): void {
    const file: SourceFile = { name, text, raw: text, system: false };
    const { tokens } = lex(file, [], false);
    const fs = new FileSource(this, file, tokens, -1, 0);
    const saved = this.cur;
    this.cur = fs;
    for (let t = fs.next(); t.kind !== 'eof'; t = fs.next()) {
      // -D and -U lines contain only directives; anything else would be a malformed -D value.
    }
    this.cur = saved;
  }

  // ---- files -------------------------------------------------------------------------------

  /** Reads and lexes a file once per run; `header`: an included file, kept for later runs too. */
  private load(name: string, source: string | undefined, system: boolean, at: Token | null, header: boolean): Lexed {
    const cached = this.lexCache.get(name);
    if (cached) return cached;
    let raw = source;
    let cacheKey = '';
    let stamp = '';
    if (raw === undefined && header) {
      const abs = resolve(this.opts.cwd, name);
      try {
        const st = statSync(abs);
        cacheKey = `${abs}\0${name}`;
        stamp = `${st.size}/${st.mtimeMs}/${st.ctimeMs}/${this.asm}/${system}`;
        const hit = fileCache.get(cacheKey);
        if (hit && hit.stamp === stamp) return this.loaded(hit.lexed, hit.problems);
      } catch {
        // unreadable: readFileSync below says why
      }
    }
    if (raw === undefined) {
      const abs = resolve(this.opts.cwd, name);
      try {
        raw = readFileSync(abs, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'No such file or directory' : code === 'EACCES' ? 'Permission denied' : code === 'EISDIR' ? 'Is a directory' : String((e as Error).message);
        if (at) this.fatal(at, `${name}: ${why}`);
        this.diagnostics.push({ file: 'cc1', line: 0, col: 0, severity: FATAL, message: `${name}: ${why}` });
        throw new DiagnosticError(this.diagnostics);
      }
    }
    if (raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
    const { text, splices } = removeSplices(raw);
    const file: SourceFile = { name, text, raw, system };
    const { tokens, problems } = lex(file, splices, this.asm);
    const lexed = { file, tokens };
    if (cacheKey) {
      if (fileCache.size >= FILE_CACHE_LIMIT) fileCache.delete(fileCache.keys().next().value as string);
      fileCache.set(cacheKey, { stamp, lexed, problems });
    }
    return this.loaded(lexed, problems);
  }

  /** Records a file as read (deps, this run's cache) and reports what its lexer found. */
  private loaded(lexed: Lexed, problems: LexProblem[]): Lexed {
    const name = lexed.file.name;
    if (!this.depSet.has(name)) {
      this.depSet.add(name);
      this.deps.push(name);
    }
    for (const p of problems) this.report(p.severity, lexed.file, p.line, p.col, p.message);
    this.lexCache.set(name, lexed);
    return lexed;
  }

  private processFile(lx: Lexed, dirIndex: number, depth: number): FileSource {
    const fs = new FileSource(this, lx.file, lx.tokens, dirIndex, depth);
    const saved = this.cur;
    this.cur = fs;
    this.writer.setPresumed(fs.presumedName, 0, fs.system);
    const toks = lx.tokens;
    // An include guard: `#ifndef G` as the first thing in the file.
    if (toks.length > 3 && toks[0].text === '#' && toks[0].bol && toks[1].text === 'ifndef' && toks[2].kind === 'ident' && toks[3].bol) {
      fs.guard = { name: toks[2].text, cond: null };
    }
    const ex = this.expander;
    for (;;) {
      const start = fs.idx;
      let t: Token;
      try {
        t = ex.next(fs);
      } catch (e) {
        // Expanding arguments recurses once per nesting level; JavaScript's stack ends near 1000.
        if (e instanceof RangeError) this.fatal(fs.toks[Math.min(start, fs.toks.length - 1)], 'macro invocations nested too deeply');
        throw e;
      }
      if (t.kind === 'eof') break;
      this.writer.emit(t);
    }
    for (const c of fs.conds) {
      this.report('error', c.start.file, c.start.line + fs.lineDelta, -1, `unterminated #${c.type}`, fs.presumedName);
    }
    if (fs.guard && fs.guardEnd === toks.length - 1) this.guards.set(lx.file.name, fs.guard.name);
    this.cur = saved;
    return fs;
  }

  // ---- diagnostics ---------------------------------------------------------------------------

  private report(severity: Severity, file: SourceFile, line: number, col0: number, message: string, presumed?: string, length?: number, tag?: string): void {
    const src = rawLine(file, line - (presumed !== undefined && this.cur ? this.cur.lineDelta : 0));
    const d: Diagnostic = {
      file: presumed ?? file.name,
      line,
      col: col0 < 0 ? 0 : displayColumn(src, col0),
      severity,
      message,
      sourceLine: src,
    };
    if (length !== undefined) d.length = length;
    if (tag) d.tag = tag;
    if (col0 < 0) d.emptyCaretLine = true;
    if (severity === 'error' || severity === FATAL) this.errors++;
    this.push(d);
  }

  /** Adds a diagnostic, with the include chain when the diagnostics moved into another inclusion. */
  private push(d: Diagnostic): void {
    let key = d.file;
    for (const c of this.chain) key += `\0${c.file}:${c.line}`;
    if (this.chain.length && key !== this.lastModule) d.includedFrom = this.chain;
    this.lastModule = key;
    this.diagnostics.push(d);
    this.anchors.set(d, { offset: this.writer.length, chain: this.chain });
  }

  /** A diagnostic at token `t` (after it, when `after`); `lineOnly` leaves the column out like gcc's notes. */
  private at(severity: Severity, t: Token, message: string, o: { after?: boolean; lineOnly?: boolean; length?: number; tag?: string; fixit?: string } = {}): void {
    if (t.file.name === '<command-line>' || t.file.name === '<built-in>') {
      // -D/-U text and predefines: gcc names the pseudo file and gives no line or column.
      if (severity === 'error' || severity === FATAL) this.errors++;
      this.diagnostics.push({ file: t.file.name, line: 0, col: 0, severity, message });
      return;
    }
    const cur = this.cur;
    const mine = cur !== null && cur.file === t.file;
    const line = t.line + (mine ? cur.lineDelta : 0);
    const name = mine ? cur.presumedName : t.file.name;
    const col = o.lineOnly ? -1 : o.after ? t.col + t.text.length : t.col;
    const src = rawLine(t.file, t.line);
    const d: Diagnostic = { file: name, line, col: col < 0 ? 0 : displayColumn(src, col), severity, message, sourceLine: src };
    if (col < 0) d.emptyCaretLine = true; // gcc quotes the line over an empty caret line
    // gcc underlines the whole token it reports at (`#else` → ^~~~), not just its first character.
    const length = o.length ?? (o.after || o.lineOnly ? undefined : t.text.length);
    if (length !== undefined && length > 1) d.length = length;
    if (o.fixit !== undefined) d.fixit = o.fixit;
    if (o.tag) d.tag = o.tag;
    if (severity === 'error' || severity === FATAL) this.errors++;
    this.push(d);
  }

  error(t: Token, message: string, after = false): void {
    this.at('error', t, message, { after });
  }

  warn(t: Token, message: string, tag?: string): void {
    // The lexer's own complaints (a missing terminating quote, a stray __VA_ARGS__) are at a
    // point for gcc too; the rest underline their token.
    const point = message === t.warn || message === VA_ARGS_WARNING;
    this.at('warning', t, message, { tag, length: point ? 1 : undefined });
  }

  warning(t: Token, message: string): void {
    this.at('warning', t, message);
  }

  note(t: Token, message: string, lineOnly = false): void {
    this.at('note', t, message, { lineOnly });
  }

  private fatal(t: Token, message: string, length?: number): never {
    this.at(FATAL, t, message, { length });
    throw new DiagnosticError(this.diagnostics);
  }

  // ---- directives ----------------------------------------------------------------------------

  directive(fs: FileSource, hash: Token): void {
    const toks = fs.toks;
    const name = toks[fs.idx];
    if (name.bol) return; // the null directive
    if (fs.skipping) {
      if (name.kind === 'ident') {
        switch (name.text) {
          case 'if':
          case 'ifdef':
          case 'ifndef':
            // Nested in a skipped group: only its extent matters.
            fs.conds.push({ type: name.text, start: name, parentSkipping: true, taken: true, sawElse: false });
            break;
          case 'elif':
          case 'else':
          case 'endif':
            fs.idx++;
            this.elseDirective(fs, name);
            return;
        }
      }
      fs.skipLine();
      return;
    }
    fs.idx++;
    if (name.kind === 'number') {
      if (this.asm) return this.passThroughAsm(fs, hash); // `# 42 ...` is a gas comment
      this.lineDirective(fs, name, [name, ...fs.restOfLine()], true);
      return;
    }
    if (name.kind !== 'ident') {
      if (this.asm) return this.passThroughAsm(fs, hash);
      this.error(name, `invalid preprocessing directive #${name.text}`);
      fs.idx--;
      fs.skipLine();
      return;
    }
    switch (name.text) {
      case 'define':
        return this.define(fs, name);
      case 'undef':
        return this.undef(fs, name);
      case 'include':
      case 'include_next':
      case 'import':
        return this.include(fs, hash, name);
      case 'if':
      case 'ifdef':
      case 'ifndef':
        return this.ifDirective(fs, name);
      case 'elif':
      case 'else':
      case 'endif':
        return this.elseDirective(fs, name);
      case 'error':
      case 'warning': {
        const rest = fs.restOfLine();
        for (const t of rest) if (t.warn) this.warn(t, t.warn);
        const text = spell(rest);
        const msg = `#${name.text} ${text}`;
        // gcc underlines the directive's name.
        if (name.text === 'error') this.at('error', name, msg, { length: name.text.length });
        else this.at('warning', name, msg, { tag: '[-Wcpp]', length: name.text.length });
        return;
      }
      case 'line':
        return this.lineDirective(fs, name, fs.restOfLine(), false);
      case 'pragma':
        return this.pragma(fs, hash, name, fs.restOfLine());
      case 'ident':
      case 'sccs': {
        // #ident "string": passed through for the assembler's .ident.
        const rest = fs.restOfLine();
        const str = rest[0];
        const ok = str !== undefined && str.kind === 'string';
        if (!ok) {
          if (str) this.error(str, `invalid #${name.text} directive`);
          else this.error(name, `invalid #${name.text} directive`, true);
        }
        if (rest.length > 1) this.warn(rest[1], `extra tokens at end of #${name.text} directive`);
        for (const t of rest) if (t.warn) this.warn(t, t.warn);
        if (ok) this.writer.emitLine([hash, name, str]);
        return;
      }
      case 'assert':
      case 'unassert':
        fs.restOfLine();
        return;
      default: {
        if (this.asm) return this.passThroughAsm(fs, hash);
        // Only cc1 proper (the C front end) suggests a directive; `gcc -E` does not.
        const hint = this.forCompiler ? suggest(name.text, DIRECTIVE_NAMES) : null;
        if (hint === null) this.error(name, `invalid preprocessing directive #${name.text}`);
        else this.at('error', name, `invalid preprocessing directive #${name.text}; did you mean #${hint}?`, { fixit: hint });
        fs.restOfLine();
      }
    }
  }

  /**
   * In assembly, `# anything` that is not a directive is a comment for gas: print it, expanded.
   * gcc indents such a line by one space when the token before it came from a macro expansion.
   */
  private passThroughAsm(fs: FileSource, hash: Token): void {
    fs.idx--;
    this.writer.emit(hash, this.writer.lastExpanded);
  }

  private ifDirective(fs: FileSource, name: Token): void {
    const type = name.text as CondType;
    const rest = fs.restOfLine();
    const value = type === 'if' ? this.evalIf(name, rest) : this.evalIfdef(name, rest) === (type === 'ifdef');
    const c: Cond = { type, start: name, parentSkipping: false, taken: value, sawElse: false };
    fs.conds.push(c);
    fs.skipping = !value;
    if (fs.guard && fs.guard.cond === null) {
      if (fs.conds.length === 1 && name === fs.toks[1]) fs.guard.cond = c;
      else fs.guard = null;
    }
  }

  private evalIfdef(name: Token, rest: Token[]): boolean {
    if (rest.length === 0) {
      this.error(name, `no macro name given in #${name.text} directive`, true);
      return false;
    }
    const id = rest[0];
    if (id.kind !== 'ident') {
      this.error(id, 'macro names must be identifiers');
      return false;
    }
    if (rest.length > 1) this.warn(rest[1], `extra tokens at end of #${name.text} directive`);
    return this.macros.has(id.text);
  }

  private elseDirective(fs: FileSource, name: Token): void {
    const rest = fs.restOfLine();
    const c = fs.conds[fs.conds.length - 1];
    const kind = name.text;
    if (c === undefined) {
      this.error(name, `#${kind} without #if`);
      return;
    }
    if (kind === 'endif') {
      fs.conds.pop();
      fs.skipping = c.parentSkipping;
      if (!fs.skipping && rest.length > 0) this.warn(rest[0], 'extra tokens at end of #endif directive', '[-Wendif-labels]');
      // Still a guard only if nothing but whitespace follows this #endif line.
      if (fs.guard && fs.guard.cond === c) fs.guardEnd = fs.idx;
      return;
    }
    if (c.sawElse) {
      this.error(name, `#${kind} after #else`);
      this.at('error', c.start, 'the conditional began here', { lineOnly: true });
    }
    if (fs.guard && fs.guard.cond === c) fs.guard = null;
    c.type = kind as CondType;
    if (kind === 'else') {
      c.sawElse = true;
      if (!c.parentSkipping && rest.length > 0) this.warn(rest[0], 'extra tokens at end of #else directive', '[-Wendif-labels]');
      fs.skipping = c.parentSkipping || c.taken;
      c.taken = true;
      return;
    }
    // #elif: evaluated only if no earlier group was taken.
    if (c.parentSkipping || c.taken) {
      fs.skipping = true;
      return;
    }
    const v = this.evalIf(name, rest);
    c.taken = v;
    fs.skipping = !v;
  }

  private evalIf(name: Token, rest: Token[]): boolean {
    for (const t of rest) if (t.warn) this.warn(t, t.warn);
    const ex = this.expander;
    ex.inIf = true;
    let expanded: Token[];
    try {
      expanded = ex.expandAll(rest, synth('eof', '', name));
    } catch (e) {
      if (e instanceof RangeError) this.fatal(name, 'macro invocations nested too deeply');
      throw e;
    } finally {
      ex.inIf = false;
    }
    if (expanded.length === 0) {
      this.error(rest.length > 0 ? rest[rest.length - 1] : name, `#${name.text} with no expression`, true);
      return false;
    }
    try {
      return evaluate(expanded, name, {
        warn: (t, m, after, tag) => this.at('warning', t, m, { after, tag }),
        undefinedIdentifier: this.opts.warnUndef
          ? (t) => this.at('warning', t, `"${t.text}" is not defined, evaluates to 0`, { tag: '[-Wundef]' })
          : undefined,
      });
    } catch (e) {
      if (e instanceof RangeError) this.fatal(name, '#if expression nested too deeply');
      if (!(e instanceof ExprError)) throw e;
      this.error(e.at ?? name, e.message, e.after);
      return false;
    }
  }

  expandedEmpty(): void {
    if (!this.expander.inIf && this.expander.collecting === 0) this.writer.lastExpanded = true;
  }

  /** `defined X`, `defined(X)`, `__has_include("f")` inside #if. */
  ifOperator(t: Token, src: TokenSource): Token | null {
    if (t.text === 'defined') {
      let id = src.next();
      const paren = id.kind === 'punct' && id.text === '(';
      if (paren) id = src.next();
      if (id.kind !== 'ident') {
        this.error(id.kind === 'eof' ? t : id, 'operator "defined" requires an identifier', id.kind === 'eof');
        return synth('number', '0', t);
      }
      if (paren) {
        const close = src.next();
        if (close.kind !== 'punct' || close.text !== ')') this.error(id, 'missing \')\' after "defined"', true);
      }
      return synth('number', this.macros.has(id.text) ? '1' : '0', t);
    }
    if (t.text === '__has_include' || t.text === '__has_include_next') {
      if (this.macros.get(t.text)?.kind !== 'builtin') return null;
      const open = src.peek();
      if (open.kind !== 'punct' || open.text !== '(') {
        this.error(t, `missing '(' before "${t.text}" operand`);
        this.error(t, `operator "${t.text}" requires a header-name`);
        return synth('number', '0', t);
      }
      src.next();
      const first = src.peek();
      const spec = this.headerName(src);
      if (spec === null) {
        this.error(first.kind === 'eof' ? t : first, `operator "${t.text}" requires a header-name`);
        return synth('number', '0', t);
      }
      const close = src.peek();
      if (close.kind !== 'punct' || close.text !== ')') {
        this.error(first, `missing ')' after "${t.text}" operand`);
        return synth('number', '0', t);
      }
      src.next();
      const cur = this.cur as FileSource;
      const next = t.text === '__has_include_next' ? cur.dirIndex : null;
      const found = this.search.find(spec.name, spec.angle, cur.file.name, cur.system, next);
      return synth('number', found ? '1' : '0', t);
    }
    return null;
  }

  /** A header name from a token stream: "file" or < tokens... > (their spellings joined). */
  private headerName(src: TokenSource): { name: string; angle: boolean } | null {
    const t = src.next();
    if (t.kind === 'string' && t.text.startsWith('"')) return { name: t.text.slice(1, -1), angle: false };
    if (t.kind !== 'punct' || t.text !== '<') return null;
    let name = '';
    for (let u = src.next(); ; u = src.next()) {
      if (u.kind === 'eof') return null;
      if (u.kind === 'punct' && u.text === '>') break;
      if (name && u.space) name += ' ';
      name += u.text;
    }
    return { name, angle: true };
  }

  private define(fs: FileSource, dname: Token): void {
    const rest = fs.restOfLine();
    for (const t of rest) if (t.warn) this.warn(t, t.warn);
    const m = parseDefine(dname, rest, this, this.asm);
    if (m === null || m.kind === 'builtin') return;
    const old = this.macros.get(m.name);
    const name = rest[0];
    if (old !== undefined && old.kind === 'builtin') this.at('warning', name, `"${m.name}" redefined`, { lineOnly: true });
    else if (old !== undefined && !sameDefinition(old, m)) {
      this.at('warning', name, `"${m.name}" redefined`, { lineOnly: true });
      if (old.def) this.at('note', old.def, 'this is the location of the previous definition', { lineOnly: true });
    }
    this.macros.set(m.name, m);
  }

  private undef(fs: FileSource, dname: Token): void {
    const rest = fs.restOfLine();
    if (rest.length === 0) {
      this.error(dname, 'no macro name given in #undef directive', true);
      return;
    }
    if (!checkMacroName(rest[0], this)) return;
    if (rest.length > 1) this.warn(rest[1], 'extra tokens at end of #undef directive');
    if (this.macros.get(rest[0].text)?.kind === 'builtin') {
      this.at('warning', rest[0], `undefining "${rest[0].text}"`, { lineOnly: true, tag: '[-Wbuiltin-macro-redefined]' });
    }
    this.macros.delete(rest[0].text);
  }

  // #include "file" | #include <file> | #include macro-tokens
  private include(fs: FileSource, hash: Token, dname: Token): void {
    const rest = fs.restOfLine();
    const kind = dname.text;
    if (this.expander.collecting > 0) {
      this.error(dname, `#${kind} nested in macro arguments is not supported`);
      return;
    }
    let spec: { name: string; angle: boolean } | null = null;
    let nameTok = rest[0];
    let extra: Token | undefined;
    if (rest.length > 0 && rest[0].kind === 'string' && rest[0].text.startsWith('"')) {
      spec = { name: rest[0].text.slice(1, -1), angle: false };
      extra = rest[1];
    } else if (rest.length > 0 && rest[0].kind === 'punct' && rest[0].text === '<') {
      // The header name is the raw text up to '>' on this line (no tokenization inside it).
      const s = fs.file.text;
      const from = rest[0].pos + 1;
      let end = from;
      while (end < s.length && s.charCodeAt(end) !== 62 && s.charCodeAt(end) !== 10) end++;
      if (s.charCodeAt(end) === 62) {
        spec = { name: s.slice(from, end), angle: true };
        nameTok = respelled(rest[0], s.slice(rest[0].pos, end + 1));
        extra = rest.find((t) => t.pos > end);
      }
    } else if (rest.length > 0) {
      const exp = this.expander.expandAll(rest, synth('eof', '', dname));
      const src = new ArraySource(exp, synth('eof', '', dname));
      spec = this.headerName(src);
      const after = src.next();
      if (after.kind !== 'eof') extra = after;
    }
    if (spec === null || spec.name === '') {
      if (spec !== null) this.at('error', rest[0], `empty filename in #${kind}`, { length: spec.angle ? 2 : undefined });
      else if (rest.length === 0) this.error(dname, `#${kind} expects "FILENAME" or <FILENAME>`, true);
      else this.error(rest[0], `#${kind} expects "FILENAME" or <FILENAME>`);
      return;
    }
    if (extra) this.warn(extra, `extra tokens at end of #${kind} directive`);
    const last = rest[rest.length - 1];
    if (fs.depth + 1 >= MAX_INCLUDE_DEPTH) {
      const msg = `#include nested depth ${MAX_INCLUDE_DEPTH} exceeds maximum of ${MAX_INCLUDE_DEPTH} (use -fmax-include-depth=DEPTH to increase the maximum)`;
      if (extra && !extra.expanded) this.error(extra, msg);
      else this.error(last, msg, true);
      return;
    }
    let next: number | null = null;
    if (kind === 'include_next') {
      if (fs.depth === 0) this.warn(dname, '#include_next in primary source file');
      else next = fs.dirIndex;
    }
    const found = this.search.find(spec.name, spec.angle, fs.file.name, fs.system, next);
    if (found === null && (spec.angle || next !== null) && this.search.dirs.length <= (next ?? -1) + 1) {
      this.error(last, `no include path in which to search for ${spec.name}`, true);
      return;
    }
    if (found === null) {
      this.fatal(nameTok, `${spec.name}: No such file or directory`, nameTok.text.length);
    }
    const key = resolve(this.opts.cwd, found.name);
    if (this.once.has(key)) return;
    if (kind === 'import') this.once.add(key);
    const guard = this.guards.get(found.name);
    if (guard !== undefined && this.macros.has(guard)) return;
    const outer = this.chain;
    this.chain = [{ file: fs.presumedName, line: dname.line + fs.lineDelta }, ...outer];
    const lx = this.load(found.name, undefined, found.system, nameTok, true);
    const resume = last.line + 1 + fs.lineDelta;
    this.writer.marker(lx.file, 1, 1);
    this.processFile(lx, found.index, fs.depth + 1);
    this.chain = outer;
    this.writer.setPresumed(fs.presumedName, fs.lineDelta, fs.system);
    this.writer.resync(resume, 2);
  }

  // #line digits ["file"] | # digits "file" flags (gcc's own linemarkers)
  private lineDirective(fs: FileSource, dname: Token, rest: Token[], marker: boolean): void {
    const toks = marker ? rest : this.expander.expandAll(rest, synth('eof', '', dname));
    const num = toks[0];
    if (num === undefined || num.kind !== 'number' || !/^\d+$/.test(num.text)) {
      const what = num === undefined ? 'end of line' : `"${num.text}"`;
      this.error(num ?? dname, `${what} after #line is not a positive integer`, num === undefined);
      return;
    }
    let name = fs.presumedName;
    const f = toks[1];
    if (f !== undefined) {
      if (f.kind !== 'string' || !f.text.startsWith('"')) {
        this.error(f, `"${f.text}" is not a valid filename`);
        return;
      }
      name = f.text.slice(1, -1).replace(/\\(.)/g, '$1');
      if (!marker && toks[2]) this.warn(toks[2], 'extra tokens at end of #line directive');
    }
    if (marker && toks.slice(2).some((t) => t.text === '3')) fs.system = true;
    const directiveLine = (rest.length > 0 ? rest[rest.length - 1] : dname).line;
    fs.presumedName = name;
    fs.lineDelta = Number(num.text) - (directiveLine + 1);
    this.writer.setPresumed(name, fs.lineDelta, fs.system);
    this.writer.resync(Number(num.text));
  }

  /** #pragma push_macro("M") saves M's definition (or its absence); pop_macro restores it. */
  private pushPop(kind: string, m: string): void {
    const stack = this.pushed.get(m) ?? [];
    if (kind === 'push_macro') {
      stack.push(this.macros.get(m));
      this.pushed.set(m, stack);
    } else if (stack.length > 0) {
      const v = stack.pop();
      if (v === undefined) this.macros.delete(m);
      else this.macros.set(m, v);
    }
  }

  private pragma(fs: FileSource, hash: Token, dname: Token, rest: Token[]): void {
    for (const t of rest) if (t.warn) this.warn(t, t.warn);
    const words = rest.map((t) => t.text);
    if (words[0] === 'once') {
      if (fs.depth === 0) this.warn(rest[0], '#pragma once in main file');
      this.once.add(resolve(this.opts.cwd, fs.file.name));
      return;
    }
    if (words[0] === 'GCC' && words[1] === 'system_header') {
      if (fs.depth === 0) this.warn(dname, '#pragma system_header ignored outside include file');
      else {
        fs.system = true;
        this.writer.setPresumed(fs.presumedName, fs.lineDelta, true);
        this.writer.resync((rest[rest.length - 1] ?? dname).line + 1 + fs.lineDelta);
      }
      return;
    }
    if (words[0] === 'GCC' && (words[1] === 'warning' || words[1] === 'error') && rest[2]?.kind === 'string') {
      const msg = rest[2].text.slice(1, -1);
      if (words[1] === 'error') this.error(rest[2], msg);
      else this.warn(rest[2], msg);
      return;
    }
    if (words[0] === 'push_macro' || words[0] === 'pop_macro') {
      const str = rest[2];
      if (words[1] !== '(' || str?.kind !== 'string' || !str.text.startsWith('"') || words[3] !== ')') {
        const at = str ?? rest[1] ?? rest[0];
        this.at('error', at, `invalid #pragma ${words[0]} directive`, { length: at.text.length });
        return;
      }
      this.pushPop(words[0], str.text.slice(1, -1));
      return;
    }
    this.writer.emitLine([hash, dname, ...rest]);
  }

  // ---- builtins ------------------------------------------------------------------------------

  builtin(name: BuiltinName, t: Token, src: TokenSource): Token[] {
    const cur = this.cur as FileSource;
    switch (name) {
      case '__FILE__':
        return [strTok(cur.presumedName, t)];
      case '__BASE_FILE__':
        return [strTok(this.baseName, t)];
      case '__LINE__':
        return [synth('number', String(t.line + (t.file === cur.file ? cur.lineDelta : 0)), t)];
      case '__COUNTER__':
        return [synth('number', String(this.counter++), t)];
      case '__INCLUDE_LEVEL__':
        return [synth('number', String(cur.depth), t)];
      case '__DATE__':
        return [synth('string', `"${dateText(this.now)}"`, t)];
      case '__TIME__':
        return [synth('string', `"${timeText(this.now)}"`, t)];
      case '__TIMESTAMP__': {
        let d = this.now;
        try {
          d = statSync(resolve(this.opts.cwd, cur.file.name)).mtime;
        } catch {
          // a file given only as source text has no time stamp; use the build time
        }
        return [synth('string', `"${timestampText(d)}"`, t)];
      }
      case '_Pragma':
        return this.pragmaOperator(t, src);
      case '__has_include':
      case '__has_include_next':
        return [t];
    }
  }

  // _Pragma ( string-literal ): the destringized text runs as a #pragma line.
  private pragmaOperator(t: Token, src: TokenSource): Token[] {
    const open = src.next();
    const str = open.kind === 'punct' && open.text === '(' ? src.next() : open;
    const close = str !== open ? src.next() : str;
    if (str.kind !== 'string' || close.kind !== 'punct' || close.text !== ')') {
      const bad = open.kind !== 'punct' || open.text !== '(' ? open : str.kind !== 'string' ? str : close;
      this.error(bad.kind === 'eof' ? t : bad, '_Pragma takes a parenthesized string literal');
      return [];
    }
    const body = str.text.replace(/^[LuU8]*"/, '').slice(0, -1).replace(/\\(["\\])/g, '$1');
    const file: SourceFile = { name: t.file.name, text: body, raw: body, system: false };
    const { tokens } = lex(file, [], this.asm);
    const rest = tokens.slice(0, -1).map((x) => placedAt(x, t));
    const cur = this.cur as FileSource;
    this.writer.pragmaLine('#pragma ' + spell(rest));
    if (rest[0]?.text === 'once' || rest[0]?.text === 'push_macro' || rest[0]?.text === 'pop_macro' || rest[0]?.text === 'GCC') {
      // Run the side effects (the line itself is already printed).
      const words = rest.map((x) => x.text);
      if (words[0] === 'once') {
        if (cur.depth === 0) this.warn(t, '#pragma once in main file');
        this.once.add(resolve(this.opts.cwd, cur.file.name));
      }
      else if (words[0] === 'push_macro' || words[0] === 'pop_macro') {
        if (rest[2]?.kind === 'string') this.pushPop(words[0], rest[2].text.slice(1, -1));
      }
    }
    return [];
  }
}

function strTok(s: string, at: Token): Token {
  return synth('string', `"${s.replace(/[\\"]/g, '\\$&')}"`, at);
}

/** Tokens spelled with single spaces where there was whitespace (how gcc prints #error text). */
function spell(toks: Token[]): string {
  let s = '';
  for (let i = 0; i < toks.length; i++) {
    if (i > 0 && toks[i].space) s += ' ';
    s += toks[i].text;
  }
  return s;
}
