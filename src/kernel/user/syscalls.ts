// Host emulation of the Linux system calls a static program makes (like qemu-user): the x86-64
// table reached by `syscall`, and the i386 table reached by `int $0x80` with 32-bit registers.
// Every pointer is checked against the guest's mappings first: unmapped, kernel or read-only
// (for output) memory gives -EFAULT, exactly where Linux would.
import { readSync, writeSync } from 'node:fs';
import { hostname, release, version } from 'node:os';
import { readFileSync } from 'node:fs';
import { isatty } from 'node:tty';
import { PAGE_SIZE, PROT_EXEC, PROT_READ, PROT_USER, PROT_WRITE } from '../cpu/mmu.js';
import type { UserProcess } from './process.js';
import { ignoredByDefault, SIGKILL, SIGSTOP } from './signals.js';
import { readFile, sysChdir, sysDup, sysFcntl, sysFstat, sysGetcwd, sysLseek, sysOpenAt, sysPathOp, sysPipe, sysRename, sysStat, writeFile } from './files.js';

export const EPERM = 1;
export const ENOENT = 2;
export const ESRCH = 3;
export const EINTR = 4;
export const EBADF = 9;
export const ENOMEM = 12;
export const EFAULT = 14;
export const EINVAL = 22;
export const ENOTTY = 25;
export const ESPIPE = 29;
export const ENOSYS = 38;

const USER_READ = PROT_READ | PROT_USER;
const USER_WRITE = PROT_WRITE | PROT_READ | PROT_USER;

/** A syscall's arguments as the kernel sees them: bigints (registers are 64-bit). */
export type Args = bigint[];

function utsFields(): string[] {
  let domain = '(none)';
  try {
    domain = readFileSync('/proc/sys/kernel/domainname', 'utf8').trim() || domain;
  } catch {
    /* not Linux: keep the kernel's default */
  }
  return ['Linux', hostname(), release(), version(), 'x86_64', domain];
}

/** struct utsname packed with `len`-byte fields (65 for new_utsname/old_utsname, 9 for oldold). */
export function packUtsname(len: number, count: number): Uint8Array {
  const out = new Uint8Array(len * count);
  const enc = new TextEncoder();
  utsFields()
    .slice(0, count)
    .forEach((f, i) => out.set(enc.encode(f).subarray(0, len - 1), i * len));
  return out;
}

/** Converts a pointer argument to an address, or null if it cannot be a user address. */
function ptr(v: bigint): number | null {
  if (v >= 0x800000000000n) return null; // the kernel half and non-canonical
  return Number(v);
}

export class SyscallContext {
  constructor(readonly p: UserProcess) {}

  /** Guest bytes [a, a+len) if readable by the user, else null (→ EFAULT). */
  readUser(a: number | null, len: number): Uint8Array | null {
    if (a === null) return null;
    if (len === 0) return new Uint8Array(0);
    if (!this.p.space.check(a, len, USER_READ)) return null;
    return this.p.space.readBytes(a, len);
  }

  writeUser(a: number | null, bytes: Uint8Array): boolean {
    if (a === null) return false;
    if (bytes.length === 0) return true;
    if (!this.p.space.check(a, bytes.length, USER_WRITE)) return false;
    this.p.space.writeBytes(a, bytes);
    return true;
  }

  readString(a: number | null, max = 4096): string | null {
    if (a === null) return null;
    const out: number[] = [];
    for (let i = 0; i < max; i++) {
      const b = this.readUser(a + i, 1);
      if (!b) return null;
      if (b[0] === 0) return Buffer.from(out).toString('utf8');
      out.push(b[0]!);
    }
    return null;
  }
}

