// The whole kernel build: every piece of assembly kbuild hands to our assembler (compiled C
// and the tree's .S files) gives the same sections, relocations and symbols under GNU as.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMake } from '../../src/kbuild/make.js';
import { realToolchain, type Toolchain } from '../../src/kbuild/toolchain.js';
import { initWorkspace } from '../../src/kbuild/workspace.js';
import { compareWithGnu } from './oracle.js';

const dir = mkdtempSync(join(tmpdir(), 'kwb-as-kernel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kernel build through the assembler', () => {
  it('assembles every kernel object exactly as GNU as does', async () => {
    const root = initWorkspace(join(dir, 'linux'));
    const seen: string[] = [];
    const differences: string[] = [];
    const toolchain = async (): Promise<Toolchain> => {
      const real = await realToolchain();
      return {
        ...real,
        assemble(asm: string, file: string) {
          seen.push(file);
          const d = compareWithGnu(asm);
          if (d.length) differences.push(`${file}:\n${d.join('\n').slice(0, 2000)}`);
          return real.assemble(asm, file);
        },
      };
    };
    const errors: string[] = [];
    const opts = { root, commandLine: {}, environment: {}, interactive: false, toolchain, io: { out: () => {}, err: (t: string) => void errors.push(t) } };
    expect(await runMake(opts, ['defconfig'])).toBe(0);
    // The tree is others' work in progress: a link failure is not the assembler's; what
    // matters here is that everything that reached the assembler matches GNU as.
    await runMake(opts, []);
    expect(seen.length, errors.join('')).toBeGreaterThan(5);
    expect(differences.join('\n')).toBe('');
  }, 120_000);
});
