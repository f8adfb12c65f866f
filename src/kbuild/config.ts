// The configuration of a workspace: the Kconfig tree (from the top-level Kconfig, with SRCARCH,
// ARCH and KERNELVERSION from the top Makefile, as scripts/kconfig/Makefile passes them) and the
// values of .config, or of the arch's defconfig when there is no .config yet.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseKconfig, type Kconfig } from './kconfig/parse.js';
import { Config } from './kconfig/symbols.js';
import { readDotConfig } from './kconfig/dotconfig.js';
import { readTop } from './tree.js';

export interface KconfigEnv {
  ARCH: string;
  SRCARCH: string;
  KERNELVERSION: string;
  /** KBUILD_DEFCONFIG from the arch Makefile: arch/$(SRCARCH)/configs/<this>. */
  defconfig: string;
}

export function kconfigEnv(cwd: string, commandLine: Record<string, string> = {}): KconfigEnv {
  const top = readTop({ cwd, commandLine });
  return {
    ARCH: top.value('ARCH'),
    SRCARCH: top.value('SRCARCH'),
    KERNELVERSION: top.value('KERNELVERSION'),
    defconfig: top.value('KBUILD_DEFCONFIG'),
  };
}

export function loadKconfig(cwd: string, env: KconfigEnv): Kconfig {
  return parseKconfig(cwd, 'Kconfig', { ARCH: env.ARCH, SRCARCH: env.SRCARCH, KERNELVERSION: env.KERNELVERSION });
}

export const defconfigPath = (env: KconfigEnv): string => `arch/${env.SRCARCH}/configs/${env.defconfig}`;

/** The configuration in force: .config if present, else the defconfig (for `kwb tbl check --tree`). */
export function currentConfig(cwd: string, commandLine: Record<string, string> = {}): { cfg: Config; env: KconfigEnv; from: string } {
  const env = kconfigEnv(cwd, commandLine);
  const kc = loadKconfig(cwd, env);
  for (const f of ['.config', defconfigPath(env)]) {
    const p = join(cwd, f);
    if (existsSync(p)) {
      const r = readDotConfig(readFileSync(p, 'utf8'), f, kc);
      return { cfg: new Config(kc, r.values, envRecord(env)), env, from: f };
    }
  }
  return { cfg: new Config(kc, new Map(), envRecord(env)), env, from: '' };
}

export const envRecord = (env: KconfigEnv): Record<string, string> => ({ ARCH: env.ARCH, SRCARCH: env.SRCARCH, KERNELVERSION: env.KERNELVERSION });
