// The machine: a CPU, memory, a 16550 UART on 0x3f8 (the console), a timer interrupt every
// millisecond of guest time, an ACPI-style power-off port, and the native services the
// kernel's C calls by name (arch/x86/kernel/native.S). It boots the tree's own vmlinux: the
// kernel's startup code, printk, entry paths and system calls all run as machine code.
//
// Guest time is the instruction count (1 instruction = 1 ns, the tree's tsc_khz), and an idle
// CPU (hlt) jumps to the next timer tick, so the same inputs give the same log, byte for byte.
import { Cpu, RAX, RSP, RSI } from '../cpu/cpu.js';
import { AddressSpace, Frame, PAGE_SIZE, PROT_EXEC, PROT_READ, PROT_USER, PROT_WRITE } from '../cpu/mmu.js';
import { PT_LOAD } from '../../toolchain/elf/constants.js';
import { LoadError, loadProgram, STACK_LIMIT, STACK_TOP } from '../user/load.js';
import { ElfFormatError } from '../../toolchain/elf/read.js';
import { readCpio, S_IFDIR, type CpioEntry } from './cpio.js';
import { KernelImageError, loadKernelImage, lookupSymbol, type KernelImage } from './image.js';
import { KernelHeap, PAGE_OFFSET, ProcessSpace } from './memory.js';
import { readKernelLog, type LogRecord } from './log.js';

export const UART_PORT = 0x3f8;
export const NATIVE_SERVICE_PORT = 0xf1;
export const PM1A_CNT_PORT = 0x604;
export const TIMER_VECTOR = 0x20;
export const SERIAL_VECTOR = 0x24;
/** One timer tick: 1 ms of guest time (HZ=1000) at one instruction per nanosecond. */
export const TICK_INSNS = 1_000_000;

const ZERO_PAGE_PHYS = 0x7000;
const CMDLINE_PHYS = 0x20000;
const HEAP_START_PHYS = 0x100000;
const PT_REGS_SIZE = 168;
const CLONE_VM = 0x100;

const EFAULT = 14;
const ENOENT = 2;
const EBADF = 9;
const ENOEXEC = 8;
const EACCES = 13;
const EISDIR = 21;
const ENOTDIR = 20;
const EROFS = 30;
const EMFILE = 24;
const ENOMEM = 12;

export interface MachineOptions {
  /** arch/x86/boot/bzImage (or a vmlinux) */
  kernel: Uint8Array;
  /** The initramfs: a cpio newc archive. */
  initrd: Uint8Array;
  cmdline: string;
  /** Guest memory for the kernel's allocations, in MiB (default 128). */
  memoryMb?: number;
  /** Bytes the UART transmits (the console). */
  console: (bytes: Uint8Array) => void;
  /** Input waiting on the UART (a ^D is sent after it when `eof`). */
  input?: Uint8Array;
  eof?: boolean;
  /** Stop (soft-lockup report) after this many instructions (default 4e9)... */
  maxInsns?: number;
  /** ...or after this much wall-clock time, in milliseconds (default: no limit). */
  timeoutMs?: number;
}

export type StopReason = 'poweroff' | 'lockup' | 'triple-fault' | 'deadlock' | 'halted';

export interface ExitRecord {
  pid: number;
  /** The wait status (exit code << 8, or the signal number). */
  code: number;
  /** The file the task last exec'd ("" for kernel threads). */
  path: string;
  /** false for a forked child that exited without an execve of its own. */
  execed: boolean;
}

interface Context {
  lo: Int32Array;
  hi: Int32Array;
  flags: number;
}

interface OpenFile {
  path: string;
  dir: boolean;
  pos: number;
}

/** What the machine knows about a task the kernel created (keyed by its task_struct address). */
interface Task {
  ptr: number;
  stackTop: number;
  space: ProcessSpace;
  ctx: Context | null;
  brkStart: number;
  brk: number;
  stackLow: number;
  image: { base: number; size: number; name: string } | null;
  path: string;
  execed: boolean;
  pid: number;
  fds: Map<number, OpenFile>;
}

