/**
 * `importSalesReport`: reads a ticket agent's sales report (CSV or XLSX), validates every row and
 * registers the valid ones through the batch endpoint with content-derived idempotency keys.
 */
import { isKaikuError } from '../errors/kaiku-error.js';
import type { Locale, LocalizedText } from '../messages/define.js';
import { isMessageCode, localize } from '../messages/index.js';
import type { BatchItem, BatchItemResult, Problem } from '../schemas/api.js';
import type { ReportSource } from './byte-source.js';
import type { BatchRegistrar, ImportOptions, ImportResult } from './import-types.js';
import { ImportTally } from './import-tally.js';
import { ReportError, rowError, toReportError } from './report-error.js';
import { newReportInfo, readReportRows } from './report-rows.js';
import type { ReportInfo } from './report-rows.js';
import type { RowError } from './types.js';
import { RowHashSet } from './row-hash-set.js';
import { sha256Hex } from './sha256.js';
import { canonicalRow, usageFromRow } from './usage-from-row.js';
import type { UsageContext } from './usage-from-row.js';
import { validateSalesRow } from './validate-row.js';
import { checkOptions, type OptionKeys } from '../errors/options-error.js';

const IMPORT_OPTIONS = {
  venueId: true,
  forVenueId: true,
  channel: true,
  showKind: true,
  mode: true,
  dryRun: true,
  client: true,
  batchSize: true,
  maxBytes: true,
  maxRows: true,
  maxRecordBytes: true,
  maxRowDetails: true,
  sheet: true,
  duplicates: true,
  signal: true,
  onProgress: true,
  onRow: true,
} as const satisfies OptionKeys<ImportOptions>;

const MiB = 1024 * 1024;
type Pending = { row: number; cardId: string; item: BatchItem };

/** A refusal in the rules core's words when the server names its reasons, else the server's title. */
function problemError(problem: Problem): RowError {
  const reasons = problem.reasons?.filter((reason) => isMessageCode(reason.code)) ?? [];
  const text = (locale: Locale) => {
    if (reasons.length > 0) return reasons.map((reason) => localize(reason, locale)).join(' ');
    if (isMessageCode(problem.code)) return localize({ code: problem.code, params: {} }, locale);
    return problem.detail ? `${problem.title}: ${problem.detail}` : problem.title;
  };
  const message: LocalizedText = { fi: text('fi'), sv: text('sv'), en: text('en') };
  return { code: problem.code, params: { status: problem.status }, message };
}

function settings(options: ImportOptions) {
  const batchSize = options.batchSize ?? 100;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100) {
    throw new ReportError('report-options-invalid', { option: 'batchSize' });
  }
  // The API's limits (schemas/api.ts): checked here so a bad option is a usage error, not a failed batch.
  const id = (value: unknown) => typeof value === 'string' && value.trim() !== '' && value.length <= 128;
  if (!id(options.venueId)) throw new ReportError('report-options-invalid', { option: 'venueId' });
  if (options.forVenueId !== undefined && !id(options.forVenueId)) {
    throw new ReportError('report-options-invalid', { option: 'forVenueId' });
  }
  if (!options.dryRun && !options.client)
    throw new ReportError('report-options-invalid', { option: 'client' });
  return {
    batchSize,
    maxRows: options.maxRows ?? 1_000_000,
    limits: {
      maxBytes: options.maxBytes ?? 256 * MiB,
      maxRecordBytes: options.maxRecordBytes ?? MiB,
      ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
    },
    context: {
      venueId: options.venueId,
      forVenueId: options.forVenueId,
      channel: options.channel ?? 'ticket-agent',
      showKind: options.showKind ?? 'show',
      mode: options.mode ?? 'booking',
    } satisfies UsageContext,
  };
}

async function sendBatch(client: BatchRegistrar, batch: Pending[], tally: ImportTally, signal?: AbortSignal) {
  const items = batch.map((p) => p.item);
  const answer = await client.registerBatch(items, signal ? { signal } : {});
  const results: readonly BatchItemResult[] = Array.isArray(answer)
    ? answer
    : (answer as { results: BatchItemResult[] }).results;
  const byKey = new Map(results.map((r) => [r.idempotencyKey, r]));
  for (const pending of batch) {
    const result = byKey.get(pending.item.idempotencyKey);
    if (!result) tally.markNotSent(pending.row, pending.cardId);
    else if (result.ok) tally.markRegistered(pending.row, pending.cardId, result.replayed);
    else tally.markRefused(pending.row, pending.cardId, problemError(result.problem));
  }
}

