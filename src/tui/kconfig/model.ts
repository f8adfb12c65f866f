// menuconfig's model over the core's Kconfig: which entries a menu shows, what each displays,
// and how a key changes a value. Values live in the user map that .config is read into; every
// change builds a fresh Config so that dependencies and selects are recomputed by the core.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { defconfigPath, envRecord, kconfigEnv, loadKconfig } from '../../kbuild/config.js';
import { formatDotConfig, readDotConfig } from '../../kbuild/kconfig/dotconfig.js';
import { Config } from '../../kbuild/kconfig/symbols.js';
import type { Kconfig, MenuNode, SymbolDef } from '../../kbuild/kconfig/parse.js';
import { writeFileAtomic } from '../../util/atomic.js';

export interface Entry {
  node: MenuNode;
  /** What menuconfig prints: `[*] Prompt`, `<M> Prompt`, `(32) Prompt`, `Prompt  --->`. */
  label: string;
  kind: 'bool' | 'tristate' | 'value' | 'menu' | 'comment' | 'choice';
  sym?: SymbolDef;
  depth: number;
}

export class KconfigModel {
  cfg: Config;
  readonly from: string;
  changed = false;

  constructor(
    readonly dir: string,
    readonly kc: Kconfig,
    readonly user: Map<string, string>,
    private readonly env: Record<string, string>,
    from: string,
  ) {
    this.cfg = new Config(kc, user, env);
    this.from = from;
  }

  /** The workspace's configuration: .config, or the arch defconfig before the first build. */
  static load(dir: string): KconfigModel {
    const env = kconfigEnv(dir);
    const kc = loadKconfig(dir, env);
    for (const f of ['.config', defconfigPath(env)]) {
      const p = join(dir, f);
      if (existsSync(p)) return new KconfigModel(dir, kc, readDotConfig(readFileSync(p, 'utf8'), f, kc).values, envRecord(env), f);
    }
    return new KconfigModel(dir, kc, new Map(), envRecord(env), '');
  }

  private visible(n: MenuNode): boolean {
    switch (n.kind) {
      case 'symbol':
        return n.prompt !== undefined && this.cfg.eval(n.prompt.cond) > 0;
      case 'menu':
        return this.cfg.eval(n.deps) > 0 && this.cfg.eval(n.visibleIf) > 0;
      case 'comment':
        return this.cfg.eval(n.deps) > 0;
      case 'choice':
        return this.cfg.choiceVisible(n.choice) > 0;
    }
  }

  /** The visible entries of a menu; a symbol's children (menuconfig) are shown indented under it. */
  entries(nodes: MenuNode[], depth = 0): Entry[] {
    const out: Entry[] = [];
    for (const n of nodes) {
      if (!this.visible(n)) {
        // Invisible symbols can still own visible children (`if` blocks become children).
        if (n.kind === 'symbol') out.push(...this.entries(n.children, depth));
        continue;
      }
      out.push(this.entry(n, depth));
      if (n.kind === 'symbol' && n.children.length) out.push(...this.entries(n.children, depth + 1));
    }
    return out;
  }

  entry(n: MenuNode, depth: number): Entry {
    switch (n.kind) {
      case 'menu':
        return { node: n, label: `    ${n.title}  --->`, kind: 'menu', depth };
      case 'comment':
        return { node: n, label: `    *** ${n.title} ***`, kind: 'comment', depth };
      case 'choice': {
        const sel = this.cfg.choiceSelection(n.choice);
        const title = n.choice.prompt?.text ?? 'choice';
        return { node: n, label: `    ${title} (${sel?.prompts[0]?.text ?? sel?.name ?? 'none'})  --->`, kind: 'choice', depth };
      }
      case 'symbol': {
        const s = n.sym;
        const v = this.cfg.get(s.name).value;
        const prompt = n.prompt?.text ?? s.name;
        if (s.choice) return { node: n, label: `(${v === 'y' ? 'X' : ' '}) ${prompt}`, kind: 'bool', sym: s, depth };
        if (s.type === 'bool') return { node: n, label: `[${v === 'y' ? '*' : ' '}] ${prompt}`, kind: 'bool', sym: s, depth };
        if (s.type === 'tristate') return { node: n, label: `<${v === 'y' ? '*' : v === 'm' ? 'M' : ' '}> ${prompt}`, kind: 'tristate', sym: s, depth };
        return { node: n, label: `(${v}) ${prompt}`, kind: 'value', sym: s, depth };
      }
    }
  }

