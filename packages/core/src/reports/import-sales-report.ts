/**
 * `importSalesReport`: reads a ticket agent's sales report (CSV or XLSX), validates every row and
 * registers the valid ones through the batch endpoint with content-derived idempotency keys.
 */
import { isKaikuError } from '../errors/kaiku-error.js';
import type { Locale } from '../messages/define.js';
import { isMessageCode, localize } from '../messages/index.js';
import type { BatchItem, BatchItemResult, Problem } from '../schemas/api.js';
import type { ReportSource } from './byte-source.js';
import { ImportTally, RowHashSet } from './import-tally.js';
import { clip, officeText, ReportError, rowError, toReportError } from './report-error.js';
import { ReportInfo, readReportRows } from './report-rows.js';
import { hasNodeStreams } from './read-xlsx.js';
import type { BatchRegistrar, ImportOptions, ImportResult, RowError, SalesRow } from './types.js';
import { ShowDirectory } from './resolve-show.js';
import { sha256Hex } from '../sha256.js';
import {
  canonicalRow,
  reasonField,
  venueContext,
  venueKey,
  fileRuleErrors,
  groupUsageFromRows,
  importApi,
  keyedItem,
  isCommunityCard,
  usageFromRow,
} from './usage-from-row.js';
import type { ImportTarget, UsageContext } from './usage-from-row.js';
import { validateSalesRow } from './validate-row.js';
import { checkOptions, optionKeys } from '../errors/options-error.js';
import { reportChecksum } from '../outbox/report-key.js';
import { checkAlreadyUsed } from '../rules/already-used.js';
import { DEFAULT_POLICY } from '../policy/policies.js';
import type { UsageRequest } from '../schemas/api-request.js';

const IMPORT_OPTIONS = optionKeys<ImportOptions>()(
  'venueId forVenueId channel showKind mode dryRun client batchSize maxBytes maxRows maxRecordBytes maxRowDetails sheet venues shows newShows signal onProgress onRow',
);

const MiB = 1024 * 1024;
/** A register export's title row, `teatteri-hilla · pääte Kassa 1` (create-register.ts, fi/sv/en): this venue's. */
const registerTitle = (title: string | undefined, venueId: string) =>
  title?.startsWith(`${venueId} · `) === true && /^ · (pääte|terminal) \S/.test(title.slice(venueId.length));
/** One item to send and the rows it stands for: one row, or a group visit's rows (leader first). */
type Pending = { rows: readonly SalesRow[]; item: BatchItem };
/** A group visit's rows, collected until the end of the file (members may come before their leader). */
type Visit = { context: UsageContext; leader?: SalesRow; members: SalesRow[]; extraLeaders: SalesRow[] };

/** 52 bits of a text's SHA-256, for the typed-array tables of `RowHashSet`: 100 000s of rows in a few MiB. */
const shortHash = (text: string): number => Number.parseInt(sha256Hex(text).slice(0, 13), 16);

/** A refusal in the rules core's words, else its code's own text (never the server's), with its column. */
function problemError(problem: Problem, item: BatchItem): RowError {
  const reasons = problem.reasons?.filter((reason) => isMessageCode(reason.code)) ?? [];
  const params = { status: problem.status, venue: item.usage.forVenueId ?? item.usage.venueId };
  const text = (locale: Locale) => {
    if (reasons.length > 0) return reasons.map((reason) => localize(reason, locale)).join(' ');
    if (isMessageCode(problem.code)) return localize({ code: problem.code, params: {} }, locale);
    return problem.code;
  };
  const message = officeText(problem.code, params, { fi: text('fi'), sv: text('sv'), en: text('en') });
  return { code: problem.code, field: reasonField(reasons[0]?.code ?? problem.code), params, message };
}

/** What stops the import when the server gave no answer: a cancel, our own error, else `report-server-failed`. */
function stopped(error: unknown, signal: AbortSignal | undefined): ReportError {
  if (signal?.aborted) return new ReportError('report-aborted');
  if (error instanceof ReportError) return error;
  const reason = isKaikuError(error) ? error.code : 'network';
  return new ReportError('report-server-failed', { reason }, { cause: error });
}