/**
 * Imports a sales report. Never throws for a bad file or a failed server: the result says which rows
 * went in, which the server refused, which are invalid (row number, field, code, fi/sv/en message) and,
 * in `error`, what stopped the import. Throws `ReportError('report-options-invalid')` for bad options.
 *
 * @example
 * const client = createApiClient({ baseUrl, getToken });
 * const result = await importSalesReport(file, { venueId: 'teatteri-hilla', client });
 * if (!result.ok) showRows(result.invalid, result.refused);
 */
export async function importSalesReport(source: ReportSource, options: ImportOptions): Promise<ImportResult> {
  checkOptions('importSalesReport', options, IMPORT_OPTIONS);
  const { batchSize, maxRows, limits, context } = settings(options);
  const dryRun = options.dryRun === true;
  const tally = new ImportTally(options.maxRowDetails ?? 10_000, options.onRow);
  const info: ReportInfo = newReportInfo();
  // Identical rows: first row number by hash, and how many repeats were registered (`duplicates: 'register'`).
  const seen = new RowHashSet();
  const repeats = new Map<number, number>();
  let batch: Pending[] = [];
  const progress = () => options.onProgress?.(tally.progress(info));
  try {
    for await (const { kind, raw } of readReportRows(source, limits, info)) {
      if (options.signal?.aborted) throw new ReportError('report-aborted');
      tally.lastRow = raw.row;
      if (kind !== 'data') {
        tally.skip(raw.row);
        continue;
      }
      if (++tally.rows > maxRows)
        throw new ReportError('report-too-many-rows', { limit: maxRows }, { row: raw.row });
      const checked = validateSalesRow(raw, info.columns ?? {}, { date1904: info.date1904 });
      if (!checked.ok) {
        tally.markInvalid(checked.row, checked.cardId, checked.errors);
        continue;
      }
      const row = checked.row;
      const canonical = canonicalRow(row, context);
      const base = sha256Hex(canonical);
      // 52 bits of the row's hash, in a typed-array table: 100 000s of rows in a few MiB.
      const short = Number.parseInt(base.slice(0, 13), 16);
      const firstRow = seen.get(short);
      if (firstRow !== undefined && options.duplicates !== 'register') {
        tally.markInvalid(row.row, row.cardId, [rowError('row-duplicate', undefined, { firstRow })]);
        continue;
      }
      let occurrence = 0;
      if (firstRow === undefined) seen.add(short, row.row);
      else {
        occurrence = (repeats.get(short) ?? 0) + 1;
        repeats.set(short, occurrence);
      }
      tally.markValid(row.row, row.cardId, dryRun);
      if (dryRun) {
        if (tally.rows % 1000 === 0) progress();
        continue;
      }
      batch.push({
        row: row.row,
        cardId: row.cardId,
        item: usageFromRow(row, context, occurrence, canonical),
      });
      if (batch.length >= batchSize) {
        const sending = batch;
        batch = [];
        await sendOrStop(sending);
        progress();
      }
    }
    if (tally.rows === 0 && info.columns) throw new ReportError('report-no-rows');
    if (batch.length > 0) {
      const sending = batch;
      batch = [];
      await sendOrStop(sending);
    }
    if (info.otherSheets.length > 0) {
      // Everything on the chosen sheet went in; the other report-like sheets were not read.
      throw new ReportError('report-more-sheets', {
        sheet: info.sheet ?? '',
        sheets: info.otherSheets.join(', '),
      });
    }
  } catch (error) {
    for (const pending of batch) tally.markNotSent(pending.row, pending.cardId);
    tally.fail(toReportError(error));
  }
  progress();
  return tally.result(info, dryRun);

  async function sendOrStop(sending: Pending[]): Promise<void> {
    try {
      await sendBatch(options.client as BatchRegistrar, sending, tally, options.signal);
    } catch (error) {
      // No answer for this batch: it may or may not have been committed; the keys make a re-import safe.
      for (const pending of sending) tally.markNotSent(pending.row, pending.cardId);
      const code = options.signal?.aborted ? 'report-aborted' : 'report-server-failed';
      const reason = isKaikuError(error) ? error.code : 'network';
      throw new ReportError(code, code === 'report-server-failed' ? { reason } : {}, { cause: error });
    }
  }
}
