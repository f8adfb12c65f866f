// scripts/kconfig/conf: the configuration targets (defconfig, oldconfig, olddefconfig,
// savedefconfig) and silentoldconfig, which the build runs when .config or a Kconfig file is newer
// than include/config/auto.conf. Messages are conf's own.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic.js';
import { defconfigPath, envRecord, kconfigEnv, loadKconfig, type KconfigEnv } from './config.js';
import { BuildFailed, type Ctx } from './context.js';
import { mtime } from './cmdfile.js';
import { formatDotConfig, formatSavedefconfig, readDotConfig, writeAutoConfig } from './kconfig/dotconfig.js';
import { KconfigError, type Kconfig, type MenuNode, type SymbolDef } from './kconfig/parse.js';
import { Config } from './kconfig/symbols.js';
import { MakeError, MissingIncludeError } from './make/errors.js';

function load(ctx: Ctx): { env: KconfigEnv; kc: Kconfig } {
  try {
    const env = kconfigEnv(ctx.root, ctx.opts.commandLine);
    return { env, kc: loadKconfig(ctx.root, env) };
  } catch (e) {
    if (e instanceof KconfigError || e instanceof MakeError || e instanceof MissingIncludeError) {
      ctx.err(e.message);
      throw new BuildFailed();
    }
    throw e;
  }
}

function readUser(ctx: Ctx, kc: Kconfig, file: string): Map<string, string> | undefined {
  const p = join(ctx.root, file);
  if (!existsSync(p)) return undefined;
  const r = readDotConfig(readFileSync(p, 'utf8'), file, kc);
  for (const w of r.warnings) ctx.err(w);
  return r.values;
}

function writeConfig(ctx: Ctx, cfg: Config, message: boolean): void {
  const p = join(ctx.root, '.config');
  if (existsSync(p)) copyFileSync(p, join(ctx.root, '.config.old'));
  writeFileAtomic(p, formatDotConfig(cfg));
  if (message) ctx.say('#\n# configuration written to .config\n#');
}

/** `make defconfig`: the arch's defconfig as user values, everything else at its default. */
export function defconfig(ctx: Ctx): void {
  const { env, kc } = load(ctx);
  const file = defconfigPath(env);
  ctx.say(`*** Default configuration is based on '${env.defconfig}'`);
  const user = readUser(ctx, kc, file);
  if (!user) {
    ctx.err(`***\n*** Can't find default configuration "${file}"!\n***`);
    throw new BuildFailed();
  }
  writeConfig(ctx, new Config(kc, user, envRecord(env)), true);
}

/** `make olddefconfig`: .config with every new symbol at its default, without asking. */
export function olddefconfig(ctx: Ctx): void {
  const { env, kc } = load(ctx);
  const user = readUser(ctx, kc, '.config') ?? readUser(ctx, kc, defconfigPath(env)) ?? new Map<string, string>();
  writeConfig(ctx, new Config(kc, user, envRecord(env)), true);
}

/** `make savedefconfig`: the minimal configuration into ./defconfig. */
export function savedefconfig(ctx: Ctx): void {
  const { env, kc } = load(ctx);
  const user = readUser(ctx, kc, '.config') ?? new Map<string, string>();
  writeFileAtomic(join(ctx.root, 'defconfig'), formatSavedefconfig(new Config(kc, user, envRecord(env))));
}

interface NewSymbol {
  sym: SymbolDef;
  prompt: string;
  menus: string[];
}

/** Visible symbols the user has not answered yet ("(NEW)"), in menu order, with their menus. */
function newSymbols(cfg: Config): NewSymbol[] {
  const out: NewSymbol[] = [];
  const seen = new Set<string>();
  const walk = (nodes: MenuNode[], menus: string[]): void => {
    for (const n of nodes) {
      if (n.kind === 'menu') {
        walk(n.children, cfg.eval(n.deps) > 0 ? [...menus, n.title] : menus);
      } else if (n.kind === 'choice') walk(n.children, menus);
      else if (n.kind === 'symbol') {
        const s = n.sym;
        if (!seen.has(s.name) && !s.choice && n.prompt && cfg.get(s.name).visible > 0 && !cfg.user.has(s.name)) {
          seen.add(s.name);
          out.push({ sym: s, prompt: n.prompt.text, menus });
        }
        walk(n.children, menus);
      }
    }
  };
  walk(cfg.kc.root, []);
  return out;
}

/** conf's question for one symbol: `Prompt (SYM) [Y/n/?] (NEW) `. */
function question(cfg: Config, q: NewSymbol): string {
  const v = cfg.get(q.sym.name).value;
  const help = q.sym.help !== undefined;
  let choices: string;
  if (q.sym.type === 'bool' || q.sym.type === 'tristate') {
    const opts = q.sym.type === 'tristate' && cfg.tri('MODULES') === 2 ? ['y', 'm', 'n'] : ['y', 'n'];
    choices = opts.map((o) => (o === v ? o.toUpperCase() : o)).join('/') + (help ? '/?' : '');
  } else choices = v;
  return `${q.prompt} (${q.sym.name}) [${choices}] (NEW) `;
}