/** The x86-64 table. Returns the value for rax (negative errno on failure). */
export function syscall64(p: UserProcess, nr: bigint, a: Args): bigint {
  const ctx = new SyscallContext(p);
  const n = nr > 0xffffffffn ? -1 : Number(nr);
  switch (n) {
    case 0: // read
      return sysRead(ctx, a[0]!, ptr(a[1]!), a[2]!);
    case 1: // write
      return sysWrite(ctx, a[0]!, ptr(a[1]!), a[2]!);
    case 2: // open
      return sysOpenAt(ctx, -100, ptr(a[0]!), Number(a[1]! & 0xffffffffn), Number(a[2]! & 0xffffffffn));
    case 257: // openat
      return sysOpenAt(ctx, fdNum(a[0]!), ptr(a[1]!), Number(a[2]! & 0xffffffffn), Number(a[3]! & 0xffffffffn));
    case 85: // creat
      return sysOpenAt(ctx, -100, ptr(a[0]!), 0o1101, Number(a[1]! & 0xffffffffn));
    case 3: // close
      return sysClose(ctx, a[0]!);
    case 4: // stat
      return sysStat(ctx, 'stat', ptr(a[0]!), ptr(a[1]!));
    case 5: // fstat
      return sysFstat(ctx, fdNum(a[0]!), ptr(a[1]!));
    case 6: // lstat
      return sysStat(ctx, 'lstat', ptr(a[0]!), ptr(a[1]!));
    case 8: // lseek
      return sysLseek(ctx, fdNum(a[0]!), a[1]!, Number(a[2]! & 0xffffffffn));
    case 21: // access
      return sysPathOp(ctx, 'access', ptr(a[0]!), Number(a[1]! & 0xffffffffn));
    case 22: // pipe
      return sysPipe(ctx, ptr(a[0]!), 0);
    case 293: // pipe2
      return sysPipe(ctx, ptr(a[0]!), Number(a[1]! & 0xffffffffn));
    case 32: // dup
      return sysDup(ctx, fdNum(a[0]!), null);
    case 33: // dup2
      return sysDup(ctx, fdNum(a[0]!), fdNum(a[1]!));
    case 292: // dup3
      if (fdNum(a[0]!) === fdNum(a[1]!)) return -BigInt(EINVAL);
      return sysDup(ctx, fdNum(a[0]!), fdNum(a[1]!));
    case 72: // fcntl
      return sysFcntl(ctx, fdNum(a[0]!), Number(a[1]! & 0xffffffffn), a[2]!);
    case 79: // getcwd
      return sysGetcwd(ctx, ptr(a[0]!), a[1]!);
    case 80: // chdir
      return sysChdir(ctx, ptr(a[0]!));
    case 82: // rename
      return sysRename(ctx, ptr(a[0]!), ptr(a[1]!));
    case 83: // mkdir
      return sysPathOp(ctx, 'mkdir', ptr(a[0]!), Number(a[1]! & 0xffffffffn));
    case 84: // rmdir
      return sysPathOp(ctx, 'rmdir', ptr(a[0]!), 0);
    case 87: // unlink
      return sysPathOp(ctx, 'unlink', ptr(a[0]!), 0);
    case 95: // umask
      return BigInt(process.umask(Number(a[0]! & 0o777n)));
    case 56: // clone
    case 57: // fork
    case 58: // vfork
    case 59: // execve
      return notSupported(ctx, n === 59 ? 'execve' : 'fork');
    case 9: // mmap
      return sysMmap(ctx, a);
    case 10: // mprotect
      return 0n;
    case 11: // munmap
      return sysMunmap(ctx, a);
    case 12: // brk
      return BigInt(p.setBrk(a[0]!));
    case 13: // rt_sigaction
      return sysSigaction(ctx, Number(a[0]! & 0xffffffffn), ptr(a[1]!), a[1] === 0n, ptr(a[2]!), a[2] === 0n);
    case 14: // rt_sigprocmask
      return sysSigprocmask(ctx, a);
    case 16: // ioctl
      return sysIoctl(ctx, a[0]!, a[1]!, ptr(a[2]!));
    case 20: // writev
      return sysWritev(ctx, a[0]!, ptr(a[1]!), a[2]!);
    case 24: // sched_yield
      return 0n;
    case 35: // nanosleep
      return sysNanosleep(ctx, ptr(a[0]!));
    case 39: // getpid
      return BigInt(p.pid);
    case 60: // exit
    case 231: // exit_group
      p.exit(Number(a[0]! & 0xffn));
      return 0n;
    case 62: // kill
      return sysKill(ctx, BigInt.asIntN(32, a[0]!), Number(a[1]! & 0xffffffffn));
    case 63: // uname
      return ctx.writeUser(ptr(a[0]!), packUtsname(65, 6)) ? 0n : -BigInt(EFAULT);
    case 102: // getuid
    case 107: // geteuid
      return BigInt(p.uid);
    case 104: // getgid
    case 108: // getegid
      return BigInt(p.gid);
    case 110: // getppid
      return BigInt(p.ppid);
    case 158: // arch_prctl
      return sysArchPrctl(ctx, a[0]!, a[1]!);
    case 186: // gettid
      return BigInt(p.pid);
    case 201: // time
      return BigInt(Math.floor(Date.now() / 1000));
    case 218: // set_tid_address
      return BigInt(p.pid);
    case 228: // clock_gettime
      return sysClockGettime(ctx, ptr(a[1]!));
    case 234: // tgkill
      return sysKill(ctx, BigInt.asIntN(32, a[1]!), Number(a[2]! & 0xffffffffn));
  }
  return -BigInt(ENOSYS);
}

