// `kwb as [-o OUT] [--64] FILE` — GNU as compatible: default output a.out, `-` or no file
// reads standard input, messages in GNU's words (`file.s:12: Error: ...` becomes
// `file.s:12: error: ...`). Exit 1 when the source has errors, 2 for usage or unreadable input.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { renderDiagnostics } from '../diag.js';
import { DiagnosticError } from '../diag.js';
import { EXIT, UsageError } from '../errors.js';
import { assemble } from '../toolchain/as/assemble.js';
import { writeFileAtomic } from '../util/atomic.js';
import type { KwbCommand } from './command.js';

const USAGE = `Usage: kwb as [-o OUT] [-I DIR] [--64] [--noexecstack] [FILE...]
Assemble AT&T-syntax x86-64 assembly (GNU as compatible) into an ELF64 relocatable object.
  -o OUT        write the object to OUT (default a.out)
  --64          64-bit code (the default and the only mode)
  --noexecstack mark the object as not needing an executable stack (.note.GNU-stack)
  -I DIR        also look in DIR for .include and .incbin files
  FILE...       the sources, assembled as one; '-' or none reads standard input
`;

function displayName(file: string): string {
  return file === '-' ? '{standard input}' : file;
}

/** Replaces a regular file atomically; writes devices such as /dev/null in place. */
function writeOutput(path: string, data: Uint8Array): void {
  let special = false;
  try {
    special = !statSync(path).isFile();
  } catch {
    // does not exist yet: a new regular file
  }
  if (special) writeFileSync(path, data);
  else writeFileAtomic(path, data);
}

const command: KwbCommand = {
  name: 'as',
  synopsis: 'as [-o OUT] FILE',
  describe: 'GNU-compatible x86-64 assembler (AT&T syntax)',
  async run(argv) {
    let out = 'a.out';
    let noExecStack = false;
    const includeDirs: string[] = [];
    const files: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '-h' || a === '--help') {
        process.stdout.write(USAGE);
        return EXIT.ok;
      } else if (a === '-o') {
        const v = argv[++i];
        if (v === undefined) throw new UsageError("kwb as: option requires an argument -- 'o'\nTry 'kwb as --help'.");
        out = v;
      } else if (a.startsWith('-o') && a.length > 2) out = a.slice(2);
      else if (a === '-I') {
        const v = argv[++i];
        if (v === undefined) throw new UsageError("kwb as: option requires an argument -- 'I'\nTry 'kwb as --help'.");
        includeDirs.push(v);
      } else if (a.startsWith('-I')) includeDirs.push(a.slice(2));
      else if (a === '--noexecstack') noExecStack = true;
      else if (a === '--64' || a === '-Qy' || a === '-Qn') continue;
      else if (a === '--32' || a === '--x32') {
        throw new UsageError(`kwb as: ${a} is not supported: kwb assembles 64-bit x86-64 code only`);
      } else if (a === '-') files.push(a);
      else if (a.startsWith('-')) throw new UsageError(`kwb as: unrecognized option '${a}'\nTry 'kwb as --help'.`);
      else files.push(a);
    }
    if (files.length === 0) files.push('-');
    // Several inputs are one stream, as with GNU as; linemarkers keep each file's own lines.
    const parts: string[] = [];
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file === '-' ? 0 : file, 'utf8');
      } catch (e) {
        const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (e as Error).message;
        throw new UsageError(`kwb as: can't open ${file} for reading: ${why}`);
      }
      parts.push(files.length > 1 ? `# 1 "${displayName(file)}"\n${text}` : text);
    }
    const source = parts.join('\n');
    const name = displayName(files[files.length - 1]!);
    try {
      const r = assemble(source, { file: displayName(files[0]!), noExecStack, includeDirs });
      if (r.diagnostics.length) process.stderr.write(`${name}: Assembler messages:\n${renderDiagnostics(r.diagnostics)}\n`);
      writeOutput(out, r.object);
      return EXIT.ok;
    } catch (e) {
      if (e instanceof DiagnosticError) {
        process.stderr.write(`${name}: Assembler messages:\n${renderDiagnostics(e.diagnostics)}\n`);
        return EXIT.failed;
      }
      throw e;
    }
  },
};

export default command;
