// Runs the built `kwb` as a user would: a whole process, from any directory.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
export const KWB_BIN = join(ROOT, 'bin', 'kwb.mjs');

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function kwb(args: string[], opts: SpawnSyncOptions = {}): RunResult {
  const r = spawnSync(process.execPath, [KWB_BIN, ...args], { encoding: 'utf8', timeout: 120_000, ...opts });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Runs a host tool (gcc, as, objdump, ...). A missing oracle fails the test loudly, never skips it. */
export function host(cmd: string, args: string[], opts: SpawnSyncOptions = {}): RunResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, ...opts });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`oracle tool '${cmd}' is not installed; the tests need it (see README)`);
    throw r.error;
  }
  return { status: r.status ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
