/**
 * `kaiku-report`: writes a venue's usage report for a period (official layout, with totals) as CSV or
 * XLSX. Returns the exit code.
 */
import { writeFile } from 'node:fs/promises';
import { createApiClient, isKaikuError } from '@kaiku-scanner/core';
import type { Locale } from '@kaiku-scanner/core';
import { ReportError, exportUsageReport, parseReportDate } from '@kaiku-scanner/core/reports';
import { pickLocale, say } from './cli-text.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import type { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { parseCli } from './parse-cli-args.js';

export const REPORT_HELP = `Usage: kaiku-report --venue <id> --from <date> --to <date> [options]

Writes the Kaikukortti usage report of a venue (card ID, adult tickets, child tickets, show, date,
with a totals row) for the shows in [from, to], in the official layout.

Options:
  --venue <id>          venue (required)
  --from <date>         first day, 2024-01-01 or 1.1.2024 (required)
  --to <date>           last day, inclusive (required)
  --format <csv|xlsx>   default from the output file's extension, else csv
  -o, --output <file>   output file (default: a name from the venue and period)
  --title <text>        a title row above the header (e.g. the venue's name)
  --base-url <url>      Kaikukanta API (or sandbox) URL; default $KAIKU_BASE_URL
  --token-env <NAME>    environment variable holding the bearer token (default KAIKU_TOKEN)
  --lang <fi|sv|en>     language of the column names and messages (default from $LANG)
  -h, --help            this help

Exit codes: 0 written · 2 usage error · 3 output file not writable · 4 network or server failure
`;

type Values = {
  venue?: string;
  from?: string;
  to?: string;
  format?: string;
  output?: string;
  title?: string;
  'base-url'?: string;
  'token-env'?: string;
  lang?: string;
  help?: boolean;
};

const OPTIONS = {
  venue: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
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
  const parsed = parseCli<Values>(argv, OPTIONS);
  const fail = (locale: Locale, message: string, code: ExitCode): ExitCode => {
    io.stderr.write(`kaiku-report: ${message}\n${code === EXIT.usage ? say('seeHelp', locale) + '\n' : ''}`);
    return code;
  };
  if (!parsed.ok) return fail(pickLocale(undefined, io.env) ?? 'en', parsed.message, EXIT.usage);
  const v = parsed.values;
  const locale = pickLocale(v.lang, io.env);
  if (!locale) return fail('en', say('badOption', 'en', { option: '--lang' }), EXIT.usage);
  if (v.help) {
    io.stdout.write(REPORT_HELP);
    return EXIT.ok;
  }
  if (parsed.positionals.length > 0)
    return fail(locale, say('badOption', locale, { option: parsed.positionals[0]! }), EXIT.usage);
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
    const reason = isKaikuError(error) ? error.code : 'network';
    return fail(locale, say('unreachable', locale, { reason }), EXIT.server);
  }
  const output = v.output ?? report.fileName;
  try {
    await writeFile(output, report.bytes);
  } catch {
    return fail(locale, say('fileWrite', locale, { file: output }), EXIT.file);
  }
  const t = report.totals;
  io.stdout.write(
    `${say('wrote', locale, { file: output, rows: t.rows, adults: t.adultTickets, children: t.childTickets })}\n`,
  );
  return EXIT.ok;
}
