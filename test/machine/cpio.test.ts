// The initramfs format against GNU cpio: what kwb writes, cpio lists and extracts; what cpio
// writes (-o -H newc), kwb reads.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CpioError, readCpio, S_IFDIR, S_IFREG, writeCpio } from '../../src/kernel/machine/cpio.js';
import { host } from '../helpers/kwb.js';

describe('cpio newc', () => {
  it('cpio -i extracts what writeCpio wrote, byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kwb-cpio-'));
    const data = Uint8Array.from({ length: 5001 }, (_, i) => (i * 7) & 0xff);
    const img = writeCpio([
      { name: 'bin', mode: S_IFDIR | 0o755, data: new Uint8Array(0) },
      { name: 'bin/prog', mode: S_IFREG | 0o755, data },
      { name: 'a', mode: S_IFREG | 0o644, data: new TextEncoder().encode('x') },
    ]);
    const r = host('cpio', ['-i', '-d', '--quiet'], { cwd: dir, input: Buffer.from(img) });
    expect(r.status).toBe(0);
    expect(new Uint8Array(readFileSync(join(dir, 'bin/prog')))).toEqual(data);
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('x');
    const v = host('cpio', ['-t', '-v', '--quiet'], { input: Buffer.from(img) });
    expect(v.stdout).toMatch(/^-rwxr-xr-x .* 5001 .* bin\/prog$/m);
  });

  it('readCpio reads an archive cpio -o -H newc made', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kwb-cpio-'));
    mkdirSync(join(dir, 'etc'));
    writeFileSync(join(dir, 'etc/motd'), 'hello\n');
    writeFileSync(join(dir, 'init'), 'odd length!');
    const r = spawnCpio(dir, 'etc\netc/motd\ninit\n');
    const entries = readCpio(r);
    expect(entries.map((e) => e.name)).toEqual(['etc', 'etc/motd', 'init']);
    expect(new TextDecoder().decode(entries[1]!.data)).toBe('hello\n');
    expect(entries[0]!.mode & S_IFDIR).toBe(S_IFDIR);
  });

  it('a file that is not a newc archive is a plain error', () => {
    expect(() => readCpio(new TextEncoder().encode('#!/bin/sh\n'.repeat(20)))).toThrow(CpioError);
  });
});

function spawnCpio(dir: string, list: string): Uint8Array {
  const out = join(mkdtempSync(join(tmpdir(), 'kwb-cpio-out-')), 'archive.cpio');
  const r = host('cpio', ['-o', '-H', 'newc', '--quiet', '-F', out], { cwd: dir, input: list });
  expect(r.status).toBe(0);
  return new Uint8Array(readFileSync(out));
}
