// Reading a lab file: YAML → checked, typed Lab (types.ts). The file is walked as a YAML syntax
// tree rather than as plain data so that every problem points at its line and column:
//
//   exercises/01-hello-syscall.yaml:12:5: error: unknown key 'chekcs' in a step (expected ...)
//
// All problems in a file are collected before giving up, so an author fixes them in one pass.
// The accepted shape is the one exercises/lab.schema.json describes for editors.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { DiagnosticError, type Diagnostic } from '../diag.js';
import { normalizeWsPath, pathProblem } from './safety.js';
import type { Check, CheckSpec, FileContent, FilePatch, Hints, Lab, Origin, Overlay, Step, TableArch, WsPath } from './types.js';

/** The keys each part of a lab may have (exported for the test that compares with the JSON Schema). */
export const KEYS = {
  lab: ['id', 'title', 'summary', 'kernel', 'points', 'start', 'steps', 'final', 'solution'],
  start: ['files', 'patches', 'configure'],
  solution: ['files', 'patches'],
  file: ['path', 'content'],
  patch: ['path', 'find', 'replace', 'append', 'delete'],
  step: ['title', 'instructions', 'files', 'checks', 'hints'],
  final: ['checks', 'hints'],
  checkCommon: ['id', 'description', 'points', 'reason', 'message'],
  checkKinds: ['file', 'table', 'build', 'symbol', 'run', 'dmesg', 'all', 'any', 'not'],
  fileCheck: ['exists', 'contains', 'matches'],
  symbolCheck: ['type'],
  runCheck: ['args', 'input', 'output', 'output_matches', 'status'],
  table: ['arch', 'number', 'name', 'entry', 'abi', 'valid'],
  build: ['fails_with', 'fails_matching'],
  dmesg: ['contains', 'matches', 'level', 'absent'],
} as const;

const LEVELS = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];
const ID_RE = /^[a-z0-9][a-z0-9-]*$/;
const REASON_RE = /^[a-z][a-z0-9-]*$/;

