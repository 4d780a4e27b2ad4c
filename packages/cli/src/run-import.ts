/**
 * `kaiku-import`: imports a ticket agent's sales report (CSV or XLSX) into Kaikukanta.
 * Returns the exit code; writes the summary to stdout and progress/errors to stderr.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { CHANNELS, SHOW_KINDS, type Channel, type ShowKind } from '@kaiku-scanner/core/contract';
import { ReportError, VenueShowsSchema, csvCell, importSalesReport } from '@kaiku-scanner/core/reports';
import type { ImportOptions, ImportResult, RowEvent, VenueShow } from '@kaiku-scanner/core/reports';
import { say } from './cli-text.js';
import { apiClient, EXIT, exitCodeOf, parseBytes, startCli, terminalJson, unreachable } from './start-cli.js';
import type { Cli, CliIo, ExitCode } from './start-cli.js';
import { checkOutput, closeOutput, openOutput } from './output-file.js';
import { createProgressBar, maskCardId, renderSummary } from './summary.js';

export const IMPORT_HELP = `Usage: kaiku-import <report.csv|report.xlsx> --venue <id> [options]

Imports a Kaikukortti sales report (one purchase per row: card ID, one adult ticket, child tickets,
event, date) into Kaikukanta. Importing the same report again registers nothing twice.

Options:
  --venue <id>          venue the usages are registered for (required)
  --for-venue <id>      the event's venue, when a ticket agent imports for another venue
  --venue-name <name=id>  a venue the file's venue column names, and its ID (repeatable): rows of
                        that venue register for it; rows of venues not named are refused
  --dry-run             validate every row, register nothing (with a base URL and a token: rows
                        are still matched to the venue's shows, which the summary lists)
  --shows <file.json>   the venue's performances for rows the registry's list does not name:
                        [{ "id", "name", "start", "venueId" }] (a renamed show, a moved time;
                        venueId: default --for-venue, else --venue; required with --venue-name)
  --new-shows           a row no show fits registers as a new show under the file's own ID
                        (default: refused, row-show-unknown)
  --base-url <url>      Kaikukanta API (or sandbox) URL; default $KAIKU_BASE_URL
  --token-env <NAME>    environment variable holding the bearer token (default KAIKU_TOKEN)
  --channel <channel>   ${CHANNELS.join(' | ')} (default ticket-agent; box-office for a
                        register's own file, whose title row names its terminal)
  --show-kind <kind>    kind of every event (default show)
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
  'venue-name': { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  shows: { type: 'string' },
  'new-shows': { type: 'boolean' },
  'base-url': { type: 'string' },
  'token-env': { type: 'string' },
  channel: { type: 'string' },
  'show-kind': { type: 'string' },
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

/** The API client; a dry run registers nothing, but with a base URL and a token it reads the venue's shows to match
 * rows to (without either it runs offline: its rows are not matched, and the summary says so). */
function importClient(cli: Cli<{ 'base-url'?: string; 'token-env'?: string }>, io: CliIo, dryRun: boolean) {
  const online =
    (cli.values['base-url'] ?? io.env.KAIKU_BASE_URL) && io.env[cli.values['token-env'] ?? 'KAIKU_TOKEN'];
  return !dryRun || online ? apiClient(cli, io.env) : undefined;
}

/** `--shows`: the venue's performances, `[{ id, name, start, venueId? }]`; a bad file is a usage error naming it. */
async function readShows(cli: Cli<unknown>, file: string | undefined): Promise<VenueShow[] | ExitCode> {
  if (file === undefined) return [];
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return cli.failWith('fileMissing', { file }, EXIT.file);
  const json: unknown = await Promise.resolve(text)
    .then(JSON.parse)
    .catch(() => undefined);
  const parsed = VenueShowsSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const path = parsed.error.issues[0]?.path.join('.') ?? '';
  return cli.failWith('badOption', { option: `--shows${path ? ` (${path})` : ''}` }, EXIT.usage);
}

function maskResult(result: ImportResult): ImportResult {
  const mask = (rows: ImportResult['invalid']) =>
    rows.map((r) => (r.cardId ? { ...r, cardId: maskCardId(r.cardId) } : r));
  return { ...result, invalid: mask(result.invalid), refused: mask(result.refused) };
}