type Native = (a: number[]) => number;

export class Machine {
  readonly cpu: Cpu;
  readonly image: KernelImage;
  readonly kernelSpace = new AddressSpace();
  readonly heap: KernelHeap;
  readonly files = new Map<string, CpioEntry>();
  readonly exits: ExitRecord[] = [];
  private readonly tasks = new Map<number, Task>();
  private current: Task;
  private readonly natives = new Map<number, Native>();
  private readonly rx: number[] = [];
  private tx: number[] = [];
  private poweredOff = false;
  private nextTick = TICK_INSNS;
  private readonly maxInsns: number;
  private vmaBuf = 0;
  private readonly timerPending: () => boolean;
  private readonly deadline: number;
  private timedOut = false;
  /** Guest time the CPU spent halted (skipped to the next tick); instructions - idleNs were executed. */
  idleNs = 0;
  /** Guest time spent idle in a row (a wait nothing will end). */
  private idleTicks = 0;

  constructor(private readonly opts: MachineOptions) {
    this.image = loadKernelImage(opts.kernel);
    this.maxInsns = opts.maxInsns ?? 4e9;
    this.deadline = opts.timeoutMs ? Date.now() + opts.timeoutMs : 0;
    const memBytes = (opts.memoryMb ?? 128) * 1024 * 1024;
    this.heap = new KernelHeap(this.kernelSpace, PAGE_OFFSET + HEAP_START_PHYS, PAGE_OFFSET + memBytes);
    for (const e of readCpio(opts.initrd)) this.files.set(e.name, e);
    if (opts.input) for (const b of opts.input) this.rx.push(b);
    if (opts.eof) this.rx.push(4);
    this.loadKernel();
    const initSpace = new ProcessSpace(this.kernelSpace);
    const cpu = new Cpu(initSpace);
    this.cpu = cpu;
    const pending = (cpu as unknown as { pendingIrq: number[] }).pendingIrq;
    this.timerPending = () => pending.includes(TIMER_VECTOR);
    this.setupBootParams();
    cpu.cpl = 0;
    cpu.cs = 0x10;
    cpu.ss = 0x18;
    cpu.rip = this.image.entry;
    cpu.setRflags(0x2);
    cpu.setRegAddr(RSI, ZERO_PAGE_PHYS); // the physical address of the zero page (boot protocol)
    cpu.setRegAddr(RSP, 0);
    const initTask = this.sym('init_task');
    const initStack = this.sym('init_thread_union');
    this.current = this.newTask(initTask, initStack + 4 * PAGE_SIZE, initSpace);
    cpu.io = {
      in: (port, size) => this.portIn(port, size),
      out: (port, size, value) => this.portOut(port, size, value),
    };
    this.installNatives();
  }

  private sym(name: string): number {
    const a = this.image.symbols.get(name);
    if (a === undefined) throw new KernelImageError(`the kernel has no '${name}' symbol: not a kernel this machine can boot (a vmlinux built from kernel-tree/)`);
    return a;
  }

  private newTask(ptr: number, stackTop: number, space: ProcessSpace): Task {
    const t: Task = { ptr, stackTop, space, ctx: null, brkStart: 0, brk: 0, stackLow: STACK_TOP, image: null, path: '', execed: false, pid: 0, fds: new Map() };
    this.tasks.set(ptr, t);
    return t;
  }

  // ---- boot ----

  private loadKernel(): void {
    const elf = this.image.elf;
    for (const seg of elf.segments) {
      if (seg.type !== PT_LOAD) continue;
      const va = Number(BigInt.asIntN(64, seg.vaddr));
      const first = Math.floor(va / PAGE_SIZE);
      const last = Math.floor((va + Math.max(seg.memsz, 1) - 1) / PAGE_SIZE);
      for (let pn = first; pn <= last; pn++) {
        if (!this.kernelSpace.pages.has(pn)) this.kernelSpace.pages.set(pn, { frame: new Frame(), prot: PROT_READ | PROT_WRITE | PROT_EXEC });
      }
      if (seg.filesz > 0) this.kernelSpace.writeBytes(va, elf.bytes.subarray(seg.offset, seg.offset + seg.filesz));
    }
  }