class Reader {
  readonly lc = new LineCounter();
  readonly errors: Diagnostic[] = [];
  private lines: string[];
  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.lines = text.split('\n');
  }

  origin(node: Node | Pair | null | undefined): Origin {
    const n = (node && 'range' in node ? node : (node as Pair | undefined)?.key) as Node | undefined;
    const off = n?.range?.[0] ?? 0;
    const { line, col } = this.lc.linePos(off);
    return { file: this.file, line, col };
  }

  error(node: Node | null | undefined, message: string, offset?: number): void {
    const o = offset !== undefined ? this.lc.linePos(offset) : this.origin(node);
    this.errors.push({ file: this.file, line: o.line, col: o.col, severity: 'error', message, sourceLine: this.lines[o.line - 1]?.replace(/\r$/, '') });
  }

  /** A mapping's entries by key, reporting keys that are not scalars, repeated or not allowed. */
  map(node: Node | null | undefined, what: string, allowed: readonly string[]): Map<string, { key: Scalar; value: Node | null }> | null {
    if (!isMap(node)) {
      this.error(node, `${what} must be a mapping (key: value lines)`);
      return null;
    }
    const out = new Map<string, { key: Scalar; value: Node | null }>();
    for (const pair of (node as YAMLMap).items) {
      const key = pair.key as Node;
      if (!isScalar(key) || typeof key.value !== 'string') {
        this.error(key, `${what}: keys must be plain words`);
        continue;
      }
      const k = key.value;
      if (!allowed.includes(k)) {
        this.error(key, `unknown key '${k}' in ${what} (expected one of: ${allowed.join(', ')})`);
        continue;
      }
      if (out.has(k)) {
        this.error(key, `'${k}' is given twice in ${what}`);
        continue;
      }
      out.set(k, { key, value: (pair.value as Node | null) ?? null });
    }
    return out;
  }

  str(node: Node | null | undefined, what: string, opts: { empty?: boolean } = {}): string | undefined {
    if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) {
      this.error(node, `${what} must be text`);
      return undefined;
    }
    const s = String(node.value);
    if (!opts.empty && s.trim() === '') {
      this.error(node, `${what} cannot be empty`);
      return undefined;
    }
    return s;
  }

  int(node: Node | null | undefined, what: string, min = 0): number | undefined {
    if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value) || node.value < min) {
      this.error(node, `${what} must be a whole number${min === 0 ? ' (0 or more)' : ` of at least ${min}`}`);
      return undefined;
    }
    return node.value;
  }

  bool(node: Node | null | undefined, what: string): boolean | undefined {
    if (!isScalar(node) || typeof node.value !== 'boolean') {
      this.error(node, `${what} must be true or false`);
      return undefined;
    }
    return node.value;
  }

  seq(node: Node | null | undefined, what: string): Node[] {
    if (!isSeq(node)) {
      this.error(node, `${what} must be a list (lines starting with '- ')`);
      return [];
    }
    return node.items as Node[];
  }

  path(node: Node | null | undefined, what: string): WsPath | undefined {
    const s = this.str(node, what);
    if (s === undefined) return undefined;
    const problem = pathProblem(s);
    if (problem) {
      this.error(node, `${what}: ${problem}`);
      return undefined;
    }
    return normalizeWsPath(s);
  }

  regex(node: Node | null | undefined, what: string): RegExp | undefined {
    const s = this.str(node, what);
    if (s === undefined) return undefined;
    try {
      return new RegExp(s, 'm');
    } catch (e) {
      this.error(node, `${what} is not a valid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
      return undefined;
    }
  }
}

// overlay: { files?: [{path, content}], patches?: [{path, find+replace | append | delete}] }
function readOverlay(r: Reader, node: Node | null, what: string, keys: readonly string[]): { overlay: Overlay; m: ReturnType<Reader['map']> } {
  const overlay: Overlay = { files: [], patches: [] };
  const m = r.map(node, what, keys);
  if (!m) return { overlay, m };
  const files = m.get('files');
  if (files) {
    for (const f of r.seq(files.value, `${what}'s files`)) {
      const fm = r.map(f, `a file of ${what}`, KEYS.file);
      if (!fm) continue;
      const path = fm.has('path') ? r.path(fm.get('path')!.value, 'path') : (r.error(f, `a file of ${what} needs a 'path'`), undefined);
      const content = fm.has('content') ? r.str(fm.get('content')!.value, 'content', { empty: true }) : (r.error(f, `a file of ${what} needs its 'content'`), undefined);
      if (path !== undefined && content !== undefined) overlay.files.push({ path, content } satisfies FileContent);
    }
  }
  const patches = m.get('patches');
  if (patches) {
    for (const p of r.seq(patches.value, `${what}'s patches`)) {
      const pm = r.map(p, `a patch of ${what}`, KEYS.patch);
      if (!pm) continue;
      const path = pm.has('path') ? r.path(pm.get('path')!.value, 'path') : (r.error(p, `a patch needs a 'path'`), undefined);
      const kinds = ['find', 'append', 'delete'].filter((k) => pm.has(k));
      if (kinds.length !== 1) {
        r.error(p, `a patch needs exactly one of 'find' (with 'replace'), 'append' or 'delete'`);
        continue;
      }
      if (path === undefined) continue;
      let patch: FilePatch | undefined;
      if (kinds[0] === 'find') {
        const find = r.str(pm.get('find')!.value, 'find');
        const replace = pm.has('replace') ? r.str(pm.get('replace')!.value, 'replace', { empty: true }) : (r.error(p, `a 'find' patch needs its 'replace' text`), undefined);
        if (find !== undefined && replace !== undefined) patch = { path, kind: 'replace', find, replace };
      } else if (kinds[0] === 'append') {
        const text = r.str(pm.get('append')!.value, 'append');
        if (text !== undefined) patch = { path, kind: 'append', text };
      } else {
        const d = r.bool(pm.get('delete')!.value, 'delete');
        if (d === false) r.error(pm.get('delete')!.value, `'delete: false' means nothing; leave the patch out`);
        if (d) patch = { path, kind: 'delete' };
      }
      if (patch) {
        if (pm.has('replace') && kinds[0] !== 'find') r.error(pm.get('replace')!.key, `'replace' belongs to a 'find' patch`);
        overlay.patches.push(patch);
      }
    }
  }
  return { overlay, m };
}

