// The first screen: continue the last lab, or choose one. More labs than rows: the list scrolls
// with the selection, and says how many labs are above and below it.
import { eachKey } from './keysplit.js';
import { Box, Text, useInput } from 'ink';
import { useLive } from './live.js';
import type { LabSummary, Maybe } from './core.js';
import { printable } from './scroll.js';
import { color } from './theme.js';

export interface PickerProps {
  labs: Maybe<LabSummary[]> | null; // null while loading
  last: { dir: string; lab: string } | null;
  onContinue(dir: string): void;
  onStart(lab: LabSummary): void;
  active: boolean;
  width: number;
  /** Rows the picker may use (the terminal's). */
  height?: number;
}

export function LabPicker({ labs, last, onContinue, onStart, active, width, height = 24 }: PickerProps) {
  const list = labs?.ok ? labs.value : [];
  const items = [...(last ? [{ kind: 'continue' as const }] : []), ...list.map((l) => ({ kind: 'lab' as const, lab: l }))];
  const selL = useLive(0);
  const setSel = selL.set;
  const sel = selL.v;
  // Title, blank (or "↑ N more"), the labs, blank (or "↓ N more"), the keys: two rows a lab.
  const fit = Math.max(1, Math.floor((height - 4) / 2));
  useInput(
    eachKey((input, key) => {
      const end = items.length - 1;
      if (key.upArrow || input === 'k') setSel((s) => Math.max(0, s - 1));
      else if (key.downArrow || input === 'j') setSel((s) => Math.min(end, s + 1));
      else if (key.pageUp) setSel((s) => Math.max(0, s - fit));
      else if (key.pageDown) setSel((s) => Math.min(end, s + fit));
      else if (key.home || input === 'g') setSel(0);
      else if (key.end || input === 'G') setSel(end);
      else if (key.return) {
        const it = items[selL.v];
        if (!it) return;
        if (it.kind === 'continue') onContinue(last!.dir);
        else onStart(it.lab);
      }
    }),
    { isActive: active },
  );
  const top = Math.max(0, Math.min(sel - Math.floor(fit / 2), items.length - fit));
  const shown = items.slice(top, top + fit);
  const below = items.length - top - shown.length;
  return (
    <Box flexDirection="column" paddingX={1} width={width} height={height} overflow="hidden">
      <Text bold color={color('cyan')} wrap="truncate">
        kernel-workbench — add a system call to Linux 4.4.79, build it, boot it
      </Text>
      <Text dimColor>{top ? `  ↑ ${top} more` : ' '}</Text>
      {labs === null && <Text>Loading the labs…</Text>}
      {labs && !labs.ok && (
        <Text color={color('red')} wrap="wrap">
          No labs can be offered: {labs.why}
        </Text>
      )}
      {labs?.ok && list.length === 0 && <Text>There are no labs installed.</Text>}
      {shown.map((it, k) => {
        const i = top + k;
        const on = i === sel;
        const text = printable(it.kind === 'continue' ? `Continue ${last!.lab} in ${last!.dir}` : `${it.lab.id}  ${it.lab.title.trim()}  (${it.lab.points} points)`);
        return (
          <Box key={i} flexDirection="column">
            <Text inverse={on} wrap="truncate">
              {on ? '› ' : '  '}
              {text}
            </Text>
            {it.kind === 'lab' && (
              <Text dimColor wrap="truncate">
                {'    '}
                {printable(it.lab.summary.trim())}
              </Text>
            )}
          </Box>
        );
      })}
      <Text dimColor>{below ? `  ↓ ${below} more` : ' '}</Text>
      <Text dimColor wrap="truncate">
        ↑↓ choose · Enter open · ? keys · q quit
      </Text>
    </Box>
  );
}
