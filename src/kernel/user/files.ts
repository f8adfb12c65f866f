// File system calls in user mode, on the host's files (paths are the host's, as under qemu-user):
// open/creat/openat with the real flags and mode, positioned read/write/lseek, getcwd/chdir,
// unlink/mkdir/rmdir/rename/access, stat/fstat/lstat (x86-64 struct stat), dup/dup2/dup3,
// fcntl basics and pipes within the one process.
//
// Node has no lseek, so a regular file's offset is kept here (one record per open file
// description, shared by dup'ed descriptors) and reads/writes are positional.
import {
  accessSync,
  closeSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeSync,
  type BigIntStats,
} from 'node:fs';
import { constants } from 'node:os';
import { resolve } from 'node:path';
import type { SyscallContext } from './syscalls.js';

const EBADF = 9;
const EFAULT = 14;
const EINVAL = 22;
const ESPIPE = 29;
const ERANGE = 34;
const EMFILE = 24;
const ENOENT = 2;
const EAGAIN = 11;
const EPIPE = 32;

/** An open file description kept by the emulator: a host descriptor, or one end of a pipe. */
export interface OpenFile {
  /** Host descriptor, or -1 for a pipe end. */
  host: number;
  /** File offset for regular files (positional I/O); null for streams (ttys, host pipes). */
  pos: number | null;
  /** The open(2) flags, for fcntl(F_GETFL). */
  flags: number;
  /** Guest descriptors referring to it. */
  refs: number;
  pipe: Pipe | null;
  pipeEnd: 'r' | 'w' | null;
}

/** A pipe inside the process: bytes written wait in a queue until read. */
interface Pipe {
  chunks: Uint8Array[];
  readers: number;
  writers: number;
}

/** The Linux errno for a Node fs error (the host is Linux x86-64: the same numbers). */
export function errnoOf(e: unknown): number {
  const code = (e as NodeJS.ErrnoException).code;
  const n = code ? (constants.errno as Record<string, number>)[code] : undefined;
  return n ?? 5; // EIO
}

function fail(e: unknown): bigint {
  return -BigInt(errnoOf(e));
}

/** A guest path made absolute against the guest's working directory. */
function hostPath(ctx: SyscallContext, a: number | null): string | bigint {
  const name = ctx.readString(a);
  if (name === null) return -BigInt(EFAULT);
  if (name === '') return -BigInt(ENOENT);
  return resolve(ctx.p.cwd, name);
}

/** The flags open(2) passes on to the host: access mode and the file-creation/status flags. */
const PASS_FLAGS = 0o3 | 0o100 | 0o200 | 0o1000 | 0o2000 | 0o4000 | 0o200000 | 0o400000 | 0o2000000;

export function sysOpenAt(ctx: SyscallContext, dirfd: number, pathArg: number | null, flags: number, mode: number): bigint {
  const path = hostPath(ctx, pathArg);
  if (typeof path === 'bigint') return path;
  const raw = ctx.readString(pathArg)!;
  if (dirfd !== -100 && !raw.startsWith('/')) return -BigInt(EBADF); // only AT_FDCWD-relative paths are emulated
  let host: number;
  try {
    host = openSync(path, flags & PASS_FLAGS, mode & 0o7777);
  } catch (e) {
    return fail(e);
  }
  let regular = false;
  try {
    regular = fstatSync(host).isFile();
  } catch {
    /* keep it a stream */
  }
  const f: OpenFile = { host, pos: regular ? 0 : null, flags: flags & ~0o2000000, refs: 0, pipe: null, pipeEnd: null };
  const fd = ctx.p.installFile(f, 0);
  if (fd < 0) {
    closeSync(host);
    return -BigInt(EMFILE);
  }
  return BigInt(fd);
}

/** read(2) on an emulator-kept file; null if the descriptor is a plain host stream. */
export function readFile(f: OpenFile, buf: Uint8Array): number {
  if (f.pipe !== null) {
    if (f.pipeEnd !== 'r') return -EBADF;
    const p = f.pipe;
    let n = 0;
    while (n < buf.length && p.chunks.length > 0) {
      const c = p.chunks[0]!;
      const k = Math.min(c.length, buf.length - n);
      buf.set(c.subarray(0, k), n);
      n += k;
      if (k === c.length) p.chunks.shift();
      else p.chunks[0] = c.subarray(k);
    }
    // An empty pipe with a writer would block forever in a single process: report EAGAIN.
    if (n === 0 && p.writers > 0 && buf.length > 0) return -EAGAIN;
    return n;
  }
  if ((f.flags & 3) === 1) return -EBADF;
  try {
    const n = readSync(f.host, buf, 0, buf.length, f.pos);
    if (f.pos !== null) f.pos += n;
    return n;
  } catch (e) {
    return -errnoOf(e);
  }
}

