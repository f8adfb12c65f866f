// Hot code runs as compiled regions: a JS function per region of a code page (the instructions
// reachable from a hot one through direct jumps, calls and returns; see compileBlock), with each
// instruction's handler called directly and the decoded instruction as a constant, or the
// commonest forms inlined as straight JS. Edges inside the region are jumps inside the function
// (chained blocks): a loop, the arms of an if, or a call and its ret never go back to the CPU's
// run loop, and the interpreter's per-instruction fetch and megamorphic dispatch disappear.
//
// Semantics are the handlers' own: each handler sets rip last, so when one faults rip addresses
// it and the instructions before it have completed (the region reports how many, blockDone).
// A region lives on its entry instructions, inside their pages' decoded-instruction caches, so a
// write to a page drops it; a region that writes memory checks after each such instruction
// whether it wrote the page it is running on, and stops there so the modified code is decoded
// afresh (its other pages are checked when it enters them). Only the pure integer instructions,
// cli/sti (inline at CPL 0, leaving after sti when an interrupt is pending), swapgs and
// syscall/sysret are compiled (the last two as their handlers, leaving when the interrupt state
// or TF needs the careful path): everything else that changes the privilege
// level, the address space or the interrupt state stays with the run loop, which also keeps TF,
// pending interrupts, tracing and breakpoints on its careful path.
//
// Inside a region the guest registers it uses live in JS locals (see registerLocals): read at
// entry, stored back at its one exit, around handler calls and on a fault.
//
// Flags nothing reads are not computed: an ALU op or shift whose flags the next full flag
// writer in the same stretch (between two labels) overwrites, before any reader or exit, keeps
// its operands in locals instead of storing the lazy-flag record. A fault in between (the catch
// at the end of each region), a self-modification exit, or a taken jcc writes them from those
// locals, so every path out of a stretch sees exactly the flags the interpreter would have left.
import { setFlagsFromString } from 'node:v8';
import type { Cpu } from './cpu.js';
import { imulTrunc, shift } from './alu.js';
import { condition } from './flags.js';
import { HANDLERS } from './exec.js';
import { Op, type Insn } from './insn.js';
import { dropCode, PAGE_SIZE, type Frame } from './mmu.js';
import { compileWasmRegion } from './wasm/region.js';

/** Whether compileBlock has turned V8's on-stack replacement off (once per process). */
let osrOff = false;

/** Executions of an instruction before a region is compiled from it (fewer, colder regions cost more JIT time than they save). */
export const BLOCK_THRESHOLD = 200;
/**
 * Instructions in one compiled region at most: a syscall round trip (user loop, entry code, the
 * syscall, sysretq: ~116 for getpid) fits, so it loops inside one function. Larger functions take
 * V8 much longer to optimize.
 */
const MAX_REGION = 128;
/** Code pages one region may span. */
const MAX_PAGES = 4;
/** Canonical addresses are in [-CANON, CANON). */
const CANON = 2 ** 47;

/** What compileBlock needs from the CPU: frames and decoded instructions of other pages, syscall's target. */
export interface CodeSource {
  frame(addr: number): Frame | null;
  decode(addr: number, f: Frame): Insn | null;
  /** LSTAR (NaN if not canonical, or syscalls are emulated by the host). */
  lstar: number;
  /** Syscalls are emulated by the host (user mode): a region returns to the run loop after one. */
  hostSyscalls: boolean;
  /** Only instructions that have run join a region (off when tests compile everything at once). */
  ranOnly: boolean;
  /** Compile regions to WebAssembly where wasm/region.ts can (else, and otherwise, JS). */
  wasm: boolean;
}

/** The region's locals holding the pair caches of the current privilege level. */
const PAIR_CACHES = 'RT = c.pTagLo, RH = c.pTagHi, RF = c.pFrame, WT = c.pwTagLo, WH = c.pwTagHi, WF = c.pwFrame';

function pageOf(a: number): number {
  return Math.floor(a / PAGE_SIZE) * PAGE_SIZE;
}

export type BlockFn = (c: Cpu, budget: number, pc: number) => number;

/** Ops a block may contain: the pure integer instructions. System instructions stay interpreted. */
function allowed(op: Op): boolean {
  switch (op) {
    case Op.UD:
    case Op.INT:
    case Op.INT3:
    case Op.IRET:
    case Op.HLT:
    case Op.PUSHF:
    case Op.POPF:
    case Op.IN:
    case Op.OUT:
    case Op.MOV_CR_R:
    case Op.MOV_R_CR:
    case Op.MOV_DR_R:
    case Op.MOV_R_DR:
    case Op.RDMSR:
    case Op.WRMSR:
    case Op.LIDT:
    case Op.LGDT:
    case Op.SIDT:
    case Op.LTR:
    case Op.RDTSC:
    case Op.CPUID:
    case Op.ENTER:
    case Op.INVLPG:
    case Op.MOV_FROM_SREG:
    case Op.MOV_TO_SREG:
      return false;
  }
  return true;
}

/** Ops that never write memory (no self-modification check needed after them). */
function registerOnly(d: Insn): boolean {
  switch (d.op) {
    case Op.MOV_RR:
    case Op.LOAD:
    case Op.ALU_RR:
    case Op.ALU_RI:
    case Op.ALU_RM:
    case Op.LEA:
    case Op.CBW:
    case Op.CWD:
    case Op.MOVZX:
    case Op.MOVSX:
    case Op.MOV_GE:
    case Op.ALU_GE:
    case Op.IMUL2:
    case Op.IMUL3:
    case Op.POP64:
    case Op.JCC:
    case Op.JMP:
    case Op.RET:
    case Op.LEAVE:
    case Op.NOP:
    case Op.CLC:
    case Op.STC:
    case Op.CMC:
    case Op.CLD:
    case Op.STD:
    case Op.BSWAP:
    case Op.CMOVCC:
    case Op.CLI:
    case Op.STI:
    case Op.SWAPGS:
    case Op.TEST_EG:
    case Op.TEST_EI:
    case Op.MUL1:
    case Op.IMUL1:
    case Op.DIV:
    case Op.IDIV:
      return true;
    case Op.ALU_MI:
    case Op.ALU_MR:
      if (d.sub === 7) return true; // cmp only reads memory
  }
  return d.rm >= 0 && (d.op === Op.ALU_EG || d.op === Op.ALU_EI || d.op === Op.SHIFT || d.op === Op.INC || d.op === Op.DEC || d.op === Op.NEG || d.op === Op.NOT || d.op === Op.MOV_EG || d.op === Op.MOV_EI || d.op === Op.SETCC);
}

/**
 * Compiles the region entered at `first`: the instructions of its page reachable from it through
 * direct jumps, conditional jumps, direct calls and the return sites after calls (up to
 * MAX_REGION). They become one JS function, a loop over a switch with a case per label (an
 * instruction some edge enters other than by falling through): an edge between two instructions
 * of the region is `pc = label; continue`, so a loop, a call and its ret, or the two arms of an
 * if run without going back to the CPU's run loop. A ret (or an indirect jump) whose target is a
 * label of the region continues there too. Every label is also an entry: its instruction gets
 * the function with its label number, so the run loop enters the region anywhere it knows.
 *
 * The budget: a label's case first checks that the instructions up to the next label fit in what
 * is left (else it returns, and the run loop interprets the rest of its budget), so a region never
 * runs past the instruction the run loop would have stopped at. `n` counts the retired
 * instructions at the start of the current case; a fault adds those of the case before it.
 *
 * A region may span pages (up to MAX_PAGES: a call into another page, a syscall into the kernel's
 * entry code and the sysret back, an indirect call to the target it took last): an edge into
 * another page first checks that the page still executes from the frame the region was decoded
 * from, at the current privilege level, and that nothing has written it since (else the region
 * leaves there, and the run loop fetches afresh). A write checks the page of the instruction
 * that made it, as before; the region's other pages are checked when it enters them.
 *
 * `src` finds the frame of a page (any privilege; null if not executable) and decodes an
 * instruction in it (null if it cannot be decoded without faulting).
 */
