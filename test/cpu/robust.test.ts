// Arbitrary bytes never crash the emulator: whatever the guest executes ends in a delivered
// exception, a halt, a shutdown or the budget — never a JS exception. Also in user mode through
// the whole runner (faults become signals).
import { describe, expect, it } from 'vitest';
import { Cpu, RSP } from '../../src/kernel/cpu/cpu.js';
import { AddressSpace, PROT_EXEC, PROT_READ, PROT_USER, PROT_WRITE } from '../../src/kernel/cpu/mmu.js';
import { rng } from './cases.js';

const CODE = 0x400000;

function randomMachine(seed: number, user: boolean, threshold: number): Cpu {
  const r = rng(seed);
  const space = new AddressSpace();
  space.map(CODE, 0x2000, PROT_READ | PROT_WRITE | PROT_EXEC | PROT_USER);
  const bytes = new Uint8Array(0x2000);
  for (let i = 0; i < bytes.length; i++) {
    // Bias toward prefixes, REX and the two-byte escape so odd combinations come up often.
    const k = r();
    bytes[i] = k < 0.05 ? 0x0f : k < 0.1 ? 0x40 + Math.floor(r() * 16) : k < 0.13 ? [0x66, 0x67, 0xf2, 0xf3, 0xf0, 0x64, 0x65][Math.floor(r() * 7)]! : Math.floor(r() * 256);
  }
  space.writeBytes(CODE, bytes);
  space.map(0x600000, 0x4000, PROT_READ | PROT_WRITE | PROT_USER);
  const cpu = new Cpu(space);
  cpu.blockThreshold = threshold;
  cpu.setRegAddr(RSP, 0x602000);
  for (let i = 0; i < 16; i++) if (i !== RSP) cpu.setRegAddr(i, 0x600000 + Math.floor(r() * 0x4000));
  cpu.rip = CODE + Math.floor(r() * 0x1f00);
  if (user) {
    cpu.cpl = 3;
    cpu.cs = 0x33;
  }
  // Every exception restarts execution at a random place, like a fuzzing harness would.
  cpu.onTrap = (c) => {
    c.rip = CODE + Math.floor(r() * 0x1f00);
    c.setRegAddr(RSP, 0x602000);
    return true;
  };
  cpu.io = { in: () => 0, out: () => {} };
  return cpu;
}

describe('random bytes', () => {
  it('never raise a JS exception, in kernel or user mode, interpreted or compiled', () => {
    for (let seed = 1; seed <= 16; seed++) {
      for (const user of [false, true]) {
        const cpu = randomMachine(seed, user, seed % 2 === 0 ? 1 : 0);
        let reason: string;
        let steps = 0;
        do {
          cpu.halted = false;
          reason = cpu.run(1500);
          steps++;
        } while ((reason === 'halt' || reason === 'stop') && steps < 20);
        expect(['budget', 'halt', 'stop', 'shutdown']).toContain(reason);
      }
    }
  });
});
