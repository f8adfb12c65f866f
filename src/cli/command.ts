// The shape of a `kwb` subcommand. Each lives in its own module under src/cli/ and stays thin:
// parse arguments, call the core, print, return the exit code.
//
// Commands receive their raw argv (everything after the subcommand name) because some must accept
// the flags of the real tool they stand in for (`kwb cc -DNAME=1 -Iinc -O2`, `kwb make V=1 -C dir`),
// which a generic option parser would mangle. The others parse with yargs (see parseArgs).
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';

export interface KwbCommand {
  /** The subcommand word, e.g. "cc". */
  name: string;
  /** One-line synopsis shown in `kwb --help`, e.g. "cc [-c|-S|-E] [-o OUT] FILE...". */
  synopsis: string;
  describe: string;
  /** Runs the command; resolves to the process exit status. Throw KwbError for user-facing failures. */
  run(argv: string[]): Promise<number>;
}

/**
 * Parses a command's arguments with yargs, strictly: unknown options and bad values become a
 * UsageError (exit 2) with yargs's own message, never a stack trace or process.exit from yargs.
 */
export async function parseArgs<T>(
  name: string,
  argv: string[],
  build: (y: Argv) => Argv<T>,
): Promise<T & { _: (string | number)[] }> {
  let helpShown = false;
  // Loaded on demand: yargs costs more start-up time than most commands' own work.
  const { default: yargs } = await import('yargs');
  const y = build(
    yargs(argv)
      .scriptName(`kwb ${name}`)
      .strict()
      .help('help')
      .alias('help', 'h')
      .version(false)
      .exitProcess(false)
      .wrap(Math.min(100, process.stdout.columns || 100))
      .fail((msg, err) => {
        throw new UsageError(`kwb ${name}: ${msg ?? err?.message ?? 'bad arguments'}\nTry 'kwb ${name} --help'.`);
      }),
  );
  const parsed = (await y.parseAsync(argv, {}, (_err, _argv, output) => {
    if (output) {
      helpShown = true;
      process.stdout.write(output + '\n');
    }
  })) as T & { _: (string | number)[]; help?: boolean };
  if (helpShown || parsed.help) throw new HelpShown();
  return parsed;
}

/** Raised after --help output has been printed; the CLI exits 0. */
export class HelpShown extends Error {}
