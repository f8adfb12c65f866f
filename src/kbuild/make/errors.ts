// Errors in GNU make's own words, so a student meets the text a real `make` prints:
//
//   Makefile:12: *** missing separator.  Stop.
//   scripts/Makefile.build:44: newsys/Makefile: No such file or directory
//
// make exits with status 2 on all of these.
import { KwbError, EXIT } from '../../errors.js';

export interface Where {
  file: string; // relative to the workspace, as make names it
  line: number;
}

/** `FILE:LINE: *** MESSAGE.  Stop.` — make's fatal error for a makefile it cannot read. */
export class MakeError extends KwbError {
  constructor(
    readonly where: Where | undefined,
    readonly text: string,
  ) {
    super(where ? `${where.file}:${where.line}: *** ${text}.  Stop.` : `make: *** ${text}.  Stop.`, EXIT.usage);
    this.name = 'MakeError';
  }
}

/** An `include` whose file does not exist: make names the including line, then gives up on the target. */
export class MissingIncludeError extends KwbError {
  constructor(
    readonly where: Where,
    readonly missing: string,
  ) {
    super(`${where.file}:${where.line}: ${missing}: No such file or directory`, EXIT.usage);
    this.name = 'MissingIncludeError';
  }
}
