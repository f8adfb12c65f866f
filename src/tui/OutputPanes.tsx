// The bottom panes: the build (progress bar over the objects, the kbuild log, errors), the run
// (program output and console), dmesg (levels coloured) and the grade (checks, points, hints).
// Each scrolls while it has the focus (see scroll.ts): ↑↓ PgUp/PgDn Home/End g/G, ←→ sideways
// in the logs; the logs follow their tail as lines arrive until the student scrolls up.
import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import { columns, type BuildLog } from './buildlog.js';
import type { DmesgLine, GradeReport, Hint } from './core.js';
import { PaneHeader } from './PaneHeader.js';
import { slice, useScroll, wrap } from './scroll.js';
import { color, levelColor, LEVEL_NAMES, mark } from './theme.js';

export type Tab = 'step' | 'build' | 'run' | 'dmesg' | 'grade';
export const TABS: Tab[] = ['step', 'build', 'run', 'dmesg', 'grade'];

/**
 * Markdown prose reflowed to a width: paragraphs joined and word-wrapped, indented code blocks
 * kept as they are, a blank line between paragraphs.
 */
export function reflow(md: string, width: number): string[] {
  const out: string[] = [];
  let para: string[] = [];
  const flush = () => {
    if (!para.length) return;
    out.push(...wrap(para.join(' ').replace(/\s+/g, ' '), width));
    para = [];
  };
  for (const l of md.replace(/\n+$/, '').split('\n')) {
    if (/^(    |\t)/.test(l)) {
      flush();
      out.push(l.replace(/\t/g, '    '));
    } else if (!l.trim()) {
      flush();
      if (out.length && out[out.length - 1] !== '') out.push('');
    } else para.push(l.trim());
  }
  flush();
  return out;
}

/** What every scrolling pane is given besides its content. */
export interface PaneProps {
  width: number;
  height: number;
  /** The pane has the focus: the scrolling keys are its. */
  focused?: boolean;
}

/** A window of plain lines, cut to the pane's width at the window's left column. */
function Lines({ lines, top, rows, left, width, style }: { lines: string[]; top: number; rows: number; left: number; width: number; style?: (l: string, i: number) => { color?: string; bold?: boolean } }) {
  const out = [];
  for (let i = top; i < Math.min(lines.length, top + rows); i++) {
    const l = lines[i]!;
    const st = style?.(l, i) ?? {};
    out.push(
      <Text key={i} wrap="truncate" color={st.color} bold={st.bold}>
        {slice(l, left, width) || ' '}
      </Text>,
    );
  }
  return <>{out}</>;
}

const widest = (lines: string[]) => lines.reduce((m, l) => Math.max(m, columns(l)), 0);

/** The current step's instructions (the lab's Markdown, reflowed to the pane). */
export const StepPane = memo(function StepPane({ report, width, height, focused = false }: { report: GradeReport | null } & PaneProps) {
  const step = report ? (report.currentStep === null ? null : report.steps[report.currentStep]) : undefined;
  const instructions = step?.instructions;
  const lines = useMemo(
    () =>
      step === undefined
        ? ['The instructions appear once the lab has been checked (c).']
        : step === null
          ? ['Every step is done. Well done — the lab is complete.']
          : reflow(instructions ?? '', width - 1),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [step === undefined, step === null, instructions, width],
  );
  const wide = useMemo(() => widest(lines), [lines]);
  const v = useScroll({ total: lines.length, rows: height - 1, active: focused, reset: step?.index, wide, width });
  return (
    <Box flexDirection="column" width={width} height={height}>
      <PaneHeader view={v} width={width} focused={focused}>
        {step ? `Step ${step.index + 1}: ${step.title}` : 'Instructions'}
      </PaneHeader>
      <Lines lines={lines} top={v.top} rows={v.rows} left={v.left} width={width} />
    </Box>
  );
});

export function ProgressBar({ done, total, width }: { done: number; total: number | null; width: number }) {
  const w = Math.max(10, width - 16);
  if (!total) return <Text wrap="truncate">{`[${' '.repeat(w)}] ${done} objects`}</Text>;
  const frac = Math.min(1, done / total);
  const fill = Math.round(frac * w);
  return (
    <Text wrap="truncate">
      [<Text color={color('green')}>{'#'.repeat(fill)}</Text>
      {'.'.repeat(w - fill)}] {String(Math.min(done, total)).padStart(3)}/{total}
    </Text>
  );
}

