// Reading a kbuild log as it streams in: the step lines (`  CC      newsys/nsys.o`) give the
// progress, and gcc-style `FILE:LINE:COL: error: MESSAGE` lines become jump targets.

export interface LogError {
  file: string;
  line: number;
  col: number;
  severity: 'error' | 'warning' | 'note';
  message: string;
  /** Index of the log line it came from. */
  at: number;
}

export interface BuildLog {
  lines: string[];
  /** Objects compiled or assembled so far (CC and AS steps). */
  objects: number;
  /** The tag and target of the last step line. */
  last: string | null;
  errors: LogError[];
  partial: string;
  /** The longest line's width in columns (tabs expanded), for scrolling sideways. */
  wide: number;
}

export const emptyLog = (): BuildLog => ({ lines: [], objects: 0, last: null, errors: [], partial: '', wide: 0 });

const STEP = /^  ([A-Z][A-Z0-9_]*) +(\S.*)$/;
// ld: `arch/x86/built-in.o:(.rodata+0xa30): undefined reference to `sys_nsys'` (no source line).
const LINK = /^([^\s:]+\.o):\(([^)]*)\): (.*)$/;
const DIAG = /^([^\s:][^:]*):(\d+):(?:(\d+):)? (error|warning|note|fatal error): (.*)$/;

/** A line's width on the terminal, tabs going to the next multiple of 8. */
export function columns(line: string): number {
  if (!line.includes('\t')) return line.length;
  let n = 0;
  for (const ch of line) n = ch === '\t' ? n + 8 - (n % 8) : n + 1;
  return n;
}

/** Adds streamed text to the log (lines may arrive split across chunks). */
export function feed(log: BuildLog, text: string): BuildLog {
  const all = log.partial + text;
  const parts = all.split('\n');
  const partial = parts.pop()!;
  const next: BuildLog = { ...log, lines: log.lines.slice(), errors: log.errors.slice(), partial };
  for (const line of parts) {
    next.lines.push(line);
    next.wide = Math.max(next.wide, columns(line));
    const s = STEP.exec(line);
    if (s) {
      next.last = `${s[1]} ${s[2]}`;
      if (s[1] === 'CC' || s[1] === 'AS') next.objects++;
      continue;
    }
    const l = LINK.exec(line);
    if (l) {
      next.errors.push({ file: l[1]!, line: 0, col: 0, severity: 'error', message: `(${l[2]}): ${l[3]}`, at: next.lines.length - 1 });
      continue;
    }
    const d = DIAG.exec(line);
    if (d) {
      const sev = d[4] === 'fatal error' ? 'error' : (d[4] as LogError['severity']);
      if (sev !== 'note') next.errors.push({ file: d[1]!, line: Number(d[2]), col: Number(d[3] ?? 1), severity: sev, message: d[5]!, at: next.lines.length - 1 });
    }
  }
  return next;
}

/** Ends the log (a last line without its newline). */
export function flush(log: BuildLog): BuildLog {
  return log.partial ? { ...feed(log, '\n'), partial: '' } : log;
}
