// The lab's steps with each check's live status: ✓ passed, ✗ failed, · not checked yet. When they
// do not all fit, the window keeps the current step and its checks in view, and the points line
// stays at the bottom.
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { GradeReport } from './core.js';
import { PaneHeader } from './PaneHeader.js';
import { printable, viewOf } from './scroll.js';
import { color, mark } from './theme.js';

export interface StepsProps {
  report: GradeReport | null;
  checking: boolean;
  width: number;
  height: number;
}

type Row = { text: string; passed: boolean | null; bold?: boolean; dim?: boolean };

export const Steps = memo(function Steps({ report, checking, width, height }: StepsProps) {
  const rows: Row[] = [];
  let current: [number, number] | null = null; // the current step's first and last row
  let points: Row | null = null;
  if (!report) rows.push({ text: checking ? 'checking the lab…' : 'not checked yet (c)', passed: null, dim: true });
  else {
    for (const s of report.steps) {
      const isCurrent = report.currentStep === s.index;
      const first = rows.length;
      rows.push({ text: printable(`${s.index + 1}. ${s.title.trim()}`), passed: s.passed, bold: isCurrent });
      // The current step shows its checks; the others stay one line each.
      if (isCurrent) {
        for (const c of s.checks) rows.push({ text: printable(`   ${c.description.trim()}`), passed: c.passed, dim: !c.passed });
        current = [first, rows.length - 1];
      }
    }
    points = { text: `${report.points.earned}/${report.points.total} points${report.complete ? ' — lab complete!' : ''}`, passed: report.complete ? true : null, bold: true };
  }
  const room = Math.max(0, height - 1 - (points ? 1 : 0));
  // The current step from its line before (the last done step) down to its last check, or from
  // its title when that is more than the window holds.
  let top = 0;
  if (current) {
    const [a, b] = current;
    top = Math.max(0, Math.min(a - 1, rows.length - room));
    if (b >= top + room) top = b - room + 1;
    if (a < top) top = a;
  }
  const v = viewOf(rows.length, room, { top, left: 0 });
  const row = (r: Row, key: number | string) => (
    <Text key={key} wrap="truncate" bold={r.bold} dimColor={r.dim && r.passed === null}>
      <Text color={r.passed === null ? undefined : color(r.passed ? 'green' : 'red')}>{mark(r.passed)} </Text>
      {r.text}
    </Text>
  );
  return (
    <Box flexDirection="column" width={width} height={height}>
      <PaneHeader view={v} width={width} compact>
        Steps{checking && report ? ' (checking…)' : ''}
      </PaneHeader>
      {rows.slice(v.top, v.top + v.rows).map((r, i) => row(r, v.top + i))}
      {points && height > 1 ? row(points, 'points') : null}
    </Box>
  );
});