export function compileBlock(first: Insn, f: Frame, src: CodeSource): void {
  if (!osrOff) {
    // A region is called for at most REGION_SLICE instructions at a time, so V8 optimizes it at
    // its next call anyway; on-stack replacement only compiles a second copy of the region for
    // the call in progress (hundreds of milliseconds of the other core, a slower copy, and a
    // region deoptimized into it stays there). Off for the process from the first region on.
    setFlagsFromString('--no-use-osr');
    osrOff = true;
  }
  const firstPage = pageOf(first.addr);
  // The region's pages: 0 is first's (whose frame the run loop fetched it from).
  const pages = new Map<number, { k: number; f: Frame; code: unknown }>([[firstPage, { k: 0, f, code: f.code }]]);
  const byAddr = new Map<number, Insn>();
  const targets = new Set<number>([first.addr]);
  // Breadth first, but the body of a called function after the caller's own paths (deferred), so
  // a rarely taken call (a slow path) does not use up the region before the caller's common path.
  const queue: Insn[] = [];
  const deferred: number[] = [];
  const visit = (a: number): boolean => {
    if (byAddr.has(a)) return true;
    if (byAddr.size >= MAX_REGION || !(a >= -CANON && a < CANON)) return false;
    const base = pageOf(a);
    let pg = pages.get(base);
    if (pg === undefined) {
      const pf = pages.size < MAX_PAGES ? src.frame(a) : null;
      if (pf === null) return false;
      pg = { k: pages.size, f: pf, code: pf.code };
      pages.set(base, pg);
    }
    const x = a === first.addr ? first : src.decode(a, pg.f);
    // Code not run often stays out (the region leaves there; see RAN_MIN): a path V8 has no
    // feedback for deoptimizes the region when first taken, and a cold slow path would use up MAX_REGION.
    if (x === null || !allowed(x.op) || x.next > base + PAGE_SIZE || (src.ranOnly && !ran(x))) return false;
    byAddr.set(a, x);
    queue.push(x);
    return true;
  };
  visit(first.addr);
  for (let q = 0; q < queue.length || deferred.length > 0; q++) {
    if (q === queue.length) {
      const t = deferred.shift()!;
      q--;
      if (visit(t)) targets.add(t);
      continue;
    }
    const x = queue[q]!;
    for (const [t, label, later] of successors(x, src)) {
      if (later && !byAddr.has(t)) deferred.push(t);
      else if (visit(t) && (label || pageOf(t) !== pageOf(x.addr))) targets.add(t);
    }
  }
  const insns = [...byAddr.values()].sort((a, b) => a.addr - b.addr);
  if (insns.length < 2) {
    first.block = NO_BLOCK as Insn['block'];
    return;
  }
  // The page (number) of each instruction, and the names of its frame and its decoded code.
  const pageNo = insns.map((x) => pages.get(pageOf(x.addr))!.k);
  const frameName = (k: number): string => (k === 0 ? 'f' : `F${k}`);
  const codeName = (k: number): string => (k === 0 ? 'arr' : `A${k}`);
  const pageBaseOf: number[] = [];
  for (const [base, pg] of pages) pageBaseOf[pg.k] = base;
  // Something wrote page k (the one the current instruction is on) since the region was compiled.
  const written = (k: number): string => `${frameName(k)}.code !== ${codeName(k)}`;
  // Page k may be entered: it still executes from its frame at this CPL, unwritten since.
  const pageOk = (k: number): string => `(c.codeFrame(${pageBaseOf[k]}) === ${frameName(k)} && ${frameName(k)}.code === ${codeName(k)})`;
  // Labels: entered by a jump, a call, a return, or not by falling through from the one before.
  const labelOf = new Map<number, number>();
  const segStart: number[] = [];
  insns.forEach((x, i) => {
    const prev = i > 0 ? insns[i - 1]! : null;
    if (targets.has(x.addr) || prev === null || !fallsThrough(prev) || prev.next !== x.addr || pageNo[i - 1] !== pageNo[i]) {
      labelOf.set(x.addr, segStart.length);
      segStart.push(i);
    }
  });
  const nseg = segStart.length;
  const segEnd = (s: number): number => (s + 1 < nseg ? segStart[s + 1]! : insns.length);
  if (src.wasm) {
    const frames: Frame[] = [];
    const codes: unknown[] = [];
    for (const pg of pages.values()) {
      frames[pg.k] = pg.f;
      codes[pg.k] = pg.code;
    }
    const w = compileWasmRegion({ insns, pageNo, pageBase: pageBaseOf, frames, codes, labelOf, segStart, fallsThrough, hostSyscalls: src.hostSyscalls });
    if (w !== null) {
      install(w as Insn['block'], insns, labelOf, byAddr);
      return;
    }
  }

  // Flags analysis per case (a label is entered with the CPU's lazy flags current).
  const kinds: number[] = [];
  const dead: boolean[] = [];
  const pend: number[] = []; // pend[i]: the elided producer pending when instruction i starts (-1: none)
  const pendAfter: number[] = [];
  for (let s = 0; s < nseg; s++) {
    const seg = insns.slice(segStart[s]!, segEnd(s));
    const k = flagKinds(seg);
    const dd = deadFlags(seg, k);
    let p = -1;
    seg.forEach((_, j) => {
      const i = segStart[s]! + j;
      kinds.push(k[j]!);
      dead.push(dd[j]!);
      pend.push(p);
      if (k[j] === K_WRITE) p = dd[j] ? i : -1;
      else if (k[j] !== K_NEUTRAL) p = -1;
      pendAfter.push(p);
    });
  }

  const params: string[] = ['f', 'arr', 'shift', 'condition', 'imul', 'W', 'dropCode'];
  const args: unknown[] = [f, f.code, shift, condition, imulTrunc, { calls: 0 }, dropCode];
  for (const pg of pages.values()) {
    if (pg.k === 0) continue;
    params.push(frameName(pg.k), codeName(pg.k));
    args.push(pg.f, pg.code);
  }
  const body: string[] = ['return function block(c, lim, pc) {', '  const L = c.lo, H = c.hi;',
    // The pair caches of this privilege level (loaded again after a syscall or sysret).
    `  let ${PAIR_CACHES};`,
    '  let lo = 0, hi = 0, s = 0, n = 0, ix = 0;',
    // One-entry caches of the last page read and written (see rd, wr): seeded with a frame's own types.
    // They are filled only from the 17th call on: until then every access site looks its page up
    // in the pair cache, so V8 has feedback for that path before optimizing the region.
    '  let tp = -1, th = 0, tdv = f.dv, wp = -1, wh = 0, wfr = f; const fill = ++W.calls > 16;',
    // The same for the stack (accesses based on rsp or rbp), so a loop between the stack and an array keeps both.
    '  let sp_ = -1, sh_ = 0, sdv = f.dv, sw_ = -1, swh = 0, swf = f;', '  let fa = 0, fah = 0, fb = 0, fbh = 0, fr = 0, frh = 0;'];
  const saved = new Set<number>();
  for (const k of pend) if (k >= 0) saved.add(k);
  for (const k of saved) body.push(`  let a${k} = 0, ah${k} = 0, b${k} = 0, bh${k} = 0;`);
  // nrip: the rip an exit leaves, stored at the one exit site (which runs at entry too, storing
  // rip's own value); NaN when rip is already right (a handler or a dynamic transfer set it).
  // res + adj: the instructions retired when leaving (an exit stores constants only, see registerLocals).
  body.push('  let at = -1, res = -1, adj = 0, inH = false, nrip = c.rip;');
  const loopStart = body.length;
  body.push('  loop: for (;;) {', '  switch (pc) {');
  // Leaving page `from` for `t` after `cnt` instructions of the current case: to its label (on
  // another page, if that page may be entered), or out.
  const edge = (from: number, t: number, cnt: number): string => {
    const k = labelOf.get(t);
    if (k === undefined) return `c.rip = ${t}; return n + ${cnt};`;
    const to = pageNo[segStart[k]!]!;
    if (to === from) return `n += ${cnt}; pc = ${k}; continue loop;`;
    return `if (${pageOk(to)}) { n += ${cnt}; pc = ${k}; continue loop; } c.rip = ${t}; return n + ${cnt};`;
  };
  // After an instruction that set rip itself (ret, an indirect jump, syscall, sysret): a label if
  // rip is one. One shared case per page (number nseg + page) does the lookup: a copy per exit
  // would make the source quadratic.
  const labelCases = (from: number, int32: boolean): string =>
    [...labelOf.entries()]
      .filter(([a]) => ((a | 0) === a) === int32)
      .map(([a, k]) => {
        const to = pageNo[segStart[k]!]!;
        return to === from ? `case ${a}: pc = ${k}; continue loop;` : `case ${a}: if (${pageOk(to)}) { pc = ${k}; continue loop; } break;`;
      })
      .join(' ');
  const dynamic = (from: number, cnt: number): string => `n += ${cnt}; pc = ${nseg + from}; continue loop;`;
  const faultCase: string[] = [];
  for (let s = 0; s < nseg; s++) {
    const from = segStart[s]!;
    const to = segEnd(s);
    body.push(`  case ${s}:`, `  if (n + ${to - from} > lim) { c.rip = ${insns[from]!.addr}; return n; }`);
    let known: Known | null = null;
    for (let i = from; i < to; i++) {
      const run = stackRun(insns, i, to - 1);
      if (run > 1) {
        // Consecutive pushes (or pops): one page check for all their stack slots. Else the region
        // leaves before the first: the run loop interprets them (faults precise), which also
        // fills the pair cache for the next time. The fast path cannot fault.
        const leave = `${materialize(insns, pend[i]!)}c.rip = ${insns[i]!.addr}; return n + ${i - from};`;
        body.push(...stackRunCode(insns.slice(i, i + run), leave).map((l) => '  ' + l));
        i += run - 1;
        known = null;
        continue;
      }
      const x = insns[i]!;
      const j = i - from;
      const last = i === to - 1;
      const nextIsJcc = !last && insns[i + 1]!.op === Op.JCC;
      // A jcc right after the elided producer it tests: that producer's result is in fr (frh).
      const exitFlags = known !== null && pend[i] === i - 1 ? materialize(insns, i - 1, true) : materialize(insns, pend[i]!);
      const pg = pageNo[i]!;
      // Leaving before x (its uncommon cases: the run loop interprets it, and what follows up to a label).
      const leave = `${materialize(insns, pend[i]!)}c.rip = ${x.addr}; return n + ${j};`;
      const inline = inlineCode(x, i, known, nextIsJcc, dead[i]!, saved.has(i), exitFlags, leave, (t) => edge(pg, t, j + 1));
      known = inline?.known ?? null;
      let fault = false;
      if (inline !== null) {
        if (inline.fallback) {
          params.push(`h${i}`, `d${i}`);
          args.push(HANDLERS[x.op], x);
        } else if (inline.code.some((l) => l.includes(`d${i}.`))) {
          // The decoded instruction itself (call *: the target it last saw).
          params.push(`d${i}`);
          args.push(x);
        }
        if (inline.mayFault) {
          body.push(`  at = ${i};`);
          fault = true;
        }
        // rip for the handler of a fallback only (a fault's rip is set in the catch).
        const call = `h${i}(c, d${i});`;
        body.push(...inline.code.map((l) => '  ' + l.replace(call, `{ c.rip = ${x.addr}; ${call} }`)));
        // sti may make a pending interrupt deliverable: the careful path takes it before the next instruction.
        if (x.op === Op.STI) body.push(`  if (c.attention) { ${materialize(insns, pendAfter[i]!)}c.rip = ${x.next}; return n + ${j + 1}; }`);
      } else {
        params.push(`h${i}`, `d${i}`);
        args.push(HANDLERS[x.op], x);
        // What the handler reads and writes, when that is little (the host's syscall may do anything).
        const touches = x.op === Op.SYSCALL && src.hostSyscalls ? undefined : TOUCHES.get(x.op);
        body.push(`  at = ${i}; c.rip = ${x.addr};`, `  h${i}(c, d${i});${touches === undefined ? '' : ` /*K:${touches}*/`}`);
        fault = true;
        // syscall and sysret change the privilege level, the interrupt flag and maybe TF: the
        // careful path takes over if that needs it; else this level's pair caches from now on.
        // A syscall the host emulates (user mode) may have changed anything: back to the run loop.
        if (x.op === Op.SYSCALL || x.op === Op.SYSRET) {
          body.push(src.hostSyscalls ? `  return n + ${j + 1};` : `  if (c.attention) return n + ${j + 1};`, `  ${PAIR_CACHES};`);
        }
      }
      if (fault) faultCase.push(`    case ${i}: c.rip = ${x.addr}; ${materialize(insns, pend[i]!)}c.blockDone = n + ${j}; break;`);
      const after = materialize(insns, pendAfter[i]!);
      if (!last) {
        if (!registerOnly(x)) body.push(`  if (${written(pg)}) { ${after}c.rip = ${x.next}; return n + ${j + 1}; }`);
        continue;
      }
      // The end of the case: where control goes after its last instruction.
      const cnt = j + 1;
      // A jump to the next case (-O0 code's `jmp` to the epilogue right after it) falls into it.
      if (inline !== null && inline.target !== undefined && labelOf.get(inline.target) === s + 1 && pageNo[to] === pg) body.push(`  ${after}n += ${cnt};`);
      else if (inline !== null && inline.target !== undefined) body.push(`  ${after}${edge(pg, inline.target, cnt)}`);
      else if ((inline !== null && inline.dynamic) || (inline === null && transfers(x.op))) {
        if (!registerOnly(x)) body.push(`  if (${written(pg)}) { ${after}return n + ${cnt}; }`);
        body.push(`  ${after}${dynamic(pg, cnt)}`);
      } else {
        if (!registerOnly(x)) body.push(`  if (${written(pg)}) { ${after}c.rip = ${x.next}; return n + ${cnt}; }`);
        if (to < insns.length && insns[to]!.addr === x.next && fallsThrough(x) && pageNo[to] === pg) body.push(`  ${after}n += ${cnt};`);
        else body.push(`  ${after}${edge(pg, x.next, cnt)}`);
      }
    }
  }
  // rip is a double: switching on it compares case by case. The labels that fit in an int32 (all
  // of them in practice: user code below 2 GiB, the kernel image at -2 GiB) are switched on as an
  // int32, which V8 turns into a jump table or a binary search.
  for (let k = 0; k < pages.size; k++) {
    const wide = labelCases(k, false);
    body.push(`  case ${nseg + k}:`, `  { const r_ = c.rip, ri_ = r_ | 0; if (ri_ === r_) { switch (ri_) { ${labelCases(k, true)} } }${wide === '' ? '' : ` else switch (r_) { ${wide} }`} }`, '  return n;');
  }
  body.push('  }', '  return n;', '  }');
  const regs = registerLocals(body.splice(loopStart).join('\n'));
  // The one store-back site runs at entry too (storing what was just loaded), so V8 has its
  // feedback before optimizing the region in the middle of a long loop (and does not deoptimize
  // when that loop first leaves).
  // Once it has (the first 16 calls), entering skips it: it would only store what was just loaded.
  body.push(regs.load, '  for (;;) {', `  if (res >= 0 || !fill) { ${regs.store} if (nrip === nrip) c.rip = nrip; }`, '  const out = res + adj; if (res >= 0) return out;', '  try {', regs.code);
  // A fault leaves rip at the faulting instruction: give it the flags it would have seen (and
  // the registers the region keeps in locals, unless a handler faulted: it left them itself).
  body.push('  } catch (e) {', `    if (!inH) { ${regs.store} }`, '    c.blockDone = n;');
  if (faultCase.length > 0) body.push('    switch (at) {', ...faultCase, '    }');
  body.push('    throw e;', '  }', '  }', '};');
  // KWB_DUMP_BLOCKS=1 prints each compiled region's source (for working on this compiler).
  // Each is named for its first instruction (a profile's url for it: region-ADDR).
  if (process.env.KWB_DUMP_BLOCKS) {
    const hex = (a: number): string => BigInt.asUintN(64, BigInt(a)).toString(16);
    const name = `region-${hex(first.addr)}`;
    body.push(`//# sourceURL=${name}`);
    console.error(`// ${name}\n// ${insns.length} instructions: ${insns.map((x) => hex(x.addr) + (labelOf.has(x.addr) ? ':' : '')).join(' ')}\n${body.join('\n')}`);
  }
  install(factory(params, body.join('\n'))(...args) as Insn['block'], insns, labelOf, byAddr);
}

