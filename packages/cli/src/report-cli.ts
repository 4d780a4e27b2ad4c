/** Entry of the `kaiku-report` bin (bundled to dist/report-cli.js). */
import { processIo } from './io.js';
import { runReport } from './run-report.js';

process.exitCode = await runReport(process.argv.slice(2), processIo());
