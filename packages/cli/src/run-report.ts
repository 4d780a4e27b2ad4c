/**
 * `kaiku-report`: writes a venue's usage report for a period (official layout, with totals) as CSV or
 * XLSX. Returns the exit code.
 */
import { createApiClient, isKaikuError, localize } from '@kaiku-scanner/core';
import { ReportError, exportUsageReport, parseReportDate } from '@kaiku-scanner/core/reports';
import { say } from './cli-text.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import type { ExitCode } from './exit-codes.js';
import type { CliIo } from './start-cli.js';
import { checkOutputPath, openOutput, outputRefusalText } from './output-file.js';
import { startCli } from './start-cli.js';

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
  if (!text) return undefined;
  const parsed = parseReportDate(text);
  return parsed.ok && !parsed.time ? parsed.date : undefined;
}

export async function runReport(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const start = startCli('kaiku-report', argv, OPTIONS, REPORT_HELP, io);
  if (start.exit !== undefined) return start.exit;
  const { values: v, positionals, locale, fail, print } = start;
  if (positionals.length > 0)
    return fail(locale, say('badOption', locale, { option: positionals[0]! }), EXIT.usage);
  for (const option of ['venue', 'from', 'to'] as const) {
    if (!v[option]) return fail(locale, say('missingOption', locale, { option: `--${option}` }), EXIT.usage);
  }
  const from = isoDay(v.from);
  const to = isoDay(v.to);
  if (!from) return fail(locale, say('badOption', locale, { option: '--from' }), EXIT.usage);
  if (!to || to < from) return fail(locale, say('badOption', locale, { option: '--to' }), EXIT.usage);
  const format = v.format ?? (v.output?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
  if (format !== 'csv' && format !== 'xlsx')
    return fail(locale, say('badOption', locale, { option: '--format' }), EXIT.usage);
  const baseUrl = v['base-url'] ?? io.env.KAIKU_BASE_URL;
  const tokenEnv = v['token-env'] ?? 'KAIKU_TOKEN';
  const token = io.env[tokenEnv];
  if (!baseUrl) return fail(locale, say('missingOption', locale, { option: '--base-url' }), EXIT.usage);
  if (!token) return fail(locale, say('noToken', locale, { name: tokenEnv }), EXIT.usage);

  const force = v.force === true;
  if (v.output !== undefined) {
    // Checked before the server is asked: a report of last month is not overwritten by accident.
    const check = await checkOutputPath(v.output, { force });
    if (!check.ok) return fail(locale, outputRefusalText(check.code, locale, v.output), check.exit);
  }

  const client = createApiClient({ baseUrl, getToken: () => token });
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
    if (error instanceof ReportError) return fail(locale, error.localized[locale], exitCodeOf(error.code));
    // A usage list past its bounds (pages that never end) is no network failure: its own text.
    if (isKaikuError(error) && error.code === 'list-too-long')
      return fail(locale, localize(error, locale), EXIT.server);
    const reason = isKaikuError(error) ? error.code : 'network';
    return fail(locale, say('unreachable', locale, { reason }), EXIT.server);
  }
  const output = v.output ?? report.fileName;
  const opened = await openOutput(output, force);
  if (opened === 'output-exists') return fail(locale, outputRefusalText(opened, locale, output), EXIT.file);
  if (typeof opened === 'string') return fail(locale, say('fileWrite', locale, { file: output }), EXIT.file);
  await new Promise<void>((resolve) => opened.end(report.bytes, resolve));
  const t = report.totals;
  print(
    `${say('wrote', locale, { file: output, rows: t.rows, adults: t.adultTickets, children: t.childTickets })}\n`,
  );
  return EXIT.ok;
}