/** Makes fn the region entered at each of its labels. */
function install(fn: Insn['block'], insns: Insn[], labelOf: Map<number, number>, byAddr: Map<number, Insn>): void {
  // Every label enters the new region, also where an older one began: the newer is the larger
  // view of the same hot code (the run loop would otherwise hop between the two).
  for (const [a, k] of labelOf) {
    const x = byAddr.get(a)!;
    x.block = fn;
    x.blockPc = k;
  }
  // The instructions inside its stretches are run by this region: the interpreter reaches them
  // only when a budget ends mid-stretch, and must not compile another region overlapping this one
  // from there (each such region is JIT-compiled again for nothing).
  for (const x of insns) if (!labelOf.has(x.addr) && x.block === null) x.hits = COVERED;
}

/**
 * hits of an instruction a region covers (not an entry): far from the threshold, so a budget
 * ending mid-stretch now and then does not compile an overlapping region from there; but an
 * instruction the run loop keeps reaching (another region leaves there) gets its own in time.
 */
const COVERED = -50 * BLOCK_THRESHOLD;

/**
 * Guest registers in JS locals: the region's source (its loop) with every L[k]/H[k] the inline
 * code uses read once at entry into locals Gk/GHk, and the ones it writes stored back at the
 * single exit (every `return` becomes a break out of the loop) and in the catch. A handler call
 * stores them before (it sees and may change c's registers) and reloads them after; `inH` tells
 * the catch that a handler faulted, which leaves c's registers as it left them (a rep movs may
 * have moved part of its count). A handler marked with what it touches (a comment K:reads;
 * writes;flags, see TOUCHES) gets only those stored and reloaded, and a fault in it leaves the
 * catch to store the locals (it changed nothing).
 *
 * The lazy-flag record (c.fOp ... c.fCin) lives in locals too, the same way: so writing it (an
 * inlined ALU op, or the flags a taken jcc leaves with) costs register moves, not stores. Calls
 * that read or write it (condition, shift, imul, handlers) get it stored before and reloaded after.
 */
