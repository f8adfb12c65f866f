// Loads a static x86-64 ELF executable into a fresh address space the way Linux's binfmt_elf
// does for a non-PIE static program: PT_LOAD segments at their addresses with their
// permissions (file bytes, then zeros up to memsz), the program break just past the last
// segment, and the initial stack (argc, argv, envp, auxv, strings) just under 0x7ffffffff000.
import { ElfFormatError, isElf, readElf, type ElfHeader, type ElfSegment } from '../../toolchain/elf/read.js';
import { ET_EXEC, PF_R, PF_W, PF_X, PT_LOAD } from '../../toolchain/elf/constants.js';
import { AddressSpace, canonical, PAGE_SIZE, PROT_EXEC, PROT_READ, PROT_USER, PROT_WRITE } from '../cpu/mmu.js';

export const STACK_TOP = 0x7ffffffff000;
/** The stack may grow down this far (RLIMIT_STACK's usual 8 MiB). */
export const STACK_LIMIT = 8 * 1024 * 1024;
const STACK_INITIAL = 128 * 1024;

export const AT_NULL = 0;
export const AT_PHDR = 3;
export const AT_PHENT = 4;
export const AT_PHNUM = 5;
export const AT_PAGESZ = 6;
export const AT_BASE = 7;
export const AT_ENTRY = 9;
export const AT_UID = 11;
export const AT_EUID = 12;
export const AT_GID = 13;
export const AT_EGID = 14;
export const AT_PLATFORM = 15;
export const AT_HWCAP = 16;
export const AT_CLKTCK = 17;
export const AT_SECURE = 23;
export const AT_RANDOM = 25;
export const AT_EXECFN = 31;

export class LoadError extends Error {}

export interface LoadedProgram {
  space: AddressSpace;
  entry: number;
  /** rsp at _start (16-byte aligned, pointing at argc). */
  sp: number;
  /** Start of the heap: the first page boundary after the highest segment. */
  brk: number;
  /** Lowest mapped stack address (the stack grows on demand down to STACK_TOP - STACK_LIMIT). */
  stackLow: number;
  /** The lowest PT_LOAD address and its extent, for `in prog[400000+1000]` in fault reports. */
  imageBase: number;
  imageSize: number;
  elf: ExecImage;
}

/** What the loader needs from an ELF file: like Linux's binfmt_elf, only the header and program headers. */
export interface ExecImage {
  header: Pick<ElfHeader, 'type' | 'entry' | 'phoff' | 'phnum'>;
  segments: ElfSegment[];
  bytes: Uint8Array;
}

/**
 * Reads the ELF header and program headers. The shared reader is used first; if it rejects the
 * file over its section headers (which a loader does not need: Linux ignores them), the program
 * headers are read directly.
 */
export function readExecutable(bytes: Uint8Array): ExecImage {
  try {
    return readElf(bytes);
  } catch (e) {
    if (!(e instanceof ElfFormatError) || !/section/.test(e.message) || !isElf(bytes) || bytes.length < 64) throw e;
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[4] !== 2 || bytes[5] !== 1 || dv.getUint16(18, true) !== 62) throw new ElfFormatError('not an x86-64 ELF64 file');
  const phoff = dv.getBigUint64(32, true);
  const phnum = dv.getUint16(56, true);
  const segments: ElfSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const o = Number(phoff) + i * 56;
    if (o + 56 > bytes.length) throw new ElfFormatError('truncated program header table');
    const offset = Number(dv.getBigUint64(o + 8, true));
    const filesz = Number(dv.getBigUint64(o + 32, true));
    if (offset + filesz > bytes.length) throw new ElfFormatError('segment lies outside the file');
    segments.push({
      type: dv.getUint32(o, true),
      flags: dv.getUint32(o + 4, true),
      offset,
      vaddr: dv.getBigUint64(o + 16, true),
      paddr: dv.getBigUint64(o + 24, true),
      filesz,
      memsz: Number(dv.getBigUint64(o + 40, true)),
      align: dv.getBigUint64(o + 48, true),
    });
  }
  return { header: { type: dv.getUint16(16, true), entry: dv.getBigUint64(24, true), phoff, phnum }, segments, bytes };
}

export interface LoadOptions {
  argv: string[];
  envp: string[];
  /** AT_EXECFN: the file name as given to execve. */
  execfn: string;
  uid?: number;
  gid?: number;
  /** The 16 AT_RANDOM bytes (deterministic by default; Linux uses real randomness). */
  random?: Uint8Array;
}

function pageDown(a: number): number {
  return Math.floor(a / PAGE_SIZE) * PAGE_SIZE;
}

function pageUp(a: number): number {
  return Math.ceil(a / PAGE_SIZE) * PAGE_SIZE;
}

