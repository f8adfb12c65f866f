// A pane's title line: the title on the left (cut to fit), what the pane's window hides on the
// right (`↑ 12 more · ↓ 30 more`), in inverse video while the pane has the focus.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { moreText, type View } from './scroll.js';

export interface PaneHeaderProps {
  children: ReactNode;
  view?: View;
  width: number;
  focused?: boolean;
  color?: string;
  /** `↑12 ↓30` for a narrow pane. */
  compact?: boolean;
  /** A log that follows its tail: scrolled up (and focused), say how to follow it again. */
  follows?: boolean;
}

export function PaneHeader({ children, view, width, focused = false, color, compact = false, follows = false }: PaneHeaderProps) {
  const more = view ? moreText(view, compact) + (follows && focused && view.below ? ' · G follows' : '') : '';
  return (
    <Box width={width} height={1}>
      <Box flexGrow={1} flexShrink={1} overflow="hidden">
        <Text bold wrap="truncate" inverse={focused} color={color}>
          {children}
        </Text>
      </Box>
      {more ? (
        <Box flexShrink={0} marginLeft={1}>
          <Text dimColor>{more}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