  private mapPhys(phys: number, len: number): void {
    const va = PAGE_OFFSET + phys;
    for (let pn = Math.floor(va / PAGE_SIZE); pn <= Math.floor((va + len - 1) / PAGE_SIZE); pn++) {
      if (!this.kernelSpace.pages.has(pn)) this.kernelSpace.pages.set(pn, { frame: new Frame(), prot: PROT_READ | PROT_WRITE });
    }
  }

  /** The zero page (struct boot_params) and the command line, where a boot loader puts them. */
  private setupBootParams(): void {
    const zp = new Uint8Array(PAGE_SIZE);
    const dv = new DataView(zp.buffer);
    const k = this.opts.kernel;
    if (k.length > 0x280 && k[0x202] === 0x48) zp.set(k.subarray(0x1f1, 0x280), 0x1f1); // the setup header
    zp[0x210] = 0xff; // type_of_loader: undefined boot loader
    dv.setUint32(0x228, CMDLINE_PHYS, true);
    dv.setUint32(0x218, 0x4000000, true); // ramdisk_image (the machine keeps the archive itself)
    dv.setUint32(0x21c, this.opts.initrd.length, true);
    this.mapPhys(ZERO_PAGE_PHYS, PAGE_SIZE);
    this.kernelSpace.writeBytes(PAGE_OFFSET + ZERO_PAGE_PHYS, zp);
    const cmd = new TextEncoder().encode(this.opts.cmdline + '\0');
    this.mapPhys(CMDLINE_PHYS, cmd.length);
    this.kernelSpace.writeBytes(PAGE_OFFSET + CMDLINE_PHYS, cmd);
  }

  // ---- devices ----

  private portIn(port: number, _size: number): number {
    switch (port) {
      case UART_PORT:
        return this.rx.length ? this.rx.shift()! : 0;
      case UART_PORT + 5: // LSR: transmitter empty, data ready when there is input
        return 0x60 | (this.rx.length ? 1 : 0);
      default:
        return 0xff;
    }
  }

  private portOut(port: number, _size: number, value: number): void {
    switch (port) {
      case UART_PORT:
        // Transmitted bytes are handed on in batches (at the end of each slice and on newlines).
        this.tx.push(value & 0xff);
        if (value === 10 && this.tx.length >= 4096) this.flushConsole();
        return;
      case NATIVE_SERVICE_PORT:
        this.callNative();
        return;
      case PM1A_CNT_PORT:
        if (value & 0x2000) {
          this.poweredOff = true;
          this.cpu.stop();
        }
        return;
    }
  }

  /** Queues console input (interactive use); the UART interrupts. */
  feed(bytes: Uint8Array): void {
    for (const b of bytes) this.rx.push(b);
    this.cpu.raiseIrq(SERIAL_VECTOR);
  }

  // ---- running ----

  /**
   * Runs until power-off or a stop condition. `idle` is asked what to do when every task sleeps:
   * 'skip' jumps to the next timer tick (deterministic); the interactive console waits instead.
   */
  run(): StopReason {
    for (;;) {
      const r = this.slice(Infinity);
      if (r !== 'idle' && r !== 'running') return r;
    }
  }

  /** Hands the bytes the UART transmitted to the console callback. */
  flushConsole(): void {
    if (this.tx.length === 0) return;
    const b = Uint8Array.from(this.tx);
    this.tx = [];
    this.opts.console(b);
  }

  /** Runs at most `budget` instructions; 'idle' when the CPU halted with nothing to do. */
  slice(budget: number): StopReason | 'idle' | 'running' {
    try {
      return this.runSlice(budget);
    } finally {
      this.flushConsole();
    }
  }

