/** Entry of the `kaiku-report` bin (bundled to dist/report-cli.js). */
import { processIo } from './start-cli.js';
import { runReport } from './run-report.js';

process.exitCode = await runReport(process.argv.slice(2), processIo());