export async function runImport(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const cli = startCli('kaiku-import', argv, OPTIONS, IMPORT_HELP, io);
  if (cli.exit !== undefined) return cli.exit;
  const { values: v, positionals, locale, fail, failWith, print } = cli;
  const file = positionals[0];
  if (!file || positionals.length > 1) return failWith('missingOption', { option: '<file>' }, EXIT.usage);
  if (!v.venue) return failWith('missingOption', { option: '--venue' }, EXIT.usage);
  const bad = (option: string) => failWith('badOption', { option }, EXIT.usage);
  if (v.channel && !(CHANNELS as readonly string[]).includes(v.channel)) return bad('--channel');
  if (v['show-kind'] && !(SHOW_KINDS as readonly string[]).includes(v['show-kind']))
    return bad('--show-kind');
  const batchSize = v['batch-size'] === undefined ? 100 : Number(v['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100) return bad('--batch-size');
  const named = (v['venue-name'] ?? []).map((pair) => /^([^=]+)=(.+)$/.exec(pair));
  if (named.some((m) => !m)) return bad('--venue-name');
  const maxBytes = v['max-bytes'] === undefined ? 256 * 1024 ** 2 : parseBytes(v['max-bytes']);
  if (!maxBytes) return bad('--max-bytes');
  const dryRun = v['dry-run'] === true;
  const client = importClient(cli, io, dryRun);
  if (typeof client === 'number') return client;
  const shows = await readShows(cli, v.shows);
  if (typeof shows === 'number') return shows;

  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return failWith('fileMissing', { file }, EXIT.file);
  // Refused before anything is read or registered.
  if (info.size > maxBytes)
    return fail(new ReportError('report-too-large', { limit: maxBytes }).localized[locale], EXIT.file);
  const force = v.force === true;
  // Checked before the server is asked or a byte is read: `--rows in.csv` must not truncate the input.
  const refused = v.rows === undefined ? undefined : await checkOutput(cli, v.rows, force, [file]);
  if (refused !== undefined) return refused;
  try {
    await client?.health(io.signal ? { signal: io.signal } : {});
  } catch (error) {
    return unreachable(cli, error);
  }

  const rowsOut = v.rows === undefined ? undefined : await openOutput(cli, v.rows, force);
  if (typeof rowsOut === 'number') return rowsOut;
  rowsOut?.write('\uFEFFrow;status;field;code;message;card_id\r\n');
  // Rows settle out of order (a batch's answer, a group visit at the end): the report is written in file order.
  const rowLines: [number, string][] = [];
  const onRow = (e: RowEvent) => {
    for (const err of e.errors?.length ? e.errors : [undefined]) {
      const cells = [e.row, e.status, err?.field, err?.code, err?.message[locale], e.cardId];
      rowLines.push([e.row, cells.map((cell) => csvCell(cell ?? '', ';')).join(';') + '\r\n']);
    }
  };

  const bar = createProgressBar(io.stderr, !v.quiet && !v.json, { dryRun, totalBytes: info.size });
  const options: ImportOptions = {
    venueId: v.venue,
    ...(v['for-venue'] ? { forVenueId: v['for-venue'] } : {}),
    ...(named.length > 0 ? { venues: Object.fromEntries(named.map((m) => [m![1]!, m![2]!])) } : {}),
    // Default: a register's own file (its title row) is box-office, any other file ticket-agent.
    ...(v.channel ? { channel: v.channel as Channel } : {}),
    shows,
    newShows: v['new-shows'] === true,
    showKind: (v['show-kind'] as ShowKind | undefined) ?? 'show',
    dryRun,
    ...(client ? { client } : {}),
    batchSize,
    maxBytes,
    // A bare number is a sheet's position (1 = first); anything else its name.
    ...(v.sheet === undefined ? {} : { sheet: /^\d+$/.test(v.sheet) ? Number(v.sheet) : v.sheet }),
    ...(io.signal ? { signal: io.signal } : {}),
    onProgress: (p) => bar.update(p),
    ...(rowsOut ? { onRow } : {}),
  };
  const imported = importSalesReport(createReadStream(file), options);
  const result = await imported.catch((thrown: unknown) => ({ thrown }));
  bar.done();
  // Only bad options throw (file and server problems come back in the result).
  if ('thrown' in result) {
    const { thrown } = result;
    return fail(thrown instanceof ReportError ? thrown.localized[locale] : String(thrown), EXIT.usage);
  }
  if (rowsOut) for (const [, line] of rowLines.sort(([a], [b]) => a - b)) rowsOut.write(line);
  // The import itself is done and its summary still printed; a rows file that could not be written is said.
  const rowsWritten = !rowsOut || (await closeOutput(rowsOut));

  // Nothing was read: the file itself is the problem.
  if (result.error && result.counts.rows === 0 && !v.json)
    return fail(result.error.message[locale], exitCodeOf(result.error.code));
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
  if (!rowsWritten) return failWith('fileWrite', { file: v.rows! }, EXIT.file);
  if (result.error) return exitCodeOf(result.error.code);
  const c = result.counts;
  return c.invalid + c.refused + c.notSent > 0 ? EXIT.rowsFailed : EXIT.ok;
}
