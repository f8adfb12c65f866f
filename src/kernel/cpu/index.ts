// The CPU's public face, for the machine (boot, devices, kernel services) and user mode.
//
//   const space = new AddressSpace();                       // one per process
//   const text = canonical(0xffffffff81000000n)!;           // addresses are signed canonical numbers
//   space.map(text, size, PROT_READ | PROT_WRITE | PROT_EXEC);   // PROT_USER for user pages
//   other.mapFrame(text, space.lookup(text)!.frame, prot);  // share a page (the kernel half) between spaces
//   space.writeBytes(addr, bytes);                          // host-side copy (ignores permissions)
//   const cpu = new Cpu(space);                             // CPL 0, IF clear, no IDT yet
//   cpu.rip = entry; cpu.setReg64(RSP, stackTop);           // registers: setReg64/getReg64 (bigint API),
//                                                           // lo/hi Int32Array halves on hot paths
//   cpu.idtBase = idt; cpu.idtLimit = 256 * 16 - 1;         // or let the kernel execute lidt
//   cpu.rsp0 = kernelStackTop;                              // the stack loaded on entry from CPL 3 (TSS.RSP0)
//   cpu.msrs.set(MSR_LSTAR, ...)                            // or wrmsr: STAR, LSTAR, FMASK, FS/GS/KERNEL_GS base
//   cpu.registerAddressSpace(cr3Value, space);              // `mov %rax, %cr3` switches to it
//   cpu.setAddressSpace(space);                             // or switch from the host
//   cpu.io = { in(port, size) { ... }, out(port, size, value) { ... } };   // port I/O (UART, power-off)
//   cpu.raiseIrq(vector);                                   // an external interrupt, delivered when IF=1
//   const why = cpu.run(1_000_000);                         // 'budget' | 'halt' | 'stop' | 'shutdown'
//   cpu.icount                                              // retired instructions: the deterministic clock
//
// Exceptions and interrupts go through the IDT with the 64-bit frame; a host hook may take them
// first (cpu.onTrap), which is how user mode turns faults into signals and `int $0x80` into
// host syscalls; cpu.onSyscall does the same for `syscall`. With no hook and no IDT entry the
// machine shuts down (triple fault) and run() returns 'shutdown'.
export {
  Cpu,
  CpuFault,
  DR6_BS,
  MSR_CSTAR,
  MSR_EFER,
  MSR_FMASK,
  MSR_FS_BASE,
  MSR_GS_BASE,
  MSR_KERNEL_GS_BASE,
  MSR_LSTAR,
  MSR_STAR,
  MSR_TSC_AUX,
  RAX,
  RBP,
  RBX,
  RCX,
  RDI,
  RDX,
  REG_NAMES,
  RSI,
  RSP,
  VEC_BP,
  VEC_DB,
  VEC_DE,
  VEC_DF,
  VEC_GP,
  VEC_PF,
  VEC_SS,
  VEC_UD,
  type PortIo,
  type StopReason,
  type TrapInfo,
} from './cpu.js';
export { AddressSpace, canonical, addrToBigint, Frame, PAGE_SIZE, PROT_EXEC, PROT_READ, PROT_USER, PROT_WRITE, type Mapping } from './mmu.js';
export { decode } from './decode.js';
export { Op, type Insn } from './insn.js';