export function writeFile(f: OpenFile, bytes: Uint8Array): number {
  if (f.pipe !== null) {
    if (f.pipeEnd !== 'w') return -EBADF;
    if (f.pipe.readers === 0) return -EPIPE;
    f.pipe.chunks.push(bytes.slice());
    return bytes.length;
  }
  if ((f.flags & 3) === 0) return -EBADF;
  try {
    if (f.pos !== null && (f.flags & 0o2000) !== 0) f.pos = fstatSync(f.host).size;
    let done = 0;
    while (done < bytes.length) done += writeSync(f.host, bytes, done, bytes.length - done, f.pos === null ? null : f.pos + done);
    if (f.pos !== null) f.pos += done;
    return done;
  } catch (e) {
    return -errnoOf(e);
  }
}

export function sysLseek(ctx: SyscallContext, fd: number, offset: bigint, whence: number): bigint {
  const f = ctx.p.file(fd);
  if (f === null) return ctx.p.hostFd(fd, 'r') === null ? -BigInt(EBADF) : -BigInt(ESPIPE);
  if (f.pos === null) return -BigInt(ESPIPE);
  let base: number;
  if (whence === 0) base = 0;
  else if (whence === 1) base = f.pos;
  else if (whence === 2) {
    try {
      base = fstatSync(f.host).size;
    } catch (e) {
      return fail(e);
    }
  } else return -BigInt(EINVAL);
  const next = BigInt(base) + BigInt.asIntN(64, offset);
  if (next < 0n) return -BigInt(EINVAL);
  f.pos = Number(next);
  return next;
}

/** Releases one guest reference to an open file; the host descriptor closes with the last. */
export function release(f: OpenFile): void {
  if (--f.refs > 0) return;
  if (f.pipe !== null) {
    if (f.pipeEnd === 'r') f.pipe.readers--;
    else f.pipe.writers--;
    return;
  }
  try {
    closeSync(f.host);
  } catch {
    /* already gone */
  }
}

export function sysPipe(ctx: SyscallContext, out: number | null, flags: number): bigint {
  if (flags & ~0o2004000) return -BigInt(EINVAL);
  const pipe: Pipe = { chunks: [], readers: 1, writers: 1 };
  const r: OpenFile = { host: -1, pos: null, flags: 0, refs: 0, pipe, pipeEnd: 'r' };
  const w: OpenFile = { host: -1, pos: null, flags: 1, refs: 0, pipe, pipeEnd: 'w' };
  const fr = ctx.p.installFile(r, 0);
  const fw = fr < 0 ? -1 : ctx.p.installFile(w, 0);
  if (fr < 0 || fw < 0) {
    if (fr >= 0) ctx.p.closeFd(fr);
    return -BigInt(EMFILE);
  }
  const b = new Uint8Array(8);
  const dv = new DataView(b.buffer);
  dv.setInt32(0, fr, true);
  dv.setInt32(4, fw, true);
  if (!ctx.writeUser(out, b)) {
    ctx.p.closeFd(fr);
    ctx.p.closeFd(fw);
    return -BigInt(EFAULT);
  }
  return 0n;
}

export function sysGetcwd(ctx: SyscallContext, buf: number | null, size: bigint): bigint {
  const bytes = Buffer.from(ctx.p.cwd + '\0', 'utf8');
  if (size < BigInt(bytes.length)) return -BigInt(ERANGE);
  if (!ctx.writeUser(buf, bytes)) return -BigInt(EFAULT);
  return BigInt(bytes.length);
}

export function sysChdir(ctx: SyscallContext, pathArg: number | null): bigint {
  const path = hostPath(ctx, pathArg);
  if (typeof path === 'bigint') return path;
  try {
    if (!statSync(path).isDirectory()) return -20n; // ENOTDIR
    accessSync(path, 1); // X_OK: search permission
  } catch (e) {
    return fail(e);
  }
  ctx.p.cwd = path;
  return 0n;
}

/** unlink, rmdir, mkdir, access: one path (and a number) each. */
export function sysPathOp(ctx: SyscallContext, op: 'unlink' | 'rmdir' | 'mkdir' | 'access', pathArg: number | null, arg: number): bigint {
  const path = hostPath(ctx, pathArg);
  if (typeof path === 'bigint') return path;
  try {
    if (op === 'unlink') {
      // Linux unlink(2) of a directory is EISDIR; Node's unlinkSync may report EPERM.
      if (lstatSync(path).isDirectory()) return -21n;
      unlinkSync(path);
    } else if (op === 'rmdir') rmdirSync(path);
    else if (op === 'mkdir') mkdirSync(path, { mode: arg & 0o7777 });
    else {
      if (arg & ~7) return -BigInt(EINVAL);
      accessSync(path, arg);
    }
  } catch (e) {
    return fail(e);
  }
  return 0n;
}