export function loadProgram(bytes: Uint8Array, opts: LoadOptions): LoadedProgram {
  const elf = readExecutable(bytes);
  if (elf.header.type !== ET_EXEC) {
    throw new LoadError('not a static executable (ELF type is not EXEC; position-independent and shared objects are not supported)');
  }
  if (elf.segments.some((s) => s.type === 3 /* PT_INTERP */)) {
    throw new LoadError('dynamically linked programs are not supported (no dynamic loader in user mode); link it with -static');
  }
  const space = new AddressSpace();
  const loads = elf.segments.filter((s) => s.type === PT_LOAD);
  if (loads.length === 0) throw new LoadError('no loadable segments');
  let end = 0;
  let base = Infinity;
  // Map every page first (segments may share a page; the union of their permissions applies),
  // then copy the file bytes.
  for (const seg of loads) {
    const va = canonical(seg.vaddr);
    if (va === null || va < 0 || va + seg.memsz > STACK_TOP - STACK_LIMIT) throw new LoadError(`segment address 0x${seg.vaddr.toString(16)} is outside user space`);
    if (seg.filesz > seg.memsz) throw new LoadError('segment file size exceeds its memory size');
    let prot = PROT_USER;
    if (seg.flags & PF_R) prot |= PROT_READ;
    if (seg.flags & PF_W) prot |= PROT_WRITE | PROT_READ;
    if (seg.flags & PF_X) prot |= PROT_EXEC | PROT_READ;
    for (let p = pageDown(va); p < va + Math.max(seg.memsz, 1); p += PAGE_SIZE) {
      const m = space.lookup(p);
      space.map(p, PAGE_SIZE, (m ? m.prot : 0) | prot);
    }
    base = Math.min(base, pageDown(va));
    end = Math.max(end, va + seg.memsz);
  }
  for (const seg of loads) {
    const va = Number(seg.vaddr);
    if (seg.filesz > 0) space.writeBytes(va, elf.bytes.subarray(seg.offset, seg.offset + seg.filesz));
  }

  // The stack: strings at the top, then AT_RANDOM bytes, then the pointer vectors.
  const stackLow = STACK_TOP - STACK_INITIAL;
  space.map(stackLow, STACK_INITIAL, PROT_READ | PROT_WRITE | PROT_USER);
  const enc = new TextEncoder();
  let sp = STACK_TOP - 8; // Linux leaves the last word zero
  const putString = (s: string): number => {
    const b = enc.encode(s);
    sp -= b.length + 1;
    space.writeBytes(sp, b);
    space.writeBytes(sp + b.length, new Uint8Array([0]));
    return sp;
  };
  const execfnAddr = putString(opts.execfn);
  // Pushed last-first so that, as on Linux, argv[0]'s string is the lowest and the rest ascend.
  const envAddrs = [...opts.envp].reverse().map(putString).reverse();
  const argAddrs = [...opts.argv].reverse().map(putString).reverse();
  const platform = putString('x86_64');
  sp = Math.floor(sp / 16) * 16;
  sp -= 16;
  const random = opts.random ?? Uint8Array.from({ length: 16 }, (_, i) => (i * 37 + 11) & 0xff);
  space.writeBytes(sp, random);
  const randomAddr = sp;

  const phdr = loads.find((s) => Number(elf.header.phoff) >= s.offset && Number(elf.header.phoff) < s.offset + s.filesz);
  const phdrAddr = phdr ? Number(phdr.vaddr) + (Number(elf.header.phoff) - phdr.offset) : 0;
  const auxv: [number, number][] = [
    [AT_HWCAP, 0],
    [AT_PAGESZ, PAGE_SIZE],
    [AT_CLKTCK, 100],
    [AT_PHDR, phdrAddr],
    [AT_PHENT, 56],
    [AT_PHNUM, elf.header.phnum],
    [AT_BASE, 0],
    [AT_ENTRY, Number(elf.header.entry)],
    [AT_UID, opts.uid ?? 0],
    [AT_EUID, opts.uid ?? 0],
    [AT_GID, opts.gid ?? 0],
    [AT_EGID, opts.gid ?? 0],
    [AT_SECURE, 0],
    [AT_RANDOM, randomAddr],
    [AT_EXECFN, execfnAddr],
    [AT_PLATFORM, platform],
    [AT_NULL, 0],
  ];
  const words: number[] = [opts.argv.length, ...argAddrs, 0, ...envAddrs, 0];
  for (const [k, v] of auxv) words.push(k, v);
  sp -= words.length * 8;
  sp = Math.floor(sp / 16) * 16;
  const buf = new Uint8Array(words.length * 8);
  const dv = new DataView(buf.buffer);
  words.forEach((w, i) => dv.setBigUint64(i * 8, BigInt(w), true));
  space.writeBytes(sp, buf);

  const entry = canonical(elf.header.entry);
  if (entry === null) throw new LoadError('entry point is not a canonical address');
  return { space, entry, sp, brk: pageUp(end), stackLow, imageBase: base, imageSize: pageUp(end) - base, elf };
}