  private recompute(): void {
    this.cfg = new Config(this.kc, this.user, this.env);
    this.changed = true;
  }

  /** Sets a bool/tristate to y/m/n, within what its dependencies allow (as menuconfig does). */
  set(sym: SymbolDef, v: 'y' | 'm' | 'n'): boolean {
    if (v === 'm' && sym.type !== 'tristate') return false;
    if (sym.choice) {
      if (v !== 'y') return false;
      for (const m of sym.choice.members) this.user.set(m.name, m === sym ? 'y' : 'n');
      this.recompute();
      return true;
    }
    const before = this.cfg.get(sym.name).value;
    this.user.set(sym.name, v);
    this.recompute();
    return this.cfg.get(sym.name).value !== before;
  }

  /** Space: n → y (→ m → n for tristates with modules), as menuconfig cycles. */
  toggle(sym: SymbolDef): void {
    const v = this.cfg.get(sym.name).value;
    if (sym.type === 'tristate') {
      const next = v === 'n' ? 'y' : v === 'y' ? 'm' : 'n';
      if (!this.set(sym, next) && next === 'm') this.set(sym, 'n');
    } else this.set(sym, v === 'y' ? 'n' : 'y');
  }

  /** int/hex/string: checked as conf does (a number for int, 0x-hex for hex, in range). */
  setValue(sym: SymbolDef, text: string): string | null {
    if (sym.type === 'int' && !/^-?\d+$/.test(text)) return `'${text}' is not a decimal number`;
    if (sym.type === 'hex' && !/^(0[xX])?[0-9a-fA-F]+$/.test(text)) return `'${text}' is not a hexadecimal number`;
    if (sym.type === 'hex' && !/^0[xX]/.test(text)) text = '0x' + text;
    for (const r of sym.ranges) {
      if (this.cfg.eval(r.cond) === 0) continue;
      const num = (s: string) => Number(this.cfg.str({ kind: 'sym', name: s, quoted: false }));
      const n = Number(text);
      const lo = num(r.lo);
      const hi = num(r.hi);
      if (Number.isFinite(lo) && Number.isFinite(hi) && (n < lo || n > hi)) return `${text} is out of range ${r.lo}..${r.hi}`;
      break;
    }
    this.user.set(sym.name, text);
    this.recompute();
    return null;
  }

  /** `/` search: symbols whose name or prompt contains the text, with where they are defined. */
  search(text: string): SymbolDef[] {
    const q = text.toUpperCase().replace(/^CONFIG_/, '');
    return [...this.kc.symbols.values()].filter((s) => s.name.includes(q) || s.prompts.some((p) => p.text.toUpperCase().includes(q)));
  }

  /** Help text, as menuconfig's `?` shows it: the text, then the symbol's facts. */
  help(sym: SymbolDef): string[] {
    const v = this.cfg.get(sym.name);
    const lines = (sym.help ?? 'There is no help available for this option.').split('\n');
    lines.push('', `Symbol: ${sym.name} [=${v.value}]`, `Type  : ${sym.type}`, `Defined at ${sym.where.file}:${sym.where.line}`);
    if (sym.selectedBy.length) lines.push(`Selected by: ${sym.selectedBy.map((s) => s.by).join(', ')}`);
    return lines;
  }

  /** Writes .config (the old one kept as .config.old, as conf does). */
  save(): string {
    const p = join(this.dir, '.config');
    if (existsSync(p)) writeFileAtomic(join(this.dir, '.config.old'), readFileSync(p));
    writeFileAtomic(p, formatDotConfig(this.cfg));
    this.changed = false;
    return p;
  }
}
