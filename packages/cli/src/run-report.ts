/** `kaiku-report`: writes a venue's usage report for a period (official layout, totals) as CSV or XLSX. */
import { isKaikuError, localize } from '@kaiku-scanner/core';
import { ReportError, exportUsageReport, parseReportDate } from '@kaiku-scanner/core/reports';
import { say } from './cli-text.js';
import { checkOutput, closeOutput, openOutput } from './output-file.js';
import { apiClient, EXIT, exitCodeOf, startCli, unreachable } from './start-cli.js';
import type { CliIo, ExitCode } from './start-cli.js';

export const REPORT_HELP = `Usage: kaiku-report --venue <id> --from <date> --to <date> [options]

Writes the Kaikukortti usage report of a venue (card ID, adult tickets, child tickets, show, date,
with a totals row) for the shows in [from, to], in the official layout.

Options:
  --venue <id>          venue (required)
  --from <date>         first day, 2024-01-01 or 1.1.2024 (required)
  --to <date>           last day, inclusive (required)
  --format <csv|xlsx>   default from the output file's extension, else csv
  -o, --output <file>   output file (default: a name from the venue and period); a new file
  --force               overwrite the output file if it exists
  --title <text>        a title row above the header (e.g. the venue's name)
  --base-url <url>      Kaikukanta API (or sandbox) URL; default $KAIKU_BASE_URL
  --token-env <NAME>    environment variable holding the bearer token (default KAIKU_TOKEN)
  --lang <fi|sv|en>     language of the column names and messages (default from $LANG)
  -h, --help            this help

Exit codes: 0 written · 2 usage error · 3 output file exists or is not writable · 4 network or server failure
`;

const OPTIONS = {
  venue: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
  title: { type: 'string' },
  'base-url': { type: 'string' },
  'token-env': { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function isoDay(text: string | undefined): string | undefined {
  const parsed = text ? parseReportDate(text) : undefined;
  return parsed?.ok && !parsed.time ? parsed.date : undefined;
}

export async function runReport(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const cli = startCli('kaiku-report', argv, OPTIONS, REPORT_HELP, io);
  if (cli.exit !== undefined) return cli.exit;
  const { values: v, positionals, locale, fail, failWith } = cli;
  const bad = (option: string) => failWith('badOption', { option }, EXIT.usage);
  if (positionals.length > 0) return bad(positionals[0]!);
  for (const option of ['venue', 'from', 'to'] as const)
    if (!v[option]) return failWith('missingOption', { option: `--${option}` }, EXIT.usage);
  const from = isoDay(v.from);
  const to = isoDay(v.to);
  if (!from) return bad('--from');
  if (!to || to < from) return bad('--to');
  const format = v.format ?? (v.output?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
  if (format !== 'csv' && format !== 'xlsx') return bad('--format');
  const client = apiClient(cli, io.env);
  if (typeof client === 'number') return client;
  const force = v.force === true;
  // Checked before the server is asked: a report of last month is not overwritten by accident.
  const refused = v.output === undefined ? undefined : await checkOutput(cli, v.output, force);
  if (refused !== undefined) return refused;

  let report;
  try {
    report = await exportUsageReport({
      client,
      venueId: v.venue!,
      from,
      to,
      format,
      locale,
      ...(v.title ? { title: v.title } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
    });
  } catch (error) {
    if (error instanceof ReportError) return fail(error.localized[locale], exitCodeOf(error.code));
    // A usage list past its bounds (pages that never end) is no network failure: its own text.
    if (isKaikuError(error) && error.code === 'list-too-long')
      return fail(localize(error, locale), EXIT.server);
    return unreachable(cli, error);
  }
  const file = v.output ?? report.fileName;
  const opened = await openOutput(cli, file, force);
  if (typeof opened === 'number') return opened;
  if (!(await closeOutput(opened, report.bytes))) return failWith('fileWrite', { file }, EXIT.file);
  const t = report.totals;
  cli.print(
    `${say('wrote', locale, { file, rows: t.rows, adults: t.adultTickets, children: t.childTickets })}\n`,
  );
  return EXIT.ok;
}