function settings(options: ImportOptions) {
  const invalid = (option: string) => new ReportError('report-options-invalid', { option });
  const batchSize = options.batchSize ?? 100;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100) throw invalid('batchSize');
  // The API's limits (schemas/api.ts): checked here so a bad option is a usage error, not a failed batch.
  const isId = (value: unknown) => typeof value === 'string' && value.trim() !== '' && value.length <= 128;
  if (!isId(options.venueId)) throw invalid('venueId');
  if (options.forVenueId !== undefined && !isId(options.forVenueId)) throw invalid('forVenueId');
  if (!options.dryRun && !options.client) throw invalid('client');
  // A ticket agent's venue column: each venue by its ID and by the agent's name for it.
  const named = Object.entries(options.venues ?? {});
  if (named.some(([name, id]) => name.trim() === '' || !isId(id))) throw invalid('venues');
  const venues = new Map<string, string>();
  for (const id of [options.venueId, options.forVenueId, ...named.map(([, id]) => id)])
    if (id !== undefined) venues.set(venueKey(id), id);
  for (const [name, id] of named) venues.set(venueKey(name), id);
  // A map's entry is a show of its `venueId`: without one, of the import's event venue — unless the file's rows may
  // be of other venues too (`venues`), where a venue must be named (an entry of B's show must never match A's row).
  const owner = options.forVenueId ?? options.venueId;
  const shows = (options.shows ?? []).map((show) => ({ venueId: owner, ...show }));
  const unbound = (options.shows ?? []).findIndex((show) => show.venueId === undefined);
  if (unbound >= 0 && named.some(([, id]) => id !== owner)) throw invalid(`shows[${unbound}].venueId`);
  const context = {
    venueId: options.venueId,
    forVenueId: options.forVenueId,
    channel: options.channel ?? 'ticket-agent',
    showKind: options.showKind ?? 'show',
    mode: options.mode ?? 'booking',
  } satisfies UsageContext;
  const maxRows = options.maxRows ?? 1_000_000;
  return {
    batchSize,
    maxRows,
    limits: {
      // Blank lines too: a file of nothing but line breaks is bounded by lines, not only by its bytes.
      maxLines: 2 * maxRows,
      // A browser tab streams CSV too, but has a minute (BROWSER_XLSX_LIMITS.maxMs) and shares the machine.
      maxBytes: options.maxBytes ?? (hasNodeStreams() ? 256 * MiB : 64 * MiB),
      maxRecordBytes: options.maxRecordBytes ?? MiB,
      ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
    },
    context,
    venues,
    // Each row's performance resolves to the venue's show ID (docs/api.md, "One performance, one ID").
    directory: new ShowDirectory(
      options.client?.listShows &&
        ((query) => options.client!.listShows!(query, options.signal ? { signal: options.signal } : {})),
      shows,
      options.newShows === true,
    ),
    // Keyed rows go only to their record's API and venue; a dry run without a client checks the venue only.
    target: { ...context, api: importApi(options.client?.baseUrl) } satisfies ImportTarget,
    checkApi: options.client !== undefined,
  };
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
  const { batchSize, maxRows, limits, venues, target, checkApi, directory, context } = settings(options);
  let channel = context.channel;
  const dryRun = options.dryRun === true;
  const tally = new ImportTally(options.maxRowDetails ?? 10_000, options.onRow);
  const info = new ReportInfo();
  // Identical rows: first row number by hash; keys of keyed rows (the outbox's report), with the row that first had each.
  const seen = new RowHashSet();
  const keys = new RowHashSet();
  // Each card's usage per show and mode so far (one usage per card and show: a second row is `already-used`).
  const used = { booking: new RowHashSet(), collection: new RowHashSet() };
  let batch: Pending[] = [];
  const visits = new Map<string, Visit>();
  const progress = () => options.onProgress?.(tally.progress(info));
  try {
    for await (const { kind, raw } of readReportRows(source, limits, info)) {
      if (options.signal?.aborted) throw new ReportError('report-aborted');
      tally.lastRow = raw.row + (raw.lines ?? 1) - 1;
      if (kind !== 'data') {
        for (let row = raw.row; row <= tally.lastRow; row++) tally.mark(row, 'skipped');
        continue;
      }
      // The venue's register's own file (its title row names the terminal) is the box office's sale, unless told
      // otherwise; the key keeps the channel asked for, so a file imported before as ticket-agent is no new usage.
      if (tally.rows === 0 && options.channel === undefined && registerTitle(info.title, options.venueId))
        channel = 'box-office';
      if (++tally.rows > maxRows)
        throw new ReportError('report-too-many-rows', { limit: maxRows }, { row: raw.row });
      const checked = validateSalesRow(raw, info.columns ?? {}, { date1904: info.date1904 });
      if (!checked.ok) {
        tally.mark(checked.row, 'invalid', checked.cardId, checked.errors);
        continue;
      }
      const row = checked.row;
      if (row.key) {
        // The outbox's key is the row's identity: a group visit's rows share it and are settled together.
        if (row.group !== undefined) collect(row, context);
        else await sendKeyed(row, []);
        continue;
      }
      const rowContext = venueContext(row, context, venues);
      if ('code' in rowContext) {
        tally.mark(row.row, 'invalid', row.cardId, [rowContext]);
        continue;
      }
      const canonical = canonicalRow(row, rowContext);
      const base = sha256Hex(canonical);
      const short = Number.parseInt(base.slice(0, 13), 16);
      const firstRow = seen.get(short);
      if (firstRow !== undefined) {
        tally.mark(row.row, 'invalid', row.cardId, [rowError('row-duplicate', undefined, { firstRow })]);
        continue;
      }
      seen.add(short, row.row);
      if (row.group !== undefined) {
        // A group visit's row: settled with the rest of its visit at the end of the file.
        collect(row, rowContext);
        continue;
      }
      await accept([row], usageFromRow(row, rowContext, canonical, base));
      if (dryRun && tally.rows % 1000 === 0) progress();
    }
    tally.complete = true;
    if (tally.rows === 0 && info.columns) throw new ReportError('report-no-rows');
    for (const [key, visit] of visits) {
      visits.delete(key);
      await settle(visit);
    }
    if (batch.length > 0) await send();
    // Everything on the chosen sheet went in; the other report-like sheets were not read.
    const sheets = info.otherSheets.join(', ');
    if (sheets) throw new ReportError('report-more-sheets', { sheet: info.sheet ?? '', sheets });
  } catch (error) {
    // The batch not answered and the group visits not settled when the import stopped: valid as far as read.
    const unsent = [
      ...batch.flatMap((pending) => pending.rows),
      ...[...visits.values()].flatMap((v) => [v.leader, ...v.members, ...v.extraLeaders]),
    ];
    for (const r of unsent) if (r) tally.mark(r.row, 'not-sent', r.cardId);
    tally.fail(toReportError(error));
  }
  progress();
  return tally.result(info, dryRun, directory.mappings);

  /** Files a group visit's row under its visit: same link, show, date, time and mode. */
  function collect(row: SalesRow, rowContext: UsageContext): void {
    const key = JSON.stringify([
      row.group,
      row.event,
      row.date,
      row.time ?? '',
      row.mode ?? context.mode,
      row.venue,
    ]);
    const visit = visits.get(key) ?? { context: rowContext, members: [], extraLeaders: [] };
    visits.set(key, visit);
    if (!isCommunityCard(row.cardId)) visit.members.push(row);
    else if (visit.leader) visit.extraLeaders.push(row);
    else visit.leader = row;
  }

  /** Sends a keyed row or group visit as the outbox would, or refuses a repeated key, other target or edit. */
  async function sendKeyed(leader: SalesRow, members: readonly SalesRow[]): Promise<void> {
    const rows = [leader, ...members];
    const invalid = (error: RowError) => {
      for (const r of rows) tally.mark(r.row, 'invalid', r.cardId, [error]);
    };
    const id = leader.key?.id ?? members.find((m) => m.key)?.key?.id ?? '';
    const short = Number.parseInt(reportChecksum(id), 16);
    const firstRow = keys.get(short);
    if (firstRow !== undefined) return invalid(rowError('row-key-duplicate', 'key', { firstRow }));
    keys.add(short, leader.row);
    const built = keyedItem(leader, members, target, checkApi);
    if (!built.ok) return invalid(built.error);
    await accept(rows, built.item, true);
  }

  /** A visit with its community card's row becomes one group usage; members without one are refused. */
  async function settle(visit: Visit): Promise<void> {
    const { leader } = visit;
    if (!leader) {
      for (const m of visit.members)
        tally.mark(m.row, 'invalid', m.cardId, [
          rowError('row-group-unknown', 'group', { group: clip(m.group ?? '') }),
        ]);
      return;
    }
    for (const extra of visit.extraLeaders) {
      const params = { group: clip(extra.group ?? ''), firstRow: leader.row };
      tally.mark(extra.row, 'invalid', extra.cardId, [rowError('row-group-duplicate', 'group', params)]);
    }
    if ([leader, ...visit.members].some((r) => r.key)) return sendKeyed(leader, visit.members);
    await accept([leader, ...visit.members], groupUsageFromRows(leader, visit.members, visit.context));
  }

  /** Validates one usage's rows by the file's rules and queues them; a dry run takes the same path. */
  async function accept(rows: readonly SalesRow[], fileItem: BatchItem, keyed = false): Promise<void> {
    // A keyed row is the terminal's own request, show ID and all; a file's row names its show by name and time.
    const item = keyed ? fileItem : await resolved(rows, fileItem);
    if (!item) return;
    const errors = fileRuleErrors(item.usage);
    errors.push(...usedInFile(item.usage, rows[0]!.row, errors.length === 0));
    for (const r of rows) {
      if (errors.length > 0) tally.mark(r.row, 'invalid', r.cardId, errors);
      else {
        tally.mark(r.row, 'valid', r.cardId, undefined, dryRun);
        if (r.acceptance === 'provisional') tally.ranges.provisional.add(r.row);
      }
      // A valid row of an outbox's report without a key: sent under the import's own key (the terminal may too).
      if (errors.length === 0 && !keyed && (info.columns?.status ?? info.columns?.key) !== undefined)
        tally.ranges.withoutKey.add(r.row);
    }
    if (errors.length > 0 || dryRun) return;
    batch.push({ rows, item });
    if (batch.length < batchSize) return;
    await send();
    progress();
  }

  /** The item under the show ID its rows' performance resolves to, or undefined when it resolves to none. */
  async function resolved(rows: readonly SalesRow[], item: BatchItem): Promise<BatchItem | undefined> {
    const { usage } = item;
    const match = await directory
      .resolve(rows[0]!, usage.forVenueId ?? usage.venueId, usage.show.id, rows.length)
      .catch((error: unknown) => Promise.reject(stopped(error, options.signal)));
    if ('code' in match) {
      for (const r of rows) tally.mark(r.row, 'invalid', r.cardId, [match]);
      return undefined;
    }
    const show = { ...usage.show, ...match.show, id: match.id };
    return { ...item, usage: { ...usage, channel, show, clientTime: show.start } };
  }

  /** `already-used` naming an earlier valid row of this card and show; else a valid usage is remembered. */
  function usedInFile(usage: UsageRequest, row: number, valid: boolean): RowError[] {
    const hash = shortHash(`${usage.show.id}\n${usage.cardId}`);
    const firstRow = used.booking.get(hash) ?? used.collection.get(hash);
    const earlier = (['booking', 'collection'] as const)
      .filter((mode) => used[mode].get(hash) !== undefined)
      .map((mode) => ({ mode, at: usage.show.start }));
    const [reason] = checkAlreadyUsed(usage.mode, earlier, usage.show.kind, DEFAULT_POLICY.usage);
    if (reason)
      return [{ ...reason, field: 'cardId', params: { ...reason.params, firstRow: firstRow ?? 0 } }];
    if (valid) used[usage.mode].add(hash, row);
    return [];
  }

  /** Sends the batch; when no answer came, it stays the batch (its rows are not sent). */
  async function send(): Promise<void> {
    const { client, signal } = options;
    try {
      const items = batch.map((p) => p.item);
      const answer = await (client as BatchRegistrar).registerBatch(items, signal ? { signal } : {});
      const results = 'results' in answer ? answer.results : (answer as readonly BatchItemResult[]);
      const byKey = new Map(results.map((r) => [r.idempotencyKey, r]));
      for (const { rows, item } of batch) {
        const result = byKey.get(item.idempotencyKey);
        for (const { row, cardId } of rows) {
          if (!result) tally.mark(row, 'not-sent', cardId);
          else if (result.ok) tally.mark(row, result.replayed ? 'already-registered' : 'registered', cardId);
          else tally.mark(row, 'refused', cardId, [problemError(result.problem, item)]);
        }
      }
    } catch (error) {
      // No answer for this batch: it may or may not have been committed; the keys make a re-import safe.
      throw stopped(error, options.signal);
    }
    batch = [];
  }
}