  private runSlice(budget: number): StopReason | 'idle' | 'running' {
    const cpu = this.cpu;
    const end = cpu.icount + budget;
    while (!this.poweredOff) {
      // The budget counts executed instructions (time spent halted is not a lockup).
      const limit = this.maxInsns + this.idleNs;
      if (cpu.icount >= limit || this.timedOut) return 'lockup';
      if (cpu.icount >= end) return 'running';
      // A slice runs to the next timer tick (rdtsc, the kernel's clock, is exact within it).
      const n = Math.min(this.nextTick, end, limit) - cpu.icount;
      const r = n > 0 ? cpu.run(n) : 'budget';
      if (r === 'shutdown') return 'triple-fault';
      if (cpu.icount >= this.nextTick) this.tick();
      if (r === 'halt') {
        if ((cpu.getRflags() & 0x200) === 0) return 'halted'; // hlt with interrupts off: only a reset helps (panic)
        // Idle: the clock jumps to the next tick (the TSC keeps counting while halted).
        if (++this.idleTicks > 600_000) return 'deadlock'; // ten minutes of guest time with nothing runnable
        this.idleNs += this.nextTick - cpu.icount;
        cpu.icount = this.nextTick;
        this.tick();
        if (budget !== Infinity) return 'idle';
      } else if (r !== 'stop') this.idleTicks = 0;
    }
    return 'poweroff';
  }

  private tick(): void {
    this.nextTick += TICK_INSNS;
    if (this.deadline && (this.nextTick / TICK_INSNS) % 64 === 0 && Date.now() > this.deadline) this.timedOut = true;
    if (!this.timerPending()) this.cpu.raiseIrq(TIMER_VECTOR);
  }

  /** The running task as the watchdog names it: "comm:pid". */
  currentTask(): string {
    const t = this.current;
    return `${t.image?.name.slice(0, 15) ?? 'swapper/0'}:${t.pid}`;
  }

  get instructions(): number {
    return this.cpu.icount;
  }

  /** The kernel's log buffer as records (what dmesg reads). */
  kernelLog(): LogRecord[] {
    return readKernelLog(this.kernelSpace, this.image.symbols);
  }

  // ---- native services ----

  private installNatives(): void {
    const def = (name: string, fn: Native): void => {
      const a = this.image.symbols.get(name);
      if (a !== undefined) this.natives.set(a, fn);
    };
    def('kmalloc', ([size]) => this.heap.alloc(size!));
    def('kfree', ([p]) => {
      this.heap.release(p!);
      if (p !== this.current.ptr) this.tasks.delete(p!); // release_task freeing a reaped task_struct
      return 0;
    });
    def('copy_mm', (a) => this.copyMm(a[0]!, a[1]!));
    def('copy_thread', (a) => this.copyThread(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!));
    def('exit_mm', () => 0);
    def('__switch_to', (a) => this.switchTo(a[0]!, a[1]!));
    def('do_execve', (a) => this.doExecve(a[0]!, a[1]!, a[2]!));
    def('sys_brk', (a) => this.sysBrk(a[0]!));
    def('find_vma', (a) => this.findVma(a[0]!, a[1]!));
    def('handle_mm_fault', (a) => this.handleMmFault(a[0]!));
    def('kallsyms_lookup', (a) => this.kallsymsLookup(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!));
    def('proc_exit_connector', (a) => {
      const t = this.tasks.get(a[0]!);
      this.exits.push({ pid: a[1]!, code: a[2]!, path: t?.path ?? '', execed: t?.execed ?? false });
      return 0;
    });
    def('sys_open', (a) => this.sysOpen(a[0]!, a[1]!));
    def('sys_close', (a) => this.sysClose(a[0]!));
    def('vfs_read', (a) => this.vfsRead(a[0]!, a[1]!, a[2]!));
    def('sys_getdents64', (a) => this.getdents64(a[0]!, a[1]!, a[2]!));
    def('sys_newfstat', (a) => this.newfstat(a[0]!, a[1]!));
  }

