// The lab's steps with each check's live status: ✓ passed, ✗ failed, · not checked yet.
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { GradeReport } from './core.js';
import { color, mark } from './theme.js';

export interface StepsProps {
  report: GradeReport | null;
  checking: boolean;
  width: number;
  height: number;
}

export const Steps = memo(function Steps({ report, checking, width, height }: StepsProps) {
  const rows: { text: string; passed: boolean | null; bold?: boolean; dim?: boolean }[] = [];
  if (!report) rows.push({ text: checking ? 'checking the lab…' : 'not checked yet (c)', passed: null, dim: true });
  else {
    for (const s of report.steps) {
      const current = report.currentStep === s.index;
      rows.push({ text: `${s.index + 1}. ${s.title}`, passed: s.passed, bold: current });
      // The current step shows its checks; the others stay one line each.
      if (current) for (const c of s.checks) rows.push({ text: `   ${c.description}`, passed: c.passed, dim: !c.passed });
    }
    rows.push({ text: `${report.points.earned}/${report.points.total} points${report.complete ? ' — lab complete!' : ''}`, passed: report.complete ? true : null, bold: true });
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        Steps{checking && report ? ' (checking…)' : ''}
      </Text>
      {rows.slice(0, Math.max(0, height - 1)).map((r, i) => (
        <Text key={i} wrap="truncate" bold={r.bold} dimColor={r.dim && r.passed === null}>
          <Text color={r.passed === null ? undefined : color(r.passed ? 'green' : 'red')}>{mark(r.passed)} </Text>
          {r.text}
        </Text>
      ))}
    </Box>
  );
});
