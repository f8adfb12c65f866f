// `kwb` on a terminal: the workbench. Owns the terminal while it runs: the alternate screen on
// entry, and the screen, cursor and line discipline given back on every way out — quitting,
// Ctrl-C, SIGTERM/SIGHUP, and a crash (which then says "internal error", never a stack trace).
import { spawnSync } from 'node:child_process';
import type { Core } from './core.js';

const ENTER_ALT = '\x1b[?1049h\x1b[H\x1b[2J';
const LEAVE_ALT = '\x1b[?25h\x1b[?1049l';

export interface TuiOptions {
  core?: Core;
  /** Open this workspace directly instead of the lab picker. */
  workspace?: string;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

export async function startTui(opts: TuiOptions = {}): Promise<number> {
  const stdin = opts.stdin ?? process.stdin;
  const stdout = opts.stdout ?? process.stdout;
  if (!stdin.isTTY || !stdout.isTTY) {
    process.stderr.write('kwb: the workbench needs a terminal (stdin and stdout); see kwb --help\n');
    return 2;
  }
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      if (stdin.isTTY) stdin.setRawMode(false);
    } catch {
      /* the terminal may be gone already */
    }
    stdout.write(LEAVE_ALT);
  };
  let exitCode = 0;
  const crash = (e: unknown) => {
    restore();
    process.stderr.write(
      `kwb: internal error: ${e instanceof Error ? e.message : String(e)}\n` +
        'This is a bug in kernel-workbench, not in your code. Your edits are autosaved in .kwb/autosave/\n' +
        'and are offered back the next time you open the file. Please report it (KWB_DEBUG=1 adds details).\n',
    );
    if (process.env.KWB_DEBUG && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
    process.exit(1);
  };
  const onSignal = (sig: NodeJS.Signals) => {
    restore();
    process.exit(sig === 'SIGINT' ? 130 : 128 + (sig === 'SIGHUP' ? 1 : 15));
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  process.on('exit', restore);
  for (const s of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) process.on(s, onSignal);

  // React checks NODE_ENV when it is first loaded: its development build does several times the
  // work per frame. Ink, React and the app are loaded only now, after this is settled.
  process.env.NODE_ENV ??= 'production';
  // Ink decides once, as it loads, that CI=… or CONTINUOUS_INTEGRATION=… means "no terminal to
  // draw on" and then writes only the last frame at exit — a blank screen for a student whose shell
  // (or a CI job driving tmux) sets CI. We have checked for a real terminal above, so hide both
  // while Ink loads and put them back for the programs the workbench starts.
  const ciVars = hideEnv(['CI', 'CONTINUOUS_INTEGRATION']);
  const [{ render }, react, { App, CrashBoundary }, { realCore }] = await Promise.all([import('ink'), import('react'), import('./App.js'), import('./core.js')]).finally(ciVars.restore);
  // React is CommonJS: a bundle's dynamic import sees it as the default export.
  const createElement = (react as unknown as { default?: typeof react }).default?.createElement ?? react.createElement;
  // Raw mode before the first frame: Ink takes it only in an effect after drawing, and a key
  // pressed in between would be cooked by the terminal (Enter arriving as "\n", not Return).
  stdin.setRawMode(true);
  stdout.write(ENTER_ALT);
  let instance: ReturnType<typeof render> | undefined;
  // $EDITOR gets the terminal: leave raw mode and the alternate screen, wait for it, come back.
  const external = (file: string) => {
    const editor = process.env.VISUAL || process.env.EDITOR || 'vi';
    stdin.setRawMode(false);
    stdout.write(LEAVE_ALT);
    const r = spawnSync('/bin/sh', ['-c', `${editor} "$1"`, 'sh', file], { stdio: 'inherit' });
    stdout.write(ENTER_ALT);
    stdin.setRawMode(true);
    instance?.clear();
    if (r.error) process.stderr.write(`kwb: cannot run ${editor}: ${r.error.message}\n`);
  };
  try {
    const app = createElement(App, { core: opts.core ?? realCore(), external, workspace: opts.workspace, onExit: (c: number) => (exitCode = c) });
    instance = render(createElement(CrashBoundary, { onCrash: crash }, app), {
      stdin,
      stdout,
      exitOnCtrlC: false,
      patchConsole: true,
      // A keystroke's frame should follow within a few ms, not wait out a 30 fps throttle; only
      // the changed lines are rewritten, so a redraw stays cheap over a slow terminal link.
      maxFps: 200,
      incrementalRendering: true,
    });
    await instance.waitUntilExit();
  } catch (e) {
    crash(e);
  } finally {
    restore();
    process.off('uncaughtException', crash);
    process.off('unhandledRejection', crash);
    for (const s of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) process.off(s, onSignal);
  }
  return exitCode;
}

/** Removes `names` from process.env until restore() puts back the values they had. */
function hideEnv(names: string[]): { restore: () => void } {
  const saved = new Map<string, string>();
  for (const n of names) {
    const v = process.env[n];
    if (v !== undefined) saved.set(n, v);
    delete process.env[n];
  }
  return { restore: () => saved.forEach((v, n) => (process.env[n] = v)) };
}
