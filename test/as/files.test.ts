// Whole files against GNU as: gcc -S output of the acceptance programs, our own compiler's
// output for the C corpora and libc, hand-written directive-heavy sources and the libc .S
// files. Same allocatable bytes, relocations and symbols — and in practice the same file.
// Our objects must also satisfy objdump -d (no "(bad)") and readelf -a (no warnings).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assemble } from '../../src/toolchain/as/assemble.js';
import { compile } from '../../src/toolchain/cc/compile.js';
import { userIncludeDir } from '../../src/paths.js';
import { host, ROOT } from '../helpers/kwb.js';
import { compareWithGnu, gnuAssemble } from './oracle.js';

const dir = mkdtempSync(join(tmpdir(), 'kwb-as-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ACCEPTANCE = '/work/shared/acceptance/c';
const acceptance = existsSync(ACCEPTANCE) ? readdirSync(ACCEPTANCE).filter((f) => f.endsWith('.c')).map((f) => join(ACCEPTANCE, f)) : [];
const corpus = (d: string) => (existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.c')).map((f) => join(d, f)) : []);

function gccS(file: string, level = '-O0', unwind = false): string {
  const out = join(dir, basename(file) + level + (unwind ? '-cfi' : '') + '.s');
  const flags = unwind ? [] : ['-fno-asynchronous-unwind-tables'];
  const r = host('gcc', ['-S', level, ...flags, '-fcf-protection=none', '-mgeneral-regs-only', '-w', '-I', join(ROOT, 'userland/include'), '-o', out, file]);
  if (r.status !== 0) throw new Error(`gcc -S failed for ${file}:\n${r.stderr}`);
  return readFileSync(out, 'utf8');
}

function gccE(file: string): string {
  const r = host('gcc', ['-E', '-D__ASSEMBLY__', '-I', join(ROOT, 'userland/include'), file]);
  if (r.status !== 0) throw new Error(`gcc -E failed for ${file}:\n${r.stderr}`);
  return r.stdout;
}

/**
 * objdump -d and readelf -a on our object: no warnings, and no undecodable bytes — unless the
 * source itself puts data among instructions, in which case the listing must equal GNU's.
 */
function binutilsAccept(source: string, name: string): void {
  const obj = join(dir, name + '.o');
  const ref = join(dir, name + '.gnu.o');
  writeFileSync(obj, assemble(source, { file: name }).object);
  writeFileSync(ref, gnuAssemble(source));
  const od = host('objdump', ['-dr', obj]);
  const odRef = host('objdump', ['-dr', ref]);
  expect(od.status).toBe(0);
  if (!odRef.stdout.includes('(bad)')) expect(od.stdout).not.toContain('(bad)');
  expect(od.stdout.split(obj).join('X')).toBe(odRef.stdout.split(ref).join('X'));
  const re = host('readelf', ['-a', '-W', obj]);
  expect(re.stderr).toBe('');
}

function identical(source: string): boolean {
  const g = gnuAssemble(source);
  const o = assemble(source, { file: 'in.s' }).object;
  return g.length === o.length && g.every((b, i) => b === o[i]);
}

describe('gcc -S output of the acceptance programs', () => {
  it('finds the acceptance programs', () => expect(acceptance.length).toBeGreaterThan(0));
  for (const f of acceptance) {
    it(basename(f), () => {
      const src = gccS(f);
      expect(compareWithGnu(src).join('\n')).toBe('');
      expect(identical(src)).toBe(true);
      binutilsAccept(src, basename(f));
    });
  }
});

describe('gcc -O1/-O2/-Os output (more instruction forms, mergeable strings)', () => {
  const cases = [...acceptance.map((f) => [f, ['-O1', '-O2', '-Os']] as const), ...corpus(join(ROOT, 'test/c')).map((f) => [f, ['-O2']] as const)];
  for (const [f, levels] of cases) {
    it(f.replace(ROOT + '/', ''), () => {
      for (const level of levels) {
        let src: string;
        try {
          src = gccS(f, level);
        } catch {
          continue; // a corpus file gcc itself rejects is not the assembler's business
        }
        expect(compareWithGnu(src).join('\n'), level).toBe('');
      }
    });
  }
});

describe('gcc output with call-frame information (.cfi_* → .eh_frame)', () => {
  for (const f of acceptance) {
    it(basename(f), () => {
      for (const level of ['-O0', '-O2']) {
        const src = gccS(f, level, true);
        expect(src).toContain('.cfi_startproc');
        expect(compareWithGnu(src).join('\n'), level).toBe('');
        expect(identical(src), level).toBe(true);
      }
    });
  }
});

describe("our compiler's output", () => {
  const files = [...acceptance, ...corpus(join(ROOT, 'test/c')), ...corpus(join(ROOT, 'userland/libc'))];
  for (const f of files) {
    it(f.replace(ROOT + '/', ''), () => {
      let asm: string;
      try {
        asm = compile({ file: f, includeDirs: [], systemIncludeDirs: [userIncludeDir()], defines: [], undefs: [] }).asm;
      } catch {
        return; // the compiler's own tests cover what it cannot compile yet
      }
      expect(compareWithGnu(asm).join('\n')).toBe('');
    });
  }
});

describe('hand-written sources', () => {
  const srcDir = join(ROOT, 'test/as/sources');
  for (const f of readdirSync(srcDir).filter((n) => n.endsWith('.s'))) {
    it(f, () => {
      const src = readFileSync(join(srcDir, f), 'utf8');
      expect(compareWithGnu(src).join('\n')).toBe('');
      expect(identical(src)).toBe(true);
      binutilsAccept(src, f);
    });
  }
  for (const f of ['userland/libc/crt1.S', 'userland/libc/syscall.S']) {
    it(f, () => {
      const src = gccE(join(ROOT, f));
      expect(compareWithGnu(src).join('\n')).toBe('');
      binutilsAccept(src, basename(f));
    });
  }
});