function describe(spec: CheckSpec): string {
  switch (spec.kind) {
    case 'file-exists':
      return spec.exists ? `${spec.path} exists` : `${spec.path} does not exist`;
    case 'file-contains':
      return `${spec.path} contains '${spec.text.trim()}'`;
    case 'file-matches':
      return `${spec.path} matches /${spec.pattern.source}/`;
    case 'table': {
      const file = spec.arch === 'x86_64' ? 'syscall_64.tbl' : 'syscall_32.tbl';
      return `${file} has a valid entry ${spec.number}${spec.name ? ` (${spec.name}${spec.entry ? ` → ${spec.entry}` : ''})` : ''}`;
    }
    case 'build-ok':
      return 'the kernel builds';
    case 'build-fails':
      return `the build fails with '${spec.contains ?? spec.pattern?.source}'`;
    case 'symbol':
      return `System.map has ${spec.type ? `'${spec.type} ${spec.name}'` : spec.name}`;
    case 'run': {
      const cmd = [spec.program, ...spec.args].join(' ');
      const parts: string[] = [];
      if (spec.output !== undefined) parts.push(`prints ${JSON.stringify(spec.output)}`);
      if (spec.outputPattern) parts.push(`prints output matching /${spec.outputPattern.source}/`);
      if (spec.status !== undefined) parts.push(`exits with status ${spec.status}`);
      return `${cmd} ${parts.join(' and ') || 'runs'}`;
    }
    case 'dmesg': {
      const what = spec.contains !== undefined ? `'${spec.contains}'` : `a line matching /${spec.pattern?.source}/`;
      const lvl = spec.level !== undefined ? ` at level ${LEVELS[spec.level]}` : '';
      return spec.absent ? `dmesg has no ${what}${lvl}` : `dmesg has ${what}${lvl}`;
    }
    case 'all':
      return spec.checks.map((c) => c.description).join(', and ');
    case 'any':
      return spec.checks.map((c) => c.description).join(', or ');
    case 'not':
      return `not: ${spec.check.description}`;
  }
}

interface CheckCtx {
  ids: Set<string>;
  prefix: string;
  nested: boolean;
}

