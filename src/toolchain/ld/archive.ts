// System V / GNU `ar` archives, the format of libc.a: a "!<arch>\n" magic, then members, each
// behind a 60-byte text header (name/, date, uid, gid, mode, size, "`\n"), padded to an even offset.
// Two special members: "/" is the symbol index (big-endian count, member offsets, names), which
// the linker uses to decide which members to pull; "//" holds names longer than 15 characters,
// which members then reference as "/OFFSET". We write them deterministically (date 0, uid/gid 0,
// mode 644), as `ar rcsD` does.
import { ElfFormatError, isElf, readElf } from '../elf/read.js';
import * as C from '../elf/constants.js';

export interface ArchiveMember {
  name: string;
  data: Uint8Array;
}

export const ARMAG = '!<arch>\n';
const HDR = 60;

export class ArchiveFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveFormatError';
  }
}

export function isArchive(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  for (let i = 0; i < 8; i++) if (bytes[i] !== ARMAG.charCodeAt(i)) return false;
  return true;
}

function text(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** The members of an archive in order, without the symbol index and long-name table. */
export function readArchive(bytes: Uint8Array): ArchiveMember[] {
  if (!isArchive(bytes)) {
    if (bytes.length >= 8 && text(bytes, 0, 8) === '!<thin>\n') throw new ArchiveFormatError('thin archives are not supported');
    throw new ArchiveFormatError('file format not recognized');
  }
  const members: ArchiveMember[] = [];
  let longNames: Uint8Array | undefined;
  let o = 8;
  while (o < bytes.length) {
    if (bytes[o] === 0x0a && o + 1 === bytes.length) break; // trailing pad
    if (o + HDR > bytes.length) throw new ArchiveFormatError('malformed archive (truncated member header)');
    if (bytes[o + 58] !== 0x60 || bytes[o + 59] !== 0x0a) throw new ArchiveFormatError('malformed archive (bad member header)');
    const rawName = text(bytes, o, o + 16).trimEnd();
    const sizeText = text(bytes, o + 48, o + 58).trim();
    if (!/^\d+$/.test(sizeText)) throw new ArchiveFormatError('malformed archive (bad member size)');
    const size = Number(sizeText);
    const start = o + HDR;
    if (start + size > bytes.length) throw new ArchiveFormatError('malformed archive (member extends past the end of the file)');
    const data = bytes.subarray(start, start + size);
    o = start + size + (size & 1);
    if (rawName === '/' || rawName === '/SYM64/') continue;
    if (rawName === '//') {
      longNames = data;
      continue;
    }
    let name: string;
    if (/^\/\d+$/.test(rawName)) {
      const off = Number(rawName.slice(1));
      if (!longNames || off >= longNames.length) throw new ArchiveFormatError('malformed archive (bad long name reference)');
      let end = off;
      while (end < longNames.length && longNames[end] !== 0x0a) end++;
      name = text(longNames, off, end).replace(/\/$/, '');
    } else {
      name = rawName.endsWith('/') ? rawName.slice(0, -1) : rawName;
    }
    members.push({ name, data });
  }
  return members;
}

/** The global symbols an object defines (what the archive index lists for it). */
export function definedGlobals(data: Uint8Array): string[] {
  if (!isElf(data)) return [];
  let elf;
  try {
    elf = readElf(data);
  } catch (e) {
    if (e instanceof ElfFormatError) return [];
    throw e;
  }
  const out: string[] = [];
  for (const s of elf.symbols) {
    if (s.index === 0 || s.bind === C.STB_LOCAL || s.shndx === C.SHN_UNDEF) continue;
    if (s.name) out.push(s.name);
  }
  return out;
}

function field(s: string, width: number): string {
  return s.length >= width ? s.slice(0, width) : s + ' '.repeat(width - s.length);
}

function header(name: string, size: number, mode = '644'): Uint8Array {
  const h = field(name, 16) + field('0', 12) + field('0', 6) + field('0', 6) + field(mode, 8) + field(String(size), 10) + '`\n';
  return latin1(h);
}

function latin1(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return b;
}

/** A GNU archive with a symbol index, members in the given order (names are base names). */
export function writeArchive(members: readonly ArchiveMember[]): Uint8Array {
  // Long names first: their table's size shifts every member offset.
  let longTable = '';
  const headerNames = members.map((m) => {
    const base = m.name.slice(m.name.lastIndexOf('/') + 1);
    if (base.length <= 15) return base + '/';
    const ref = '/' + longTable.length;
    longTable += base + '/\n';
    return ref;
  });
  const symsPer = members.map((m) => definedGlobals(m.data));
  const allSyms = symsPer.flatMap((names, i) => names.map((n) => [n, i] as const));
  const symNames = allSyms.map(([n]) => n + '\0').join('');
  const symSize = 4 + 4 * allSyms.length + symNames.length;
  const even = (n: number) => n + (n & 1);

  let off = 8;
  const haveIndex = allSyms.length > 0;
  if (haveIndex) off += HDR + even(symSize);
  if (longTable) off += HDR + even(longTable.length);
  const memberOffsets: number[] = [];
  for (const m of members) {
    memberOffsets.push(off);
    off += HDR + even(m.data.length);
  }

  const out = new Uint8Array(off);
  let w = 0;
  const put = (b: Uint8Array) => {
    out.set(b, w);
    w += b.length;
  };
  const pad = () => {
    if (w & 1) out[w++] = 0x0a;
  };
  put(latin1(ARMAG));
  if (haveIndex) {
    put(header('/', symSize, '0'));
    const idx = new Uint8Array(4 + 4 * allSyms.length);
    const dv = new DataView(idx.buffer);
    dv.setUint32(0, allSyms.length, false);
    allSyms.forEach(([, i], k) => dv.setUint32(4 + 4 * k, memberOffsets[i]!, false));
    put(idx);
    put(latin1(symNames));
    pad();
  }
  if (longTable) {
    put(header('//', longTable.length, ''));
    // The "//" header carries only name and size; GNU leaves the other fields blank.
    out.fill(0x20, w - HDR + 16, w - HDR + 48);
    put(latin1(longTable));
    pad();
  }
  members.forEach((m, i) => {
    put(header(headerNames[i]!, m.data.length));
    put(m.data);
    pad();
  });
  return out;
}