export interface BuildPaneProps extends PaneProps {
  log: BuildLog;
  total: number | null;
  state: 'idle' | 'running' | 'ok' | 'failed' | 'cancelled';
  selectedError: number;
  /** Counts the builds: a new one starts the log over, following its tail. */
  run?: number;
}

const logColor = (l: string) => ({ color: /error|\*\*\*/.test(l) ? color('red') : /warning/.test(l) ? color('yellow') : undefined });

export const BuildPane = memo(function BuildPane({ log, total, state, selectedError, width, height, focused = false, run = 0 }: BuildPaneProps) {
  const n = log.errors.length;
  const head =
    state === 'idle'
      ? 'Not built yet — press b to build the kernel'
      : state === 'running'
        ? `Building… ${log.last ?? ''}  (Ctrl-C cancels)`
        : state === 'ok'
          ? 'Build succeeded'
          : state === 'cancelled'
            ? 'Build cancelled'
            : n
              ? `Build failed — ${n} error${n === 1 ? '' : 's'} (n/p jump to file:line)`
              : 'Build failed — see the log';
  // The error list under the log: the selected error and its neighbours, as room allows.
  const errRows = Math.min(n, height >= 12 ? 3 : 1);
  const sel = Math.min(Math.max(0, selectedError), n - 1);
  const first = Math.max(0, Math.min(sel - Math.floor(errRows / 2), n - errRows));
  const logRows = Math.max(0, height - 2 - errRows);
  const v = useScroll({ total: log.lines.length, rows: logRows, active: focused, start: 'tail', reset: run, show: log.errors[selectedError]?.at ?? null, wide: log.wide, width });
  return (
    <Box flexDirection="column" width={width} height={height}>
      <PaneHeader view={v} width={width} focused={focused} follows color={color(state === 'failed' ? 'red' : state === 'ok' ? 'green' : 'white')}>
        {head}
      </PaneHeader>
      <ProgressBar done={state === 'ok' && total ? total : log.objects} total={total} width={width} />
      <Lines lines={log.lines} top={v.top} rows={v.rows} left={v.left} width={width} style={logColor} />
      {log.errors.slice(first, first + errRows).map((e, k) => (
        <Text key={`e${first + k}`} wrap="truncate" inverse={first + k === selectedError} color={color(e.severity === 'error' ? 'red' : 'yellow')}>
          → {n > errRows ? `${first + k + 1}/${n} ` : ''}
          {e.line ? `${e.file}:${e.line}:${e.col}: ${e.message}` : `${e.file}:${e.message}`}
        </Text>
      ))}
    </Box>
  );
});

export interface RunPaneProps extends PaneProps {
  program: string | null;
  output: string;
  state: 'idle' | 'running' | 'done' | 'cancelled';
  status: number | null;
  /** Counts the runs: a new one starts the output over, following its tail. */
  run?: number;
}

export const RunPane = memo(function RunPane({ program, output, state, status, width, height, focused = false, run = 0 }: RunPaneProps) {
  const head =
    state === 'idle'
      ? program
        ? `Press r to run ${program} on the built kernel`
        : 'No program to run: this lab has no run check (or the labs module is missing)'
      : state === 'running'
        ? `Running ${program} on the kernel… (Ctrl-C cancels)`
        : state === 'cancelled'
          ? 'Run cancelled'
          : `${program} exited with status ${status}`;
  const lines = useMemo(() => (output ? output.replace(/\n$/, '').split('\n') : []), [output]);
  const wide = useMemo(() => widest(lines), [lines]);
  const v = useScroll({ total: lines.length, rows: height - 1, active: focused, start: 'tail', reset: run, wide, width });
  return (
    <Box flexDirection="column" width={width} height={height}>
      <PaneHeader view={v} width={width} focused={focused} follows color={state === 'done' ? color(status === 0 ? 'green' : 'red') : undefined}>
        {head}
      </PaneHeader>
      <Lines lines={lines} top={v.top} rows={v.rows} left={v.left} width={width} />
    </Box>
  );
});

