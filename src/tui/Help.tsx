// The `?` overlay: every key the workbench knows, grouped by where it works. Two columns when the
// terminal is wide enough, one otherwise; taller than the screen, it scrolls (↑↓ PgUp/PgDn g/G).
import { Box, Text } from 'ink';
import { PaneHeader } from './PaneHeader.js';
import { useScroll } from './scroll.js';
import { color } from './theme.js';

export const KEYS: [string, [string, string][]][] = [
  [
    'Anywhere',
    [
      ['?', 'this help (Esc first)'],
      ['Tab', 'files → editor → output'],
      ['Esc', 'back to the file list'],
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
      ['1-5', 'show a pane, focus it'],
      ['z', 'zoom the output pane'],
      ['n p', 'next/prev build error'],
      ['k', 'Kconfig browser'],
      ['e  Ctrl-E', 'open in $EDITOR'],
      ['q', 'quit'],
    ],
  ],
  [
    'File list',
    [
      ['↑↓ PgUp PgDn', 'choose; g G first, last'],
      ['Enter', 'open in the editor'],
    ],
  ],
  [
    'Output pane (focused)',
    [
      ['↑↓ PgUp PgDn', 'scroll'],
      ['g G Home End', 'top / end (follows)'],
      ['← →', 'long lines sideways'],
      ['Enter', 'open the build error'],
    ],
  ],
  [
    'Editor',
    [
      ['↑↓←→ PgUp/Dn', 'move (Home/End too)'],
      ['Ctrl-S', 'save, re-check'],
      ['Ctrl-Z/Y', 'undo / redo'],
      ['Ctrl-F N P', 'search, next/prev'],
      ['Ctrl-K/D', 'kill to EOL / del fwd'],
    ],
  ],
  [
    'Kconfig browser',
    [
      ['↑↓ Enter Esc', 'move, open menu, back'],
      ['Space y n m', 'toggle / set a value'],
      ['Enter', 'edit int/hex/string'],
      ['/', 'search symbols'],
      ['? s q', 'help, save, close'],
    ],
  ],
];

type Row = { group: string } | { key: string; what: string };

function rowsOf(groups: typeof KEYS): Row[] {
  return groups.flatMap(([group, keys]) => [{ group }, ...keys.map(([key, what]) => ({ key, what }))]);
}

/** The groups in two columns of about the same length. */
function columns(): [Row[], Row[]] {
  const all = KEYS.map((g) => g[1].length + 1);
  const half = all.reduce((a, b) => a + b, 0) / 2;
  let n = 0;
  let split = 0;
  while (split < KEYS.length && n + all[split]! <= half + 1) n += all[split++]!;
  return [rowsOf(KEYS.slice(0, split)), rowsOf(KEYS.slice(split))];
}

function Cell({ row, width }: { row: Row | undefined; width: number }) {
  if (!row) return <Box width={width} />;
  return (
    <Box width={width}>
      {'group' in row ? (
        <Text bold color={color('yellow')} wrap="truncate">
          {row.group}
        </Text>
      ) : (
        <Text wrap="truncate">
          {row.key.padEnd(13)} {row.what}
        </Text>
      )}
    </Box>
  );
}

export function Help({ width, height = 24, active = false }: { width: number; height?: number; active?: boolean }) {
  const w = Math.min(width, 80);
  const inner = w - 4; // border and padding
  const two = inner >= 74;
  const [a, b] = two ? columns() : [rowsOf(KEYS), []];
  const total = Math.max(a.length, b.length);
  const v = useScroll({ total, rows: Math.max(1, height - 4), active });
  const shown = [];
  for (let i = v.top; i < Math.min(total, v.top + v.rows); i++)
    shown.push(
      <Box key={i}>
        <Cell row={a[i]} width={two ? Math.floor(inner / 2) - 1 : inner} />
        {two ? <Box width={1} /> : null}
        {two ? <Cell row={b[i]} width={inner - Math.floor(inner / 2)} /> : null}
      </Box>,
    );
  return (
    <Box flexDirection="column" borderStyle="double" borderColor={color('cyan')} paddingX={1} width={w}>
      <PaneHeader view={v} width={inner}>
        kwb workbench — keys
      </PaneHeader>
      {shown}
      <Text dimColor wrap="truncate">
        {v.above || v.below ? '↑↓ PgUp/PgDn scroll · ' : ''}Esc or ? closes this help
      </Text>
    </Box>
  );
}