function registerLocals(src: string): { load: string; code: string; store: string } {
  const used = new Set<number>();
  const written = new Set<number>();
  for (const m of src.matchAll(/\b[LH]\[(\d+)\]( =(?!=))?/g)) {
    used.add(Number(m[1]));
    if (m[2]) written.add(Number(m[1]));
  }
  const list = (set: Set<number>, f: (k: number) => string): string => [...set].sort((a, b) => a - b).map(f).join(' ');
  const store = list(written, (k) => `L[${k}] = G${k}; H[${k}] = GH${k};`);
  const reload = list(used, (k) => `G${k} = L[${k}]; GH${k} = H[${k}];`);
  let load = used.size === 0 ? '' : '  let ' + [...used].sort((a, b) => a - b).map((k) => `G${k} = L[${k}], GH${k} = H[${k}]`).join(', ') + ';';
  // The flag record, if the inline code touches it (else calls use c's own).
  const flags = /\bc\.f(?:Op|Size|Res|ResHi|A|AHi|B|BHi|Cin)\b/.test(src) ? LAZY_FIELDS : [];
  const flagStore = flags.map((f) => `c.${f} = X${f};`).join(' ');
  const flagReload = flags.map((f) => `X${f} = c.${f};`).join(' ');
  const storeExpr = flags.map((f) => `c.${f} = X${f}, `).join('');
  const reloadExpr = flags.map((f) => `X${f} = c.${f}, `).join('');
  load += ` let ${flags.map((f) => `X${f} = c.${f}, `).join('')}sv_ = 0;`;
  const code = src
    .replace(/\bc\.(f(?:Op|Size|Res|ResHi|A|AHi|B|BHi|Cin))\b/g, 'X$1')
    .replace(/\bcondition\(c, (\d+)\)/g, `(${storeExpr}condition(c, $1))`)
    .replace(/\b(shift|imul)\(c, ([^()]*)\)/g, `(${storeExpr}sv_ = $1(c, $2), ${reloadExpr}sv_)`)
    .replace(/\bL\[(\d+)\]/g, 'G$1')
    .replace(/\bH\[(\d+)\]/g, 'GH$1')
    // An exit assigns constants and locals only: an arithmetic operation never executed before V8
    // optimized the region would deoptimize it the first time that exit is taken.
    .replace(/\bc\.rip = (-?\d+); return n(?: \+ (\d+))?;/g, (_, rip: string, k?: string) => `{ nrip = ${rip}; res = n; adj = ${k ?? 0}; break loop; }`)
    // Leaving rip as it is: an exit V8 has not seen taken before it optimized the region (the
    // first timer interrupt after sti, say) must not read c.rip there, or it deoptimizes the region.
    .replace(/\breturn n(?: \+ (\d+))?;/g, (_, k?: string) => `{ nrip = NaN; res = n; adj = ${k ?? 0}; break loop; }`)
    .replace(/\b(h\d+)\(c, (d\d+)\);(?: \/\*K:([\d,]*);([\d,]*);(s?r?)\*\/)?/g, (_, h: string, d: string, reads?: string, writes?: string, fl?: string) => {
      if (reads === undefined) return `{ ${store} ${flagStore} inH = true; ${h}(c, ${d}); inH = false; tp = wp = sp_ = sw_ = -1; ${reload} ${flagReload} }`;
      const regs = (l: string, of: Set<number>): number[] => l.split(',').filter((k) => k !== '').map(Number).filter((k) => of.has(k));
      const before = regs(reads, written).map((k) => `L[${k}] = G${k}; H[${k}] = GH${k};`).join(' ');
      const after = regs(writes!, used).map((k) => `G${k} = L[${k}]; GH${k} = H[${k}];`).join(' ');
      return `{ ${before} ${fl!.includes('s') ? flagStore : ''} ${h}(c, ${d}); tp = wp = sp_ = sw_ = -1; ${after} ${fl!.includes('r') ? flagReload : ''} }`;
    });
  return { load, code, store: `${store} ${flagStore}` };
}

/** The lazy-flag record's fields that inline code writes (flags.ts; fBits is only a handler's). */
const LAZY_FIELDS = ['fOp', 'fSize', 'fRes', 'fResHi', 'fA', 'fAHi', 'fB', 'fBHi', 'fCin'];

/**
 * The function making a region's closure from its source, shared by every region with the same
 * source (the same code at the same address: the next boot of the same kernel, the same program
 * run again). Closures of one factory share V8's feedback and optimized code, so a region the JIT
 * has optimized once is fast from its first call in the next machine, instead of being compiled
 * again (that costs more than a short run saves).
 */
const factories = new Map<string, (...a: unknown[]) => BlockFn>();
const MAX_FACTORIES = 8192;

function factory(params: string[], source: string): (...a: unknown[]) => BlockFn {
  const key = params.join(',') + '\n' + source;
  let make = factories.get(key);
  if (make === undefined) {
    if (factories.size >= MAX_FACTORIES) factories.clear();
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    make = new Function(...params, source) as (...a: unknown[]) => BlockFn;
    // A throwaway closure first: V8 specializes the optimized code of a function literal's only
    // closure on its context (and throws that code away when a second closure appears), so
    // without it the next machine's region would be compiled again instead of sharing the code.
    make();
    factories.set(key, make);
  }
  return make;
}

/**
 * Where control may go after x, whether that place needs a label (anything but falling
 * through), and whether to explore it after the rest (a called function's body).
 */
function successors(x: Insn, src: CodeSource): [number, boolean, boolean][] {
  const canonicalTarget = x.tgt === x.tgt;
  const seen = x.seen === x.seen;
  switch (x.op) {
    case Op.JCC:
      return canonicalTarget ? [[x.next, false, false], [x.tgt, true, false]] : [[x.next, true, false]];
    case Op.JMP:
      return canonicalTarget ? [[x.tgt, true, false]] : [];
    case Op.CALL:
      return canonicalTarget ? [[x.next, true, false], [x.tgt, true, true]] : [[x.next, true, false]];
    case Op.CALL_E:
      // The target it took last (sys_call_table's entry for the system call a loop makes).
      return seen ? [[x.next, true, false], [x.seen, true, true]] : [[x.next, true, false]];
    case Op.JMP_E:
      return seen ? [[x.seen, true, false]] : [];
    case Op.SYSCALL:
      // The kernel's entry code; the sysret back lands on the next instruction.
      return !src.hostSyscalls && src.lstar === src.lstar ? [[x.next, true, false], [src.lstar, true, false]] : [[x.next, true, false]];
    case Op.MOVS:
    case Op.STOS:
    case Op.LODS:
    case Op.CMPS:
    case Op.SCAS:
      return [[x.next, true, false]];
    case Op.RET:
    case Op.SYSRET:
      return [];
  }
  return [[x.next, false, false]];
}

/** Whether control can reach x.next by falling through (no transfer, or a conditional one). */
function fallsThrough(x: Insn): boolean {
  return !transfers(x.op) || (x.op === Op.JCC && x.tgt === x.tgt);
}

/** Ops that may set rip to somewhere other than the next instruction (string ops may repeat themselves). */
function transfers(op: Op): boolean {
  return (
    op === Op.JMP ||
    op === Op.JMP_E ||
    op === Op.CALL ||
    op === Op.CALL_E ||
    op === Op.RET ||
    op === Op.JCC ||
    op === Op.SYSCALL ||
    op === Op.SYSRET ||
    op === Op.MOVS ||
    op === Op.STOS ||
    op === Op.LODS ||
    op === Op.CMPS ||
    op === Op.SCAS
  );
}

// How an instruction treats the arithmetic flags, for the dead-flag analysis: K_WRITE replaces
// all six and is inlined here (so its stores can be dropped), K_NEUTRAL neither reads nor
// writes them, K_READ is anything else (read, partly written, or unknown: a handler).
const K_READ = 0;
const K_WRITE = 1;
const K_NEUTRAL = 3;

function flagKind(x: Insn): number {
  switch (x.op) {
    case Op.ALU_RR:
    case Op.ALU_RI:
    case Op.ALU_RM:
      return ALU_OPS[x.sub] && (x.size === 4 || x.size === 8) ? K_WRITE : K_READ;
    case Op.ALU_MI:
    case Op.ALU_MR:
      // A read-modify-write may take the handler (which writes c's flags itself); its operands are kept either way.
      return ALU_OPS[x.sub] && (x.size === 4 || x.size === 8) ? K_WRITE : K_READ;
    case Op.TEST_EG:
    case Op.TEST_EI:
      return x.rm >= 0 && (x.size === 4 || x.size === 8) ? K_WRITE : K_READ;
    case Op.SHIFT:
      return inlineShift(x) ? K_WRITE : K_READ;
    case Op.MOV_RR:
    case Op.MOV_EG:
    case Op.MOV_GE:
    case Op.MOV_EI:
    case Op.MOVZX:
    case Op.MOVSX:
    case Op.LOAD:
    case Op.STORE:
    case Op.STORE_I:
    case Op.LEA:
    case Op.CBW:
    case Op.CWD:
    case Op.BSWAP:
    case Op.PUSH64:
    case Op.PUSH_I:
    case Op.POP64:
    case Op.LEAVE:
    case Op.NOP:
      return K_NEUTRAL;
  }
  return K_READ;
}

/**
 * dead[i]: instruction i's flags are overwritten (by an inlined full writer) before anything
 * could read them — a flag reader, or leaving the block. The block's last instruction counts as
 * leaving.
 */
function deadFlags(insns: Insn[], kinds: number[]): boolean[] {
  const dead: boolean[] = new Array(insns.length).fill(false);
  let overwritten = false; // scanning backwards: is the flags state here overwritten before use?
  for (let i = insns.length - 1; i >= 0; i--) {
    const k = kinds[i]!;
    if (i === insns.length - 1) overwritten = false;
    if (k === K_WRITE) {
      dead[i] = overwritten && i !== insns.length - 1;
      overwritten = true;
    } else if (k === K_READ) overwritten = false;
  }
  return dead;
}

/**
 * Each instruction's flag kind in this block. A jcc right after an inlined cmp/sub/and/...
 * whose condition the block tests on the operands directly reads nothing from the CPU's flag
 * state: it is neutral, and its taken exit writes the producer's flags if they were elided (so
 * on the path that stays in the block they may be dropped).
 */