export const DmesgPane = memo(function DmesgPane({ lines, width, height, focused = false }: { lines: DmesgLine[] | null } & PaneProps) {
  const text = useMemo(() => (lines ?? []).map((l) => (LEVEL_NAMES[l.level] ?? '?').padEnd(6) + l.text), [lines]);
  const wide = useMemo(() => widest(text), [text]);
  // Another boot's log starts over at its tail; the same log again (a check boots the kernel
  // just as the run did) leaves the student reading where they were.
  const boot = useMemo(() => text.join('\n'), [text]);
  const v = useScroll({ total: text.length, rows: height - 1, active: focused, start: 'tail', reset: boot, wide, width });
  const level = (_: string, i: number) => ({ color: levelColor(lines![i]!.level), bold: lines![i]!.level <= 3 });
  return (
    <Box flexDirection="column" width={width} height={height}>
      <PaneHeader view={v} width={width} focused={focused} follows>
        dmesg {lines ? `(${lines.length} lines, last boot)` : ''}
      </PaneHeader>
      {lines === null ? <Text dimColor wrap="truncate">No kernel log yet: run a program (r) to boot the kernel.</Text> : null}
      <Lines lines={text} top={v.top} rows={v.rows} left={v.left} width={width} style={level} />
    </Box>
  );
});

export interface GradePaneProps extends PaneProps {
  report: GradeReport | null;
  state: 'idle' | 'running' | 'done' | 'unavailable';
  note: string | null;
  hint: Hint | null;
}

export interface GradeRow {
  text: string;
  /** ✓/✗ before the text (on a check's first line). */
  passed?: boolean;
  bold?: boolean;
  color?: string;
}

/**
 * The grade pane's lines at a width: the note, the hint just revealed (first, so that it is seen),
 * then every step's checks with points and failure messages, word-wrapped under their text.
 */
export function gradeRows(report: GradeReport | null, note: string | null, hint: Hint | null, width: number): GradeRow[] {
  const rows: GradeRow[] = [];
  if (note) for (const t of wrap(note, width)) rows.push({ text: t, color: 'yellow' });
  if (hint) for (const t of wrap(`Hint ${hint.tier}/${hint.tiers}: ${hint.text}`, width, '  ')) rows.push({ text: t, color: 'cyan' });
  if (!report) return rows;
  for (const s of [...report.steps.map((s) => ({ title: `Step ${s.index + 1}: ${s.title}`, checks: s.checks })), { title: 'Final', checks: report.final }]) {
    if (!s.checks.length) continue;
    rows.push({ text: s.title, bold: true });
    for (const c of s.checks) {
      const text = `  ${c.description} [${c.passed ? c.points : 0}/${c.points}]${!c.passed && c.message ? ` — ${c.message}` : ''}`;
      wrap(text, width - 1, '    ').forEach((t, i) => rows.push(i === 0 ? { text: t, passed: c.passed } : { text: ` ${t}` }));
    }
  }
  return rows;
}

export const GradePane = memo(function GradePane({ report, state, note, hint, width, height, focused = false }: GradePaneProps) {
  const rows = useMemo(() => gradeRows(report, note, hint, width), [report, note, hint, width]);
  // A new hint is shown from the top, where it is.
  const v = useScroll({ total: rows.length, rows: height - 1, active: focused, reset: hint });
  return (
    <Box flexDirection="column" width={width} height={height}>
      <PaneHeader view={v} width={width} focused={focused}>
        {state === 'running'
          ? 'Checking the lab…'
          : report
            ? `${report.lab.title}: ${report.points.earned}/${report.points.total} points${report.complete ? ' — lab complete!' : ''}`
            : state === 'unavailable'
              ? 'Grading is not available'
              : 'Not checked yet — press c to check the lab'}
      </PaneHeader>
      {rows.slice(v.top, v.top + v.rows).map((r, i) => (
        <Text key={v.top + i} wrap="truncate" bold={r.bold} color={r.color ? color(r.color) : undefined}>
          {r.passed === undefined ? '' : <Text color={color(r.passed ? 'green' : 'red')}>{mark(r.passed)}</Text>}
          {r.text || ' '}
        </Text>
      ))}
    </Box>
  );
});
