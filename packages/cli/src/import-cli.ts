/** Entry of the `kaiku-import` bin (bundled to dist/import-cli.js). */
import { processIo } from './start-cli.js';
import { runImport } from './run-import.js';

process.exitCode = await runImport(process.argv.slice(2), processIo());