  private callNative(): void {
    const cpu = this.cpu;
    // rip is still the address of the outl, the first instruction of the stub.
    const fn = this.natives.get(cpu.rip);
    if (!fn) {
      if (process.env.KWB_DEBUG_NATIVE) process.stderr.write(`unknown native at ${cpu.rip.toString(16)}\n`);
      cpu.setRegAddr(RAX, -38); // -ENOSYS: a stub the machine does not know
      return;
    }
    const args = [7, 6, 2, 1, 8, 9].map((r) => cpu.hi[r]! * 4294967296 + (cpu.lo[r]! >>> 0));
    let ret: number;
    try {
      ret = fn(args);
    } catch (e) {
      if (e instanceof RangeError) ret = -EFAULT; // an unmapped address
      else throw e;
    }
    cpu.setRegAddr(RAX, ret);
  }

  private space(): ProcessSpace {
    return this.current.space;
  }

  private readU64(a: number): number {
    const b = this.space().readBytes(a, 8);
    const dv = new DataView(b.buffer);
    return dv.getInt32(4, true) * 4294967296 + dv.getUint32(0, true);
  }

  private writeU64(a: number, v: number): void {
    const b = new Uint8Array(8);
    const dv = new DataView(b.buffer);
    const hi = Math.floor(v / 4294967296);
    dv.setUint32(0, v - hi * 4294967296, true);
    dv.setInt32(4, hi, true);
    this.space().writeBytes(a, b);
  }

  /** A NUL-terminated string; user pointers must be readable by the user. */
  private readString(a: number, user: boolean, max = 4096): string | null {
    const out: number[] = [];
    const s = this.space();
    for (let i = 0; i < max; i++) {
      if (user ? !s.check(a + i, 1, PROT_READ | PROT_USER) : !s.lookup(a + i)) return null;
      const b = s.readBytes(a + i, 1)[0]!;
      if (b === 0) return new TextDecoder().decode(Uint8Array.from(out));
      out.push(b);
    }
    return null;
  }

  private copyMm(flags: number, p: number): number {
    const parent = this.current;
    if (!(flags & CLONE_VM) && !this.memoryFor(parent.space.pages.size)) return -ENOMEM;
    const space = flags & CLONE_VM ? parent.space : parent.space.clone();
    const t = this.newTask(p, 0, space);
    t.brkStart = parent.brkStart;
    t.brk = parent.brk;
    t.stackLow = parent.stackLow;
    t.image = parent.image;
    t.path = parent.path;
    for (const [fd, f] of parent.fds) t.fds.set(fd, { ...f });
    return 0;
  }

  private copyThread(flags: number, sp: number, arg: number, p: number, stackTop: number, pid: number): number {
    const t = this.tasks.get(p);
    if (!t) return -ENOMEM;
    t.stackTop = stackTop;
    t.pid = pid;
    const regs = stackTop - PT_REGS_SIZE;
    const ks = this.kernelSpace;
    const ctx: Context = { lo: new Int32Array(16), hi: new Int32Array(16), flags: 0x2 };
    if (flags & CLONE_VM) {
      // A kernel thread: ret_from_fork calls fn(arg) (rbx, r12) first.
      ks.writeBytes(regs, new Uint8Array(PT_REGS_SIZE));
      setPair(ctx, 3, sp);
      setPair(ctx, 12, arg);
    } else {
      // fork: the child returns to user space with the parent's registers and rax = 0.
      const parentRegs = ks.readBytes(this.current.stackTop - PT_REGS_SIZE, PT_REGS_SIZE);
      parentRegs.fill(0, 80, 88);
      ks.writeBytes(regs, parentRegs);
    }
    const retFromFork = this.sym('ret_from_fork');
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigInt64(0, BigInt(retFromFork), true);
    ks.writeBytes(regs - 8, b);
    setPair(ctx, 4, regs - 8);
    t.ctx = ctx;
    return 0;
  }

