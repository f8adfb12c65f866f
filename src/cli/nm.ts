// `kwb nm [-n] [-g] [-u] FILE...`: GNU nm's listing of ELF objects, executables and archives.
import { readFileSync } from 'node:fs';
import { EXIT, UsageError } from '../errors.js';
import { ElfFormatError, isElf } from '../toolchain/elf/read.js';
import { ArchiveFormatError, isArchive, readArchive } from '../toolchain/ld/archive.js';
import { nmText, type NmOptions } from '../toolchain/nm.js';
import type { KwbCommand } from './command.js';

const USAGE = 'Usage: kwb nm [-n] [-g] [-u] [-a] [-S] [-r] [-p] [--defined-only] [FILE...]';

const command: KwbCommand = {
  name: 'nm',
  synopsis: 'nm [-n] [-g] [-u] [-a] [-S] FILE...',
  describe: 'list the symbols of an ELF file as GNU nm does',
  async run(argv) {
    const opts: NmOptions = {};
    const files: string[] = [];
    for (const a of argv) {
      if (a === '--help' || a === '-h') {
        process.stdout.write(USAGE + '\n');
        return EXIT.ok;
      }
      if (a === '--numeric-sort' || a === '-v') opts.numeric = true;
      else if (a === '--extern-only') opts.externOnly = true;
      else if (a === '--undefined-only') opts.undefinedOnly = true;
      else if (a === '--defined-only') opts.definedOnly = true;
      else if (a === '--debug-syms') opts.debugSyms = true;
      else if (a === '--print-size') opts.printSize = true;
      else if (a === '--reverse-sort') opts.reverse = true;
      else if (a === '--no-sort') opts.noSort = true;
      else if (/^-[nguaSrp]+$/.test(a)) {
        for (const c of a.slice(1)) {
          if (c === 'n') opts.numeric = true;
          if (c === 'g') opts.externOnly = true;
          if (c === 'u') opts.undefinedOnly = true;
          if (c === 'a') opts.debugSyms = true;
          if (c === 'S') opts.printSize = true;
          if (c === 'r') opts.reverse = true;
          if (c === 'p') opts.noSort = true;
        }
      } else if (a.startsWith('-') && a !== '-') throw new UsageError(`nm: unrecognized option '${a}'\n${USAGE}`);
      else files.push(a);
    }
    if (!files.length) files.push('a.out');
    let status: number = EXIT.ok;
    const fail = (msg: string) => {
      process.stderr.write(`nm: ${msg}\n`);
      status = EXIT.usage;
    };
    for (const f of files) {
      let data: Uint8Array;
      try {
        data = new Uint8Array(readFileSync(f));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        fail(code === 'EISDIR' ? `Warning: '${f}' is a directory` : `'${f}': No such file`);
        continue;
      }
      const one = (name: string, bytes: Uint8Array, header: string | null) => {
        if (!isElf(bytes)) return fail(`${name}: file format not recognized`);
        try {
          const r = nmText(bytes, opts);
          if (header !== null) process.stdout.write(header);
          if (!r.hasSymbols) process.stderr.write(`nm: ${name}: no symbols\n`);
          process.stdout.write(r.text);
        } catch (e) {
          if (e instanceof ElfFormatError) return fail(`${name}: file format not recognized`);
          throw e;
        }
      };
      if (isArchive(data)) {
        try {
          for (const m of readArchive(data)) one(m.name, m.data, `\n${m.name}:\n`);
        } catch (e) {
          if (e instanceof ArchiveFormatError) fail(`${f}: ${e.message}`);
          else throw e;
        }
      } else one(f, data, files.length > 1 ? `\n${f}:\n` : null);
    }
    return status;
  },
};

export default command;
