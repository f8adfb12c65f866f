// `kwb dmesg [-C DIR] [-x] [-l LEVELS] [-r]`: the kernel log of the workspace's last boot (saved
// in .kwb/dmesg by `kwb run` and `kwb boot`), in util-linux dmesg's formats.
import { resolve } from 'node:path';
import { KwbError, UsageError } from '../errors.js';
import type { KwbCommand } from './command.js';

const HELP = `Usage: kwb dmesg [-C DIR] [-x] [-l LEVELS] [-r]
Prints the kernel log of the workspace's last boot (kwb run, kwb boot).

  -C DIR          the workspace (default: the current directory)
  -x, --decode    facility and level before each line ("kern  :info  : ")
  -l, --level L   only these levels: emerg,alert,crit,err,warn,notice,info,debug (or 0-7)
  -r, --raw       the raw "<6>[    0.000000] text" lines
`;

const command: KwbCommand = {
  name: 'dmesg',
  synopsis: 'dmesg [-C DIR] [-x] [-l LEVELS] [-r]',
  describe: "print the kernel log of the workspace's last boot",
  async run(argv) {
    let dir = '.';
    let decode = false;
    let raw = false;
    let levels: string | null = null;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      const next = (): string => {
        const v = argv[++i];
        if (v === undefined) throw new UsageError(`kwb dmesg: option '${a}' needs a value\nTry 'kwb dmesg --help'.`);
        return v;
      };
      if (a === '-h' || a === '--help') {
        process.stdout.write(HELP);
        return 0;
      } else if (a === '-C') dir = next();
      else if (a.startsWith('-C') && a.length > 2) dir = a.slice(2);
      else if (a === '-x' || a === '--decode') decode = true;
      else if (a === '-r' || a === '--raw') raw = true;
      else if (a === '-l' || a === '--level') levels = next();
      else if (a.startsWith('--level=')) levels = a.slice(8);
      else if (/^-[xr]+$/.test(a)) {
        decode ||= a.includes('x');
        raw ||= a.includes('r');
      } else throw new UsageError(`kwb dmesg: unknown option '${a}'\nTry 'kwb dmesg --help'.`);
    }
    const { readSavedLog, formatDmesg, parseLevels } = await import('../kernel/machine/index.js');
    let set: Set<number> | undefined;
    if (levels !== null) {
      const s = parseLevels(levels);
      if (!s) throw new UsageError(`kwb dmesg: unknown level in '${levels}' (use emerg, alert, crit, err, warn, notice, info, debug)`);
      set = s;
    }
    const ws = resolve(dir);
    const log = readSavedLog(ws);
    if (!log) throw new KwbError(`kwb dmesg: ${ws} has no kernel log yet; boot its kernel first (kwb run PROG, or kwb boot)`, 1);
    process.stdout.write(formatDmesg(log, { decode, raw, levels: set }));
    return 0;
  },
};

export default command;
