// The builtin macros' names and the date formats gcc gives __DATE__, __TIME__ and __TIMESTAMP__.

import type { BuiltinName } from './macro.js';

export const BUILTINS: BuiltinName[] = [
  '__FILE__',
  '__LINE__',
  '__COUNTER__',
  '__INCLUDE_LEVEL__',
  '__BASE_FILE__',
  '__DATE__',
  '__TIME__',
  '__TIMESTAMP__',
  '_Pragma',
  '__has_include',
  '__has_include_next',
];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Nov 21 2026": the day padded with a space, as asctime does. */
export function dateText(d: Date): string {
  return `${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${d.getFullYear()}`;
}

/** "23:05:09" */
export function timeText(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** "Sat Nov 21 23:05:09 2026": a file's modification time, asctime's layout. */
export function timestampText(d: Date): string {
  return `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${timeText(d)} ${d.getFullYear()}`;
}