// check: one kind key (file | table | build | symbol | run | dmesg | all | any | not),
//        its kind's own keys, and id / description / points / reason / message.
function readCheck(r: Reader, node: Node, ctx: CheckCtx, index: number): Check | undefined {
  const allowed = [...KEYS.checkCommon, ...KEYS.checkKinds, ...KEYS.fileCheck, ...KEYS.symbolCheck, ...KEYS.runCheck];
  const m = r.map(node, 'a check', allowed);
  if (!m) return undefined;
  const kinds = KEYS.checkKinds.filter((k) => m.has(k));
  if (kinds.length !== 1) {
    r.error(node, kinds.length === 0 ? `a check needs one of: ${KEYS.checkKinds.join(', ')}` : `a check has one kind, not several (${kinds.join(', ')})`);
    return undefined;
  }
  const kind = kinds[0]!;
  const own: Record<string, readonly string[]> = { file: KEYS.fileCheck, symbol: KEYS.symbolCheck, run: KEYS.runCheck };
  for (const [k, { key }] of m) {
    const belongs = (KEYS.fileCheck as readonly string[]).includes(k) ? 'file' : (KEYS.symbolCheck as readonly string[]).includes(k) ? 'symbol' : (KEYS.runCheck as readonly string[]).includes(k) ? 'run' : null;
    if (belongs && !(own[kind] ?? []).includes(k)) r.error(key, `'${k}' belongs to a '${belongs}' check, not a '${kind}' check`);
  }
  const v = m.get(kind)!.value;
  const val = (k: string) => m.get(k)?.value;
  let spec: CheckSpec | undefined;
  switch (kind) {
    case 'file': {
      const path = r.path(v, 'file');
      const which = KEYS.fileCheck.filter((k) => m.has(k));
      if (which.length > 1) r.error(node, `a file check tests one thing: 'exists', 'contains' or 'matches'`);
      if (path === undefined) break;
      if (m.has('contains')) {
        const text = r.str(val('contains'), 'contains');
        if (text !== undefined) spec = { kind: 'file-contains', path, text };
      } else if (m.has('matches')) {
        const pattern = r.regex(val('matches'), 'matches');
        if (pattern) spec = { kind: 'file-matches', path, pattern };
      } else {
        const exists = m.has('exists') ? r.bool(val('exists'), 'exists') : true;
        if (exists !== undefined) spec = { kind: 'file-exists', path, exists };
      }
      break;
    }
    case 'table': {
      const tm = r.map(v, 'a table check', KEYS.table);
      if (!tm) break;
      let arch: TableArch = 'x86_64';
      if (tm.has('arch')) {
        const a = r.str(tm.get('arch')!.value, 'arch');
        if (a === 'x86_64' || a === '64') arch = 'x86_64';
        else if (a === 'i386' || a === '32') arch = 'i386';
        else if (a !== undefined) r.error(tm.get('arch')!.value, `arch must be x86_64 (syscall_64.tbl) or i386 (syscall_32.tbl), not '${a}'`);
      }
      const number = tm.has('number') ? r.int(tm.get('number')!.value, 'number') : (r.error(v, `a table check needs the syscall 'number'`), undefined);
      const name = tm.has('name') ? r.str(tm.get('name')!.value, 'name') : undefined;
      const entry = tm.has('entry') ? r.str(tm.get('entry')!.value, 'entry', { empty: true }) : undefined;
      const abi = tm.has('abi') ? r.str(tm.get('abi')!.value, 'abi') : undefined;
      if (abi !== undefined && !['common', '64', 'x32', 'i386'].includes(abi)) r.error(tm.get('abi')!.value, `abi must be common, 64, x32 or i386`);
      const valid = tm.has('valid') ? r.bool(tm.get('valid')!.value, 'valid') : true;
      if (number !== undefined && valid !== undefined) spec = { kind: 'table', arch, number, name, entry, abi, valid };
      break;
    }
    case 'build': {
      if (isScalar(v) && v.value === 'ok') spec = { kind: 'build-ok' };
      else if (isMap(v)) {
        const bm = r.map(v, 'a build check', KEYS.build);
        if (!bm) break;
        if (bm.size !== 1) {
          r.error(v, `a failing-build check needs exactly one of 'fails_with' or 'fails_matching'`);
          break;
        }
        if (bm.has('fails_with')) {
          const contains = r.str(bm.get('fails_with')!.value, 'fails_with');
          if (contains !== undefined) spec = { kind: 'build-fails', contains };
        } else {
          const pattern = r.regex(bm.get('fails_matching')!.value, 'fails_matching');
          if (pattern) spec = { kind: 'build-fails', pattern };
        }
      } else r.error(v, `build must be 'ok' or a mapping with 'fails_with' or 'fails_matching'`);
      break;
    }
    case 'symbol': {
      const name = r.str(v, 'symbol');
      const type = m.has('type') ? r.str(val('type'), 'type') : undefined;
      if (type !== undefined && !/^[A-Za-z]$/.test(type)) r.error(val('type'), `type is nm's one-letter symbol type (T, t, D, B, R, ...)`);
      if (name !== undefined) spec = { kind: 'symbol', name, type };
      break;
    }
    case 'run': {
      const program = r.path(v, 'run');
      const args: string[] = [];
      if (m.has('args')) for (const a of r.seq(val('args'), 'args')) {
        const s = r.str(a, 'an argument', { empty: true });
        if (s !== undefined) args.push(s);
      }
      const input = m.has('input') ? r.str(val('input'), 'input', { empty: true }) : undefined;
      const output = m.has('output') ? r.str(val('output'), 'output', { empty: true }) : undefined;
      const outputPattern = m.has('output_matches') ? r.regex(val('output_matches'), 'output_matches') : undefined;
      const status = m.has('status') ? r.int(val('status'), 'status') : undefined;
      if (status !== undefined && status > 255) r.error(val('status'), 'status is an exit status, 0 to 255');
      if (program !== undefined) spec = { kind: 'run', program, args, input, output, outputPattern, status };
      break;
    }
    case 'dmesg': {
      const dm = r.map(v, 'a dmesg check', KEYS.dmesg);
      if (!dm) break;
      if (dm.has('contains') === dm.has('matches')) {
        r.error(v, `a dmesg check needs exactly one of 'contains' or 'matches'`);
        break;
      }
      const contains = dm.has('contains') ? r.str(dm.get('contains')!.value, 'contains') : undefined;
      const pattern = dm.has('matches') ? r.regex(dm.get('matches')!.value, 'matches') : undefined;
      let level: number | undefined;
      if (dm.has('level')) {
        const ln = dm.get('level')!.value;
        const l = isScalar(ln) ? ln.value : undefined;
        if (typeof l === 'number' && Number.isInteger(l) && l >= 0 && l <= 7) level = l;
        else if (typeof l === 'string' && LEVELS.includes(l === 'warn' ? 'warning' : l)) level = LEVELS.indexOf(l === 'warn' ? 'warning' : l);
        else r.error(ln, `level must be 0-7 or one of ${LEVELS.join(', ')}`);
      }
      const absent = dm.has('absent') ? r.bool(dm.get('absent')!.value, 'absent') : false;
      if ((contains !== undefined || pattern) && absent !== undefined) spec = { kind: 'dmesg', contains, pattern, level, absent };
      break;
    }
    case 'all':
    case 'any': {
      const items = r.seq(v, kind);
      if (isSeq(v) && items.length === 0) r.error(v, `'${kind}' needs at least one check`);
      const checks = items.map((c, i) => readCheck(r, c, { ...ctx, nested: true }, i));
      if (checks.every((c): c is Check => c !== undefined) && checks.length > 0) spec = { kind, checks };
      break;
    }
    case 'not': {
      const check = readCheck(r, v as Node, { ...ctx, nested: true }, 0);
      if (check) spec = { kind: 'not', check };
      break;
    }
  }
  let id: string | undefined;
  if (m.has('id')) {
    id = r.str(val('id'), 'id');
    if (id !== undefined && !ID_RE.test(id)) r.error(val('id'), `a check id is lower-case letters, digits and '-'`);
  }
  if (id === undefined) id = `${ctx.prefix}${index + 1}`;
  if (!ctx.nested) {
    if (ctx.ids.has(id)) r.error(m.get('id')?.value ?? node, `check id '${id}' is used twice in this lab`);
    ctx.ids.add(id);
  }
  let points = ctx.nested ? 0 : 1;
  if (m.has('points')) {
    if (ctx.nested) r.error(m.get('points')!.key, `points belong to the outer check, not to one inside '${'all/any/not'}'`);
    else points = r.int(val('points'), 'points') ?? 1;
  }
  const reason = m.has('reason') ? r.str(val('reason'), 'reason') : undefined;
  if (reason !== undefined && !REASON_RE.test(reason)) r.error(val('reason'), `a reason code is lower-case letters, digits and '-'`);
  const message = m.has('message') ? r.str(val('message'), 'message') : undefined;
  const description = m.has('description') ? r.str(val('description'), 'description') : undefined;
  if (!spec) return undefined;
  return { id, description: description ?? describe(spec), points, spec, reason, message, origin: r.origin(node) };
}