export function sysRename(ctx: SyscallContext, from: number | null, to: number | null): bigint {
  const a = hostPath(ctx, from);
  if (typeof a === 'bigint') return a;
  const b = hostPath(ctx, to);
  if (typeof b === 'bigint') return b;
  try {
    renameSync(a, b);
  } catch (e) {
    return fail(e);
  }
  return 0n;
}

/** struct stat as the x86-64 kernel lays it out (144 bytes). */
function packStat(s: BigIntStats): Uint8Array {
  const out = new Uint8Array(144);
  const dv = new DataView(out.buffer);
  dv.setBigUint64(0, s.dev, true);
  dv.setBigUint64(8, s.ino, true);
  dv.setBigUint64(16, s.nlink, true);
  dv.setUint32(24, Number(s.mode), true);
  dv.setUint32(28, Number(s.uid), true);
  dv.setUint32(32, Number(s.gid), true);
  dv.setBigUint64(40, s.rdev, true);
  dv.setBigInt64(48, s.size, true);
  dv.setBigInt64(56, s.blksize, true);
  dv.setBigInt64(64, s.blocks, true);
  const times = [s.atimeNs, s.mtimeNs, s.ctimeNs];
  times.forEach((t, i) => {
    dv.setBigInt64(72 + i * 16, t / 1000000000n, true);
    dv.setBigInt64(80 + i * 16, t % 1000000000n, true);
  });
  return out;
}

export function sysStat(ctx: SyscallContext, kind: 'stat' | 'lstat', pathArg: number | null, buf: number | null): bigint {
  const path = hostPath(ctx, pathArg);
  if (typeof path === 'bigint') return path;
  let s: BigIntStats;
  try {
    s = kind === 'stat' ? statSync(path, { bigint: true }) : lstatSync(path, { bigint: true });
  } catch (e) {
    return fail(e);
  }
  return ctx.writeUser(buf, packStat(s)) ? 0n : -BigInt(EFAULT);
}

export function sysFstat(ctx: SyscallContext, fd: number, buf: number | null): bigint {
  const f = ctx.p.file(fd);
  const host = f !== null ? f.host : ctx.p.hostFd(fd, 'r');
  if (host === null) return -BigInt(EBADF);
  if (f !== null && f.pipe !== null) {
    // A FIFO of our own: S_IFIFO | 0600, nothing else known.
    const out = new Uint8Array(144);
    const dv = new DataView(out.buffer);
    dv.setBigUint64(16, 1n, true);
    dv.setUint32(24, 0o10600, true);
    dv.setBigInt64(56, 4096n, true);
    return ctx.writeUser(buf, out) ? 0n : -BigInt(EFAULT);
  }
  let s: BigIntStats;
  try {
    s = fstatSync(host, { bigint: true });
  } catch (e) {
    return fail(e);
  }
  return ctx.writeUser(buf, packStat(s)) ? 0n : -BigInt(EFAULT);
}

/** dup / dup2 / dup3 / fcntl(F_DUPFD). */
export function sysDup(ctx: SyscallContext, oldfd: number, newfd: number | null, min = 0): bigint {
  if (!ctx.p.fds.has(oldfd)) return -BigInt(EBADF);
  if (newfd === null) {
    const fd = ctx.p.dupFd(oldfd, min);
    return fd < 0 ? -BigInt(EMFILE) : BigInt(fd);
  }
  if (newfd < 0 || newfd >= 1024) return -BigInt(EBADF);
  if (newfd === oldfd) return BigInt(newfd);
  if (ctx.p.fds.has(newfd)) ctx.p.closeFd(newfd);
  ctx.p.dupFd(oldfd, newfd, true);
  return BigInt(newfd);
}

export function sysFcntl(ctx: SyscallContext, fd: number, cmd: number, arg: bigint): bigint {
  if (!ctx.p.fds.has(fd)) return -BigInt(EBADF);
  switch (cmd) {
    case 0: // F_DUPFD
    case 1030: // F_DUPFD_CLOEXEC
      return sysDup(ctx, fd, null, Number(BigInt.asIntN(32, arg)));
    case 1: // F_GETFD
    case 2: // F_SETFD (close-on-exec: no exec here)
      return 0n;
    case 3: {
      // F_GETFL
      const f = ctx.p.file(fd);
      return BigInt(f !== null ? f.flags : fd === 0 ? 0 : fd <= 2 ? 1 : 2);
    }
    case 4: {
      // F_SETFL: only O_APPEND and O_NONBLOCK may change.
      const f = ctx.p.file(fd);
      if (f !== null) f.flags = (f.flags & ~0o4000 & ~0o2000) | (Number(arg & 0xffffffffn) & (0o4000 | 0o2000));
      return 0n;
    }
  }
  return -BigInt(EINVAL);
}
