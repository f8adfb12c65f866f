// The workspace's files, as a flat list of paths in tree order; the current step's files are
// marked and listed first, so the three files of lab 1 are never buried under the whole tree.
// The list scrolls to keep the selection in view; its title says how many files are above/below.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { PaneHeader } from './PaneHeader.js';
import { viewOf } from './scroll.js';
import { color } from './theme.js';

export interface FileTreeProps {
  files: string[];
  highlighted: string[];
  open: string | null;
  selected: number;
  focused: boolean;
  width: number;
  height: number;
  dirty: Set<string>;
}

/** Step files first (in the lab's order), then the rest of the tree. */
export function orderFiles(files: string[], highlighted: string[]): string[] {
  const hi = highlighted.filter((f) => files.includes(f) || true);
  const rest = files.filter((f) => !hi.includes(f));
  return [...hi, ...rest];
}

export const FileTree = memo(function FileTree({ files, highlighted, open, selected, focused, width, height, dirty }: FileTreeProps) {
  const rows = Math.max(1, height - 1);
  const top = Math.max(0, Math.min(selected - Math.floor(rows / 2), files.length - rows));
  const v = viewOf(files.length, rows, { top, left: 0 });
  return (
    <Box flexDirection="column" width={width} height={height}>
      <PaneHeader view={v} width={width} focused={focused} compact>
        Files{highlighted.length ? ' (★ this step)' : ''}
      </PaneHeader>
      {files.slice(top, top + rows).map((f, k) => {
        const i = top + k;
        const hi = highlighted.includes(f);
        return (
          <Text key={f} wrap="truncate-start" inverse={focused && i === selected} bold={f === open} color={hi ? color('yellow') : undefined}>
            {hi ? '★' : ' '}
            {dirty.has(f) ? '+' : ' '}
            {f}
          </Text>
        );
      })}
    </Box>
  );
});
