// The initramfs: a cpio archive in the "newc" format (070701, ASCII hex header fields), as the
// kernel's init/initramfs.c unpacks it and `cpio -t` lists it. Each entry is a 110-byte header,
// the NUL-terminated name padded to 4 bytes, then the data padded to 4 bytes; "TRAILER!!!" ends
// the archive.

export interface CpioEntry {
  /** Path without the leading slash ("init", "bin/sh"). */
  name: string;
  /** File type and permission bits (0o100755 for an executable, 0o040755 for a directory). */
  mode: number;
  data: Uint8Array;
}

export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;
const MAGIC = '070701';
const TRAILER = 'TRAILER!!!';

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** Writes entries in order; the caller lists directories before what they contain. */
export function writeCpio(entries: CpioEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  let size = 0;
  const push = (b: Uint8Array): void => {
    parts.push(b);
    size += b.length;
  };
  const pad = (): void => {
    const n = (4 - (size % 4)) % 4;
    if (n) push(new Uint8Array(n));
  };
  let ino = 721;
  const all = [...entries, { name: TRAILER, mode: 0, data: new Uint8Array(0) }];
  for (const e of all) {
    const name = enc.encode(e.name + '\0');
    const isTrailer = e.name === TRAILER;
    const fields = [
      isTrailer ? 0 : ino++, // c_ino
      e.mode, // c_mode
      0, // c_uid
      0, // c_gid
      isTrailer ? 1 : (e.mode & S_IFDIR) !== 0 ? 2 : 1, // c_nlink
      0, // c_mtime: fixed, so the same inputs give the same bytes
      e.data.length, // c_filesize
      0, // c_devmajor
      0, // c_devminor
      0, // c_rdevmajor
      0, // c_rdevminor
      name.length, // c_namesize
      0, // c_check
    ];
    push(enc.encode(MAGIC + fields.map(hex8).join('')));
    push(name);
    pad();
    push(e.data);
    pad();
  }
  const out = new Uint8Array(size);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

export class CpioError extends Error {}

/** Reads a newc archive (the format writeCpio writes and `cpio -o -H newc` produces). */
export function readCpio(bytes: Uint8Array): CpioEntry[] {
  const dec = new TextDecoder('latin1');
  const out: CpioEntry[] = [];
  let off = 0;
  const align = (n: number): number => (n + 3) & ~3;
  while (off + 110 <= bytes.length) {
    const head = dec.decode(bytes.subarray(off, off + 110));
    if (!head.startsWith(MAGIC) && !head.startsWith('070702')) throw new CpioError(`not a cpio newc archive (bad magic at offset ${off})`);
    const field = (i: number): number => parseInt(head.slice(6 + i * 8, 14 + i * 8), 16);
    const mode = field(1);
    const filesize = field(6);
    const namesize = field(11);
    const nameStart = off + 110;
    const name = dec.decode(bytes.subarray(nameStart, nameStart + namesize - 1));
    const dataStart = align(nameStart + namesize);
    if (dataStart + filesize > bytes.length) throw new CpioError(`cpio archive is truncated in '${name}'`);
    if (name === TRAILER) return out;
    out.push({ name: name.replace(/^\.?\/+/, ''), mode, data: bytes.slice(dataStart, dataStart + filesize) });
    off = align(dataStart + filesize);
  }
  throw new CpioError('cpio archive has no TRAILER!!! entry');
}
