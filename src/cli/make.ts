// kwb make [TARGET...] [-C DIR] [V=1] [VAR=value...] — kbuild on a workspace, with make's own
// command-line conventions (its arguments are not yargs-style, so they are read here by hand).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { EXIT } from '../errors.js';
import { realToolchain } from '../kbuild/toolchain.js';
import { runMake, HELP } from '../kbuild/make.js';
import type { KwbCommand } from './command.js';

/** Environment variables kbuild reads (make imports the environment as variables). */
const ENV_VARS = ['LOCALVERSION', 'KBUILD_BUILD_TIMESTAMP', 'KBUILD_BUILD_USER', 'KBUILD_BUILD_HOST', 'KBUILD_VERBOSE', 'ARCH', 'CROSS_COMPILE'];

const command: KwbCommand = {
  name: 'make',
  synopsis: 'make [TARGET...] [-C DIR] [V=1] [LOCALVERSION=-x]',
  describe: 'build the workspace (defconfig, all, vmlinux, bzImage, clean, ...)',
  async run(argv) {
    let dir = process.cwd();
    let changedDir = false;
    const vars: Record<string, string> = {};
    const targets: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '-C' || a === '--directory') {
        const d = argv[++i];
        if (d === undefined) {
          process.stderr.write("make: option requires an argument -- 'C'\n");
          return EXIT.usage;
        }
        dir = resolve(dir, d);
        changedDir = true;
      } else if (a.startsWith('-C')) {
        dir = resolve(dir, a.slice(2));
        changedDir = true;
      } else if (a.startsWith('--directory=')) {
        dir = resolve(dir, a.slice('--directory='.length));
        changedDir = true;
      } else if (a === '-h' || a === '--help') {
        process.stdout.write('Usage: kwb make [TARGET...] [-C DIR] [V=1] [LOCALVERSION=-x]\n\n' + HELP);
        return EXIT.ok;
      } else if (/^-j[0-9]*$/.test(a) || a.startsWith('--jobs') || a === '-s' || a === '-k') {
        // accepted for habit's sake: kwb builds one target at a time
        if (a === '-j' && /^[0-9]+$/.test(argv[i + 1] ?? '')) i++;
      } else if (a.startsWith('-')) {
        process.stderr.write(`make: invalid option -- '${a.replace(/^-+/, '')}'\nUsage: kwb make [TARGET...] [-C DIR] [V=1] [LOCALVERSION=-x]\n`);
        return EXIT.usage;
      } else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) {
        const eq = a.indexOf('=');
        vars[a.slice(0, eq)] = a.slice(eq + 1);
      } else targets.push(a);
    }
    if (!existsSync(dir)) {
      process.stderr.write(`make: *** ${dir}: No such file or directory.  Stop.\n`);
      return EXIT.usage;
    }
    if (!existsSync(resolve(dir, 'Makefile'))) {
      process.stderr.write('make: *** No targets specified and no makefile found.  Stop.\n');
      return EXIT.usage;
    }
    const environment: Record<string, string> = {};
    for (const k of ENV_VARS) if (process.env[k] !== undefined) environment[k] = process.env[k]!;
    const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
    let rl: ReturnType<typeof createInterface> | undefined;
    if (changedDir) process.stdout.write(`make: Entering directory '${dir}'\n`);
    try {
      return await runMake(
        {
          root: dir,
          commandLine: vars,
          environment,
          interactive,
          toolchain: realToolchain,
          io: { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) },
          ask: async (prompt) => {
            rl ??= createInterface({ input: process.stdin, output: process.stdout });
            return rl.question(prompt);
          },
        },
        targets,
      );
    } finally {
      rl?.close();
      if (changedDir) process.stdout.write(`make: Leaving directory '${dir}'\n`);
    }
  },
};

export default command;
