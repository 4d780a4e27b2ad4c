/**
 * `kaiku-import`: imports a ticket agent's sales report (CSV or XLSX) into Kaikukanta.
 * Returns the exit code; writes the summary to stdout and progress/errors to stderr.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createApiClient, isKaikuError } from '@kaiku-scanner/core';
import { CHANNELS, SHOW_KINDS } from '@kaiku-scanner/core/contract';
import type { Channel, ShowKind } from '@kaiku-scanner/core/contract';
import { ReportError, csvCell, importSalesReport } from '@kaiku-scanner/core/reports';
import type { ImportOptions, ImportResult, RowEvent } from '@kaiku-scanner/core/reports';
import { say } from './cli-text.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import type { ExitCode } from './exit-codes.js';
import type { CliIo } from './start-cli.js';
import { startCli } from './start-cli.js';
import { maskCardId } from './summary.js';
import { checkOutputPath, openOutput, outputRefusalText } from './output-file.js';
import { terminalJson } from './start-cli.js';
import { parseBytes } from './parse-cli-args.js';
import { createProgressBar } from './progress-bar.js';
import { renderSummary } from './summary.js';

export const IMPORT_HELP = `Usage: kaiku-import <report.csv|report.xlsx> --venue <id> [options]

Imports a Kaikukortti sales report (one purchase per row: card ID, one adult ticket, child tickets,
event, date) into Kaikukanta. Importing the same report again registers nothing twice.

Options:
  --venue <id>          venue the usages are registered for (required)
  --for-venue <id>      the event's venue, when a ticket agent imports for another venue
  --dry-run             validate every row, register nothing
  --base-url <url>      Kaikukanta API (or sandbox) URL; default $KAIKU_BASE_URL
  --token-env <NAME>    environment variable holding the bearer token (default KAIKU_TOKEN)
  --channel <channel>   ${CHANNELS.join(' | ')} (default ticket-agent)
  --show-kind <kind>    kind of every event (default show)
  --duplicates <mode>   identical rows: refuse (default) | register
  --batch-size <n>      rows per request, 1-100 (default 100)
  --max-bytes <size>    refuse larger files, e.g. 256M (default 256M)
  --sheet <name|n>      XLSX: the worksheet to import (default: the first with a header row)
  --rows <file.csv>     write every row's outcome, with full card IDs, to this file (a new file)
  --force               let --rows overwrite an existing file (never the file being imported)
  --show-card-ids       print full card IDs (masked by default)
  --json                print the result as JSON instead of the summary
  --lang <fi|sv|en>     language of messages (default from $LANG)
  --quiet               no progress bar
  -h, --help            this help

Exit codes: 0 all rows went in (dry run: all valid) · 1 some rows invalid, refused or not sent ·
2 usage error · 3 file unreadable or not a sales report · 4 network or server failure · 130 interrupted
`;

const OPTIONS = {
  venue: { type: 'string' },
  'for-venue': { type: 'string' },
  'dry-run': { type: 'boolean' },
  'base-url': { type: 'string' },
  'token-env': { type: 'string' },
  channel: { type: 'string' },
  'show-kind': { type: 'string' },
  duplicates: { type: 'string' },
  'batch-size': { type: 'string' },
  'max-bytes': { type: 'string' },
  sheet: { type: 'string' },
  rows: { type: 'string' },
  force: { type: 'boolean' },
  'show-card-ids': { type: 'boolean' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function maskResult(result: ImportResult): ImportResult {
  const mask = (rows: ImportResult['invalid']) =>
    rows.map((r) => (r.cardId ? { ...r, cardId: maskCardId(r.cardId) } : r));
  return { ...result, invalid: mask(result.invalid), refused: mask(result.refused) };
}

export async function runImport(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const start = startCli('kaiku-import', argv, OPTIONS, IMPORT_HELP, io);
  if (start.exit !== undefined) return start.exit;
  const { values: v, positionals, locale, fail, print } = start;
  const file = positionals[0];
  if (!file || positionals.length > 1)
    return fail(locale, say('missingOption', locale, { option: '<file>' }), EXIT.usage);
  if (!v.venue) return fail(locale, say('missingOption', locale, { option: '--venue' }), EXIT.usage);
  const bad = (option: string) => fail(locale, say('badOption', locale, { option }), EXIT.usage);
  if (v.channel && !(CHANNELS as readonly string[]).includes(v.channel)) return bad('--channel');
  if (v['show-kind'] && !(SHOW_KINDS as readonly string[]).includes(v['show-kind']))
    return bad('--show-kind');
  if (v.duplicates && v.duplicates !== 'refuse' && v.duplicates !== 'register') return bad('--duplicates');
  const batchSize = v['batch-size'] === undefined ? 100 : Number(v['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100) return bad('--batch-size');
  const maxBytes = v['max-bytes'] === undefined ? 256 * 1024 ** 2 : parseBytes(v['max-bytes']);
  if (!maxBytes) return bad('--max-bytes');

  const dryRun = v['dry-run'] === true;
  const baseUrl = v['base-url'] ?? io.env.KAIKU_BASE_URL;
  const tokenEnv = v['token-env'] ?? 'KAIKU_TOKEN';
  const token = io.env[tokenEnv];
  if (!dryRun && !baseUrl)
    return fail(locale, say('missingOption', locale, { option: '--base-url' }), EXIT.usage);
  if (!dryRun && !token) return fail(locale, say('noToken', locale, { name: tokenEnv }), EXIT.usage);

  let fileSize: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    fileSize = info.size;
  } catch {
    return fail(locale, say('fileMissing', locale, { file }), EXIT.file);
  }

  if (fileSize > maxBytes) {
    // Refused before anything is read or registered.
    return fail(
      locale,
      new ReportError('report-too-large', { limit: maxBytes }).localized[locale],
      EXIT.file,
    );
  }

  const force = v.force === true;
  if (v.rows !== undefined) {
    // Checked before the server is asked or a byte is read: `--rows in.csv` must not truncate the input.
    const check = await checkOutputPath(v.rows, { force, inputs: [file] });
    if (!check.ok) return fail(locale, outputRefusalText(check.code, locale, v.rows), check.exit);
  }

  const client = dryRun ? undefined : createApiClient({ baseUrl: baseUrl!, getToken: () => token! });
  if (client) {
    try {
      await client.health(io.signal ? { signal: io.signal } : {});
    } catch (error) {
      const reason = isKaikuError(error) ? error.code : 'network';
      return fail(locale, say('unreachable', locale, { reason }), EXIT.server);
    }
  }

  const opened = v.rows === undefined ? undefined : await openOutput(v.rows, force);
  if (opened === 'output-exists') return fail(locale, outputRefusalText(opened, locale, v.rows!), EXIT.file);
  if (typeof opened === 'string') return fail(locale, say('fileWrite', locale, { file: v.rows! }), EXIT.file);
  const rowsOut = opened;
  rowsOut?.write('\uFEFFrow;status;field;code;message;card_id\r\n');
  const onRow = rowsOut
    ? (e: RowEvent) => {
        const errors = e.errors && e.errors.length > 0 ? e.errors : [undefined];
        for (const err of errors) {
          const cells = [
            String(e.row),
            e.status,
            err?.field ?? '',
            err?.code ?? '',
            err?.message[locale] ?? '',
            e.cardId ?? '',
          ];
          rowsOut.write(cells.map((cell) => csvCell(cell, ';')).join(';') + '\r\n');
        }
      }
    : undefined;

  const bar = createProgressBar(io.stderr, v.quiet !== true && v.json !== true, {
    dryRun,
    totalBytes: fileSize,
  });
  const options: ImportOptions = {
    venueId: v.venue,
    ...(v['for-venue'] ? { forVenueId: v['for-venue'] } : {}),
    channel: (v.channel as Channel | undefined) ?? 'ticket-agent',
    showKind: (v['show-kind'] as ShowKind | undefined) ?? 'show',
    dryRun,
    ...(client ? { client } : {}),
    batchSize,
    maxBytes,
    // A bare number is a sheet's position (1 = first); anything else its name.
    ...(v.sheet === undefined ? {} : { sheet: /^\d+$/.test(v.sheet) ? Number(v.sheet) : v.sheet }),
    duplicates: v.duplicates === 'register' ? 'register' : 'refuse',
    ...(io.signal ? { signal: io.signal } : {}),
    onProgress: (p) => bar.update(p),
    ...(onRow ? { onRow } : {}),
  };
  let result: ImportResult;
  try {
    result = await importSalesReport(createReadStream(file), options);
  } catch (error) {
    // Only bad options throw (file and server problems come back in the result).
    bar.done();
    const message = error instanceof ReportError ? error.localized[locale] : String(error);
    return fail(locale, message, EXIT.usage);
  }
  bar.done();
  if (rowsOut) await new Promise<void>((resolve) => rowsOut.end(resolve));

  if (result.error && result.counts.rows === 0 && !v.json) {
    // Nothing was read: the file itself is the problem.
    return fail(locale, result.error.message[locale], exitCodeOf(result.error.code));
  }
  if (v.json) {
    print(terminalJson(v['show-card-ids'] ? result : maskResult(result), 2) + '\n');
  } else {
    const format = result.format
      ? `${result.format.toUpperCase()}${result.sheet ? `, "${result.sheet}"` : ''}${result.encoding ? `, ${result.encoding}` : ''}${result.delimiter ? `, ${JSON.stringify(result.delimiter)}` : ''}`
      : '';
    print(`${basename(file)}${format ? ` (${format})` : ''}\n`);
    print(renderSummary(result, locale, { showCardIds: v['show-card-ids'] === true }));
    if (v.rows) print(`${say('rowsFile', locale, { file: v.rows })}\n`);
  }
  if (result.error) return exitCodeOf(result.error.code);
  const c = result.counts;
  return c.invalid + c.refused + c.notSent > 0 ? EXIT.rowsFailed : EXIT.ok;
}
