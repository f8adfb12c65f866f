// The kernel log: the records printk stored in log_buf (kernel/printk/printk.c's struct
// printk_log: u64 ts_nsec, u16 len, u16 text_len, u16 dict_len, u8 facility, u8 flags,
// u8 level, then the text), read out of guest memory after a boot, and the formats dmesg
// prints them in (util-linux: `[    0.000000] msg`, -x `kern  :info  : [...] msg`, -r `<6>[...] msg`).
import type { AddressSpace } from '../cpu/mmu.js';

export interface LogRecord {
  /** Nanoseconds since boot (guest time). */
  ts: bigint;
  level: number;
  facility: number;
  text: string;
}

const HEADER = 24;

function u32(space: AddressSpace, a: number): number {
  return new DataView(space.readBytes(a, 4).buffer).getUint32(0, true);
}

function u64(space: AddressSpace, a: number): bigint {
  return new DataView(space.readBytes(a, 8).buffer).getBigUint64(0, true);
}

export function readKernelLog(space: AddressSpace, symbols: Map<string, number>): LogRecord[] {
  const need = (n: string): number => {
    const a = symbols.get(n);
    if (a === undefined) throw new Error(`the kernel has no '${n}' symbol: cannot read its log buffer`);
    return a;
  };
  const buf = need('__log_buf');
  let idx = u32(space, need('log_first_idx'));
  const first = u64(space, need('log_first_seq'));
  const next = u64(space, need('log_next_seq'));
  const dec = new TextDecoder();
  const out: LogRecord[] = [];
  for (let seq = first; seq < next; seq++) {
    let h = space.readBytes(buf + idx, HEADER);
    let dv = new DataView(h.buffer);
    if (dv.getUint16(8, true) === 0) {
      idx = 0; // the wrap marker
      h = space.readBytes(buf, HEADER);
      dv = new DataView(h.buffer);
    }
    const len = dv.getUint16(8, true);
    const textLen = dv.getUint16(10, true);
    if (len === 0) break;
    out.push({
      ts: dv.getBigUint64(0, true),
      facility: h[14]!,
      level: h[16]! & 7,
      text: dec.decode(space.readBytes(buf + idx + HEADER, textLen)),
    });
    idx += len;
  }
  return out;
}

/** "[    0.000123] " as printk.time prints it. */
export function timePrefix(ts: bigint): string {
  const sec = ts / 1000000000n;
  const usec = (ts % 1000000000n) / 1000n;
  return `[${sec.toString().padStart(5, ' ')}.${usec.toString().padStart(6, '0')}]`;
}

/** The syslog(2) READ_ALL form: "<6>[    0.000000] text" — what is saved in .kwb/ and what dmesg parses. */
export function syslogText(records: LogRecord[]): string {
  return records.map((r) => `<${(r.facility << 3) | r.level}>${timePrefix(r.ts)} ${r.text}\n`).join('');
}

export const LEVEL_NAMES = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'];
export const FACILITY_NAMES = ['kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'res0', 'res1', 'res2', 'res3', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'];

/** Parses syslog text back into records (lines without a prefix continue the previous one). */
export function parseSyslogText(text: string): LogRecord[] {
  const out: LogRecord[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const m = /^<(\d+)>\[\s*(\d+)\.(\d{6})\] ?(.*)$/.exec(line);
    if (!m) {
      const last = out[out.length - 1];
      if (last) last.text += '\n' + line;
      continue;
    }
    const pri = Number(m[1]);
    out.push({ facility: pri >> 3, level: pri & 7, ts: BigInt(m[2]!) * 1000000000n + BigInt(m[3]!) * 1000n, text: m[4]! });
  }
  return out;
}

export interface DmesgFormat {
  /** -x: facility and level names before each line. */
  decode?: boolean;
  /** -r: the raw "<6>[...]" form. */
  raw?: boolean;
  /** -l: only these levels. */
  levels?: Set<number>;
}

/** util-linux dmesg's output for the records. */
export function formatDmesg(records: LogRecord[], f: DmesgFormat = {}): string {
  let out = '';
  for (const r of records) {
    if (f.levels && !f.levels.has(r.level)) continue;
    if (f.raw) {
      out += `<${(r.facility << 3) | r.level}>${timePrefix(r.ts)} ${r.text}\n`;
      continue;
    }
    const prefix = f.decode ? `${(FACILITY_NAMES[r.facility] ?? 'kern').padEnd(6)}:${LEVEL_NAMES[r.level]!.padEnd(6)}: ` : '';
    out += `${prefix}${timePrefix(r.ts)} ${r.text}\n`;
  }
  return out;
}

/** dmesg -l's list: names (emerg..debug) or numbers, comma-separated. Null if one is unknown. */
export function parseLevels(list: string): Set<number> | null {
  const out = new Set<number>();
  for (const w of list.split(',')) {
    const t = w.trim();
    if (t === '') continue;
    const n = /^\d$/.test(t) ? Number(t) : LEVEL_NAMES.indexOf(t);
    if (n < 0 || n > 7) return null;
    out.add(n);
  }
  return out;
}
