// The workbench: steps and files on the left, the editor on the right, the output panes below.
// Every action goes to the Core (child `kwb` processes for the long ones); this component only
// keeps what is on screen and which job is running, so that Ctrl-C can cancel it.
import { eachKey, keyOf } from './keysplit.js';
import { Box, Text, useInput, type Key } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useLive } from './live.js';
import { Buffer } from './editor/buffer.js';
import { editorKey } from './editor/keys.js';
import { Editor, scrollTop, type EditorDiagnostic } from './Editor.js';
import { FileTree, orderFiles } from './FileTree.js';
import { Steps } from './Steps.js';
import { BuildPane, DmesgPane, GradePane, RunPane, StepPane, TABS, type Tab } from './OutputPanes.js';
import { emptyLog, feed, flush, type BuildLog } from './buildlog.js';
import type { Core, DmesgLine, GradeReport, Hint, Job, LabInfo } from './core.js';
import { color } from './theme.js';

export type Focus = 'files' | 'editor' | 'output';

export interface WorkbenchProps {
  core: Core;
  dir: string;
  width: number;
  height: number;
  /** Keys go elsewhere (help overlay, Kconfig browser). */
  active: boolean;
  onHelp(): void;
  onKconfig(): void;
  onQuit(): void;
  /** Gives the terminal to $EDITOR for a file, then takes it back. */
  onExternal(file: string): void;
  /** Tells the app which buffers have unsaved changes (for the quit question). */
  registerDirty(get: () => { count: number; saveAll(): void }): void;
}

type Prompt = { kind: 'search'; text: string } | { kind: 'recover'; file: string; text: string } | null;

