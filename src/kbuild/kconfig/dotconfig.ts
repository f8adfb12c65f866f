// The files kconfig reads and writes, byte for byte in the 4.4 formats:
//   .config                        CONFIG_X=y / # CONFIG_X is not set / CONFIG_S="text", menu headers
//   include/generated/autoconf.h   #define CONFIG_X 1 (CONFIG_X_MODULE 1 for m)
//   include/config/auto.conf       the set (non-n) symbols, in make syntax
//   include/config/auto.conf.cmd   the Kconfig files auto.conf depends on
//   include/config/tristate.conf   tristates, uppercased (Y/M)
//   include/config/<sym>.h         touched when a symbol's value changes (what fixdep points at)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../../util/atomic.js';
import type { Kconfig, MenuNode, SymbolDef } from './parse.js';
import type { Config } from './symbols.js';

export interface ReadConfig {
  values: Map<string, string>;
  warnings: string[];
}

/** Parses a .config or defconfig file. Lines it cannot read are warnings, as conf prints them. */
export function readDotConfig(text: string, file: string, kc?: Kconfig): ReadConfig {
  const values = new Map<string, string>();
  const warnings: string[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    let m = /^# CONFIG_([A-Za-z0-9_]+) is not set$/.exec(line);
    if (m) {
      values.set(m[1]!, 'n');
      return;
    }
    if (line.startsWith('#') || line.trim() === '') return;
    m = /^CONFIG_([A-Za-z0-9_]+)=(.*)$/.exec(line);
    if (!m) {
      warnings.push(`${file}:${i + 1}:warning: unexpected data: ${line}`);
      return;
    }
    const name = m[1]!;
    let v = m[2]!;
    const sym = kc?.symbols.get(name);
    if (v.startsWith('"')) {
      const s = /^"((?:[^"\\]|\\.)*)"$/.exec(v);
      if (!s) {
        warnings.push(`${file}:${i + 1}:warning: invalid string found`);
        return;
      }
      v = s[1]!.replace(/\\(.)/g, '$1');
    }
    if (sym && !valid(sym, v)) {
      warnings.push(`${file}:${i + 1}:warning: symbol value '${v}' invalid for ${name}`);
      return;
    }
    if (sym && sym.type === 'bool' && v === 'm') v = 'y';
    values.set(name, v);
  });
  return { values, warnings };
}

function valid(sym: SymbolDef, v: string): boolean {
  switch (sym.type) {
    case 'bool':
    case 'tristate':
      return /^[ymn]$/.test(v);
    case 'int':
      return /^-?[0-9]+$/.test(v);
    case 'hex':
      return /^(0[xX])?[0-9a-fA-F]+$/.test(v);
    default:
      return true;
  }
}

const header = (title: string): string => `#\n# Automatically generated file; DO NOT EDIT.\n# ${title}\n#\n`;

function symbolLine(sym: SymbolDef, value: string): string {
  if (sym.type === 'bool' || sym.type === 'tristate') return value === 'n' ? `# CONFIG_${sym.name} is not set` : `CONFIG_${sym.name}=${value}`;
  if (sym.type === 'string') return `CONFIG_${sym.name}="${escape(value)}"`;
  return `CONFIG_${sym.name}=${value}`;
}

