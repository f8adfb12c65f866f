// `kwb ar rcs ARCHIVE FILE...` (create or update, with a symbol index), `kwb ar t ARCHIVE` (list),
// `kwb ar x ARCHIVE` (extract). Always deterministic, like GNU ar's D modifier.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { EXIT, UsageError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic.js';
import { ArchiveFormatError, readArchive, writeArchive, type ArchiveMember } from '../toolchain/ld/archive.js';
import type { KwbCommand } from './command.js';

const USAGE = 'Usage: kwb ar rcs ARCHIVE FILE... | kwb ar t ARCHIVE | kwb ar x ARCHIVE';

function readMembers(path: string): ArchiveMember[] {
  try {
    return readArchive(new Uint8Array(readFileSync(path)));
  } catch (e) {
    if (e instanceof ArchiveFormatError) throw new UsageError(`ar: ${path}: ${e.message}`);
    throw new UsageError(`ar: ${path}: No such file or directory`);
  }
}

const command: KwbCommand = {
  name: 'ar',
  synopsis: 'ar rcs ARCHIVE FILE...',
  describe: 'create an archive of objects',
  async run(argv) {
    const [opRaw, archive, ...files] = argv;
    if (opRaw === '--help' || opRaw === '-h') {
      process.stdout.write(USAGE + '\n');
      return EXIT.ok;
    }
    if (!opRaw || !archive) throw new UsageError(`ar: missing operation or archive\n${USAGE}`);
    const op = opRaw.replace(/^-/, '');
    if (!/^[rqtxcsuDvUT]+$/.test(op)) throw new UsageError(`ar: invalid option -- '${op}'\n${USAGE}`);
    if (op.includes('t')) {
      for (const m of readMembers(archive)) process.stdout.write(m.name + '\n');
      return EXIT.ok;
    }
    if (op.includes('x')) {
      for (const m of readMembers(archive)) if (!files.length || files.includes(m.name)) writeFileSync(m.name, m.data);
      return EXIT.ok;
    }
    if (op.includes('r') || op.includes('q') || op.includes('s')) {
      const members: ArchiveMember[] = existsSync(archive) ? readMembers(archive) : [];
      if (!existsSync(archive) && !op.includes('c')) process.stderr.write(`ar: creating ${archive}\n`);
      for (const f of files) {
        let data: Uint8Array;
        try {
          data = new Uint8Array(readFileSync(f));
        } catch {
          throw new UsageError(`ar: ${f}: No such file or directory`);
        }
        const name = basename(f);
        // r replaces a member of the same name; q (quick append) always appends.
        const at = op.includes('q') ? -1 : members.findIndex((m) => m.name === name);
        if (at >= 0) members[at] = { name, data };
        else members.push({ name, data });
      }
      writeFileAtomic(archive, writeArchive(members));
      return EXIT.ok;
    }
    throw new UsageError(`ar: no operation specified\n${USAGE}`);
  },
};

export default command;