  /** context_switch(): registers (the kernel stack among them), address space, TSS.rsp0, current. */
  private switchTo(prevPtr: number, nextPtr: number): number {
    const cpu = this.cpu;
    const prev = this.tasks.get(prevPtr) ?? this.current;
    const next = this.tasks.get(nextPtr);
    if (!next || !next.ctx) return prevPtr;
    prev.ctx = { lo: cpu.lo.slice(), hi: cpu.hi.slice(), flags: cpu.getRflags() };
    cpu.lo.set(next.ctx.lo);
    cpu.hi.set(next.ctx.hi);
    cpu.setRflags(next.ctx.flags);
    next.ctx = null;
    this.current = next;
    cpu.setAddressSpace(next.space);
    cpu.rsp0 = next.stackTop;
    this.writeU64(this.sym('cpu_current_top_of_stack'), next.stackTop);
    this.writeU64(this.sym('current_task'), nextPtr);
    return prevPtr;
  }

  /** binfmt_elf: the new program's address space, and pt_regs so the return goes to its entry. */
  private doExecve(filenamePtr: number, argvPtr: number, envpPtr: number): number {
    const filename = this.readString(filenamePtr, filenamePtr >= 0);
    if (filename === null) return -EFAULT;
    const readVec = (p: number): string[] | null => {
      const out: string[] = [];
      if (p === 0) return out;
      for (let i = 0; i < 1024; i++) {
        if (p >= 0 && !this.space().check(p + i * 8, 8, PROT_READ | PROT_USER)) return null;
        const a = this.readU64(p + i * 8);
        if (a === 0) return out;
        const s = this.readString(a, a >= 0, 131072);
        if (s === null) return null;
        out.push(s);
      }
      return out;
    };
    const argv = readVec(argvPtr);
    const envp = readVec(envpPtr);
    if (argv === null || envp === null) return -EFAULT;
    const path = normalize(filename);
    const f = this.files.get(path);
    if (!f) return this.isDir(path) ? -EACCES : -ENOENT;
    if ((f.mode & S_IFDIR) !== 0) return -EACCES;
    let loaded;
    try {
      loaded = loadProgram(f.data, { argv, envp, execfn: filename, uid: 0, gid: 0 });
    } catch (e) {
      if (e instanceof LoadError || e instanceof ElfFormatError) return -ENOEXEC;
      throw e;
    }
    const t = this.current;
    const space = new ProcessSpace(this.kernelSpace);
    space.adopt(loaded.space);
    t.space = space;
    this.cpu.setAddressSpace(space);
    t.brkStart = t.brk = loaded.brk;
    t.stackLow = loaded.stackLow;
    const name = path.slice(path.lastIndexOf('/') + 1);
    t.image = { base: loaded.imageBase, size: loaded.imageSize, name };
    t.path = '/' + path;
    t.execed = true;
    const regs = new Uint8Array(PT_REGS_SIZE);
    const dv = new DataView(regs.buffer);
    dv.setBigInt64(128, BigInt(loaded.entry), true); // ip
    dv.setBigInt64(136, 0x33n, true); // cs
    dv.setBigInt64(144, 0x202n, true); // flags
    dv.setBigInt64(152, BigInt(loaded.sp), true); // sp
    dv.setBigInt64(160, 0x2bn, true); // ss
    this.kernelSpace.writeBytes(t.stackTop - PT_REGS_SIZE, regs);
    return 0;
  }

  /** Whether `pages` more user pages fit in the machine's memory (-m), counting every live process. */
  private memoryFor(pages: number): boolean {
    let used = 0;
    const seen = new Set<ProcessSpace>();
    for (const t of this.tasks.values()) {
      if (seen.has(t.space)) continue;
      seen.add(t.space);
      used += t.space.pages.size;
    }
    return (used + pages) * PAGE_SIZE + this.heap.used <= (this.opts.memoryMb ?? 128) * 1024 * 1024;
  }

