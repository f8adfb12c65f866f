// objdump -d and -d -r on what gcc makes of integer C at every optimization level (the compiler
// uses many more instruction forms at -O2 than at -O0): ours must equal GNU objdump's.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { host } from '../helpers/kwb.js';
import { objdumpDisassemble } from '../../src/toolchain/objdump.js';
import { tmp } from '../ld/oracle.js';
import { writeFileSync } from 'node:fs';

const SOURCE = `
typedef unsigned long u64; typedef long s64; typedef unsigned char u8; typedef short s16;
struct point { int x, y; char tag; long w; };
static int counter;
long table[64];
extern int ext(int);
u64 mix(u64 a, u64 b) { return (a << 13) ^ (b >> 7) ^ (a * 0x9e3779b97f4a7c15ul) ^ (b / 3) ^ (a % 10); }
s64 sdiv(s64 a, s64 b) { return a / b + a % b + (a >> 3) + (a < b) - (a >= 0x12345); }
int sw(int x) { switch (x) { case 0: return 3; case 1: return ext(1); case 2: return 9; case 3: return 27; case 7: return -1; default: return x * 5; } }
int sum(const int *p, int n) { int s = 0; for (int i = 0; i < n; i++) s += p[i] * (i & 1 ? 3 : -2); return s; }
u8 bytes(u8 *b, s16 *h) { b[1] = b[0] + 1; h[2] = (s16)(h[1] * 3); return (u8)(b[2] | (h[0] >> 2)); }
void fill(struct point *p, int n) { for (int i = 0; i < n; i++) { p[i].x = i; p[i].y = -i; p[i].tag = 'a' + i; p[i].w = (long)i << 40; } }
int (*pick(int k))(int) { return k ? ext : 0; }
int bits(unsigned x) { return __builtin_popcount(x) + __builtin_ctz(x | 1) + __builtin_clz(x | 1) + (x >> 31) + (int)(x & 0xff00); }
long memo(int i) { static long cache[16]; if (i < 2) return i; if (cache[i & 15]) return cache[i & 15]; return cache[i & 15] = memo(i - 1) + memo(i - 2); }
int loops(int n) { int r = 0; while (n--) { if (n % 3 == 0) continue; r += n; if (r > 1000) break; } do r ^= r << 1; while (r < 0); return r + counter++; }
long cmov(long a, long b) { return a > b ? a : b; }
int bools(int a, int b) { return (a && b) || (!a && b > 3); }
void copy(char *d, const char *s, unsigned long n) { while (n--) *d++ = *s++; }
u64 rotl(u64 x, int k) { return (x << k) | (x >> (64 - k)); }
`;

describe('objdump -d on gcc output at -O0..-Os', () => {
  const dir = tmp('gcccode');
  writeFileSync(join(dir, 'code.c'), SOURCE);
  for (const opt of ['-O0', '-O1', '-O2', '-Os', '-O2 -mcmodel=kernel']) {
    it(`gcc ${opt}`, () => {
      const obj = `code${opt.replace(/[ =]/g, '_')}.o`;
      const c = host('gcc', ['-c', ...opt.split(' '), '-fno-pie', '-mgeneral-regs-only', '-fno-stack-protector', '-fcf-protection=none', '-o', join(dir, obj), join(dir, 'code.c')]);
      expect(c.status, c.stderr).toBe(0);
      const bytes = new Uint8Array(readFileSync(join(dir, obj)));
      const g = host('objdump', ['-d', obj], { cwd: dir }).stdout;
      expect(g).not.toContain('(bad)');
      expect(objdumpDisassemble(obj, bytes)).toBe(g);
      const gr = host('objdump', ['-dr', obj], { cwd: dir }).stdout;
      expect(objdumpDisassemble(obj, bytes, { relocs: true })).toBe(gr);
    });
  }
});
