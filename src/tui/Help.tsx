// The `?` overlay: every key the workbench knows, grouped by where it works.
import { Box, Text } from 'ink';
import { color } from './theme.js';

export const KEYS: [string, [string, string][]][] = [
  [
    'Anywhere',
    [
      ['?', 'this help (Esc first)'],
      ['Tab', 'next pane'],
      ['Esc', 'leave editor: commands'],
      ['Ctrl-C', 'cancel job; again: quit'],
    ],
  ],
  [
    'Commands (outside the editor)',
    [
      ['b  Ctrl-B', 'build the kernel'],
      ['r  Ctrl-R', 'run the lab program'],
      ['c', 'check (grade, points)'],
      ['h', 'next hint tier'],
      ['1-5', 'Step Build Run dmesg Grade'],
      ['n p', 'next/prev build error'],
      ['k', 'Kconfig browser'],
      ['e  Ctrl-E', 'open in $EDITOR'],
      ['q', 'quit'],
    ],
  ],
  [
    'Editor',
    [
      ['arrows PgUp/Dn', 'move (Home/End too)'],
      ['Ctrl-S', 'save, re-check'],
      ['Ctrl-Z/Y', 'undo / redo'],
      ['Ctrl-F N P', 'search, next/prev match'],
      ['Ctrl-K/D', 'kill to EOL / delete fwd'],
          ],
  ],
  [
    'Kconfig browser',
    [
      ['↑↓ Enter Esc', 'move, open menu, back'],
      ['Space y n m', 'toggle / set a value'],
      ['Enter', 'edit int/hex/string'],
      ['/', 'search symbols'],
      ['? s q', 'help, save .config, close'],
    ],
  ],
];

export function Help({ width }: { width: number }) {
  return (
    <Box flexDirection="column" borderStyle="double" borderColor={color('cyan')} paddingX={1} width={Math.min(width, 78)}>
      <Text bold>kwb workbench — keys</Text>
      <Box>
        {[KEYS.slice(0, 2), KEYS.slice(2)].map((col, i) => (
          <Box key={i} flexDirection="column" width="50%">
            {col.map(([group, keys]) => (
              <Box key={group} flexDirection="column">
                <Text bold color={color('yellow')} wrap="truncate">
                  {group}
                </Text>
                {keys.map(([k, what]) => (
                  <Text key={k} wrap="truncate">
                    {k.padEnd(12)} {what}
                  </Text>
                ))}
              </Box>
            ))}
          </Box>
        ))}
      </Box>
      <Text dimColor>Esc or ? closes this help</Text>
    </Box>
  );
}
