// --trace-insn: one line per executed instruction — address, bytes, disassembly (objdump's
// AT&T text), and the registers the instruction changed.
import { disassembleOne } from '../../toolchain/disasm/index.js';
import { REG_NAMES, type Cpu } from '../cpu/cpu.js';
import type { Insn } from '../cpu/insn.js';
import { hex } from '../cpu/mmu.js';

export function installTracer(cpu: Cpu, out: (line: string) => void): void {
  const beforeLo = new Int32Array(16);
  const beforeHi = new Int32Array(16);
  let beforeFlags = 0;
  cpu.setTracing(
    (c) => {
      beforeLo.set(c.lo);
      beforeHi.set(c.hi);
      beforeFlags = c.getRflags();
    },
    (c, d) => out(traceLine(c, d, beforeLo, beforeHi, beforeFlags)),
  );
}

function traceLine(c: Cpu, d: Insn, lo: Int32Array, hi: Int32Array, flags: number): string {
  let text: string;
  try {
    text = disassembleOne(d.bytes, 0, BigInt.asUintN(64, BigInt(d.addr))).text;
  } catch {
    text = '(bad)';
  }
  const bytes = Array.from(d.bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
  const changes: string[] = [];
  for (let r = 0; r < 16; r++) {
    if (c.lo[r] !== lo[r] || c.hi[r] !== hi[r]) changes.push(`${REG_NAMES[r]}=0x${c.getReg64(r).toString(16)}`);
  }
  const f = c.getRflags();
  if (f !== flags) changes.push(`rflags=0x${f.toString(16)}`);
  return `${hex(d.addr).padStart(16, '0')}: ${bytes.padEnd(30)} ${text.padEnd(36)} ${changes.join(' ')}`.trimEnd();
}
