// A user-mode process: one static ELF running on the CPU at CPL 3 with host-emulated system
// calls (`kwb run --user-mode`, like qemu-user). Faults become signals with the shell's
// reporting (status 128+signal, "Segmentation fault"), and a kernel-style log line like the one
// Linux writes to dmesg. The run is bounded by an instruction budget and a wall-clock limit.
import { writeSync } from 'node:fs';
import { basename } from 'node:path';
import { Cpu, RSP, VEC_BP, VEC_DB, VEC_DE, VEC_GP, VEC_PF, VEC_SS, VEC_UD, type TrapInfo } from '../cpu/cpu.js';
import { AddressSpace, hex, PAGE_SIZE, PROT_READ, PROT_USER, PROT_WRITE } from '../cpu/mmu.js';
import { loadProgram, STACK_LIMIT, STACK_TOP, type LoadedProgram } from './load.js';
import { SIGFPE, SIGILL, SIGSEGV, SIGTRAP, signalMessage } from './signals.js';
import { syscall32, syscall64 } from './syscalls.js';
import { release, type OpenFile } from './files.js';

export interface UserRunOptions {
  program: Uint8Array;
  argv: string[];
  envp: string[];
  /** The path the program was started by (AT_EXECFN); its base name is the process name. */
  execfn: string;
  maxInsns: number;
  timeoutMs: number;
  /** Host file descriptors for the guest's 0, 1, 2. */
  stdin?: number;
  stdout?: number;
  stderr?: number;
  /** Called around every instruction when tracing (see trace.ts). */
  trace?: (cpu: Cpu) => void;
  /** Adjusts the CPU before the run (tests: blockThreshold). */
  configure?: (cpu: Cpu) => void;
}

export type UserExit =
  | { kind: 'exit'; status: number }
  | { kind: 'signal'; signal: number; status: number; message: string }
  | { kind: 'limit'; status: number; message: string }
  | { kind: 'timeout'; status: number; message: string };

export interface UserRunResult {
  exit: UserExit;
  instructions: number;
  /** Lines the Linux kernel would have logged (segfault / trap reports). */
  kernelLog: string[];
}

/** Status for a run stopped by a limit, like timeout(1). */
export const LIMIT_STATUS = 124;

const SLICE = 2_000_000;

export class UserProcess {
  readonly cpu: Cpu;
  space: AddressSpace;
  readonly pid = process.pid;
  readonly ppid = process.ppid;
  readonly uid = process.getuid?.() ?? 0;
  readonly gid = process.getgid?.() ?? 0;
  readonly name: string;
  /** Guest fd → host fd (-1 for an end of an in-process pipe). */
  readonly fds = new Map<number, number>();
  /** Guest fd → the open file the emulator keeps for it (files the guest opened, pipes, their dups). */
  readonly files = new Map<number, OpenFile>();
  /** The guest's working directory (relative paths resolve against it; the host's at start). */
  cwd = process.cwd();
  readonly sigactions = new Map<number, Uint8Array>();
  sigmask = 0n;
  brkStart: number;
  brk: number;
  mmapTop = 0x7ffff7fff000;
  stackLow: number;
  exitState: UserExit | null = null;
  readonly kernelLog: string[] = [];
  private deadline = 0;
  private readonly image: LoadedProgram;
  private savedForHandler: { lo: Int32Array; hi: Int32Array; rip: number; flags: number; uc: number }[] = [];

  constructor(private readonly opts: UserRunOptions) {
    this.image = loadProgram(opts.program, { argv: opts.argv, envp: opts.envp, execfn: opts.execfn, uid: this.uid, gid: this.gid });
    this.space = this.image.space;
    this.name = basename(opts.execfn).slice(0, 15);
    this.brkStart = this.brk = this.image.brk;
    this.stackLow = this.image.stackLow;
    this.fds.set(0, opts.stdin ?? 0);
    this.fds.set(1, opts.stdout ?? 1);
    this.fds.set(2, opts.stderr ?? 2);
    const cpu = new Cpu(this.space);
    this.cpu = cpu;
    cpu.cpl = 3;
    cpu.cs = 0x33;
    cpu.ss = 0x2b;
    cpu.rip = this.image.entry;
    cpu.setRegAddr(RSP, this.image.sp);
    cpu.setRflags(0x202);
    cpu.onSyscall = (c) => this.onSyscall(c);
    cpu.onTrap = (c, info) => this.onTrap(c, info);
  }

