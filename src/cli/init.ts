// kwb init DIR — a new workspace: a copy of the pristine Linux 4.4.79 tree plus .kwb/.
import { UsageError, EXIT } from '../errors.js';
import { initWorkspace } from '../kbuild/workspace.js';
import type { KwbCommand } from './command.js';

const USAGE = 'Usage: kwb init DIR\n\nMake a new workspace in DIR (which must not exist or be empty): a copy of the\nLinux 4.4.79 tree plus .kwb/ for the workbench\'s state.\n';

const command: KwbCommand = {
  name: 'init',
  synopsis: 'init DIR',
  describe: 'make a new workspace: a copy of the Linux 4.4.79 tree plus .kwb/',
  async run(argv) {
    if (argv.includes('--help') || argv.includes('-h')) {
      process.stdout.write(USAGE);
      return EXIT.ok;
    }
    const bad = argv.find((a) => a.startsWith('-') && a !== '-');
    if (bad) throw new UsageError(`kwb init: unknown option '${bad}'\nTry 'kwb init --help'.`);
    if (argv.length !== 1) throw new UsageError(`kwb init: expected one directory, got ${argv.length}\nTry 'kwb init --help'.`);
    const dir = initWorkspace(argv[0]!);
    process.stdout.write(`Initialized a Linux 4.4.79 workspace in ${dir}\nNext: cd ${argv[0]} && kwb make defconfig && kwb make\n`);
    return EXIT.ok;
  },
};

export default command;