/**
 * The i386 table, reached by `int $0x80`: number in eax, arguments in ebx, ecx, edx, esi, edi, ebp,
 * each zero-extended from 32 bits (so a pointer above 4 GiB arrives truncated).
 */
export function syscall32(p: UserProcess, nr: number, a: Args): bigint {
  const ctx = new SyscallContext(p);
  switch (nr) {
    case 1: // exit
    case 252: // exit_group
      p.exit(Number(a[0]! & 0xffn));
      return 0n;
    case 3: // read
      return sysRead(ctx, a[0]!, ptr(a[1]!), a[2]!);
    case 4: // write
      return sysWrite(ctx, a[0]!, ptr(a[1]!), a[2]!);
    case 6: // close
      return sysClose(ctx, a[0]!);
    case 20: // getpid
      return BigInt(p.pid);
    case 24: // getuid
    case 49: // geteuid
      return BigInt(p.uid);
    case 37: // kill
      return sysKill(ctx, BigInt.asIntN(32, a[0]!), Number(a[1]!));
    case 45: // brk
      return BigInt(p.setBrk(a[0]!));
    case 59: {
      // oldolduname: five 9-byte fields, each cut to 8 characters and NUL-terminated.
      return ctx.writeUser(ptr(a[0]!), packUtsname(9, 5)) ? 0n : -BigInt(EFAULT);
    }
    case 64: // getppid
      return BigInt(p.ppid);
    case 109: // olduname: five 65-byte fields
      return ctx.writeUser(ptr(a[0]!), packUtsname(65, 5)) ? 0n : -BigInt(EFAULT);
    case 122: // uname (new_utsname: six 65-byte fields)
      return ctx.writeUser(ptr(a[0]!), packUtsname(65, 6)) ? 0n : -BigInt(EFAULT);
    case 162: // nanosleep
      return sysNanosleep(ctx, ptr(a[0]!));
  }
  return -BigInt(ENOSYS);
}

function fdNum(v: bigint): number {
  const fd = Number(BigInt.asIntN(32, v));
  return fd;
}

function sysWrite(ctx: SyscallContext, fdArg: bigint, buf: number | null, countArg: bigint): bigint {
  const fd = ctx.p.hostFd(fdNum(fdArg), 'w');
  if (fd === null) return -BigInt(EBADF);
  const count = countArg > 0x7ffff000n ? 0x7ffff000 : Number(countArg);
  const bytes = ctx.readUser(buf, count);
  if (!bytes) return -BigInt(EFAULT);
  const f = ctx.p.file(fdNum(fdArg));
  if (f !== null) {
    const r = writeFile(f, bytes);
    if (r === -32) ctx.p.killedBy(13); // EPIPE: SIGPIPE as well
    return BigInt(r);
  }
  return BigInt(ctx.p.hostWrite(fd, bytes));
}

