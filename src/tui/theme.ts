// Colours, or none: NO_COLOR (https://no-color.org) set to anything non-empty turns every colour
// off, and the UI falls back on inverse video and markers that read without colour.
import type { Tok } from './editor/highlight.js';

export const noColor = (): boolean => Boolean(process.env.NO_COLOR);

/** Ink colour names per token class; undefined means the terminal's default. */
const TOKEN_COLORS: Record<Tok, string | undefined> = {
  plain: undefined,
  keyword: 'magenta',
  type: 'cyan',
  string: 'green',
  number: 'yellow',
  comment: 'gray',
  preproc: 'blue',
  variable: 'cyan',
  target: 'yellow',
  abi: 'magenta',
};

export function tokenColor(tok: Tok): string | undefined {
  return noColor() ? undefined : TOKEN_COLORS[tok];
}

/** printk levels 0..7: emerg..debug. */
const LEVEL_COLORS = ['redBright', 'redBright', 'red', 'red', 'yellow', 'cyan', undefined, 'gray'];
export const LEVEL_NAMES = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'];

export function levelColor(level: number): string | undefined {
  return noColor() ? undefined : LEVEL_COLORS[level & 7];
}

export function color(name: string): string | undefined {
  return noColor() ? undefined : name;
}

/** Pass/fail marks that read without colour too. */
export const mark = (passed: boolean | null): string => (passed === null ? '·' : passed ? '✓' : '✗');
