// Starts the workbench from the sources (for development before `kwb` is wired to it, and for the
// benchmark's in-source mode): `node --import tsx test/tui/launch.ts [WORKSPACE]`.
import { startTui } from '../../src/tui/index.js';

process.exitCode = await startTui({ workspace: process.argv[2] });