function sysWritev(ctx: SyscallContext, fdArg: bigint, iov: number | null, cntArg: bigint): bigint {
  const fd = ctx.p.hostFd(fdNum(fdArg), 'w');
  if (fd === null) return -BigInt(EBADF);
  if (cntArg > 1024n) return -BigInt(EINVAL);
  const cnt = Number(cntArg);
  const vec = ctx.readUser(iov, cnt * 16);
  if (!vec) return -BigInt(EFAULT);
  const dv = new DataView(vec.buffer, vec.byteOffset, vec.byteLength);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < cnt; i++) {
    const base = dv.getBigUint64(i * 16, true);
    const len = dv.getBigUint64(i * 16 + 8, true);
    if (len > 0x7ffff000n) return -BigInt(EINVAL);
    const b = ctx.readUser(ptr(base), Number(len));
    if (!b) return -BigInt(EFAULT);
    parts.push(b);
  }
  const f = ctx.p.file(fdNum(fdArg));
  if (f !== null) return BigInt(writeFile(f, Buffer.concat(parts)));
  return BigInt(ctx.p.hostWrite(fd, Buffer.concat(parts)));
}

function sysRead(ctx: SyscallContext, fdArg: bigint, buf: number | null, countArg: bigint): bigint {
  const fd = ctx.p.hostFd(fdNum(fdArg), 'r');
  if (fd === null) return -BigInt(EBADF);
  const count = countArg > 0x7ffff000n ? 0x7ffff000 : Number(countArg);
  if (count === 0) return 0n;
  // Like Linux: a kernel address fails at once; an unmapped user buffer only when data arrives.
  if (buf === null) return -BigInt(EFAULT);
  const tmp = Buffer.alloc(Math.min(count, 1 << 20));
  let n: number;
  const f = ctx.p.file(fdNum(fdArg));
  if (f !== null) {
    n = readFile(f, tmp);
    if (n <= 0) return BigInt(n);
    if (!ctx.p.space.check(buf, n, USER_WRITE)) return -BigInt(EFAULT);
    ctx.p.space.writeBytes(buf, tmp.subarray(0, n));
    return BigInt(n);
  }
  for (;;) {
    try {
      n = readSync(fd, tmp, 0, tmp.length, null);
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') return 0n;
      if (code === 'EISDIR') return -21n;
      return -BigInt(EINVAL);
    }
  }
  if (n === 0) return 0n;
  if (!ctx.p.space.check(buf, n, USER_WRITE)) return -BigInt(EFAULT);
  ctx.p.space.writeBytes(buf, tmp.subarray(0, n));
  return BigInt(n);
}

function sysClose(ctx: SyscallContext, fdArg: bigint): bigint {
  return ctx.p.closeFd(fdNum(fdArg)) ? 0n : -BigInt(EBADF);
}

/** fork/clone/execve: one process is all user mode runs; said plainly once, like qemu-user's notes. */
function notSupported(ctx: SyscallContext, what: string): bigint {
  if (!ctx.p.notedUnsupported.has(what)) {
    ctx.p.notedUnsupported.add(what);
    ctx.p.note(`kwb run --user-mode: ${what} is not supported in user mode; use kwb run (booted kernel)`);
  }
  return -BigInt(ENOSYS);
}