  hostFd(fd: number, _mode: 'r' | 'w'): number | null {
    return this.fds.get(fd) ?? null;
  }

  /** Unsupported calls already reported (each is said once). */
  readonly notedUnsupported = new Set<string>();

  /** A one-line message from the emulator itself on the host's stderr (not the guest's fd 2). */
  note(text: string): void {
    writeAllSync(this.opts.stderr ?? 2, text + '\n');
  }

  /** The emulator-kept open file behind guest fd, or null (a host stream, or not open). */
  file(fd: number): OpenFile | null {
    return this.files.get(fd) ?? null;
  }

  /** Gives f the lowest free descriptor >= min; -1 if none is left (EMFILE). */
  installFile(f: OpenFile, min: number): number {
    let fd = Math.max(0, min);
    while (this.fds.has(fd)) fd++;
    if (fd >= 1024) return -1;
    this.fds.set(fd, f.host);
    this.files.set(fd, f);
    f.refs++;
    return fd;
  }

  /** A second descriptor for old's open file: exactly `target`, or the lowest free >= target. */
  dupFd(old: number, target: number, exact = false): number {
    let fd = target;
    if (!exact) while (this.fds.has(fd)) fd++;
    if (fd >= 1024) return -1;
    this.fds.set(fd, this.fds.get(old)!);
    const f = this.files.get(old);
    if (f !== undefined) {
      this.files.set(fd, f);
      f.refs++;
    }
    return fd;
  }

  /** Closes a guest descriptor; an emulator-kept file closes on the host with its last descriptor. */
  closeFd(fd: number): boolean {
    if (!this.fds.has(fd)) return false;
    const f = this.files.get(fd);
    this.fds.delete(fd);
    if (f !== undefined) {
      this.files.delete(fd);
      release(f);
    }
    return true;
  }

  addFd(host: number): number {
    let fd = 0;
    while (this.fds.has(fd)) fd++;
    this.fds.set(fd, host);
    return fd;
  }