function acceptable(sym: SymbolDef, answer: string): string | undefined {
  const a = answer.trim();
  if (sym.type === 'bool' || sym.type === 'tristate') {
    const c = a.toLowerCase()[0];
    if (c === 'y' || c === 'n' || (c === 'm' && sym.type === 'tristate')) return c;
    return undefined;
  }
  if (sym.type === 'int') return /^-?[0-9]+$/.test(a) ? a : undefined;
  if (sym.type === 'hex') return /^(0[xX])?[0-9a-fA-F]+$/.test(a) ? a : undefined;
  return a;
}

/**
 * Asks about each new symbol (on a terminal) or takes its default (stdin not a terminal, as with
 * `yes "" | make oldconfig`), printing conf's questions either way.
 */
async function askNew(ctx: Ctx, kc: Kconfig, user: Map<string, string>, env: KconfigEnv): Promise<Config> {
  let cfg = new Config(kc, user, envRecord(env));
  let lastMenus: string[] = [];
  for (;;) {
    const fresh = newSymbols(cfg);
    if (fresh.length === 0) return cfg;
    const q = fresh[0]!;
    if (q.menus.join('\0') !== lastMenus.join('\0') && q.menus.length) {
      ctx.say(`*\n* ${q.menus[q.menus.length - 1]}\n*`);
      lastMenus = q.menus;
    }
    const text = question(cfg, q);
    let value = cfg.get(q.sym.name).value;
    if (ctx.opts.interactive && ctx.opts.ask) {
      for (;;) {
        const a = await ctx.opts.ask(text);
        if (a.trim() === '') break;
        if (a.trim() === '?') {
          ctx.say(`\n${q.sym.help ?? 'There is no help available for this option.'}\n`);
          continue;
        }
        const ok = acceptable(q.sym, a);
        if (ok !== undefined) {
          value = ok;
          break;
        }
      }
    } else ctx.opts.io.out(text + '\n');
    user.set(q.sym.name, value);
    cfg = new Config(kc, user, envRecord(env));
  }
}

/** `make oldconfig`. */
export async function oldconfig(ctx: Ctx): Promise<void> {
  const { env, kc } = load(ctx);
  let user = readUser(ctx, kc, '.config');
  if (!user) {
    const file = defconfigPath(env);
    ctx.say(`#\n# using defaults found in ${file}\n#`);
    user = readUser(ctx, kc, file) ?? new Map<string, string>();
  }
  const cfg = await askNew(ctx, kc, user, env);
  writeConfig(ctx, cfg, true);
}

/**
 * Before a build: if .config or any Kconfig file is newer than include/config/auto.conf, bring
 * auto.conf, autoconf.h and the per-symbol files up to date (conf --silentoldconfig).
 */
export async function syncConfig(ctx: Ctx): Promise<void> {
  const cfgPath = join(ctx.root, '.config');
  if (!existsSync(cfgPath)) {
    ctx.err(
      '***\n*** Configuration file ".config" not found!\n***\n*** Please run some configurator (e.g. "make oldconfig" or\n*** "make menuconfig" or "make xconfig").\n***',
    );
    ctx.err("make: *** No rule to make target 'include/config/auto.conf', needed by 'include/config/kernel.release'.  Stop.");
    throw new BuildFailed();
  }
  const auto = mtime(ctx.root, 'include/config/auto.conf');
  if (auto !== undefined && !autoConfStale(ctx, auto)) return;

  const { env, kc } = load(ctx);
  const user = readUser(ctx, kc, '.config') ?? new Map<string, string>();
  let cfg = new Config(kc, user, envRecord(env));
  if (newSymbols(cfg).length) {
    if (!ctx.opts.interactive) {
      const q = newSymbols(cfg)[0]!;
      ctx.opts.io.out(`*\n* Restart config...\n*\n${question(cfg, q)}`);
      ctx.say('aborted!\n\nConsole input/output is redirected. Run \'make oldconfig\' to update configuration.\n');
      ctx.err('make[2]: *** [silentoldconfig] Error 1');
      ctx.err("make: *** No rule to make target 'include/config/auto.conf', needed by 'include/config/kernel.release'.  Stop.");
      throw new BuildFailed();
    }
    cfg = await askNew(ctx, kc, user, env);
  }
  if (ctx.verbose) ctx.say('scripts/kconfig/conf  --silentoldconfig Kconfig');
  const text = formatDotConfig(cfg);
  if (readFileSync(cfgPath, 'utf8') !== text) writeFileAtomic(cfgPath, text);
  writeAutoConfig(ctx.root, cfg, env.KERNELVERSION);
}

/** auto.conf is stale when .config or a Kconfig file listed in auto.conf.cmd is newer. */
function autoConfStale(ctx: Ctx, auto: bigint): boolean {
  const c = mtime(ctx.root, '.config');
  if (c === undefined || c > auto) return true;
  let deps: string[] = [];
  try {
    const text = readFileSync(join(ctx.root, 'include/config/auto.conf.cmd'), 'utf8');
    const body = text.slice(text.indexOf('deps_config := \\\n'), text.indexOf('\n\n'));
    deps = body
      .split('\n')
      .slice(1)
      .map((l) => l.replace(/\\$/, '').trim())
      .filter(Boolean);
  } catch {
    return true;
  }
  for (const d of deps) {
    const m = mtime(ctx.root, d);
    if (m === undefined || m > auto) return true;
  }
  return false;
}