function sysIoctl(ctx: SyscallContext, fdArg: bigint, req: bigint, arg: number | null): bigint {
  const fd = ctx.p.hostFd(fdNum(fdArg), 'r') ?? ctx.p.hostFd(fdNum(fdArg), 'w');
  if (fd === null) return -BigInt(EBADF);
  const TCGETS = 0x5401n;
  const TIOCGWINSZ = 0x5413n;
  if (req !== TCGETS && req !== TIOCGWINSZ) return -BigInt(ENOTTY);
  if (!isatty(fd)) return -BigInt(ENOTTY);
  if (req === TCGETS) {
    // struct termios (36 bytes): a cooked terminal's usual flags.
    const t = new Uint8Array(36);
    const dv = new DataView(t.buffer);
    dv.setUint32(0, 0x500, true); // ICRNL | IXON
    dv.setUint32(4, 0x5, true); // OPOST | ONLCR
    dv.setUint32(8, 0xbf, true); // B38400 | CS8 | CREAD
    dv.setUint32(12, 0x8a3b, true); // ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN
    return ctx.writeUser(arg, t) ? 0n : -BigInt(EFAULT);
  }
  const ws = new Uint8Array(8);
  const dv = new DataView(ws.buffer);
  const out = process.stdout;
  dv.setUint16(0, out.rows || 24, true);
  dv.setUint16(2, out.columns || 80, true);
  return ctx.writeUser(arg, ws) ? 0n : -BigInt(EFAULT);
}

function sysNanosleep(ctx: SyscallContext, req: number | null): bigint {
  const ts = ctx.readUser(req, 16);
  if (!ts) return -BigInt(EFAULT);
  const dv = new DataView(ts.buffer, ts.byteOffset, 16);
  const sec = dv.getBigInt64(0, true);
  const nsec = dv.getBigInt64(8, true);
  if (sec < 0n || nsec < 0n || nsec >= 1000000000n) return -BigInt(EINVAL);
  const ms = Number(sec) * 1000 + Number(nsec) / 1e6;
  const wait = Math.min(ms, ctx.p.remainingMs());
  if (wait > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
  return 0n;
}

function sysClockGettime(ctx: SyscallContext, tp: number | null): bigint {
  const now = process.hrtime.bigint();
  const wall = BigInt(Date.now()) * 1000000n + (now % 1000000n);
  const t = new Uint8Array(16);
  const dv = new DataView(t.buffer);
  dv.setBigInt64(0, wall / 1000000000n, true);
  dv.setBigInt64(8, wall % 1000000000n, true);
  return ctx.writeUser(tp, t) ? 0n : -BigInt(EFAULT);
}

function sysArchPrctl(ctx: SyscallContext, code: bigint, addr: bigint): bigint {
  const ARCH_SET_GS = 0x1001n;
  const ARCH_SET_FS = 0x1002n;
  const ARCH_GET_FS = 0x1003n;
  const ARCH_GET_GS = 0x1004n;
  const cpu = ctx.p.cpu;
  if (code === ARCH_SET_FS || code === ARCH_SET_GS) {
    const a = ptr(addr);
    if (a === null) return -1n; // EPERM, as Linux answers a kernel address
    if (code === ARCH_SET_FS) cpu.fsBase = a;
    else cpu.gsBase = a;
    return 0n;
  }
  if (code === ARCH_GET_FS || code === ARCH_GET_GS) {
    const v = BigInt.asUintN(64, BigInt(code === ARCH_GET_FS ? cpu.fsBase : cpu.gsBase));
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, v, true);
    return ctx.writeUser(ptr(addr), b) ? 0n : -BigInt(EFAULT);
  }
  return -BigInt(EINVAL);
}

function sysSigaction(ctx: SyscallContext, sig: number, act: number | null, actNull: boolean, old: number | null, oldNull: boolean): bigint {
  if (sig < 1 || sig > 64) return -BigInt(EINVAL);
  if (!actNull && (sig === SIGKILL || sig === SIGSTOP)) return -BigInt(EINVAL);
  let next: Uint8Array | null = null;
  if (!actNull) {
    next = ctx.readUser(act, 32);
    if (!next) return -BigInt(EFAULT);
  }
  if (!oldNull) {
    const prev = ctx.p.sigactions.get(sig) ?? new Uint8Array(32);
    if (!ctx.writeUser(old, prev)) return -BigInt(EFAULT);
  }
  if (next) ctx.p.sigactions.set(sig, next);
  return 0n;
}

