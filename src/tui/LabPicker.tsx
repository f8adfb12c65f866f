// The first screen: continue the last lab, or choose one.
import { eachKey } from './keysplit.js';
import { Box, Text, useInput } from 'ink';
import { useLive } from './live.js';
import type { LabSummary, Maybe } from './core.js';
import { color } from './theme.js';

export interface PickerProps {
  labs: Maybe<LabSummary[]> | null; // null while loading
  last: { dir: string; lab: string } | null;
  onContinue(dir: string): void;
  onStart(lab: LabSummary): void;
  active: boolean;
  width: number;
}

export function LabPicker({ labs, last, onContinue, onStart, active, width }: PickerProps) {
  const list = labs?.ok ? labs.value : [];
  const items = [...(last ? [{ kind: 'continue' as const }] : []), ...list.map((l) => ({ kind: 'lab' as const, lab: l }))];
  const selL = useLive(0);
  const setSel = selL.set;
  const sel = selL.v;
  useInput(
    eachKey((input, key) => {
      if (key.upArrow || input === 'k') setSel((s) => Math.max(0, s - 1));
      else if (key.downArrow || input === 'j') setSel((s) => Math.min(items.length - 1, s + 1));
      else if (key.return) {
        const it = items[selL.v];
        if (!it) return;
        if (it.kind === 'continue') onContinue(last!.dir);
        else onStart(it.lab);
      }
    }),
    { isActive: active },
  );
  return (
    <Box flexDirection="column" paddingX={1} width={width}>
      <Text bold color={color('cyan')}>
        kernel-workbench — add a system call to Linux 4.4.79, build it, boot it
      </Text>
      <Text> </Text>
      {labs === null && <Text>Loading the labs…</Text>}
      {labs && !labs.ok && (
        <Text color={color('red')} wrap="wrap">
          No labs can be offered: {labs.why}
        </Text>
      )}
      {labs?.ok && list.length === 0 && <Text>There are no labs installed.</Text>}
      {items.map((it, i) => {
        const on = i === sel;
        const text = it.kind === 'continue' ? `Continue ${last!.lab} in ${last!.dir}` : `${it.lab.id}  ${it.lab.title}  (${it.lab.points} points)`;
        return (
          <Box key={i} flexDirection="column">
            <Text inverse={on} wrap="truncate">
              {on ? '› ' : '  '}
              {text}
            </Text>
            {it.kind === 'lab' && (
              <Text dimColor wrap="truncate">
                {'    '}
                {it.lab.summary}
              </Text>
            )}
          </Box>
        );
      })}
      <Text> </Text>
      <Text dimColor>↑↓ choose · Enter open · ? keys · q quit</Text>
    </Box>
  );
}