  /** Writes through to the host descriptor synchronously (so output interleaves as natively). */
  hostWrite(fd: number, bytes: Uint8Array): number {
    let done = 0;
    while (done < bytes.length) {
      try {
        done += writeSync(fd, bytes, done, bytes.length - done);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
          continue;
        }
        if (code === 'EPIPE') {
          this.killedBy(13);
          return -32;
        }
        return done > 0 ? done : -5; // EIO
      }
    }
    return done;
  }

  remainingMs(): number {
    return Math.max(0, this.deadline - Date.now());
  }

  /** brk(2): a request below the start or that cannot be mapped leaves the break where it was. */
  setBrk(req: bigint): number {
    if (req < BigInt(this.brkStart) || req > BigInt(this.brkStart + 0x40000000)) return this.brk;
    const want = Number(req);
    const oldEnd = Math.ceil(this.brk / PAGE_SIZE) * PAGE_SIZE;
    const newEnd = Math.ceil(want / PAGE_SIZE) * PAGE_SIZE;
    if (newEnd > oldEnd) {
      if (newEnd > this.mmapTop) return this.brk;
      this.space.map(oldEnd, newEnd - oldEnd, PROT_READ | PROT_WRITE | PROT_USER);
    } else if (newEnd < oldEnd) this.space.unmap(newEnd, oldEnd - newEnd);
    this.brk = want;
    return this.brk;
  }

  exit(status: number): void {
    this.exitState = { kind: 'exit', status: status & 0xff };
    this.cpu.stop();
  }

  killedBy(sig: number): void {
    if (this.exitState) return;
    this.exitState = { kind: 'signal', signal: sig, status: 128 + sig, message: signalMessage(sig) };
    this.cpu.stop();
  }

  /** The handler address of a caught signal's sigaction, or 0n (SIG_DFL) / 1n (SIG_IGN). */
  handlerOf(sig: number): bigint {
    const act = this.sigactions.get(sig);
    return act ? new DataView(act.buffer, act.byteOffset, 8).getBigUint64(0, true) : 0n;
  }

  /**
   * Runs a caught signal's handler as Linux sets it up: on the stack below the red zone a
   * siginfo_t and a ucontext_t (general registers in uc_mcontext, the signal mask), and the
   * restorer's address as the return address; rdi = signal, rsi = &info, rdx = &uc. The
   * registers are also kept host-side; rt_sigreturn restores them, then takes back whatever the
   * handler changed in uc_mcontext (so a handler may redirect rip, as on Linux).
   */
  deliverToHandler(sig: number, act: Uint8Array, info: SigInfo = { code: 0, addr: null }): boolean {
    const dv = new DataView(act.buffer, act.byteOffset, 32);
    const handler = dv.getBigUint64(0, true);
    const flags = dv.getBigUint64(8, true);
    const restorer = dv.getBigUint64(16, true);
    const SA_RESTORER = 0x04000000n;
    if ((flags & SA_RESTORER) === 0n) return false;
    const c = this.cpu;
    const rsp = c.regAddr(RSP);
    const ucAddr = Math.floor((rsp - 128 - UC_SIZE) / 64) * 64;
    const infoAddr = ucAddr - SIGINFO_SIZE;
    const sp = infoAddr - 8; // sp + 8 is 16-byte aligned at the handler's entry, as after a call
    if (!this.space.check(sp, rsp - 128 - sp, PROT_WRITE | PROT_USER)) return false;
    // siginfo_t: si_signo, si_errno, si_code, then the union (si_addr, or si_pid/si_uid for kill).
    const si = new Uint8Array(SIGINFO_SIZE);
    const sv = new DataView(si.buffer);
    sv.setInt32(0, sig, true);
    sv.setInt32(8, info.code, true);
    if (info.addr !== null) sv.setBigUint64(16, BigInt.asUintN(64, BigInt(info.addr)), true);
    else if (info.code === 0 || info.code === -6) {
      sv.setInt32(16, this.pid, true);
      sv.setInt32(20, this.uid, true);
    }
    // ucontext_t: uc_flags, uc_link, uc_stack (24), uc_mcontext.gregs[23], fpregs, reserved, uc_sigmask.
    const uc = new Uint8Array(UC_SIZE);
    const uv = new DataView(uc.buffer);
    GREG_ORDER.forEach((r, k) => uv.setBigUint64(40 + k * 8, BigInt.asUintN(64, c.getReg64(r)), true));
    uv.setBigUint64(40 + 16 * 8, BigInt.asUintN(64, BigInt(c.rip)), true); // REG_RIP
    uv.setBigUint64(40 + 17 * 8, BigInt(c.getRflags()), true); // REG_EFL
    uv.setBigUint64(40 + 18 * 8, 0x2b000000000033n, true); // REG_CSGSFS: cs 0x33, ss 0x2b
    uv.setBigUint64(40 + 19 * 8, BigInt(info.err ?? 0), true); // REG_ERR
    uv.setBigUint64(40 + 20 * 8, BigInt(info.trapno ?? 0), true); // REG_TRAPNO
    uv.setBigUint64(40 + 21 * 8, this.sigmask, true); // REG_OLDMASK
    uv.setBigUint64(40 + 22 * 8, BigInt.asUintN(64, BigInt(info.addr ?? 0)), true); // REG_CR2
    uv.setBigUint64(UC_SIGMASK, this.sigmask, true);
    const ret = new Uint8Array(8);
    new DataView(ret.buffer).setBigUint64(0, restorer, true);
    this.space.writeBytes(infoAddr, si);
    this.space.writeBytes(ucAddr, uc);
    this.space.writeBytes(sp, ret);
    this.savedForHandler.push({ lo: c.lo.slice(), hi: c.hi.slice(), rip: c.rip, flags: c.getRflags(), uc: ucAddr });
    c.setRegAddr(RSP, sp);
    c.setReg64(7, BigInt(sig));
    c.setReg64(6, BigInt(infoAddr));
    c.setReg64(2, BigInt(ucAddr));
    c.rip = Number(handler);
    return true;
  }

  /** rt_sigreturn: the registers from before the signal, with the handler's edits to uc_mcontext. */
  private sigreturn(c: Cpu): void {
    const s = this.savedForHandler.pop()!;
    c.lo.set(s.lo);
    c.hi.set(s.hi);
    c.setRflags(s.flags);
    c.rip = s.rip;
    if (!this.space.check(s.uc, UC_SIZE, PROT_READ | PROT_USER)) return;
    const b = this.space.readBytes(s.uc, UC_SIZE);
    const uv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    GREG_ORDER.forEach((r, k) => c.setReg64(r, uv.getBigUint64(40 + k * 8, true)));
    const rip = uv.getBigUint64(40 + 16 * 8, true);
    if (rip < 0x800000000000n) c.rip = Number(rip);
    const ARITH_AND_DF = 0xcd5n; // the flags a user may change (CF PF AF ZF SF DF OF)
    c.setRflags(Number((BigInt(s.flags) & ~ARITH_AND_DF) | (uv.getBigUint64(40 + 17 * 8, true) & ARITH_AND_DF)));
  }

  private onSyscall(c: Cpu): void {
    const nr = c.getReg64(0);
    if (nr === 15n && this.savedForHandler.length > 0) {
      // rt_sigreturn: back to where the signal interrupted.
      this.sigreturn(c);
      return;
    }
    const args = [c.getReg64(7), c.getReg64(6), c.getReg64(2), c.getReg64(10), c.getReg64(8), c.getReg64(9)];
    const rflags = c.getRflags();
    const ripNext = c.rip;
    const ret = syscall64(this, nr, args);
    if (c.rip !== ripNext) return; // a signal handler took over
    c.setReg64(0, BigInt.asUintN(64, ret));
    // The kernel returns with sysret: rcx = return address, r11 = rflags.
    c.setRegAddr(1, ripNext);
    c.setReg64(11, BigInt(rflags));
  }

  private onTrap(c: Cpu, t: TrapInfo): boolean {
    if (this.exitState) return true;
    if (t.software && t.vector === 0x80) {
      const u32 = (r: number): bigint => BigInt(c.lo[r]! >>> 0);
      const nr = c.lo[0]! >>> 0;
      const args = [u32(3), u32(1), u32(2), u32(6), u32(7), u32(5)];
      c.rip = t.rip;
      const ret = syscall32(this, nr, args);
      if (c.rip !== t.rip) return true;
      c.setReg64(0, BigInt.asUintN(64, ret));
      return true;
    }
    if (t.vector === VEC_PF && this.growStack(t.address, c.regAddr(RSP))) return true;
    if (this.catchFault(c, t)) return true;
    const sp = c.regAddr(RSP);
    const where = this.vmaText(t.insnAddr);
    switch (t.vector) {
      case VEC_PF:
        this.kernelLog.push(
          `${this.name}[${this.pid}]: segfault at ${hex(t.address)} ip ${pad16(t.insnAddr)} sp ${pad16(sp)} error ${(t.errorCode & 0x1f).toString(16)}${where}`,
        );
        this.killedBy(SIGSEGV);
        break;
      case VEC_GP:
      case VEC_SS:
        this.kernelLog.push(`traps: ${this.name}[${this.pid}] general protection ip:${hex(t.insnAddr)} sp:${hex(sp)} error:${Math.max(t.errorCode, 0).toString(16)}${where}`);
        this.killedBy(SIGSEGV);
        break;
      case VEC_UD:
        this.kernelLog.push(`traps: ${this.name}[${this.pid}] trap invalid opcode ip:${hex(t.insnAddr)} sp:${hex(sp)} error:0${where}`);
        this.killedBy(SIGILL);
        break;
      case VEC_DE:
        this.kernelLog.push(`traps: ${this.name}[${this.pid}] trap divide error ip:${hex(t.insnAddr)} sp:${hex(sp)} error:0${where}`);
        this.killedBy(SIGFPE);
        break;
      case VEC_BP:
      case VEC_DB:
        this.killedBy(SIGTRAP);
        break;
      default:
        // int $n through a gate user mode may not use: #GP, as Linux's IDT makes it.
        this.kernelLog.push(`traps: ${this.name}[${this.pid}] general protection ip:${hex(t.insnAddr)} sp:${hex(sp)} error:${(t.vector * 8 + 2).toString(16)}${where}`);
        this.killedBy(SIGSEGV);
    }
    c.rip = t.insnAddr;
    return true;
  }

  /**
   * A fault whose signal the program catches runs its handler (with rip at the faulting
   * instruction, so returning retries it, as on Linux) instead of killing it.
   */
  private catchFault(c: Cpu, t: TrapInfo): boolean {
    let sig: number;
    let info: SigInfo;
    switch (t.vector) {
      case VEC_PF:
        // SEGV_MAPERR (1) for a page not mapped, SEGV_ACCERR (2) for a protection violation.
        sig = SIGSEGV;
        info = { code: t.errorCode & 1 ? 2 : 1, addr: t.address, err: t.errorCode | 4, trapno: 14 };
        break;
      case VEC_GP:
      case VEC_SS:
        sig = SIGSEGV;
        info = { code: 0x80, addr: 0, err: Math.max(t.errorCode, 0), trapno: t.vector }; // SI_KERNEL
        break;
      case VEC_UD:
        sig = SIGILL;
        info = { code: 2, addr: t.insnAddr, trapno: 6 }; // ILL_ILLOPN
        break;
      case VEC_DE:
        sig = SIGFPE;
        info = { code: 1, addr: t.insnAddr, trapno: 0 }; // FPE_INTDIV
        break;
      default:
        return false;
    }
    const h = this.handlerOf(sig);
    if (h <= 1n || (this.sigmask & (1n << BigInt(sig - 1))) !== 0n) return false;
    c.rip = t.insnAddr;
    return this.deliverToHandler(sig, this.sigactions.get(sig)!, info);
  }

  /** Grows the stack on a fault just below it (down to the 8 MiB limit), as Linux does. */
  private growStack(addr: number, sp: number): boolean {
    if (addr >= this.stackLow || addr < STACK_TOP - STACK_LIMIT) return false;
    if (addr < sp - 65536 - 256) return false; // too far below rsp: a wild access, not stack growth
    const low = Math.floor(addr / PAGE_SIZE) * PAGE_SIZE;
    this.space.map(low, this.stackLow - low, PROT_READ | PROT_WRITE | PROT_USER);
    this.stackLow = low;
    return true;
  }

  /** ` in prog[400000+1000]` when the address lies in the program image, as print_vma_addr writes it. */
  private vmaText(addr: number): string {
    const { imageBase, imageSize } = this.image;
    if (addr >= imageBase && addr < imageBase + imageSize) return ` in ${this.name}[${hex(imageBase)}+${hex(imageSize)}]`;
    return '';
  }

  /** Runs to exit, signal, budget or timeout. */
  run(): UserRunResult {
    const c = this.cpu;
    const start = Date.now();
    this.deadline = start + this.opts.timeoutMs;
    if (this.opts.trace) this.opts.trace(c);
    if (this.opts.configure) this.opts.configure(c);
    while (!this.exitState) {
      const left = this.opts.maxInsns - c.icount;
      if (left <= 0) {
        this.exitState = {
          kind: 'limit',
          status: LIMIT_STATUS,
          message: `kwb run: program stopped after ${c.icount} instructions (limit); it may be stuck in a loop`,
        };
        break;
      }
      const reason = c.run(Math.min(left, SLICE));
      if (reason === 'shutdown') {
        this.killedBy(SIGSEGV);
        break;
      }
      if (!this.exitState && Date.now() > this.deadline) {
        this.exitState = {
          kind: 'timeout',
          status: LIMIT_STATUS,
          message: `kwb run: program stopped after ${this.opts.timeoutMs / 1000} seconds (${c.icount} instructions, time limit); it may be stuck in a loop`,
        };
      }
    }
    return { exit: this.exitState!, instructions: c.icount, kernelLog: this.kernelLog };
  }
}

function pad16(a: number): string {
  return hex(a).padStart(16, '0');
}

export function runUserProgram(opts: UserRunOptions): UserRunResult {
  return new UserProcess(opts).run();
}

/**
 * Writes all of text to a host descriptor synchronously, waiting out EAGAIN: stdout or stderr
 * may be a non-blocking pipe (a parent that set O_NONBLOCK on it), where a plain writeSync throws.
 */
export function writeAllSync(fd: number, text: string | Uint8Array): void {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done, bytes.length - done);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
    }
  }
}

/** What a signal handler learns in its siginfo_t (and the trap details in uc_mcontext). */
export interface SigInfo {
  code: number;
  addr: number | null;
  err?: number;
  trapno?: number;
}

const SIGINFO_SIZE = 128;
/** ucontext_t as far as uc_sigmask (and room for the fpregs pointer's target, left zero). */
const UC_SIZE = 1024;
const UC_SIGMASK = 40 + 23 * 8 + 8 + 64;
/** uc_mcontext.gregs[0..15]: r8..r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp (register numbers). */
const GREG_ORDER = [8, 9, 10, 11, 12, 13, 14, 15, 7, 6, 5, 3, 2, 0, 1, 4];