  private sysBrk(req: number): number {
    const t = this.current;
    if (req < t.brkStart || req > t.brkStart + 0x40000000) return t.brk;
    const oldEnd = Math.ceil(t.brk / PAGE_SIZE) * PAGE_SIZE;
    const newEnd = Math.ceil(req / PAGE_SIZE) * PAGE_SIZE;
    if (newEnd > oldEnd && !this.memoryFor((newEnd - oldEnd) / PAGE_SIZE)) return t.brk; // out of memory
    if (newEnd > oldEnd) t.space.map(oldEnd, newEnd - oldEnd, PROT_READ | PROT_WRITE | PROT_USER);
    else if (newEnd < oldEnd) t.space.unmap(newEnd, oldEnd - newEnd);
    t.brk = req;
    return t.brk;
  }

  private findVma(taskPtr: number, addr: number): number {
    const t = this.tasks.get(taskPtr);
    if (!t || !t.image || addr < t.image.base || addr >= t.image.base + t.image.size) return 0;
    if (!this.vmaBuf) this.vmaBuf = this.heap.alloc(80);
    const b = new Uint8Array(80);
    const dv = new DataView(b.buffer);
    dv.setBigInt64(0, BigInt(t.image.base), true);
    dv.setBigInt64(8, BigInt(t.image.base + t.image.size), true);
    b.set(new TextEncoder().encode(t.image.name).subarray(0, 63), 16);
    this.kernelSpace.writeBytes(this.vmaBuf, b);
    return this.vmaBuf;
  }

  /** The stack grows on a fault just below it, down to RLIMIT_STACK (8 MiB). */
  private handleMmFault(addr: number): number {
    const t = this.current;
    if (addr >= t.stackLow || addr < STACK_TOP - STACK_LIMIT) return -1;
    const low = Math.floor(addr / PAGE_SIZE) * PAGE_SIZE;
    if (!this.memoryFor((t.stackLow - low) / PAGE_SIZE)) return -1;
    t.space.map(low, t.stackLow - low, PROT_READ | PROT_WRITE | PROT_USER);
    t.stackLow = low;
    return 0;
  }

  private kallsymsLookup(addr: number, sizePtr: number, offPtr: number, modPtr: number, namebuf: number): number {
    const s = lookupSymbol(this.image, addr);
    if (!s) return 0;
    if (sizePtr) this.writeU64(sizePtr, s.size);
    if (offPtr) this.writeU64(offPtr, s.offset);
    if (modPtr) this.writeU64(modPtr, 0);
    const name = new TextEncoder().encode(s.name.slice(0, 127) + '\0');
    this.space().writeBytes(namebuf, name);
    return namebuf;
  }

  // ---- the initramfs as a read-only file system ----

  private isDir(path: string): boolean {
    if (path === '') return true;
    const f = this.files.get(path);
    if (f) return (f.mode & S_IFDIR) !== 0;
    for (const k of this.files.keys()) if (k.startsWith(path + '/')) return true;
    return false;
  }

  private sysOpen(namePtr: number, flags: number): number {
    const name = namePtr >= 0 ? this.readString(namePtr, true) : null;
    if (name === null) return -EFAULT;
    const path = normalize(name);
    const dir = this.isDir(path);
    if (!dir && !this.files.has(path)) return flags & 0x40 ? -EROFS : -ENOENT;
    if ((flags & 3) !== 0 || flags & 0x40) return dir ? -EISDIR : -EROFS;
    if (flags & 0x10000 && !dir) return -ENOTDIR; // O_DIRECTORY
    const t = this.current;
    let fd = 3;
    while (t.fds.has(fd)) fd++;
    if (fd >= 1024) return -EMFILE;
    t.fds.set(fd, { path, dir, pos: 0 });
    return fd;
  }