function flagKinds(insns: Insn[]): number[] {
  return insns.map((x, i) => {
    if (x.op === Op.JCC && i > 0 && i < insns.length - 1 && x.tgt === x.tgt) {
      const p = insns[i - 1]!;
      const k = knownOf(p, true);
      // Only producers that always expose their operands (not a read-modify-write, which may take its handler).
      const exposes = p.op === Op.ALU_RR || p.op === Op.ALU_RI || p.op === Op.ALU_RM || p.op === Op.TEST_EG || p.op === Op.TEST_EI || ((p.op === Op.ALU_MI || p.op === Op.ALU_MR) && p.sub === 7);
      if (exposes && flagKind(p) === K_WRITE && k !== undefined && knownCondition(k, x.sub) !== null) return K_NEUTRAL;
    }
    return flagKind(x);
  });
}

/**
 * JS statements writing producer k's elided flags into the CPU's lazy-flag state ('' if none).
 * `exposed`: the producer left its result in fr (frh), as one a jcc tests does: no arithmetic
 * (an exit V8 has not seen taken when it optimizes the region would deoptimize it there).
 */
function materialize(insns: Insn[], k: number, exposed = false): string {
  if (k < 0) return '';
  const x = insns[k]!;
  if (x.op === Op.SHIFT) return `shift(c, ${x.sub}, ${x.size}, a${k}, ah${k}, ${x.immLo}); `;
  const op = ALU_OPS[aluSub(x)]!;
  const f = op.f;
  if (exposed && x.size === 4) return `c.fOp = ${f}; c.fSize = 4; c.fA = a${k}; c.fB = b${k}; c.fRes = fr; c.fCin = 0; `;
  if (exposed) return `c.fOp = ${f}; c.fSize = 8; c.fRes = fr; c.fResHi = frh; c.fA = a${k}; c.fAHi = ah${k}; c.fB = b${k}; c.fBHi = bh${k}; c.fCin = 0; `;
  if (x.size === 4) return `c.fOp = ${f}; c.fSize = 4; c.fA = a${k}; c.fB = b${k}; c.fRes = ${f === 5 ? `a${k} ${op.js} b${k}` : `(a${k} ${op.js} b${k}) | 0`}; c.fCin = 0; `;
  return `{ const a = a${k}, ah = ah${k}, b = b${k}, bh = bh${k}; let r, rh; ${alu64(op.js)} c.fOp = ${f}; c.fSize = 8; c.fRes = r; c.fResHi = rh; c.fA = a; c.fAHi = ah; c.fB = b; c.fBHi = bh; c.fCin = 0; } `;
}

/**
 * A 64-bit add/sub/logic op on int32 halves. The carry (borrow) out of the low half is an
 * unsigned comparison, so V8 keeps everything in 32-bit integer registers (a sum of two `>>> 0`
 * values would be a double).
 */
function alu64(js: string): string {
  if (js === '+') return 'r = (a + b) | 0; rh = (ah + bh + ((r >>> 0) < (a >>> 0) ? 1 : 0)) | 0;';
  if (js === '-') return 'r = (a - b) | 0; rh = (ah - bh - ((a >>> 0) < (b >>> 0) ? 1 : 0)) | 0;';
  return `r = a ${js} b; rh = ah ${js} bh;`;
}

/** Whether a shift is one the block computes inline when its flags are dead (shl/shr/sar by a nonzero immediate). */
function inlineShift(x: Insn): boolean {
  if (x.rm < 0 || x.cl || (x.size !== 4 && x.size !== 8) || (x.sub !== 4 && x.sub !== 5 && x.sub !== 6 && x.sub !== 7)) return false;
  return (x.immLo & (x.size === 8 ? 63 : 31)) !== 0;
}

/** The shift's result without flags: JS statements setting L[r]/H[r] from v/vh (consts). */
function shiftCode(x: Insn): string {
  const r = x.rm;
  const sub = x.sub === 6 ? 4 : x.sub;
  if (x.size === 4) {
    const n = x.immLo & 31;
    const e = sub === 4 ? `v << ${n}` : sub === 5 ? `(v >>> ${n}) | 0` : `v >> ${n}`;
    return `L[${r}] = ${e}; H[${r}] = 0;`;
  }
  const n = x.immLo & 63;
  let lo: string;
  let hi: string;
  if (sub === 4) {
    if (n < 32) [lo, hi] = [`v << ${n}`, `(vh << ${n}) | (v >>> ${32 - n})`];
    else [lo, hi] = ['0', n === 32 ? 'v' : `v << ${n - 32}`];
  } else if (n < 32) [lo, hi] = [`(v >>> ${n}) | (vh << ${32 - n})`, sub === 5 ? `(vh >>> ${n}) | 0` : `vh >> ${n}`];
  else {
    const top = sub === 5 ? '0' : 'vh >> 31';
    lo = n === 32 ? 'vh' : sub === 5 ? `(vh >>> ${n - 32}) | 0` : `vh >> ${n - 32}`;
    hi = top;
  }
  return `L[${r}] = ${lo}; H[${r}] = ${hi};`;
}

const TWO32 = 4294967296;

/** JS statements computing a memory operand's address into the block's `lo`/`hi` (int32 pair). */
function eaCode(x: Insn): string[] {
  if (x.ripRel) {
    const sum = (x.nextLo >>> 0) + x.disp;
    return [`lo = ${sum | 0}; hi = ${(x.nextHi + Math.floor(sum / TWO32)) | 0};`];
  }
  if (x.base >= 0 && x.index < 0) {
    // Base + displacement in int32 arithmetic: the carry (or borrow) out of the low half is an
    // unsigned comparison of the new low half with the base's.
    const b = x.base;
    const d = x.disp;
    if (d === 0) return [`lo = L[${b}]; hi = H[${b}];`];
    const carry = d > 0 ? `((lo >>> 0) < (L[${b}] >>> 0) ? 1 : 0)` : `((lo >>> 0) > (L[${b}] >>> 0) ? -1 : 0)`;
    return [`lo = (L[${b}] + ${d}) | 0; hi = (H[${b}] + ${carry}) | 0;`];
  }
  if (x.index >= 0) {
    // (base +) index << log2(scale) (+ displacement), all in int32 pairs: each addition's carry
    // out of the low half is an unsigned comparison, as above.
    const i = x.index;
    const sh = Math.log2(x.scale);
    const il = sh === 0 ? `L[${i}]` : `(L[${i}] << ${sh})`;
    const ih = sh === 0 ? `H[${i}]` : `((H[${i}] << ${sh}) | (L[${i}] >>> ${32 - sh}))`;
    const b = x.base;
    const d = x.disp;
    const out = [b >= 0 ? `lo = (L[${b}] + ${il}) | 0; hi = (H[${b}] + ${ih} + ((lo >>> 0) < (L[${b}] >>> 0) ? 1 : 0)) | 0;` : `lo = ${il}; hi = ${ih};`];
    if (d !== 0) out.push(`ix = lo; lo = (lo + ${d}) | 0; hi = (hi + ${d > 0 ? '((lo >>> 0) < (ix >>> 0) ? 1 : 0)' : '((lo >>> 0) > (ix >>> 0) ? -1 : 0)'}) | 0;`);
    return out;
  }
  // An absolute address (a displacement alone): its sign extended to the high half.
  return [`lo = ${x.disp | 0}; hi = ${x.disp < 0 ? -1 : 0};`];
}

// Lazy-flag producer codes (flags.ts): F_ADD 1, F_SUB 3, F_LOGIC 5.
const ALU_OPS: Record<number, { f: number; js: string } | undefined> = {
  0: { f: 1, js: '+' },
  1: { f: 5, js: '|' },
  4: { f: 5, js: '&' },
  5: { f: 3, js: '-' },
  6: { f: 5, js: '^' },
  7: { f: 3, js: '-' },
};

/** The ALU operation a op= b for 32/64-bit register values; a, ah, b, bh are JS expressions. */
function aluCode(
  sub: number,
  size: number,
  dst: string | null,
  dstHi: string | null,
  a: string,
  ah: string,
  b: string,
  bh: string,
  expose = false,
  store = true,
  save = -1,
): string[] | null {
  const op = ALU_OPS[sub];
  if (!op) return null;
  const out: string[] = [];
  if (size === 4) {
    out.push(`{ const a = ${a}, b = ${b}; const r = ${op.f === 5 ? `a ${op.js} b` : `(a ${op.js} b) | 0`}, rh = 0;`);
    if (store) out.push(`  c.fOp = ${op.f}; c.fSize = 4; c.fRes = r; c.fA = a; c.fB = b; c.fCin = 0;`);
    if (save >= 0) out.push(`  a${save} = a; b${save} = b;`);
    if (expose) out.push('  fa = a; fb = b; fr = r;');
    if (dst !== null && sub !== 7) out.push(`  ${dst} = r; ${dstHi} = 0;`);
    out.push('}');
    return out;
  }
  out.push(`{ const a = ${a}, ah = ${ah}, b = ${b}, bh = ${bh}; let r, rh;`);
  out.push('  ' + alu64(op.js));
  if (save >= 0) out.push(`  a${save} = a; ah${save} = ah; b${save} = b; bh${save} = bh;`);
  if (store) out.push('  c.fOp = ' + op.f + '; c.fSize = 8; c.fRes = r; c.fResHi = rh; c.fA = a; c.fAHi = ah; c.fB = b; c.fBHi = bh; c.fCin = 0;');
  if (expose) out.push('  fa = a; fah = ah; fb = b; fbh = bh; fr = r; frh = rh;');
  if (dst !== null && sub !== 7) out.push(`  ${dst} = r; ${dstHi} = rh;`);
  out.push('}');
  return out;
}