export function Workbench(p: WorkbenchProps) {
  const { core, dir } = p;
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const [files, setFiles] = useState<string[]>([]);
  const [info, setInfo] = useState<LabInfo | null>(null);
  const selectedL = useLive(0);
  const setSelected = selectedL.set;
  const openL = useLive<string | null>(null);
  const setOpen = openL.set;
  const buffers = useRef(new Map<string, Buffer>());
  const [top, setTop] = useState(0);
  const focusL = useLive<Focus>('files');
  const setFocus = focusL.set;
  const tabL = useLive<Tab>('step');
  const setTab = tabL.set;
  // The output pane over the whole workbench (z), for reading a long log at 80x24.
  const zoomL = useLive(false);
  const setZoom = zoomL.set;
  // Count the builds and runs: a new one starts its pane over, following the tail.
  const [builds, setBuilds] = useState(0);
  const [runs, setRuns] = useState(0);
  const [status, setStatus] = useState<string | undefined>();
  const promptL = useLive<Prompt>(null);
  const setPrompt = promptL.set;
  const lastSearch = useRef('');
  const [log, setLog] = useState<BuildLog>(emptyLog());
  const [buildState, setBuildState] = useState<'idle' | 'running' | 'ok' | 'failed' | 'cancelled'>('idle');
  const [total, setTotal] = useState<number | null>(null);
  const errIndexL = useLive(-1);
  const setErrIndex = errIndexL.set;
  const [runOut, setRunOut] = useState('');
  const [runState, setRunState] = useState<'idle' | 'running' | 'done' | 'cancelled'>('idle');
  const [runStatus, setRunStatus] = useState<number | null>(null);
  const [dmesg, setDmesg] = useState<DmesgLine[] | null>(null);
  const [report, setReport] = useState<GradeReport | null>(null);
  const [gradeState, setGradeState] = useState<'idle' | 'running' | 'done' | 'unavailable'>('idle');
  const [gradeNote, setGradeNote] = useState<string | null>(null);
  const [hint, setHint] = useState<Hint | null>(null);
  const [tblDiags, setTblDiags] = useState<EditorDiagnostic[]>([]);
  const job = useRef<{ kind: 'build' | 'run'; job: Job; cancelled: boolean } | null>(null);
  const gradeJob = useRef<Job | null>(null);
  const autosaveTimer = useRef<NodeJS.Timeout | null>(null);

  const stepFiles = info && report?.currentStep != null ? (info.steps[report.currentStep]?.files ?? []) : report?.currentStep != null ? (report.steps[report.currentStep]?.files ?? []) : (info?.steps[0]?.files ?? []);
  const stepKey = stepFiles.join('\n');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const highlighted = useMemo(() => stepFiles, [stepKey]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const ordered = useMemo(() => orderFiles(files, stepFiles), [files, stepKey]);

  useEffect(() => {
    setFiles(core.listFiles(dir));
    setDmesg(core.dmesg(dir));
    void core.labInfo(dir).then(setInfo);
    void core.buildTotal(dir).then(setTotal);
    refreshTables();
    grade();
    return () => {
      job.current?.job.cancel();
      gradeJob.current?.cancel();
      if (autosaveTimer.current) clearTimeout(autosaveTimer.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dir]);

  useEffect(() => {
    p.registerDirty(() => {
      const dirty = [...buffers.current.entries()].filter(([, b]) => b.dirty);
      return {
        count: dirty.length,
        saveAll: () => {
          for (const [f, b] of dirty) save(f, b);
        },
      };
    });
  });

  function refreshTables() {
    void core.tableDiagnostics(dir).then((ds) =>
      setTblDiags(ds.map((d) => ({ file: d.file, line: d.line, col: d.col || 1, severity: d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'note', message: d.message })) as (EditorDiagnostic & { file: string })[]),
    );
  }

  /** Stops a check in progress (a build or run is about to use the same tree). */
  function stopGrade() {
    if (!gradeJob.current) return;
    gradeJob.current.cancel();
    gradeJob.current = null;
    setGradeState((s) => (s === 'running' ? 'idle' : s));
  }

  function grade() {
    // A check builds and boots the same tree: never alongside a build or run, which re-check
    // when they end anyway.
    if (job.current) return;
    gradeJob.current?.cancel();
    setGradeState('running');
    setGradeNote(null);
    let errText = '';
    const g = core.grade(dir, { onOutput: (t) => (errText += t) });
    gradeJob.current = g.job;
    void g.report.then((r) => {
      if (gradeJob.current !== g.job) return; // superseded by a newer check
      gradeJob.current = null;
      // A check boots the kernel too: its log is the last boot's now.
      setDmesg(core.dmesg(dir));
      if (r) {
        setReport(r);
        setGradeState('done');
      } else {
        setGradeState('unavailable');
        setGradeNote(errText.trim().split('\n')[0] || 'kwb lab check printed no report');
      }
    });
  }

  const openFile = useCallback(
    (f: string) => {
      let b = buffers.current.get(f);
      if (!b) {
        let text = '';
        let created = false;
        try {
          text = core.readFile(dir, f);
        } catch (e) {
          // A file the step asks for that is not there yet starts empty; saving creates it.
          if (!files.includes(f) && (e as NodeJS.ErrnoException).code === 'ENOENT') created = true;
          else {
            setStatus(`cannot read ${f}: ${e instanceof Error ? e.message : String(e)}`);
            return;
          }
        }
        b = new Buffer(text);
        setStatus(created ? `${f} is a new file: Ctrl-S creates it` : undefined);
        buffers.current.set(f, b);
        const rec = core.recovered(dir, f);
        if (rec !== null) setPrompt({ kind: 'recover', file: f, text: rec });
      }
      else setStatus(undefined);
      setOpen(f);
      setZoom(false);
      setTop(scrollTop(0, b.cursor.line, Math.max(1, editorRows - 1)));
      setFocus('editor');
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [dir, files],
  );

  function save(f: string, b: Buffer) {
    try {
      core.writeFile(dir, f, b.text());
      b.markSaved();
      core.autosave(dir, f, null);
      setStatus(`saved ${f}`);
      if (!files.includes(f)) setFiles(core.listFiles(dir));
    } catch (e) {
      setStatus(`could not save ${f}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (f.endsWith('.tbl')) refreshTables();
    grade(); // every check re-evaluated on save
  }

  function scheduleAutosave(f: string, b: Buffer) {
    if (autosaveTimer.current) clearTimeout(autosaveTimer.current);
    autosaveTimer.current = setTimeout(() => {
      try {
        core.autosave(dir, f, b.dirty ? b.text() : null);
      } catch {
        /* autosave is best effort; an explicit save reports its own errors */
      }
    }, 500);
  }

  function startBuild() {
    if (job.current) return setStatus(`a ${job.current.kind} is running (Ctrl-C cancels it)`);
    stopGrade();
    setTab('build');
    setBuilds((n) => n + 1);
    setBuildState('running');
    setErrIndex(-1);
    let l = emptyLog();
    setLog(l);
    const j = core.build(dir, { onOutput: (t) => setLog((l = feed(l, t))) });
    const entry = { kind: 'build' as const, job: j, cancelled: false };
    job.current = entry;
    void j.done.then((code) => {
      job.current = null;
      setLog((l = flush(l)));
      setBuildState(entry.cancelled ? 'cancelled' : code === 0 ? 'ok' : 'failed');
      if (!entry.cancelled && code !== 0 && l.errors.length) setErrIndex(0);
      setFiles(core.listFiles(dir));
      refreshTables();
      if (!entry.cancelled) grade();
    });
  }

  function startRun() {
    if (job.current) return setStatus(`a ${job.current.kind} is running (Ctrl-C cancels it)`);
    const program = info?.program;
    setTab('run');
    if (!program) return setStatus('this lab names no program to run');
    stopGrade();
    setRuns((n) => n + 1);
    setRunState('running');
    setRunOut('');
    let out = '';
    const j = core.run(dir, program, { onOutput: (t) => setRunOut((out += t)) });
    const entry = { kind: 'run' as const, job: j, cancelled: false };
    job.current = entry;
    void j.done.then((code) => {
      job.current = null;
      setRunState(entry.cancelled ? 'cancelled' : 'done');
      setRunStatus(code);
      setDmesg(core.dmesg(dir));
      if (!entry.cancelled) {
        setTab('dmesg');
        grade();
      }
    });
  }

  async function showHint() {
    setTab('grade');
    const h = await core.nextHint(dir);
    if (!h.ok) setGradeNote(`hints are not available: ${h.why}`);
    else if (!h.value) setGradeNote('no hint: nothing is failing (or no hint is written for it)');
    else setHint(h.value);
  }

  function jumpToError(delta: number) {
    setZoom(false); // the editor and the status line come back
    if (!log.errors.length) return setStatus('no build errors to jump to');
    const errIndex = errIndexL.v;
    const i = ((errIndex < 0 ? (delta > 0 ? -1 : 0) : errIndex) + delta + log.errors.length) % log.errors.length;
    setErrIndex(i);
    const e = log.errors[i]!;
    if (e.line === 0) return setStatus(`${e.file}${e.message}: a link error has no source line; see the build log`);
    if (!files.includes(e.file)) return setStatus(`${e.file} is not in the workspace`);
    openFile(e.file);
    const b = buffers.current.get(e.file);
    if (b) {
      b.moveTo({ line: e.line - 1, col: e.col - 1 });
      setTop(scrollTop(0, b.cursor.line, Math.max(1, editorRows - 1)));
    }
  }

  /** Ctrl-C: cancel the running job if there is one; otherwise the caller may quit. */
  function cancelJob(): boolean {
    if (!job.current) return false;
    job.current.cancelled = true;
    job.current.job.cancel();
    setStatus(`${job.current.kind} cancelled`);
    return true;
  }

  const prompt = promptL.v;
  const focus = focusL.v;
  const open = openL.v;
  const selected = selectedL.v;
  const errIndex = errIndexL.v;
  const zoom = zoomL.v;
  const tab = tabL.v;
  // ---- layout ----
  const leftWidth = Math.max(20, Math.min(34, Math.floor(p.width * 0.3)));
  const rightWidth = p.width - leftWidth - 1;
  const outputHeight = zoom ? p.height - 2 : Math.max(5, Math.floor((p.height - 2) * 0.4));
  const editorRows = Math.max(0, p.height - 2 - Math.max(5, Math.floor((p.height - 2) * 0.4)));
  const stepsHeight = Math.max(3, Math.floor(editorRows / 2) + 1);
  const buf = open ? buffers.current.get(open) : undefined;

  const onKey = (input: string, key: Key): void => {
    const prompt = promptL.v;
    const focus = focusL.v;
    const open = openL.v;
    const selected = selectedL.v;
    const tab = tabL.v;
    const buf = open ? buffers.current.get(open) : undefined;
    if (prompt?.kind === 'recover') {
      const b = buffers.current.get(prompt.file)!;
      if (input === 'y') {
        b.setText(prompt.text);
        setStatus(`recovered unsaved edits of ${prompt.file} (Ctrl-S to keep them)`);
      } else {
        core.autosave(dir, prompt.file, null);
        setStatus(`discarded the autosave of ${prompt.file}`);
      }
      setPrompt(null);
      return;
    }
    if (prompt?.kind === 'search') {
      if (key.escape) setPrompt(null);
      else if (key.return) {
        lastSearch.current = prompt.text;
        setPrompt(null);
        if (buf) setStatus(buf.find(prompt.text) ? undefined : `not found: ${prompt.text}`);
        if (buf) setTop((t) => scrollTop(t, buf.cursor.line, editorRows - 1));
      } else if (key.backspace || key.delete) setPrompt({ kind: 'search', text: prompt.text.slice(0, -1) });
      else if (input && !key.ctrl) setPrompt({ kind: 'search', text: prompt.text + input });
      return;
    }
    if (key.ctrl && input === 'c') {
      if (!cancelJob()) p.onQuit();
      return;
    }
    if (focus === 'editor' && buf && open) {
      const cmd = editorKey(buf, input, key, editorRows - 2);
      switch (cmd) {
        case 'save':
          save(open, buf);
          break;
        case 'search':
          setPrompt({ kind: 'search', text: '' });
          break;
        case 'find-next':
        case 'find-prev':
          if (!buf.find(lastSearch.current, cmd === 'find-prev')) setStatus(`not found: ${lastSearch.current}`);
          break;
        case 'external':
          p.onExternal(`${dir}/${open}`);
          reload(open);
          break;
        case 'leave':
          setFocus('files');
          break;
        case 'build':
          startBuild();
          break;
        case 'run':
          startRun();
          break;
        case null:
          if (buf.dirty) scheduleAutosave(open, buf);
          if (status && !key.ctrl) setStatus(undefined);
          break;
      }
      setTop((t) => scrollTop(t, buf.cursor.line, Math.max(1, editorRows - 1)));
      redraw();
      return;
    }
    // Commands (outside the editor) are single keys: "2g" arriving together is 2, then g.
    if (input.length > 1 && !key.ctrl && !key.meta) {
      for (const ch of input) onKey(...keyOf(ch));
      return;
    }
    if (key.tab) {
      // Zoomed, only the output pane shows: Tab comes back to the whole workbench.
      if (zoomL.v) return (setZoom(false), setFocus('files'));
      return setFocus((f) => (f === 'files' ? (open ? 'editor' : 'output') : f === 'editor' ? 'output' : 'files'));
    }
    if (key.ctrl && input === 'b') return startBuild();
    if (key.ctrl && input === 'r') return startRun();
    if (key.ctrl && input === 'e' && open) return (p.onExternal(`${dir}/${open}`), reload(open));
    if (key.ctrl) return;
    if (focus === 'files') {
      const page = Math.max(1, editorRows - stepsHeight - 2); // the list's rows, less one of context
      if (key.upArrow) return setSelected((s) => Math.max(0, s - 1));
      if (key.downArrow) return setSelected((s) => Math.min(ordered.length - 1, s + 1));
      if (key.pageUp) return setSelected((s) => Math.max(0, s - page));
      if (key.pageDown) return setSelected((s) => Math.min(ordered.length - 1, s + page));
      if (key.home || input === 'g') return setSelected(0);
      if (key.end || input === 'G') return setSelected(ordered.length - 1);
      if (key.return && ordered[selected]) return openFile(ordered[selected]!);
    }
    if (key.escape) {
      setZoom(false);
      return setFocus('files');
    }
    // The output pane's own keys (scrolling) are its; Enter on the build log opens the error.
    if (focus === 'output' && key.return && tab === 'build') return jumpToError(0);
    switch (input) {
      case '?':
        return p.onHelp();
      case 'b':
        return startBuild();
      case 'r':
        return startRun();
      case 'c':
        setTab('grade');
        return grade();
      case 'h':
        return void showHint();
      case 'n':
        return jumpToError(1);
      case 'p':
        return jumpToError(-1);
      case 'k':
        return p.onKconfig();
      case 'e':
        if (open) {
          p.onExternal(`${dir}/${open}`);
          reload(open);
        }
        return;
      case 'i':
        if (open) {
          setZoom(false);
          setFocus('editor');
        }
        return;
      case 'q':
        return p.onQuit();
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
        setTab(TABS[Number(input) - 1]!);
        return setFocus('output');
      case 'z':
        setZoom((z) => !z);
        return setFocus('output');
    }
  };
  useInput(eachKey(onKey), { isActive: p.active });

  function reload(f: string) {
    const b = buffers.current.get(f);
    try {
      const text = core.readFile(dir, f);
      if (b && text !== b.text()) {
        b.setText(text);
        b.markSaved();
        core.autosave(dir, f, null);
        grade();
      }
      setStatus(`back from $EDITOR: ${f}`);
    } catch (e) {
      setStatus(`cannot read ${f}: ${e instanceof Error ? e.message : String(e)}`);
    }
    redraw();
  }

  const diags: EditorDiagnostic[] = open
    ? [
        ...log.errors.filter((e) => e.file === open).map((e) => ({ line: e.line, col: e.col, severity: e.severity, message: e.message })),
        ...(tblDiags as (EditorDiagnostic & { file: string })[]).filter((d) => d.file === open || open.endsWith('/' + d.file) || d.file.endsWith('/' + open)),
      ]
    : [];
  const dirtyKey = [...buffers.current.entries()].filter(([, b]) => b.dirty).map(([f]) => f).join('\n');
  const dirty = useMemo(() => new Set(dirtyKey ? dirtyKey.split('\n') : []), [dirtyKey]);
  const statusLine =
    prompt?.kind === 'search' ? `Search: ${prompt.text}▏ (Enter find, Esc cancel)` : prompt?.kind === 'recover' ? `Recover unsaved edits (autosave) of ${prompt.file}? y/n` : status;
  // The output pane scrolls with the keys while it has the focus (and nothing is over it).
  const outFocused = focus === 'output' && p.active && !prompt;
  const tabBar = TABS.map((t, i) => `${i + 1}:${t === 'step' ? 'Step' : t === 'build' ? 'Build' : t === 'run' ? 'Run' : t === 'dmesg' ? 'dmesg' : 'Grade'}`);

  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Box height={1}>
        <Text bold color={color('cyan')} wrap="truncate">
          kwb · {info?.title ?? report?.lab.title ?? 'workspace'} · {dir}
        </Text>
      </Box>
      <Box height={editorRows} display={zoom ? 'none' : 'flex'}>
        <Box flexDirection="column" width={leftWidth}>
          <Steps report={report} checking={gradeState === 'running'} width={leftWidth} height={stepsHeight} />
          <FileTree files={ordered} highlighted={highlighted} open={open} selected={selected} focused={focus === 'files'} width={leftWidth} height={editorRows - stepsHeight} dirty={dirty} />
        </Box>
        <Box width={1} />
        {buf && open ? (
          <Editor buffer={buf} path={open} width={rightWidth} height={editorRows} focused={focus === 'editor'} diagnostics={diags} status={statusLine} top={top} />
        ) : (
          <Box flexDirection="column" width={rightWidth}>
            <Text dimColor>No file open. Choose one in the file list (↑↓ Enter); ★ marks this step's files.</Text>
            {statusLine ? <Text wrap="truncate">{statusLine}</Text> : null}
          </Box>
        )}
      </Box>
      <Box height={1}>
        <Text wrap="truncate">
          {tabBar.map((t, i) => (
            <Text key={t} inverse={TABS[i] === tab} bold={focus === 'output' && TABS[i] === tab}>
              {' '}
              {t}{' '}
            </Text>
          ))}
          <Text dimColor> {focus === 'output' ? '↑↓ PgUp/Dn g/G scroll · z zoom' : 'b build · r run · c check · h hint · ? keys'}</Text>
        </Text>
      </Box>
      {tab === 'step' && <StepPane report={report} width={p.width} height={outputHeight} focused={outFocused} />}
      {tab === 'build' && <BuildPane log={log} total={total} state={buildState} selectedError={errIndex} width={p.width} height={outputHeight} focused={outFocused} run={builds} />}
      {tab === 'run' && <RunPane program={info?.program ?? null} output={runOut} state={runState} status={runStatus} width={p.width} height={outputHeight} focused={outFocused} run={runs} />}
      {tab === 'dmesg' && <DmesgPane lines={dmesg} width={p.width} height={outputHeight} focused={outFocused} />}
      {tab === 'grade' && <GradePane report={report} state={gradeState} note={gradeNote} hint={hint} width={p.width} height={outputHeight} focused={outFocused} />}
    </Box>
  );
}
