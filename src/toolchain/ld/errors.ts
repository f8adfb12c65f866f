// The linker's error texts, worded and laid out as GNU ld 2.40 prints them, e.g.
//
//   ld: a.o: in function `main':
//   a.c:(.text+0x5): undefined reference to `foo'
//   ld: arch/x86/entry/built-in.o:(.rodata+0xa30): undefined reference to `sys_nsys'
//
// A LinkError is a DiagnosticError (so callers that catch stage errors generically still do),
// but its `messages` carry ld's exact lines. `render(prefix)` puts the program-name prefix on
// each message's first line only, as ld does (except where ld itself prints none, as for
// "relocation truncated to fit"): the CLI passes "ld: " (ld 2.40), kbuild may pass ""
// to print the line exactly as Linux 4.4's build log shows it
// (`arch/x86/entry/built-in.o:(.rodata+0xa30): undefined reference to `sys_nsys'`).
import { DiagnosticError, type Diagnostic } from '../../diag.js';
import { UsageError } from '../../errors.js';
import * as C from '../elf/constants.js';
import type { ElfFile } from '../elf/read.js';

/** One ld message: its lines without the program-name prefix (a location line may precede it). */
export interface LinkMessage {
  /** The input named first (the object the problem is in). */
  file: string;
  lines: string[];
  /** ld's warnings ("warning: cannot find entry symbol ...") are kept in order among the errors. */
  warning?: boolean;
  /** ld prints some messages without its program-name prefix ("relocation truncated to fit"). */
  bare?: boolean;
}

export class LinkError extends DiagnosticError {
  constructor(readonly messages: LinkMessage[]) {
    super(messages.map((m): Diagnostic => ({ file: m.file, line: 0, col: 0, severity: m.warning ? 'warning' : 'error', message: m.lines.join('\n') })));
    this.name = 'LinkError';
  }
  /** ld's stderr text: `prefix` ("ld: ") before the first line of every message. */
  render(prefix = 'ld: '): string {
    return this.messages.map((m) => m.lines.map((l, i) => (i === 0 && !m.bare ? prefix + l : l)).join('\n')).join('\n') + '\n';
  }
}

/** An input ld cannot read (missing, truncated, not ELF, bad archive): exit status 2. */
export class LinkInputError extends UsageError {
  constructor(file: string, reason: string) {
    super(`ld: ${file}: ${reason}`);
    this.name = 'LinkInputError';
  }
}

/** What bfd's elf_find_function answers for a place in an object: the enclosing function and source file. */
interface Nearest {
  func: string;
  file: string | null;
}

// bfd scans the symbol table in order: the candidate "functions" are FUNC or NOTYPE symbols
// (not sections, files or objects) in the same section at or below the offset, and the closest
// one wins even if its size does not reach the offset. The source file is the last STT_FILE seen
// before it — except that for a global symbol a FILE that came after other symbols (as in ld -r
// output, where section symbols come first) is not trusted.
function findFunction(elf: ElfFile, shndx: number, offset: bigint): Nearest | null {
  let file: string | null = null;
  let state: 0 | 1 | 2 = 0; // nothing seen, symbol seen, file after symbol seen
  let best: { name: string; off: bigint; size: bigint; isFunc: boolean; file: string | null } | null = null;
  for (const s of elf.symbols) {
    if (s.index === 0) continue;
    if (s.type === C.STT_FILE) {
      file = s.name;
      if (state === 1) state = 2;
      continue;
    }
    if (state === 0) state = 1;
    if (s.type !== C.STT_FUNC && s.type !== C.STT_NOTYPE) continue;
    if (s.shndx !== shndx) continue;
    const size = s.size === 0n ? 1n : s.size;
    const off = s.value;
    if (off > offset) continue;
    let better = false;
    if (!best || off > best.off) better = true;
    else if (off === best.off) {
      if (best.off + best.size <= offset) better = size > best.size;
      else if (off + size > offset) better = s.type === C.STT_FUNC && !best.isFunc;
    }
    if (better) {
      best = {
        name: s.name,
        off,
        size,
        isFunc: s.type === C.STT_FUNC,
        file: file !== null && (s.bind === C.STB_LOCAL || state !== 2) ? file : null,
      };
    }
  }
  return best ? { func: best.name, file: best.file } : null;
}

/** Formats locations the way ld's %C/%H and %D conversions do, remembering the last function shown. */
export class Reporter {
  readonly messages: LinkMessage[] = [];
  private lastObj: string | null = null;
  private lastFunc: string | null = null;
  private lastFile: string | null = null;
  private errName: string | null = null;
  private errCount = 0;

  /** %C / %H: may open with "OBJ: in function `F':" as its own line; returns [lines before, prefix]. */
  private placeC(objName: string, elf: ElfFile, shndx: number, offset: bigint): [string[], string] {
    const sec = elf.sections[shndx]?.name ?? '*UND*';
    const where = `(${sec}+0x${offset.toString(16)})`;
    const near = findFunction(elf, shndx, offset);
    if (!near) return [[], `${objName}:${where}`];
    const pre: string[] = [];
    if (this.lastObj !== objName || this.lastFunc !== near.func || this.lastFile !== near.file) {
      pre.push(`${objName}: in function \`${near.func}':`);
      this.lastObj = objName;
      this.lastFunc = near.func;
      this.lastFile = near.file;
    }
    return [pre, `${near.file !== null ? near.file + ':' : ''}${where}`];
  }

  /** %D: "OBJ:[FILE:](SEC+0xOFF)" on one line. */
  placeD(objName: string, elf: ElfFile, shndx: number, offset: bigint): string {
    const sec = elf.sections[shndx]?.name ?? '*UND*';
    const near = findFunction(elf, shndx, offset);
    return `${objName}:${near?.file ? near.file + ':' : ''}(${sec}+0x${offset.toString(16)})`;
  }

  private emit(file: string, pre: string[], line: string, bare = false): void {
    this.messages.push({ file, lines: [...pre, line], ...(bare ? { bare } : {}) });
  }

  /** ld prints at most five undefined references in a row to one symbol, then says more follow. */
  undefined(objName: string, elf: ElfFile, shndx: number, offset: bigint, name: string): void {
    if (this.errName === name) this.errCount++;
    else {
      this.errName = name;
      this.errCount = 0;
    }
    if (this.errCount < 5) {
      const [pre, at] = this.placeC(objName, elf, shndx, offset);
      this.emit(objName, pre, `${at}: undefined reference to \`${name}'`);
    } else if (this.errCount === 5) {
      this.messages.push({ file: objName, lines: [`${this.placeD(objName, elf, shndx, offset)}: more undefined references to \`${name}' follow`] });
    }
  }

  multiple(objName: string, elf: ElfFile, shndx: number, value: bigint, name: string, first: string): void {
    const [pre, at] = this.placeC(objName, elf, shndx, value);
    this.emit(objName, pre, `${at}: multiple definition of \`${name}'; ${first}: first defined here`);
  }

  truncated(objName: string, elf: ElfFile, shndx: number, offset: bigint, what: string): void {
    const [pre, at] = this.placeC(objName, elf, shndx, offset);
    this.emit(objName, pre, `${at}: relocation truncated to fit: ${what}`, true);
  }

  plain(file: string, line: string): void {
    this.messages.push({ file, lines: [line] });
  }

  warn(file: string, line: string): void {
    this.messages.push({ file, lines: [line], warning: true });
  }

  get failed(): boolean {
    return this.messages.some((m) => !m.warning);
  }
}