/** A flags producer inlined just before a jcc: its kind (lazy-flag code) and size; operands in fa/fb/fr. */
interface Known {
  f: number;
  size: number;
}

/**
 * Condition cc as a JS expression over the exposed operands of the producer, or null when the
 * lazy-flag evaluator should decide (overflow, parity, add's carries).
 */
function knownCondition(k: Known, cc: number): string | null {
  const w = k.size === 8;
  if (k.f === 3) {
    // cmp/sub: flags of a - b.
    const ult = w ? '((fah >>> 0) < (fbh >>> 0) || (fah === fbh && (fa >>> 0) < (fb >>> 0)))' : '((fa >>> 0) < (fb >>> 0))';
    const slt = w ? '(fah < fbh || (fah === fbh && (fa >>> 0) < (fb >>> 0)))' : '(fa < fb)';
    const eq = w ? '(fa === fb && fah === fbh)' : '(fa === fb)';
    // Below-or-equal and less-or-equal as one comparison (a second one, reached only on some
    // paths, may lack V8 feedback when the region is optimized and deoptimize it later).
    const ule = w ? '((fah >>> 0) < (fbh >>> 0) || (fah === fbh && (fa >>> 0) <= (fb >>> 0)))' : '((fa >>> 0) <= (fb >>> 0))';
    const sle = w ? '(fah < fbh || (fah === fbh && (fa >>> 0) <= (fb >>> 0)))' : '(fa <= fb)';
    switch (cc) {
      case 2: return ult;
      case 3: return `!${ult}`;
      case 4: return eq;
      case 5: return `!${eq}`;
      case 6: return ule;
      case 7: return `!${ule}`;
      case 12: return slt;
      case 13: return `!${slt}`;
      case 14: return sle;
      case 15: return `!${sle}`;
    }
    return null;
  }
  if (k.f === 5) {
    // and/or/xor: CF = OF = 0, so the signed conditions test the result's sign.
    const zero = w ? '(fr === 0 && frh === 0)' : '(fr === 0)';
    const neg = w ? '(frh < 0)' : '(fr < 0)';
    switch (cc) {
      case 4: return zero;
      case 5: return `!${zero}`;
      case 8: case 12: return neg;
      case 9: case 13: return `!${neg}`;
      case 14: return `(${neg} || ${zero})`;
      case 15: return `!(${neg} || ${zero})`;
    }
  }
  return null;
}

/** JS declaring nl/nh, the stack slot a 64-bit push writes (rsp - 8; rsp itself changes after the write). */
const PUSH_SLOT = 'const o = L[4]; const nl = (o - 8) | 0; const nh = ((o >>> 0) < 8 ? H[4] - 1 : H[4]) | 0;';

/**
 * Straight JS for the commonest forms (no handler call), or null to call the handler. A control
 * transfer reports where it goes: `target` (a static address; the caller emits the edge) or
 * `dynamic` (rip is set; the caller looks it up among the region's labels). A jcc's taken path
 * is emitted here, through `edge`.
 */
