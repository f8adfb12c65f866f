// Errors that reach a user. Anything else that escapes a command is an internal error:
// the CLI prints "internal error" and how to report it, never a stack trace.

/** Exit codes shared by every command (see DESIGN.md, "The command line"). */
export const EXIT = {
  ok: 0,
  failed: 1, // the thing checked or run failed
  usage: 2, // usage or input-file error; also make's failed build
  interrupted: 130,
} as const;

/** A failure the user caused or must act on; its message is printed as is (it is already worded for them). */
export class KwbError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
    this.name = 'KwbError';
  }
}

/** Bad arguments or an unreadable/malformed input file: exit status 2. */
export class UsageError extends KwbError {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'UsageError';
  }
}
