// `kwb ld`: GNU ld's command line for what our linker does. Flags are parsed by hand because ld's
// own spellings (-Ttext=ADDR, --defsym=N=V, -static) do not fit a generic option parser.
import { readFileSync } from 'node:fs';
import { UsageError, EXIT } from '../errors.js';
import { writeFileAtomic } from '../util/atomic.js';
import { link, LinkError, type LinkInput, type LinkOptions } from '../toolchain/ld/link.js';
import type { KwbCommand } from './command.js';

const USAGE = 'Usage: kwb ld [-r] [-o OUT] [-e SYM] [-Ttext ADDR] [--defsym SYM=VALUE] [--start-group FILE... --end-group] FILE...';

function parseAddress(s: string, what: string): bigint {
  try {
    return BigInt(/^0x/i.test(s) ? s : /^\d+$/.test(s) ? s : '0x' + s);
  } catch {
    throw new UsageError(`ld: invalid ${what} address \`${s}'\n${USAGE}`);
  }
}

const command: KwbCommand = {
  name: 'ld',
  synopsis: 'ld [-r] [-o OUT] [-Ttext ADDR] [-e SYM] FILE...',
  describe: 'static linker for ELF64 objects and archives',
  async run(argv) {
    const opts: LinkOptions = {};
    let out = 'a.out';
    const files: { path: string; group?: number }[] = [];
    let group: number | undefined;
    let groups = 0;
    const defsym: Record<string, bigint> = {};
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      const value = (flag: string): string => {
        if (a.length > flag.length) return a.slice(flag.length).replace(/^=/, '');
        const v = argv[++i];
        if (v === undefined) throw new UsageError(`ld: option '${flag}' requires an argument\n${USAGE}`);
        return v;
      };
      if (a === '--help' || a === '-h') {
        process.stdout.write(USAGE + '\n');
        return EXIT.ok;
      } else if (a === '-r' || a === '--relocatable' || a === '-i') opts.relocatable = true;
      else if (a.startsWith('-o')) out = value('-o');
      else if (a.startsWith('--entry')) opts.entry = value('--entry');
      else if (a.startsWith('-e')) opts.entry = value('-e');
      else if (a.startsWith('-Ttext')) {
        opts.textBase = parseAddress(value('-Ttext'), '-Ttext');
        opts.loadHeaders = false;
      } else if (a.startsWith('--defsym')) {
        const d = value('--defsym');
        const eq = d.indexOf('=');
        if (eq <= 0) throw new UsageError(`ld: bad --defsym '${d}'\n${USAGE}`);
        defsym[d.slice(0, eq)] = parseAddress(d.slice(eq + 1), '--defsym');
      } else if (a === '--start-group' || a === '-(') group = groups++;
      else if (a === '--end-group' || a === '-)') group = undefined;
      else if (a === '-static' || a === '-Bstatic' || a === '-nostdlib' || a === '--no-dynamic-linker') continue;
      else if (a === '-m') i++; // emulation: elf_x86_64 is the only one
      else if (a.startsWith('-m')) continue;
      else if (a.startsWith('-') && a !== '-') throw new UsageError(`ld: unrecognized option '${a}'\n${USAGE}`);
      else files.push(group === undefined ? { path: a } : { path: a, group });
    }
    if (Object.keys(defsym).length) opts.defsym = defsym;
    opts.outputName = out;
    if (!files.length) throw new UsageError(`ld: no input files\n${USAGE}`);
    const inputs: LinkInput[] = files.map(({ path: f, group: g }) => {
      try {
        const input: LinkInput = { name: f, data: new Uint8Array(readFileSync(f)) };
        if (g !== undefined) input.group = g;
        return input;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new UsageError(`ld: cannot find ${f}: ${code === 'ENOENT' ? 'No such file or directory' : code === 'EISDIR' ? 'Is a directory' : 'cannot read file'}`);
      }
    });
    try {
      const r = link(inputs, opts);
      for (const w of r.warnings) process.stderr.write(`ld: ${w}\n`);
      writeFileAtomic(out, r.output, opts.relocatable ? 0o644 : 0o755);
      return EXIT.ok;
    } catch (e) {
      if (e instanceof LinkError) {
        process.stderr.write(e.render('ld: '));
        return EXIT.failed;
      }
      throw e;
    }
  },
};

export default command;
