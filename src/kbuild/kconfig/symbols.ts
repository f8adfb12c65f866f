// Symbol values, computed as scripts/kconfig/symbol.c does (sym_calc_value): a user value (from
// .config or a defconfig) counts only while the symbol is visible; otherwise the first default whose
// condition holds; `select` raises a value to at least the selector's; bool symbols cannot be 'm';
// tristates collapse to bool when CONFIG_MODULES is off. A symbol is written to .config when it is
// visible, selected, or has an active default (SYMBOL_WRITE).
import { triMax, triMin, type Expr, type Tri } from './expr.js';
import type { ChoiceDef, Kconfig, SymbolDef } from './parse.js';

export interface SymValue {
  value: string; // 'y' | 'm' | 'n' for bool/tristate, the text for int/hex/string
  write: boolean;
  visible: Tri;
}

export class Config {
  private memo = new Map<string, SymValue>();
  private busy = new Set<string>();
  private choiceMemo = new Map<ChoiceDef, SymbolDef | undefined>();

  /** `user` holds values as a .config spells them without the CONFIG_ prefix: 'y', 'n', '32', 'text'. */
  constructor(
    readonly kc: Kconfig,
    readonly user: Map<string, string>,
    readonly env: Record<string, string> = {},
  ) {}

  get(name: string): SymValue {
    const m = this.memo.get(name);
    if (m) return m;
    const sym = this.kc.symbols.get(name);
    if (!sym) return { value: 'n', write: false, visible: 0 };
    if (this.busy.has(name)) return { value: 'n', write: false, visible: 0 }; // a dependency loop; kconfig warns, we take n
    this.busy.add(name);
    const v = this.calc(sym);
    this.busy.delete(name);
    this.memo.set(name, v);
    return v;
  }

  tri(name: string): Tri {
    const s = this.kc.symbols.get(name);
    if (!s) return name === 'y' ? 2 : name === 'm' ? 1 : 0;
    if (s.type !== 'bool' && s.type !== 'tristate') return 0;
    const v = this.get(name).value;
    return v === 'y' ? 2 : v === 'm' ? 1 : 0;
  }

  /** The string value used by `A = B` comparisons: a symbol's value, or the constant itself. */
  str(e: Expr & { kind: 'sym' }): string {
    if (e.quoted) return e.name;
    const s = this.kc.symbols.get(e.name);
    return s ? this.get(e.name).value : e.name;
  }

  eval(e: Expr | undefined): Tri {
    if (!e) return 2;
    switch (e.kind) {
      case 'sym':
        if (e.quoted) return e.name === 'y' ? 2 : e.name === 'm' ? 1 : 0;
        return this.tri(e.name);
      case 'not':
        return (2 - this.eval(e.e)) as Tri;
      case 'and':
        return triMin(this.eval(e.a), this.eval(e.b));
      case 'or':
        return triMax(this.eval(e.a), this.eval(e.b));
      case 'eq':
        return this.str(e.a) === this.str(e.b) ? 2 : 0;
      case 'ne':
        return this.str(e.a) !== this.str(e.b) ? 2 : 0;
    }
  }

  private modules(): boolean {
    for (const s of this.kc.symbols.values()) if (s.modules) return this.tri(s.name) === 2;
    return false;
  }

  /** 'm' survives only for tristates with modules on; everything else rounds it up to 'y'. */
  private clamp(sym: SymbolDef, t: Tri): Tri {
    if (t === 1 && (sym.type !== 'tristate' || !this.modules())) return 2;
    return t;
  }

  visibility(sym: SymbolDef): Tri {
    let v: Tri = 0;
    for (const p of sym.prompts) v = triMax(v, this.eval(p.cond));
    return v === 0 ? 0 : this.clamp(sym, v);
  }

  private calc(sym: SymbolDef): SymValue {
    if (sym.env !== undefined) return { value: this.env[sym.env] ?? '', write: false, visible: 0 };
    const visible = this.visibility(sym);
    if (sym.type === 'bool' || sym.type === 'tristate') {
      if (sym.choice) {
        const cvis = this.choiceVisible(sym.choice);
        const sel = this.choiceSelection(sym.choice);
        return { value: cvis && sel === sym ? 'y' : 'n', write: cvis > 0 && visible > 0, visible };
      }
      let t: Tri = 0;
      let write = visible > 0;
      const u = this.user.get(sym.name);
      if (visible > 0 && u !== undefined && /^[ymn]$/.test(u)) {
        t = triMin(u === 'y' ? 2 : u === 'm' ? 1 : 0, visible);
      } else {
        for (const d of sym.defaults) {
          const c = this.eval(d.cond);
          if (c === 0) continue;
          t = triMin(this.eval(d.value), c);
          write = true;
          break;
        }
      }
      let rev: Tri = 0;
      for (const s of sym.selectedBy) rev = triMax(rev, triMin(this.tri(s.by), this.eval(s.cond)));
      if (rev > 0) write = true;
      t = triMax(t, rev);
      if (t > 0) t = this.clamp(sym, t);
      return { value: t === 2 ? 'y' : t === 1 ? 'm' : 'n', write, visible };
    }
    // int, hex, string
    const u = this.user.get(sym.name);
    if (visible > 0 && u !== undefined) return { value: u, write: true, visible };
    for (const d of sym.defaults) {
      if (this.eval(d.cond) === 0) continue;
      const v = d.value.kind === 'sym' ? this.str(d.value) : '';
      return { value: v, write: true, visible };
    }
    return { value: '', write: visible > 0, visible };
  }

  choiceVisible(ch: ChoiceDef): Tri {
    return ch.prompt ? this.eval(ch.prompt.cond) : this.eval(ch.deps);
  }

  /** The member a choice selects: the user's (if visible), else the active default, else the first visible. */
  choiceSelection(ch: ChoiceDef): SymbolDef | undefined {
    if (this.choiceMemo.has(ch)) return this.choiceMemo.get(ch);
    let sel: SymbolDef | undefined;
    for (const m of ch.members) if (this.user.get(m.name) === 'y' && this.visibility(m) > 0) sel ??= m;
    if (!sel)
      for (const d of ch.defaults) {
        const m = ch.members.find((x) => x.name === d.target);
        if (m && this.eval(d.cond) > 0 && this.visibility(m) > 0) {
          sel = m;
          break;
        }
      }
    if (!sel && !ch.optional) sel = ch.members.find((m) => this.visibility(m) > 0);
    this.choiceMemo.set(ch, sel);
    return sel;
  }

  /** The value the symbol would have with no user value (for savedefconfig). */
  defaultOf(sym: SymbolDef): string {
    const without = new Map(this.user);
    without.delete(sym.name);
    if (sym.choice) for (const m of sym.choice.members) without.delete(m.name);
    return new Config(this.kc, without, this.env).get(sym.name).value;
  }
}
