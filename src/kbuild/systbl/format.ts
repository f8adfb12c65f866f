// Writing a table line the way the kernel's own tables are laid out: fields separated by tabs,
// the entry point aligned at display column 40 and the compat entry point at column 72 (with at
// least one tab before each), so a line a tool adds looks like its neighbours in an editor.
import { expandTabs } from '../../diag.js';
import type { Abi } from './types.js';

const ENTRY_COLUMN = 40;
const COMPAT_COLUMN = 72;

function padTo(text: string, column: number): string {
  let out = text + '\t';
  let width = (Math.floor(expandTabs(text).length / 8) + 1) * 8;
  while (width < column) {
    out += '\t';
    width += 8;
  }
  return out;
}

export interface LineFields {
  number: number;
  abi: Abi;
  name: string;
  entry: string;
  compat: string;
  noreturn?: boolean;
}

/** One table line (no newline). The 6.x `noreturn` flag is written after `-` when there is no compat. */
export function formatTableLine(e: LineFields): string {
  let line = `${e.number}\t${e.abi}\t${e.name}`;
  if (!e.entry && !e.compat && !e.noreturn) return line;
  // The columns before the entry point are number, abi and name; tabs count from the line start.
  line = padTo(line, ENTRY_COLUMN) + e.entry;
  if (e.compat || e.noreturn) line = padTo(line, COMPAT_COLUMN) + (e.compat || '-');
  if (e.noreturn) line += '\tnoreturn';
  return line;
}
