// The bottom panes: the build (progress bar over the objects, the kbuild log, errors), the run
// (program output and console), dmesg (levels coloured) and the grade (checks, points, hints).
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { BuildLog } from './buildlog.js';
import type { DmesgLine, GradeReport, Hint } from './core.js';
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
    let line = '';
    for (const w of para.join(' ').split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + w.length > width) {
        out.push(line);
        line = w;
      } else line = line ? `${line} ${w}` : w;
    }
    if (line) out.push(line);
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

/** The current step's instructions (the lab's Markdown, reflowed to the pane). */
export const StepPane = memo(function StepPane({ report, width, height }: { report: GradeReport | null; width: number; height: number }) {
  const step = report ? (report.currentStep === null ? null : report.steps[report.currentStep]) : undefined;
  const lines =
    step === undefined
      ? ['The instructions appear once the lab has been checked (c).']
      : step === null
        ? ['Every step is done. Well done — the lab is complete.']
        : reflow(step.instructions, width - 1);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {step ? `Step ${step.index + 1}: ${step.title}` : 'Instructions'}
      </Text>
      {lines.slice(0, Math.max(0, height - 1)).map((l, i) => (
        <Text key={i} wrap="truncate">
          {l || ' '}
        </Text>
      ))}
    </Box>
  );
});

function tail<T>(xs: T[], n: number): T[] {
  return n <= 0 ? [] : xs.slice(Math.max(0, xs.length - n));
}

export function ProgressBar({ done, total, width }: { done: number; total: number | null; width: number }) {
  const w = Math.max(10, width - 16);
  if (!total) return <Text>{`[${'?'.repeat(0)}${' '.repeat(w)}] ${done} objects`}</Text>;
  const frac = Math.min(1, done / total);
  const fill = Math.round(frac * w);
  return (
    <Text wrap="truncate">
      [<Text color={color('green')}>{'#'.repeat(fill)}</Text>
      {'.'.repeat(w - fill)}] {String(Math.min(done, total)).padStart(3)}/{total}
    </Text>
  );
}

export interface BuildPaneProps {
  log: BuildLog;
  total: number | null;
  state: 'idle' | 'running' | 'ok' | 'failed' | 'cancelled';
  selectedError: number;
  width: number;
  height: number;
}

export const BuildPane = memo(function BuildPane({ log, total, state, selectedError, width, height }: BuildPaneProps) {
  const head =
    state === 'idle'
      ? 'Not built yet — press b to build the kernel'
      : state === 'running'
        ? `Building… ${log.last ?? ''}  (Ctrl-C cancels)`
        : state === 'ok'
          ? 'Build succeeded'
          : state === 'cancelled'
            ? 'Build cancelled'
            : log.errors.length
              ? `Build failed — ${log.errors.length} error${log.errors.length === 1 ? '' : 's'} (n/p jump to file:line)`
              : 'Build failed — see the log';
  const errs = log.errors.slice(0, 3);
  const logRows = Math.max(0, height - 2 - errs.length);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate" color={color(state === 'failed' ? 'red' : state === 'ok' ? 'green' : 'white')}>
        {head}
      </Text>
      <ProgressBar done={state === 'ok' && total ? total : log.objects} total={total} width={width} />
      {tail(log.lines, logRows).map((l, i) => (
        <Text key={i} wrap="truncate" color={/error|\*\*\*/.test(l) ? color('red') : /warning/.test(l) ? color('yellow') : undefined}>
          {l}
        </Text>
      ))}
      {errs.map((e, i) => (
        <Text key={`e${i}`} wrap="truncate" inverse={i === selectedError} color={color(e.severity === 'error' ? 'red' : 'yellow')}>
          → {e.line ? `${e.file}:${e.line}:${e.col}: ${e.message}` : `${e.file}:${e.message}`}
        </Text>
      ))}
    </Box>
  );
});

export interface RunPaneProps {
  program: string | null;
  output: string;
  state: 'idle' | 'running' | 'done' | 'cancelled';
  status: number | null;
  width: number;
  height: number;
}

export const RunPane = memo(function RunPane({ program, output, state, status, width, height }: RunPaneProps) {
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
  const lines = output.replace(/\n$/, '').split('\n');
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate" color={state === 'done' ? color(status === 0 ? 'green' : 'red') : undefined}>
        {head}
      </Text>
      {output ? tail(lines, height - 1).map((l, i) => <Text key={i} wrap="truncate">{l}</Text>) : null}
    </Box>
  );
});

export const DmesgPane = memo(function DmesgPane({ lines, width, height }: { lines: DmesgLine[] | null; width: number; height: number }) {
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        dmesg {lines ? `(${lines.length} lines, last boot)` : ''}
      </Text>
      {lines === null ? <Text dimColor>No kernel log yet: run a program (r) to boot the kernel.</Text> : null}
      {tail(lines ?? [], height - 1).map((l, i) => (
        <Text key={i} wrap="truncate" color={levelColor(l.level)} bold={l.level <= 3}>
          {(LEVEL_NAMES[l.level] ?? '?').padEnd(6)}
          {l.text}
        </Text>
      ))}
    </Box>
  );
});

export interface GradePaneProps {
  report: GradeReport | null;
  state: 'idle' | 'running' | 'done' | 'unavailable';
  note: string | null;
  hint: Hint | null;
  width: number;
  height: number;
}

export const GradePane = memo(function GradePane({ report, state, note, hint, width, height }: GradePaneProps) {
  const rows: { text: string; passed: boolean | null; bold?: boolean }[] = [];
  if (report) {
    for (const s of [...report.steps.map((s) => ({ title: `Step ${s.index + 1}: ${s.title}`, checks: s.checks })), { title: 'Final', checks: report.final }]) {
      if (!s.checks.length) continue;
      rows.push({ text: s.title, passed: null, bold: true });
      for (const c of s.checks) rows.push({ text: `  ${c.description} [${c.passed ? c.points : 0}/${c.points}]${!c.passed && c.message ? ` — ${c.message}` : ''}`, passed: c.passed });
    }
  }
  const hintLines = hint ? [`Hint ${hint.tier}/${hint.tiers}: ${hint.text}`] : [];
  const room = Math.max(0, height - 2 - hintLines.length);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {state === 'running'
          ? 'Checking the lab…'
          : report
            ? `${report.lab.title}: ${report.points.earned}/${report.points.total} points${report.complete ? ' — lab complete!' : ''}`
            : state === 'unavailable'
              ? 'Grading is not available'
              : 'Not checked yet — press c to check the lab'}
      </Text>
      {note ? <Text wrap="truncate" color={color('yellow')}>{note}</Text> : null}
      {rows.slice(0, room).map((r, i) => (
        <Text key={i} wrap="truncate" bold={r.bold}>
          {r.passed === null ? '' : <Text color={color(r.passed ? 'green' : 'red')}>{mark(r.passed)}</Text>}
          {r.text}
        </Text>
      ))}
      {hintLines.map((h, i) => (
        <Text key={`h${i}`} wrap="wrap" color={color('cyan')}>
          {h}
        </Text>
      ))}
    </Box>
  );
});