  private sysClose(fd: number): number {
    if (fd >= 0 && fd <= 2) return 0;
    return this.current.fds.delete(fd) ? 0 : -EBADF;
  }

  private userWritable(a: number, len: number): boolean {
    return a >= 0 && this.space().check(a, len, PROT_READ | PROT_WRITE | PROT_USER);
  }

  private vfsRead(fd: number, buf: number, count: number): number {
    const f = this.current.fds.get(fd);
    if (!f) return -EBADF;
    if (f.dir) return -EISDIR;
    const data = this.files.get(f.path)!.data;
    const n = Math.max(0, Math.min(count, data.length - f.pos));
    if (n === 0) return 0;
    if (!this.userWritable(buf, n)) return -EFAULT;
    this.space().writeBytes(buf, data.subarray(f.pos, f.pos + n));
    f.pos += n;
    return n;
  }

  private getdents64(fd: number, dirp: number, count: number): number {
    const f = this.current.fds.get(fd);
    if (!f) return -EBADF;
    if (!f.dir) return -ENOTDIR;
    const names = new Map<string, boolean>([['.', true], ['..', true]]);
    const prefix = f.path === '' ? '' : f.path + '/';
    for (const [k, e] of this.files) {
      if (!k.startsWith(prefix) || k === f.path) continue;
      const rest = k.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash >= 0) names.set(rest.slice(0, slash), true);
      else names.set(rest, (e.mode & S_IFDIR) !== 0);
    }
    const list = [...names.entries()];
    const out: number[] = [];
    const enc = new TextEncoder();
    let i = f.pos;
    for (; i < list.length; i++) {
      const [name, isDir] = list[i]!;
      const nb = enc.encode(name);
      const reclen = Math.ceil((19 + nb.length + 1) / 8) * 8;
      if (out.length + reclen > count) break;
      const rec = new Uint8Array(reclen);
      const dv = new DataView(rec.buffer);
      dv.setBigUint64(0, BigInt(i + 1), true); // d_ino
      dv.setBigInt64(8, BigInt(i + 1), true); // d_off
      dv.setUint16(16, reclen, true);
      rec[18] = isDir ? 4 : 8; // DT_DIR / DT_REG
      rec.set(nb, 19);
      out.push(...rec);
    }
    if (i < list.length && out.length === 0) return -22; // EINVAL: buffer too small
    if (out.length && !this.userWritable(dirp, out.length)) return -EFAULT;
    if (out.length) this.space().writeBytes(dirp, Uint8Array.from(out));
    f.pos = i;
    return out.length;
  }

  private newfstat(fd: number, statbuf: number): number {
    let mode: number;
    let size = 0;
    if (fd >= 0 && fd <= 2) mode = 0o20620;
    else {
      const f = this.current.fds.get(fd);
      if (!f) return -EBADF;
      const e = this.files.get(f.path);
      mode = f.dir ? 0o40755 : (e?.mode ?? 0o100644);
      size = e && !f.dir ? e.data.length : 0;
    }
    if (!this.userWritable(statbuf, 144)) return -EFAULT;
    const b = new Uint8Array(144);
    const dv = new DataView(b.buffer);
    dv.setBigUint64(16, 1n, true); // st_nlink
    dv.setUint32(24, mode, true); // st_mode
    dv.setBigInt64(48, BigInt(size), true); // st_size
    dv.setBigInt64(56, 4096n, true); // st_blksize
    dv.setBigInt64(64, BigInt(Math.ceil(size / 512)), true);
    this.space().writeBytes(statbuf, b);
    return 0;
  }
}

function setPair(ctx: Context, r: number, v: number): void {
  const hi = Math.floor(v / 4294967296);
  ctx.hi[r] = hi | 0;
  ctx.lo[r] = (v - hi * 4294967296) | 0;
}

/** "/bin/../init" → "init": the path inside the archive (the root is ""). */
export function normalize(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts.join('/');
}
