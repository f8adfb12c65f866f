// Process entry of the bundled `kwb` (bin/kwb.mjs imports the bundle built from this file).
import { main, report } from './main.js';
import { EXIT } from '../errors.js';

// `kwb objdump -d big | head` closes our stdout early: that is not an error worth a word.
for (const s of [process.stdout, process.stderr]) {
  s.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  });
}
process.on('SIGINT', () => process.exit(EXIT.interrupted));

main(process.argv.slice(2))
  .then(
    (code) => code,
    (e) => report(e),
  )
  .then((code) => {
    process.exitCode = code;
  });
