// The CPU emulator's speed: guest instructions per second (warm) and the ratio of emulated to
// native time for the same gcc -O0 programs (fib(30), a bubble sort, a sum loop), measured in
// the same run. Goals: >= 150 million instructions/s, within 30x of native.
//
// The emulator is bundled with esbuild first (as dist/ is), so cross-module constants are
// inlined the way the shipped CLI sees them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');

const RT = `
static void sys_exit(long code) { __asm__ volatile("syscall" :: "a"(60L), "D"(code)); }
__asm__(".globl _start\\n_start:\\n and $-16, %rsp\\n call main\\n mov %eax, %edi\\n mov $60, %eax\\n syscall\\n");
`;

const PROGRAMS: Record<string, string> = {
  'fib(30)': `int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
int main(void) { return fib(30) & 0x7f; }`,
  'bubble sort (3000)': `int v[3000];
int main(void) {
  unsigned s = 1;
  for (int i = 0; i < 3000; i++) { s = s * 1103515245 + 12345; v[i] = (int)(s >> 8); }
  for (int i = 0; i < 3000; i++)
    for (int j = 0; j + 1 < 3000 - i; j++)
      if (v[j] > v[j + 1]) { int t = v[j]; v[j] = v[j + 1]; v[j + 1] = t; }
  return v[0] & 0x7f;
}`,
  'sum loop (20M)': `int main(void) {
  long sum = 0;
  for (long i = 0; i < 20000000; i++) sum += i ^ (sum >> 3);
  return (int)(sum & 0x7f);
}`,
};

function nativeSeconds(path: string): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    spawnSync(path, [], { stdio: 'ignore' });
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9);
  }
  return best;
}

interface UserModule {
  runUserProgram(opts: {
    program: Uint8Array;
    argv: string[];
    envp: string[];
    execfn: string;
    maxInsns: number;
    timeoutMs: number;
    configure?: (cpu: { blockThreshold: number }) => void;
  }): { exit: { kind: string; status: number }; instructions: number };
}

export default async function (): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kwb-bench-cpu-'));
  const bundle = join(dir, 'user.mjs');
  await build({
    entryPoints: [join(root, 'src/kernel/user/process.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile: bundle,
    logLevel: 'warning',
  });
  const mod = (await import(pathToFileURL(bundle).href)) as UserModule;
  const costs: string[] = [];
  let totalInsns = 0;
  let totalSeconds = 0;
  for (const [name, src] of Object.entries(PROGRAMS)) {
    const c = join(dir, 'p.c');
    const exe = join(dir, name.replace(/\W+/g, '_'));
    writeFileSync(c, RT + src);
    const cc = spawnSync('gcc', ['-O0', '-static', '-nostdlib', '-ffreestanding', '-fno-stack-protector', '-fcf-protection=none', '-mgeneral-regs-only', '-fno-pie', '-no-pie', '-o', exe, c], { encoding: 'utf8' });
    if (cc.status !== 0) throw new Error(`gcc failed: ${cc.stderr}`);
    const program = new Uint8Array(readFileSync(exe));
    // CPU time of this process, not wall time: the machine is shared, and a preempted run is not a slow emulator.
    const run = (threshold?: number): { secs: number; insns: number; status: number } => {
      const t = process.cpuUsage();
      const configure = threshold === undefined ? undefined : (cpu: { blockThreshold: number }): void => void (cpu.blockThreshold = threshold);
      const r = mod.runUserProgram({ program, argv: [exe], envp: [], execfn: exe, maxInsns: 1e10, timeoutMs: 120_000, configure });
      const u = process.cpuUsage(t);
      return { secs: (u.user + u.system) / 1e6, insns: r.instructions, status: r.exit.status };
    };
    run(); // warm-up: compile the interpreter's hot paths
    const e = run();
    const n = nativeSeconds(exe);
    const native = spawnSync(exe, [], { stdio: 'ignore' }).status;
    if (native !== e.status) throw new Error(`${name}: emulated status ${e.status}, native ${native}`);
    totalInsns += e.insns;
    totalSeconds += e.secs;
    // Where the time goes, per guest instruction: the same program with blocks off (decode cache
    // and handler dispatch only), with blocks (compiled JS), and natively.
    const interp = run(0);
    costs.push(
      `   ${name.padEnd(20)} interpreter ${((interp.secs / interp.insns) * 1e9).toFixed(2).padStart(6)} ns/insn  ` +
        `blocks ${((e.secs / e.insns) * 1e9).toFixed(2).padStart(6)} ns/insn  native ${((n / e.insns) * 1e9).toFixed(3)} ns/insn`,
    );
    console.log(
      `   ${name.padEnd(20)} ${(e.insns / 1e6).toFixed(1).padStart(7)}M insns  ${(e.insns / e.secs / 1e6).toFixed(1).padStart(6)}M insns/s  ` +
        `${(e.secs * 1000).toFixed(0).padStart(6)} ms (cpu) vs native ${(n * 1000).toFixed(1)} ms  (${(e.secs / n).toFixed(1)}x native gcc -O0)`,
    );
  }
  console.log(`   overall              ${(totalInsns / totalSeconds / 1e6).toFixed(1)}M insns/s (goal >= 150M, within 30x of native)`);
  console.log('   cost per guest instruction (CPU time):');
  for (const line of costs) console.log(line);
}
