// A command whose capability has not landed yet says so plainly instead of pretending.
import { KwbError } from '../errors.js';
import type { KwbCommand } from './command.js';

export function notYet(name: string, synopsis: string, describe: string): KwbCommand {
  return {
    name,
    synopsis,
    describe,
    async run() {
      throw new KwbError(`kwb ${name}: not available in this version of kernel-workbench yet`);
    },
  };
}