function inlineCode(
  x: Insn,
  i: number,
  known: Known | null,
  expose: boolean,
  dead: boolean,
  save: boolean,
  exitFlags: string,
  leave: string,
  edge: (target: number) => string,
): { code: string[]; mayFault: boolean; fallback?: boolean; target?: number; dynamic?: boolean; known?: Known } | null {
  const wide = x.size === 8;
  const canonicalTarget = x.tgt === x.tgt; // not NaN
  switch (x.op) {
    case Op.JCC: {
      if (!canonicalTarget) return null;
      const cond = (known !== null && knownCondition(known, x.sub)) || `condition(c, ${x.sub})`;
      return { code: [`if (${cond}) { ${exitFlags}${edge(x.tgt)} }`], mayFault: false };
    }
    case Op.JMP:
      if (!canonicalTarget) return null;
      return { code: [], mayFault: false, target: x.tgt };
    case Op.CALL:
      if (!canonicalTarget) return null;
      return {
        code: [
          `{ ${PUSH_SLOT}`,
          `  ${wr(8, 'nl', 'nh', `${x.nextLo}`, `${x.nextHi}`, true)} L[4] = nl; H[4] = nh; }`,
        ],
        mayFault: true,
        target: x.tgt,
      };
    case Op.RET:
      return {
        code: [
          `{ const ol = L[4], oh = H[4]; let v = 0, vh = 0; ${rd(8, 'ol', 'oh', 'v', 'vh', true)} const t = vh * 4294967296 + (v >>> 0);`,
          `  if (t >= -140737488355328 && t < 140737488355328) { const sum = (ol >>> 0) + ${8 + x.immLo}; L[4] = sum | 0; H[4] = (sum > 4294967295 ? oh + 1 : oh) | 0; c.rip = t; }`,
          `  else { ${leave} } }`,
        ],
        mayFault: true,
        dynamic: true,
      };
    case Op.PUSH_I:
      if (x.size !== 8) return null;
      return {
        code: [
          `{ ${PUSH_SLOT}`,
          `  ${wr(8, 'nl', 'nh', `${x.immLo}`, `${x.immHi}`, true)} L[4] = nl; H[4] = nh; }`,
        ],
        mayFault: true,
      };
    case Op.LEAVE:
      return {
        code: [
          `{ const bl = L[5], bh = H[5]; let v = 0, vh = 0; ${rd(8, 'bl', 'bh', 'v', 'vh', true)} const nl = (bl + 8) | 0;`,
          '  L[4] = nl; H[4] = ((nl >>> 0) < 8 ? bh + 1 : bh) | 0; L[5] = v; H[5] = vh; }',
        ],
        mayFault: true,
      };
    case Op.CLI:
    case Op.STI:
      // At CPL 0 (the kernel's entry code) only IF changes; elsewhere IOPL decides: the run loop interprets it.
      return { code: [`if (c.cpl === 0) { c.rfRest ${x.op === Op.CLI ? '&= ~512' : '|= 512'}; c.updateAttention(); } else { ${leave} }`], mayFault: false };
    case Op.CBW:
      if (x.size === 8) return { code: ['H[0] = L[0] >> 31;'], mayFault: false };
      if (x.size === 4) return { code: ['L[0] = (L[0] << 16) >> 16; H[0] = 0;'], mayFault: false };
      return null;
    case Op.ALU_MI:
    case Op.ALU_MR: {
      const b = x.op === Op.ALU_MI ? `${x.immLo}` : `L[${x.reg}]`;
      const bh = x.op === Op.ALU_MI ? `${x.immHi}` : `H[${x.reg}]`;
      if (!ALU_OPS[x.sub]) return null;
      if (x.sub === 7) {
        const read = `{ let m = 0, mh = 0; ${rd(x.size, 'lo', 'hi', 'm', 'mh', onStack(x))}`;
        return { code: [...eaCode(x), read, ...aluCode(7, x.size, null, null, 'm', 'mh', b, bh, expose, !dead, save ? i : -1)!, '}'], mayFault: true, known: knownOf(x, expose) };
      }
      // Straight on the page when the pair cache knows it writable; otherwise the handler (which faults precisely).
      const get = wide ? 'dv.getInt32(o, true), mh = dv.getInt32(o + 4, true)' : 'dv.getInt32(o, true), mh = 0';
      const put = wide ? 'dv.setInt32(o, r, true); dv.setInt32(o + 4, rh, true);' : 'dv.setInt32(o, r, true);';
      const alu = aluCode(x.sub, x.size, null, null, 'm', 'mh', b, bh, false, !dead, save ? i : -1)!;
      // The handler's lazy-flag record has the same operands: keep them for a later fault too.
      const kept = save ? ` a${i} = c.fA; ah${i} = c.fAHi; b${i} = c.fB; bh${i} = c.fBHi;` : '';
      // aluCode leaves the result in r (and rh) inside its block: splice the store in before its closing brace.
      alu.splice(alu.length - 1, 0, `  if (fr.code !== null) dropCode(fr); ${put}`);
      return {
        code: [
          ...eaCode(x),
          `{ ${writableFrame('lo', 'hi', onStack(x))} const fr = po_ <= ${4096 - x.size} ? fw_ : null;`,
          `  if (fr === null) { h${i}(c, d${i});${kept} }`,
          `  else { const dv = fr.dv, o = lo & 0xfff; const m = ${get};`,
          ...alu.map((l) => '    ' + l),
          '  } }',
        ],
        mayFault: true,
        fallback: true,
      };
    }
    case Op.SHIFT:
      if (x.rm < 0 || x.cl || (x.size !== 4 && x.size !== 8) || (x.sub !== 4 && x.sub !== 5 && x.sub !== 6 && x.sub !== 7)) return null;
      if ((x.immLo & (wide ? 63 : 31)) === 0) return null;
      if (dead) {
        // Nothing reads this shift's flags: the result alone (the inputs kept in case a fault needs them).
        const keep = save ? ` a${i} = v; ah${i} = vh;` : '';
        return { code: [`{ const v = L[${x.rm}], vh = H[${x.rm}];${keep} ${shiftCode(x)} }`], mayFault: false };
      }
      return {
        code: [`L[${x.rm}] = shift(c, ${x.sub}, ${x.size}, L[${x.rm}], H[${x.rm}], ${x.immLo}); H[${x.rm}] = ${wide ? 'c.tHi' : '0'};`],
        mayFault: false,
      };
    case Op.MOV_RR:
      return { code: [`L[${x.rm}] = L[${x.reg}]; H[${x.rm}] = ${wide ? `H[${x.reg}]` : '0'};`], mayFault: false };
    case Op.SETCC:
      // setcc into a byte register: the low byte (or bits 8-15 for ah..bh, numbered 16..19).
      if (x.rm < 0) return null;
      if (x.rm >= 16) return { code: [`L[${x.rm - 16}] = (L[${x.rm - 16}] & -65281) | (condition(c, ${x.sub}) ? 256 : 0);`], mayFault: false };
      return { code: [`L[${x.rm}] = (L[${x.rm}] & -256) | (condition(c, ${x.sub}) ? 1 : 0);`], mayFault: false };
    case Op.IMUL2:
    case Op.IMUL3: {
      // imul r, r/m and imul $imm, r/m, r (32/64-bit): the ALU's multiply, which writes the flags itself.
      if (!wide && x.size !== 4) return null;
      const mul = (a: string, ah: string, b: string, bh: string): string =>
        `{ const r = imul(c, ${x.size}, ${a}, ${ah}, ${b}, ${bh}); L[${x.reg}] = r; H[${x.reg}] = ${wide ? 'c.tHi' : '0'}; }`;
      const other = (e: string, eh: string): string =>
        x.op === Op.IMUL2 ? mul(`L[${x.reg}]`, `H[${x.reg}]`, e, eh) : mul(e, eh, `${x.immLo}`, `${x.immHi}`);
      if (x.rm >= 0) return { code: [other(`L[${x.rm}]`, `H[${x.rm}]`)], mayFault: false };
      if (x.seg !== 0 || x.addr32) return null;
      return { code: [...eaCode(x), `{ let v = 0, vh = 0; ${rd(x.size, 'lo', 'hi', 'v', 'vh', onStack(x))} ${other('v', 'vh')} }`], mayFault: true };
    }
    case Op.MOVZX:
    case Op.MOVSX: {
      // movzb/movzw/movsb/movsw/movslq into a 32- or 64-bit register, from a register or memory.
      const n = x.sub;
      const signed = x.op === Op.MOVSX;
      if ((!wide && x.size !== 4) || (n !== 1 && n !== 2 && (n !== 4 || !signed))) return null;
      const ext = n === 4 ? 'v' : signed ? `(v << ${32 - 8 * n}) >> ${32 - 8 * n}` : n === 1 ? 'v & 255' : 'v & 65535';
      const set = `{ const w = ${ext}; L[${x.reg}] = w; H[${x.reg}] = ${signed && wide ? 'w >> 31' : '0'}; }`;
      // Register source: ah..bh are numbered 16..19 (bits 8-15 of rax..rbx).
      if (x.rm >= 0) return { code: [`{ const v = ${x.rm >= 16 ? `L[${x.rm - 16}] >> 8` : `L[${x.rm}]`}; ${set} }`], mayFault: false };
      if (x.seg !== 0 || x.addr32) return null;
      return { code: [...eaCode(x), `{ let v = 0, vh = 0; ${rd(n, 'lo', 'hi', 'v', 'vh', onStack(x))} ${set} }`], mayFault: true };
    }
    case Op.MOV_EI:
      // mov $imm, r32 / r64 (B8+r, C7 /0): the decoder's immHi is already the upper half.
      if (x.rm < 0 || (!wide && x.size !== 4)) return null;
      return { code: [`L[${x.rm}] = ${x.immLo}; H[${x.rm}] = ${wide ? x.immHi : 0};`], mayFault: false };
    case Op.TEST_EG:
    case Op.TEST_EI: {
      if (x.rm < 0 || (!wide && x.size !== 4)) return null;
      const imm = x.op === Op.TEST_EI;
      const code = aluCode(4, x.size, null, null, `L[${x.rm}]`, `H[${x.rm}]`, imm ? `${x.immLo}` : `L[${x.reg}]`, imm ? `${x.immHi}` : `H[${x.reg}]`, expose, !dead, save ? i : -1);
      return code && { code, mayFault: false, known: knownOf(x, expose) };
    }
    case Op.LEA:
      if ((x.size !== 4 && x.size !== 8) || x.addr32 || x.rm >= 0) return null;
      return { code: [...eaCode(x), `L[${x.reg}] = lo; H[${x.reg}] = ${wide ? 'hi' : '0'};`], mayFault: false };
    case Op.LOAD:
      return {
        code: [
          ...eaCode(x),
          `{ let v = 0, vh = 0; ${rd(x.size, 'lo', 'hi', 'v', 'vh', onStack(x))} L[${x.reg}] = v; H[${x.reg}] = vh; }`,
        ],
        mayFault: true,
      };
    case Op.STORE:
      return {
        code: [...eaCode(x), `{ const v = L[${x.reg}], vh = H[${x.reg}]; ${wr(x.size, 'lo', 'hi', 'v', 'vh', onStack(x))} }`],
        mayFault: true,
      };
    case Op.STORE_I:
      return { code: [...eaCode(x), wr(x.size, 'lo', 'hi', `${x.immLo}`, `${x.immHi}`, onStack(x))], mayFault: true };
    case Op.ALU_RI: {
      if (!wide && x.size !== 4) return null;
      const code = aluCode(x.sub, x.size, `L[${x.rm}]`, `H[${x.rm}]`, `L[${x.rm}]`, `H[${x.rm}]`, `${x.immLo}`, `${x.immHi}`, expose, !dead, save ? i : -1);
      return code && { code, mayFault: false, known: knownOf(x, expose) };
    }
    case Op.ALU_RR: {
      if (!wide && x.size !== 4) return null;
      const code = aluCode(x.sub, x.size, `L[${x.rm}]`, `H[${x.rm}]`, `L[${x.rm}]`, `H[${x.rm}]`, `L[${x.reg}]`, `H[${x.reg}]`, expose, !dead, save ? i : -1);
      return code && { code, mayFault: false, known: knownOf(x, expose) };
    }
    case Op.ALU_RM: {
      if (!wide && x.size !== 4) return null;
      const read = [`{ let m = 0, mh = 0; ${rd(x.size, 'lo', 'hi', 'm', 'mh', onStack(x))}`];
      const code = aluCode(x.sub, x.size, `L[${x.reg}]`, `H[${x.reg}]`, `L[${x.reg}]`, `H[${x.reg}]`, 'm', 'mh', expose, !dead, save ? i : -1);
      return code && { code: [...eaCode(x), ...read, ...code, '}'], mayFault: true, known: knownOf(x, expose) };
    }
    case Op.PUSH_E:
      // push m64: the read (its address from the old rsp), then the push, as the handler does.
      if (x.rm >= 0 || x.size !== 8 || x.seg !== 0 || x.addr32) return null;
      return {
        code: [
          ...eaCode(x),
          `{ let v = 0, vh = 0; ${rd(8, 'lo', 'hi', 'v', 'vh', onStack(x))}`,
          `  ${PUSH_SLOT}`,
          `  ${wr(8, 'nl', 'nh', 'v', 'vh', true)} L[4] = nl; H[4] = nh; }`,
        ],
        mayFault: true,
      };
    case Op.CALL_E: {
      // call *r64 / *m64: a non-canonical target takes the handler (which raises #GP before pushing).
      if (x.size !== 8 || (x.rm < 0 && (x.seg !== 0 || x.addr32))) return null;
      const read = x.rm >= 0 ? [`{ const v = L[${x.rm}], vh = H[${x.rm}];`] : [...eaCode(x), `{ let v = 0, vh = 0; ${rd(8, 'lo', 'hi', 'v', 'vh', onStack(x))}`];
      return {
        code: [
          ...read,
          '  const t = vh * 4294967296 + (v >>> 0);',
          `  if (t >= -140737488355328 && t < 140737488355328) { ${PUSH_SLOT}`,
          `    ${wr(8, 'nl', 'nh', `${x.nextLo}`, `${x.nextHi}`, true)} L[4] = nl; H[4] = nh; c.rip = d${i}.seen = t; }`,
          `  else { ${leave} } }`,
        ],
        mayFault: true,
        dynamic: true,
      };
    }
    case Op.PUSH64:
      return {
        code: [
          `{ ${PUSH_SLOT}`,
          `  const v = L[${x.reg}], vh = H[${x.reg}]; ${wr(8, 'nl', 'nh', 'v', 'vh', true)} L[4] = nl; H[4] = nh; }`,
        ],
        mayFault: true,
      };
    case Op.POP64:
      return {
        code: [
          `{ const ol = L[4], oh = H[4]; let v = 0, vh = 0; ${rd(8, 'ol', 'oh', 'v', 'vh', true)} const nl = (ol + 8) | 0;`,
          `  L[4] = nl; H[4] = ((nl >>> 0) < 8 ? oh + 1 : oh) | 0; L[${x.reg}] = v; H[${x.reg}] = vh; }`,
        ],
        mayFault: true,
      };
  }
  return null;
}