function sysSigprocmask(ctx: SyscallContext, a: Args): bigint {
  const how = Number(a[0]!);
  if (a[3]! !== 8n) return -BigInt(EINVAL);
  if (a[2]! !== 0n) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, ctx.p.sigmask, true);
    if (!ctx.writeUser(ptr(a[2]!), b)) return -BigInt(EFAULT);
  }
  if (a[1]! !== 0n) {
    const s = ctx.readUser(ptr(a[1]!), 8);
    if (!s) return -BigInt(EFAULT);
    const set = new DataView(s.buffer, s.byteOffset, 8).getBigUint64(0, true);
    if (how === 0) ctx.p.sigmask |= set;
    else if (how === 1) ctx.p.sigmask &= ~set;
    else if (how === 2) ctx.p.sigmask = set;
    else return -BigInt(EINVAL);
  }
  return 0n;
}

/** kill / tgkill: only the process itself (pid, 0 or -1 reach it) can be signalled here. */
function sysKill(ctx: SyscallContext, pid: bigint, sig: number): bigint {
  const p = ctx.p;
  if (sig < 0 || sig > 64) return -BigInt(EINVAL);
  if (pid !== BigInt(p.pid) && pid !== 0n && pid !== -1n) return -BigInt(ESRCH);
  if (sig === 0) return 0n;
  const act = p.sigactions.get(sig);
  const handler = act ? new DataView(act.buffer, act.byteOffset, 8).getBigUint64(0, true) : 0n;
  if (sig !== SIGKILL && sig !== SIGSTOP) {
    if (handler === 1n) return 0n; // SIG_IGN
    if (handler === 0n && ignoredByDefault(sig)) return 0n;
    if (handler > 1n) {
      // A caught signal: run the handler now (without a signal frame: the handler returns
      // through sa_restorer's rt_sigreturn, which restores the saved registers).
      // kill returns 0 to the interrupted code: the saved context holds that result.
      const c = p.cpu;
      const before = [c.getReg64(0), c.getReg64(1), c.getReg64(11)];
      c.setReg64(0, 0n);
      c.setRegAddr(1, c.rip);
      c.setReg64(11, BigInt(c.getRflags()));
      if (p.deliverToHandler(sig, act!, { code: 0, addr: null })) return 0n;
      [0, 1, 11].forEach((r, k) => c.setReg64(r, before[k]!));
    }
  }
  if (sig === SIGSTOP) return 0n; // stopping is not emulated
  p.killedBy(sig);
  return 0n;
}

function sysMmap(ctx: SyscallContext, a: Args): bigint {
  const len = a[1]!;
  const prot = Number(a[2]! & 7n);
  const flags = Number(a[3]! & 0xffffffffn);
  const MAP_ANONYMOUS = 0x20;
  if (len === 0n || len > 0x100000000n) return -BigInt(EINVAL);
  if ((flags & MAP_ANONYMOUS) === 0) return -BigInt(ENOSYS); // file mappings are not emulated
  const size = Math.ceil(Number(len) / PAGE_SIZE) * PAGE_SIZE;
  const addr = ctx.p.mmapTop - size;
  ctx.p.mmapTop = addr;
  let pr = PROT_USER;
  if (prot & 1) pr |= PROT_READ;
  if (prot & 2) pr |= PROT_WRITE | PROT_READ;
  if (prot & 4) pr |= PROT_EXEC | PROT_READ;
  ctx.p.space.map(addr, size, pr);
  return BigInt(addr);
}

function sysMunmap(ctx: SyscallContext, a: Args): bigint {
  const addr = ptr(a[0]!);
  if (addr === null || addr % PAGE_SIZE !== 0) return -BigInt(EINVAL);
  ctx.p.space.unmap(addr, Number(a[1]!));
  return 0n;
}

export { writeSync };