const escape = (s: string): string => s.replace(/[\\"]/g, '\\$&');

function menuVisible(cfg: Config, n: MenuNode & { kind: 'menu' | 'comment' }): boolean {
  if (cfg.eval(n.deps) === 0) return false;
  return n.kind === 'menu' && n.visibleIf ? cfg.eval(n.visibleIf) > 0 : true;
}

/** Walks the menu tree in order, calling `sym` for each symbol node and `menu` for visible menus/comments. */
function walk(nodes: MenuNode[], cfg: Config, sym: (s: SymbolDef) => void, menu: (title: string) => void): void {
  for (const n of nodes) {
    switch (n.kind) {
      case 'symbol':
        sym(n.sym);
        walk(n.children, cfg, sym, menu);
        break;
      case 'menu':
        if (menuVisible(cfg, n)) menu(n.title);
        walk(n.children, cfg, sym, menu);
        break;
      case 'comment':
        if (menuVisible(cfg, n)) menu(n.title);
        break;
      case 'choice':
        walk(n.children, cfg, sym, menu);
        break;
    }
  }
}

/** The symbols written, in .config order, with their values. */
export function writtenSymbols(cfg: Config): { sym: SymbolDef; value: string }[] {
  const out: { sym: SymbolDef; value: string }[] = [];
  const seen = new Set<string>();
  walk(
    cfg.kc.root,
    cfg,
    (s) => {
      if (seen.has(s.name)) return;
      const v = cfg.get(s.name);
      if (!v.write) return;
      seen.add(s.name);
      out.push({ sym: s, value: v.value });
    },
    () => {},
  );
  return out;
}

export function formatDotConfig(cfg: Config): string {
  let out = header(cfg.kc.mainmenu);
  const seen = new Set<string>();
  walk(
    cfg.kc.root,
    cfg,
    (s) => {
      if (seen.has(s.name)) return;
      const v = cfg.get(s.name);
      if (!v.write) return;
      seen.add(s.name);
      out += symbolLine(s, v.value) + '\n';
    },
    (title) => {
      out += `\n#\n# ${title}\n#\n`;
    },
  );
  return out;
}

export function formatAutoconfH(cfg: Config): string {
  let out = `/*\n *\n * Automatically generated file; DO NOT EDIT.\n * ${cfg.kc.mainmenu}\n *\n */\n`;
  for (const { sym, value } of writtenSymbols(cfg)) {
    switch (sym.type) {
      case 'bool':
      case 'tristate':
        if (value === 'y') out += `#define CONFIG_${sym.name} 1\n`;
        else if (value === 'm') out += `#define CONFIG_${sym.name}_MODULE 1\n`;
        break;
      case 'string':
        out += `#define CONFIG_${sym.name} "${escape(value)}"\n`;
        break;
      case 'hex':
        if (value !== '') out += `#define CONFIG_${sym.name} ${/^0[xX]/.test(value) ? value : '0x' + value}\n`;
        break;
      default:
        if (value !== '') out += `#define CONFIG_${sym.name} ${value}\n`;
    }
  }
  return out;
}

export function formatAutoConf(cfg: Config): string {
  let out = header(cfg.kc.mainmenu);
  for (const { sym, value } of writtenSymbols(cfg)) {
    if ((sym.type === 'bool' || sym.type === 'tristate') && value === 'n') continue;
    if (sym.type !== 'bool' && sym.type !== 'tristate' && sym.type !== 'string' && value === '') continue;
    out += symbolLine(sym, value) + '\n';
  }
  return out;
}

export function formatTristateConf(cfg: Config): string {
  let out = header(cfg.kc.mainmenu);
  for (const { sym, value } of writtenSymbols(cfg)) {
    if (sym.type === 'tristate' && value !== 'n') out += `CONFIG_${sym.name}=${value.toUpperCase()}\n`;
  }
  return out;
}

export function formatAutoConfCmd(kc: Kconfig, kernelVersion: string): string {
  let out = 'deps_config := \\\n';
  for (const f of [...kc.files].reverse()) out += `\t${f} \\\n`;
  out += '\ninclude/config/auto.conf: \\\n\t$(deps_config)\n\n';
  out += `ifneq "$(KERNELVERSION)" "${kernelVersion}"\ninclude/config/auto.conf: FORCE\nendif\n`;
  out += `ifneq "$(ARCH)" "x86"\ninclude/config/auto.conf: FORCE\nendif\n`;
  out += `ifneq "$(SRCARCH)" "x86"\ninclude/config/auto.conf: FORCE\nendif\n\n$(deps_config): ;\n`;
  return out;
}

/** The minimal config: symbols whose value differs from what they would be by default. */
export function formatSavedefconfig(cfg: Config): string {
  let out = '';
  for (const { sym, value } of writtenSymbols(cfg)) {
    if (cfg.get(sym.name).visible === 0) continue; // not user-changeable
    if (sym.choice) {
      const sel = cfg.choiceSelection(sym.choice);
      if (sel !== sym) continue;
    }
    if (cfg.defaultOf(sym) === value) continue;
    out += symbolLine(sym, value) + '\n';
  }
  return out;
}

/** include/config/foo/bar.h for CONFIG_FOO_BAR: the file fixdep makes objects depend on. */
export function symbolDepFile(name: string): string {
  return `include/config/${name.toLowerCase().replace(/_/g, '/')}.h`;
}

/**
 * Writes auto.conf and friends; touches include/config/<sym>.h for each symbol whose value differs
 * from the previous auto.conf, so exactly the objects that test it rebuild (conf_split_config).
 * Returns the names of the symbols that changed.
 */
export function writeAutoConfig(root: string, cfg: Config, kernelVersion: string): string[] {
  const autoConfPath = join(root, 'include/config/auto.conf');
  const old = existsSync(autoConfPath) ? readDotConfig(readFileSync(autoConfPath, 'utf8'), 'include/config/auto.conf').values : new Map<string, string>();
  const now = new Map<string, string>();
  for (const { sym, value } of writtenSymbols(cfg)) if (!((sym.type === 'bool' || sym.type === 'tristate') && value === 'n')) now.set(sym.name, value);
  const changed: string[] = [];
  for (const name of new Set([...old.keys(), ...now.keys()])) if (old.get(name) !== now.get(name)) changed.push(name);
  for (const name of changed) {
    const p = join(root, symbolDepFile(name));
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, '');
  }
  writeFileAtomic(join(root, 'include/generated/autoconf.h'), formatAutoconfH(cfg));
  writeFileAtomic(join(root, 'include/config/tristate.conf'), formatTristateConf(cfg));
  writeFileAtomic(join(root, 'include/config/auto.conf.cmd'), formatAutoConfCmd(cfg.kc, kernelVersion));
  writeFileAtomic(autoConfPath, formatAutoConf(cfg));
  return changed;
}
