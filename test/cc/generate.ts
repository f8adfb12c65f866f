// A generated C program of a given length (loops, branches, switch, struct pointers, arrays): the
// 5,000-line input of the compile-speed test and of bench/cc.ts. Plain module, no vitest imports.

export function generateProgram(minLines: number): string {
  const out = [
    '#include <stdio.h>',
    'struct item { int id; long value; const char *name; struct item *next; };',
    'static int table[64];',
  ];
  let fi = 0;
  while (out.length < minLines) {
    fi++;
    out.push(`static long func${fi}(int a, long b, struct item *it)`, '{', '\tint i, total = 0;', '\tlong acc = b;');
    for (let k = 0; k < 30; k++) {
      switch (k % 6) {
        case 0: out.push(`\tfor (i = 0; i < a; i++) total += table[i & 63] * ${k + 1};`); break;
        case 1: out.push(`\tif (it && it->value > ${k}) acc += it->id; else acc -= ${k};`); break;
        case 2: out.push(`\tacc = (acc << 2) ^ (total >> 1) + a * ${k + 3};`); break;
        case 3: out.push(`\twhile (total > ${1000 + k}) total /= 2;`); break;
        case 4: out.push('\tswitch (a & 3) { case 0: acc++; break; case 1: acc--; break; default: acc += 2; }'); break;
        default: out.push(`\ttable[(a + ${k}) & 63] = (int)(acc & 0xff);`);
      }
    }
    out.push('\treturn acc + total;', '}');
  }
  out.push('int main(void) { struct item x = { 1, 2, "x", 0 }; long s = 0;');
  for (let i = 1; i <= fi; i++) out.push(`\ts += func${i}(10, ${i}, &x);`);
  out.push('\tprintf("%ld\\n", s); return 0; }');
  return out.join('\n') + '\n';
}