// hints: { reason-code: [tier, tier, ...] }
function readHints(r: Reader, node: Node | null): Hints {
  const hints: Hints = {};
  if (!isMap(node)) {
    r.error(node, `hints must be a mapping from a reason code to a list of hints`);
    return hints;
  }
  for (const pair of node.items) {
    const key = pair.key as Node;
    const code = r.str(key, 'a reason code');
    if (code === undefined) continue;
    if (!REASON_RE.test(code)) r.error(key, `a reason code is lower-case letters, digits and '-'`);
    const tiers = (isScalar(pair.value) ? [pair.value as Node] : r.seq(pair.value as Node, `the hints for '${code}'`)).map((t) => r.str(t, 'a hint')).filter((t): t is string => t !== undefined);
    if (tiers.length === 0) r.error(key, `'${code}' has no hints`);
    hints[code] = tiers;
  }
  return hints;
}

/** Parses and checks a lab's text; throws DiagnosticError with every located problem. */
export function parseLab(text: string, file: string, absFile = resolve(file)): Lab {
  const r = new Reader(file, text);
  const doc = parseDocument(text, { lineCounter: r.lc, prettyErrors: false, uniqueKeys: false });
  for (const e of doc.errors) r.error(null, `YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, e.pos[0]);
  if (r.errors.length) throw new DiagnosticError(r.errors);
  const top = r.map(doc.contents as Node, 'the lab', KEYS.lab);
  if (!top) throw new DiagnosticError(r.errors);
  const need = (k: string): Node | null | undefined => {
    const e = top.get(k);
    if (!e) r.error(doc.contents as Node, `the lab needs '${k}'`);
    return e?.value;
  };
  const idNode = need('id');
  const id = idNode !== undefined ? r.str(idNode, 'id') : undefined;
  if (id !== undefined && !ID_RE.test(id)) r.error(idNode, `a lab id is lower-case letters, digits and '-' (it is typed in 'kwb lab start ID')`);
  const titleNode = need('title');
  const title = titleNode !== undefined ? r.str(titleNode, 'title') : undefined;
  const summary = top.has('summary') ? r.str(top.get('summary')!.value, 'summary') : '';
  const kernel = top.has('kernel') ? r.str(top.get('kernel')!.value, 'kernel') : '4.4.79';
  if (kernel !== undefined && kernel !== '4.4.79') r.error(top.get('kernel')!.value, `kernel: this workbench has Linux 4.4.79 only, not '${kernel}'`);

  let start: Overlay = { files: [], patches: [] };
  let configure = ['defconfig'];
  if (top.has('start')) {
    const s = readOverlay(r, top.get('start')!.value, 'start', KEYS.start);
    start = s.overlay;
    const c = s.m?.get('configure');
    if (c) {
      configure = [];
      for (const t of r.seq(c.value, 'configure')) {
        const target = r.str(t, 'a make target');
        if (target === undefined) continue;
        if (!['defconfig', 'olddefconfig', 'all', 'vmlinux', 'bzImage'].includes(target)) r.error(t, `configure runs make targets from: defconfig, olddefconfig, all, vmlinux, bzImage`);
        else configure.push(target);
      }
    }
  }

  const ids = new Set<string>();
  const steps: Step[] = [];
  const stepsNode = need('steps');
  if (stepsNode !== undefined) {
    const items = r.seq(stepsNode, 'steps');
    if (isSeq(stepsNode) && items.length === 0) r.error(stepsNode, 'a lab needs at least one step');
    items.forEach((sn, i) => {
      const sm = r.map(sn, `step ${i + 1}`, KEYS.step);
      if (!sm) return;
      const stitle = sm.has('title') ? r.str(sm.get('title')!.value, 'title') : (r.error(sn, `step ${i + 1} needs a 'title'`), undefined);
      const instructions = sm.has('instructions') ? r.str(sm.get('instructions')!.value, 'instructions') : (r.error(sn, `step ${i + 1} needs 'instructions'`), undefined);
      const files: WsPath[] = [];
      if (sm.has('files')) for (const f of r.seq(sm.get('files')!.value, 'files')) {
        const p = r.path(f, 'a file');
        if (p !== undefined) files.push(p);
      }
      const checks: Check[] = [];
      const cn = sm.get('checks');
      if (!cn) r.error(sn, `step ${i + 1} needs 'checks' (how the grader knows it is done)`);
      else {
        const items2 = r.seq(cn.value, 'checks');
        if (isSeq(cn.value) && items2.length === 0) r.error(cn.value, 'checks cannot be empty');
        items2.forEach((c, j) => {
          const check = readCheck(r, c, { ids, prefix: `step${i + 1}-`, nested: false }, j);
          if (check) checks.push(check);
        });
      }
      const hints = sm.has('hints') ? readHints(r, sm.get('hints')!.value) : {};
      if (stitle !== undefined && instructions !== undefined) steps.push({ title: stitle, instructions, files, checks, hints });
    });
  }

  const final: Check[] = [];
  let finalHints: Hints = {};
  const finalNode = need('final');
  if (finalNode !== undefined) {
    const fm = r.map(finalNode, 'final', KEYS.final);
    if (fm) {
      const cn = fm.get('checks');
      if (!cn) r.error(finalNode, `final needs 'checks'`);
      else {
        const items = r.seq(cn.value, 'final checks');
        if (isSeq(cn.value) && items.length === 0) r.error(cn.value, 'final checks cannot be empty');
        items.forEach((c, j) => {
          const check = readCheck(r, c, { ids, prefix: 'final-', nested: false }, j);
          if (check) final.push(check);
        });
      }
      if (fm.has('hints')) finalHints = readHints(r, fm.get('hints')!.value);
    }
  }

  const solNode = need('solution');
  const solution = solNode !== undefined ? readOverlay(r, solNode, 'the solution', KEYS.solution).overlay : { files: [], patches: [] };
  if (solNode !== undefined && isMap(solNode) && solution.files.length + solution.patches.length === 0) r.error(solNode, 'the solution changes nothing');

  const sum = [...steps.flatMap((s) => s.checks), ...final].reduce((a, c) => a + c.points, 0);
  let points = sum;
  if (top.has('points')) {
    const p = r.int(top.get('points')!.value, 'points');
    if (p !== undefined && p !== sum) r.error(top.get('points')!.value, `points says ${p}, but the checks' points add up to ${sum}`);
    if (p !== undefined) points = p;
  }
  // A dmesg check reads the log of the last program run, so one must come before it.
  let ran = false;
  const visit = (c: Check): void => {
    const sp = c.spec;
    if (sp.kind === 'run') ran = true;
    else if (sp.kind === 'dmesg' && !ran) {
      r.errors.push({ file, line: c.origin.line, col: c.origin.col, severity: 'error', message: `a dmesg check reads the kernel log of the last program run, but no 'run' check comes before it`, sourceLine: text.split('\n')[c.origin.line - 1] });
    } else if (sp.kind === 'all' || sp.kind === 'any') sp.checks.forEach(visit);
    else if (sp.kind === 'not') visit(sp.check);
  };
  [...steps.flatMap((s) => s.checks), ...final].forEach(visit);
  if (r.errors.length || id === undefined || title === undefined || summary === undefined || kernel === undefined) throw new DiagnosticError(r.errors);
  return { id, title, summary, kernel, file: absFile, points, start, configure, steps, final, finalHints, solution };
}

/** Reads and parses a lab file. A file that cannot be read is a located error too. */
export function readLabFile(file: string): Lab {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'No such file or directory' : code === 'EISDIR' ? 'Is a directory' : String(code);
    throw new DiagnosticError([{ file, line: 0, col: 0, severity: 'error', message: why }]);
  }
  return parseLab(text, file);
}
