// The application: lab picker → workbench (→ Kconfig browser), the help overlay above all, and
// the question before quitting with unsaved changes. Follows the terminal's size as it changes.
import { eachKey } from './keysplit.js';
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { Component, useEffect, useRef, useState, type ReactNode } from 'react';
import { useLive } from './live.js';
import type { Core, LabSummary, Maybe } from './core.js';
import { Help } from './Help.js';
import { LabPicker } from './LabPicker.js';
import { Workbench } from './Workbench.js';
import { KconfigBrowser } from './KconfigBrowser.js';
import { wrap } from './scroll.js';
import { color } from './theme.js';

export interface AppProps {
  core: Core;
  /** Suspends the UI, runs $EDITOR on the file, resumes. */
  external(file: string): void;
  /** Open this workspace directly (skips the picker). */
  workspace?: string;
  onExit(code: number): void;
}

export function useTerminalSize(): { width: number; height: number } {
  const { stdout } = useStdout();
  const get = () => ({ width: stdout.columns || 80, height: stdout.rows || 24 });
  const [size, setSize] = useState(get);
  useEffect(() => {
    const on = () => setSize(get());
    stdout.on('resize', on);
    return () => {
      stdout.off('resize', on);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stdout]);
  return size;
}

type Screen = { kind: 'picker' } | { kind: 'starting'; lab: LabSummary; dir: string } | { kind: 'workbench'; dir: string } | { kind: 'error'; text: string };

export function App({ core, external, workspace, onExit }: AppProps) {
  const { exit } = useApp();
  const { width, height } = useTerminalSize();
  const [screen, setScreen] = useState<Screen>(workspace ? { kind: 'workbench', dir: workspace } : { kind: 'picker' });
  const [labs, setLabs] = useState<Maybe<LabSummary[]> | null>(null);
  const helpL = useLive(false);
  const kconfigL = useLive(false);
  const confirmL = useLive<number | null>(null); // unsaved-file count being asked about
  const [setHelp, setKconfig, setConfirm] = [helpL.set, kconfigL.set, confirmL.set];
  const [help, kconfig, confirm] = [helpL.v, kconfigL.v, confirmL.v];
  const dirty = useRef<() => { count: number; saveAll(): void }>(() => ({ count: 0, saveAll() {} }));
  // Every component's key handler sees every key, in an order that changes as they redraw: the
  // `?` that a child turns into "open the help" must not reach this handler as "close it".
  const opening = useRef(false);
  const openHelp = () => {
    setHelp(true);
    opening.current = true;
    queueMicrotask(() => (opening.current = false)); // after every handler has seen this key
  };

  useEffect(() => {
    void core.listLabs().then(setLabs);
  }, [core]);

  const quit = (code = 0) => {
    onExit(code);
    exit();
  };
  const askQuit = () => {
    const d = dirty.current();
    if (d.count) setConfirm(d.count);
    else quit();
  };

  useInput(
    eachKey((input, key) => {
      const [help, confirm] = [helpL.v, confirmL.v];
      if (confirm !== null) {
        if (input === 's') {
          dirty.current().saveAll();
          quit();
        } else if (input === 'd') quit();
        else if (key.escape || input === 'c' || input === 'n') setConfirm(null);
        return;
      }
      if (help) {
        if (opening.current) return;
        if (key.escape || input === '?' || input === 'q') setHelp(false);
        return;
      }
      if (screen.kind === 'picker' || screen.kind === 'error') {
        if (input === '?') openHelp();
        else if (input === 'q' || (key.ctrl && input === 'c') || key.escape) quit();
      }
    }),
    { isActive: true },
  );

  const start = (lab: LabSummary) => {
    const dir = core.defaultWorkspace(lab.id);
    setScreen({ kind: 'starting', lab, dir });
    core.startLab(lab.id, dir).then(
      () => setScreen({ kind: 'workbench', dir }),
      (e: unknown) => setScreen({ kind: 'error', text: `Could not start ${lab.id} in ${dir}: ${e instanceof Error ? e.message : String(e)}` }),
    );
  };

  // The quit question takes rows from the bottom of the screen (it wraps in a narrow terminal).
  const question = confirm === null ? '' : `${confirm} file${confirm === 1 ? ' has' : 's have'} unsaved changes. s save and quit · d discard and quit · Esc keep working`;
  const questionRows = question ? wrap(question, width - 4).length + 2 : 0;
  const bodyHeight = Math.max(1, height - questionRows);
  let body;
  if (screen.kind === 'picker')
    body = <LabPicker labs={labs} last={core.lastWorkspace()} onContinue={(dir) => setScreen({ kind: 'workbench', dir })} onStart={start} active={!help && confirm === null} width={width} height={bodyHeight} />;
  else if (screen.kind === 'starting') body = <Text>Setting up {screen.lab.title} in {screen.dir}…</Text>;
  else if (screen.kind === 'error')
    body = (
      <Box flexDirection="column">
        <Text color={color('red')}>{screen.text}</Text>
        <Text dimColor>q quits</Text>
      </Box>
    );
  else
    body = (
      <Box>
        <Box display={kconfig ? 'none' : 'flex'}>
          <Workbench
            core={core}
            dir={screen.dir}
            width={width}
            height={bodyHeight}
            active={!help && !kconfig && confirm === null}
            onHelp={openHelp}
            onKconfig={() => setKconfig(true)}
            onQuit={askQuit}
            onExternal={external}
            registerDirty={(g) => (dirty.current = g)}
          />
        </Box>
        {kconfig && <KconfigBrowser dir={screen.dir} width={width} height={bodyHeight} active={!help} onClose={() => setKconfig(false)} onHelp={openHelp} />}
      </Box>
    );

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box display={help ? 'none' : 'flex'} flexDirection="column" height={bodyHeight} overflow="hidden">
        {body}
      </Box>
      {help && <Help width={width} height={height} active={confirm === null} />}
      {confirm !== null && (
        <Box borderStyle="round" borderColor={color('yellow')} paddingX={1} width={width} height={questionRows} overflow="hidden">
          <Text>
            {confirm} file{confirm === 1 ? ' has' : 's have'} unsaved changes. <Text bold>s</Text> save and quit · <Text bold>d</Text> discard and quit · <Text bold>Esc</Text> keep working
          </Text>
        </Box>
      )}
    </Box>
  );
}

/**
 * A crash while drawing ends the program through `onCrash` (screen restored, "internal error"),
 * instead of Ink's own error screen, which would show a JavaScript stack trace to a student.
 */
export class CrashBoundary extends Component<{ onCrash(e: unknown): void; children?: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override componentDidCatch(e: unknown): void {
    this.props.onCrash(e);
  }
  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}