/**
 * JS reading `size` (1, 2, 4 or 8) bytes at the int32 pair (lo, hi) into the declared variables v
 * (zero-extended below 4) and vh (8 only): straight from the page when the region's last read page (tp/th/tdv, a
 * one-entry cache in locals; sp_/sh_/sdv for `stack` accesses, so a loop moving between the stack
 * and an array hits both) or the pair cache (hoisted into RT/RH/RF) knows it, else through
 * the CPU (which faults precisely and fills the cache; it may run device code that changes the
 * mappings, so the local caches are dropped after it). lo/hi must be names.
 */
function rd(size: number, lo: string, hi: string, v: string, vh: string, stack = false): string {
  const head = readView(lo, hi, size, stack);
  if (size === 8) return `${head}{ ${v} = dv_.getInt32(po_, true); ${vh} = dv_.getInt32(po_ + 4, true); } else { ${v} = c.read64p(${lo}, ${hi}); ${vh} = c.tHi; tp = wp = sp_ = sw_ = -1; } }`;
  if (size < 4) {
    const get = size === 1 ? 'getUint8(po_)' : 'getUint16(po_, true)';
    return `${head}${v} = dv_.${get}; else { ${v} = c.readMem(${hi} * 4294967296 + (${lo} >>> 0), ${size}); tp = wp = sp_ = sw_ = -1; } }`;
  }
  return `${head}${v} = dv_.getInt32(po_, true); else { ${v} = c.read32p(${lo}, ${hi}); tp = wp = sp_ = sw_ = -1; } }`;
}

/**
 * JS opening a block that declares dv_, the page's data if the local cache or the pair cache
 * knows it readable (else null), and po_, the offset in it, and ends in `if (` the `size` bytes
 * at po_ are in it `) `: the caller adds the statement for that case (and an else), then `}`.
 */
function readView(lo: string, hi: string, size: number, stack = false): string {
  const [tp, th, tdv] = stack ? ['sp_', 'sh_', 'sdv'] : ['tp', 'th', 'tdv'];
  return (
    `{ const po_ = ${lo} & 4095; let dv_ = ${tdv}; if ((((${lo} >>> 12) ^ ${tp}) | (${hi} ^ ${th})) !== 0) { const pg_ = ${lo} >>> 12, pe_ = (pg_ ^ ${hi}) & 255; ` +
    `if (RT[pe_] === pg_ && RH[pe_] === ${hi}) { dv_ = RF[pe_].dv; if (fill) { ${tdv} = dv_; ${tp} = pg_; ${th} = ${hi}; } } else dv_ = null; } if (dv_ !== null && po_ <= ${4096 - size}) `
  );
}

/**
 * JS declaring fw_, the writable frame of the page at (lo, hi) from the region's last written
 * page (wp/wh/wfr) or the pair cache, or null; and po_, the offset in it.
 */
function writableFrame(lo: string, hi: string, stack = false): string {
  const [wp, wh, wfr] = stack ? ['sw_', 'swh', 'swf'] : ['wp', 'wh', 'wfr'];
  return (
    `const po_ = ${lo} & 4095; let fw_ = ${wfr}; if ((((${lo} >>> 12) ^ ${wp}) | (${hi} ^ ${wh})) !== 0) { const pg_ = ${lo} >>> 12, pe_ = (pg_ ^ ${hi}) & 255; ` +
    `if (WT[pe_] === pg_ && WH[pe_] === ${hi}) { fw_ = WF[pe_]; if (fill) { ${wfr} = fw_; ${wp} = pg_; ${wh} = ${hi}; } } else fw_ = null; }`
  );
}

/** JS writing v (and vh) as `size` (4 or 8) bytes at (lo, hi), dropping the page's decoded code (see rd). */
function wr(size: number, lo: string, hi: string, v: string, vh: string, stack = false): string {
  const head = `{ ${writableFrame(lo, hi, stack)} if (fw_ !== null && po_ <= ${4096 - size}) { if (fw_.code !== null) dropCode(fw_); `;
  if (size === 8) return `${head}const dv_ = fw_.dv; dv_.setInt32(po_, ${v}, true); dv_.setInt32(po_ + 4, ${vh}, true); } else { c.write64p(${lo}, ${hi}, ${v}, ${vh}); tp = wp = sp_ = sw_ = -1; } }`;
  return `${head}fw_.dv.setInt32(po_, ${v}, true); } else { c.write32p(${lo}, ${hi}, ${v}); tp = wp = sp_ = sw_ = -1; } }`;
}

/**
 * Handlers that touch few registers, and never change one before faulting: the registers they
 * read; those they write; whether they read (s) and write (r) the arithmetic flags. A region
 * stores and reloads only those around the call (see registerLocals).
 */
const TOUCHES = new Map<Op, string>([
  [Op.SWAPGS, ';;'],
  [Op.CLD, ';;'],
  [Op.STD, ';;'],
  [Op.NOP, ';;'],
  [Op.CLC, ';;sr'],
  [Op.STC, ';;sr'],
  [Op.CMC, ';;sr'],
  [Op.SYSRET, '1,11;;r'], // rcx, r11 → rip, rflags
  [Op.SYSCALL, ';1,11;sr'], // rip, rflags → rcx, r11
]);

/**
 * Interpretations that make an instruction part of the hot path a region follows: one that ran
 * only now and then (a slow path the boot took a few times) stays out, so it does not use up
 * MAX_REGION before the path the region's entry runs 200 times (the region leaves there instead).
 */
const RAN_MIN = BLOCK_THRESHOLD / 8;

/** Whether x is hot: interpreted often (hits), or in a region (an entry, or covered; see COVERED). */
function ran(x: Insn): boolean {
  return x.hits >= RAN_MIN || x.hits < 0 || x.block !== null;
}

/** 1: a 64-bit push of a register (not rsp) or an immediate; 2: a pop into a register (not rsp); else 0. */
function runKind(x: Insn): number {
  if ((x.op === Op.PUSH64 && x.reg !== 4) || (x.op === Op.PUSH_I && x.size === 8)) return 1;
  if (x.op === Op.POP64 && x.reg !== 4) return 2;
  return 0;
}

/** How many instructions from i (before `end`) are pushes, or pops, in a row. */
function stackRun(insns: Insn[], i: number, end: number): number {
  const kind = runKind(insns[i]!);
  if (kind === 0) return 0;
  let e = i;
  while (e + 1 < end && runKind(insns[e + 1]!) === kind) e++;
  return e - i + 1;
}

/**
 * A run of pushes or pops as one access: when all their stack slots lie in one page the caches
 * know (writable, and without decoded code for pushes, so no write can change code), the values
 * move straight between the registers and the page and rsp moves once; else `leave` (the
 * region stops before the run; the run loop interprets it).
 */
function stackRunCode(run: Insn[], leave: string): string[] {
  const m = run.length;
  const bytes = 8 * m;
  if (runKind(run[0]!) === 1) {
    const stores = run.map((y, k) => {
      const [v, vh] = y.op === Op.PUSH_I ? [`${y.immLo}`, `${y.immHi}`] : [`L[${y.reg}]`, `H[${y.reg}]`];
      const at = 8 * (m - 1 - k); // the first push takes the highest slot
      return `dv_.setInt32(po_ + ${at}, ${v}, true); dv_.setInt32(po_ + ${at + 4}, ${vh}, true);`;
    });
    return [
      `{ const o = L[4], oh = H[4]; const nl = (o - ${bytes}) | 0, nh = ((o >>> 0) < ${bytes} ? oh - 1 : oh) | 0;`,
      `  ${writableFrame('nl', 'nh', true)}`,
      `  if (fw_ !== null && po_ <= ${PAGE_SIZE - bytes} && fw_.code === null) { const dv_ = fw_.dv;`,
      ...stores.map((l) => '    ' + l),
      '    L[4] = nl; H[4] = nh;',
      `  } else { ${leave} } }`,
    ];
  }
  const loads = run.map((y, k) => `L[${y.reg}] = dv_.getInt32(po_ + ${8 * k}, true); H[${y.reg}] = dv_.getInt32(po_ + ${8 * k + 4}, true);`);
  return [
    `{ const ol = L[4], oh = H[4]; ${readView('ol', 'oh', bytes, true)}{`,
    ...loads.map((l) => '    ' + l),
    `    const nl = (ol + ${bytes}) | 0; L[4] = nl; H[4] = ((nl >>> 0) < ${bytes} ? oh + 1 : oh) | 0;`,
    `  } else { ${leave} } } }`,
  ];
}

/** Whether x's memory operand is on the stack (based on rsp or rbp): it uses the region's stack page caches. */
function onStack(x: Insn): boolean {
  return !x.ripRel && (x.base === 4 || x.base === 5);
}

/** The ALU operation (ALU_OPS key) whose flags x leaves: test is an and that keeps no result. */
function aluSub(x: Insn): number {
  return x.op === Op.TEST_EG || x.op === Op.TEST_EI ? 4 : x.sub;
}

/** The flags producer an inlined ALU instruction leaves for a following jcc (operands exposed). */
function knownOf(x: Insn, expose: boolean): Known | undefined {
  const op = ALU_OPS[aluSub(x)];
  return expose && op && (x.size === 4 || x.size === 8) ? { f: op.f, size: x.size } : undefined;
}

/** Marks an instruction where no useful block starts. */
export const NO_BLOCK: BlockFn = () => 0;
