// `kwb objdump -d [-j SECTION] FILE...`: GNU objdump's disassembly listing.
import { readFileSync } from 'node:fs';
import { EXIT, UsageError } from '../errors.js';
import { ElfFormatError, isElf } from '../toolchain/elf/read.js';
import { ArchiveFormatError, isArchive, readArchive } from '../toolchain/ld/archive.js';
import { objdumpDisassemble, objdumpHeaders, objdumpSymbols, type ObjdumpOptions } from '../toolchain/objdump.js';
import type { KwbCommand } from './command.js';

const USAGE = 'Usage: kwb objdump [-d [-r] [-j SECTION]] [-t] [-h] FILE...';

const command: KwbCommand = {
  name: 'objdump',
  synopsis: 'objdump -d FILE',
  describe: 'disassemble an ELF file as GNU objdump does',
  async run(argv) {
    let disassemble = false;
    let symbols = false;
    let headers = false;
    const opts: ObjdumpOptions = {};
    const files: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--help') {
        process.stdout.write(USAGE + '\n');
        return EXIT.ok;
      }
      if (a === '-d' || a === '--disassemble') disassemble = true;
      else if (a === '-t' || a === '--syms') symbols = true;
      else if (a === '-h' || a === '--section-headers' || a === '--headers') headers = true;
      else if (a === '-r' || a === '--reloc') opts.relocs = true;
      else if (a === '-dr' || a === '-rd') {
        disassemble = true;
        opts.relocs = true;
      }
      else if (a === '-j' || a.startsWith('--section=') || (a.startsWith('-j') && a.length > 2)) {
        const v = a === '-j' ? argv[++i] : a.startsWith('-j') ? a.slice(2) : a.slice('--section='.length);
        if (!v) throw new UsageError(`objdump: option requires an argument -- 'j'\n${USAGE}`);
        (opts.sections ??= []).push(v);
      } else if (a.startsWith('-')) throw new UsageError(`objdump: unrecognized option '${a}'\n${USAGE}`);
      else files.push(a);
    }
    if (!disassemble && !symbols && !headers) throw new UsageError(`objdump: one of -d, -t or -h is needed\n${USAGE}`);
    if (!files.length) files.push('a.out');
    let status: number = EXIT.ok;
    const fail = (msg: string) => {
      process.stderr.write(`objdump: ${msg}\n`);
      status = EXIT.usage;
    };
    for (const f of files) {
      let data: Uint8Array;
      try {
        data = new Uint8Array(readFileSync(f));
      } catch {
        fail(`'${f}': No such file`);
        continue;
      }
      const one = (name: string, bytes: Uint8Array) => {
        if (!isElf(bytes)) return fail(`${name}: file format not recognized`);
        try {
          // With several of -h -t -d, objdump names the file once and prints the parts in that order.
          const parts: string[] = [];
          if (headers) parts.push(objdumpHeaders(name, bytes));
          if (symbols) parts.push(objdumpSymbols(name, bytes));
          if (disassemble) parts.push(objdumpDisassemble(name, bytes, opts));
          process.stdout.write(parts.map((t, i) => (i === 0 ? t : t.slice(t.indexOf('\n\n', 1) + 2))).join(''));
        } catch (e) {
          if (e instanceof ElfFormatError) return fail(`${name}: file format not recognized`);
          throw e;
        }
      };
      if (isArchive(data)) {
        try {
          const members = readArchive(data);
          process.stdout.write(`In archive ${f}:\n`);
          for (const m of members) one(m.name, m.data);
        } catch (e) {
          if (e instanceof ArchiveFormatError) fail(`${f}: ${e.message}`);
          else throw e;
        }
      } else one(f, data);
    }
    return status;
  },
};

export default command;
