/** Exit codes scripts can rely on (documented in docs/reports.md and `--help`). */
export const EXIT = {
  /** Everything went in (dry run: every row is valid); the report was written. */
  ok: 0,
  /** Some rows were invalid, refused by the server, or not sent. */
  rowsFailed: 1,
  /** Bad command line: unknown option, missing --venue, missing token variable… */
  usage: 2,
  /** The file could not be read or written, or is not a sales report (empty, wrong header, binary, too large…). */
  file: 3,
  /** Kaikukanta (or the sandbox) could not be reached or failed. */
  server: 4,
  /** Interrupted (Ctrl-C): rows registered so far are listed; importing again is safe. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code of an import/export error code. */
export function exitCodeOf(errorCode: string): ExitCode {
  if (errorCode === 'report-aborted') return EXIT.interrupted;
  if (errorCode === 'report-server-failed') return EXIT.server;
  if (errorCode === 'report-options-invalid') return EXIT.usage;
  // The chosen sheet went in; other sheets of the workbook are still to be imported (with --sheet).
  if (errorCode === 'report-more-sheets') return EXIT.rowsFailed;
  return EXIT.file;
}
