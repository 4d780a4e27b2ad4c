/**
 * Turns a valid sales-report row into the API's `UsageRequest` and a content-derived idempotency key.
 *
 * The key is SHA-256 of the canonical row (every field that goes into the request) plus the venue, so importing the
 * same report again — as CSV or XLSX, with other delimiters or encodings — sends the same keys, and the server registers
 * nothing twice. Because the key covers the whole request, the request itself is deterministic too:
 * `clientTime` is the show's start, not the time of the import.
 */
import { parseCardId } from '../card-id/parse-card-id.js';
import { fromHelsinki } from '../rules/helsinki-time.js';
import { checkRequest } from '../rules/request-checks.js';
import type { Channel, ShowKind, UsageMode, UsageRequest } from '../schemas/api.js';
import type { UsageCard } from '../schemas/usage-input.js';
import { sha256Hex } from '../sha256.js';
import type { ReportField, RowError, SalesRow } from './types.js';
import { clip, rowError } from './report-error.js';

export type UsageContext = {
  readonly venueId: string;
  readonly forVenueId?: string | undefined;
  readonly channel: Channel;
  readonly showKind: ShowKind;
  readonly mode: UsageMode;
};

const showIds = new Map<string, string>();

const pad = (n: number): string => String(n).padStart(2, '0');
const isoCache = new Map<string, string>();

/**
 * The ISO date-time with offset (+02:00 in winter, +03:00 in summer) of a Helsinki wall-clock time, on the rules'
 * Helsinki calendar: a time in the spring-forward gap takes the offset before the change, one in the autumn overlap
 * the earlier instant.
 *
 * @example
 * helsinkiIso('2020-02-03', '18:30'); // '2020-02-03T18:30:00+02:00'
 */
export function helsinkiIso(date: string, time = '00:00'): string {
  const key = `${date}T${time}`;
  const cached = isoCache.get(key);
  if (cached) return cached;
  // A report has few distinct show times: Intl formatting is the costly part of a row.
  if (isoCache.size > 10_000) isoCache.clear();
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const at = fromHelsinki({ year, month, day, hour, minute, second: 0 }).getTime();
  const minutes = Math.round((Date.UTC(year, month - 1, day, hour, minute) - at) / 60_000);
  const abs = Math.abs(minutes);
  const iso = `${key}:00${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  isoCache.set(key, iso);
  return iso;
}

/** The canonical text of a row (identical rows share it). */
export function canonicalRow(row: SalesRow, context: UsageContext): string {
  // A community card's row hashes its mapping in: such rows were refused before it existed, so their old keys
  // hold refusals, and a client card's row keeps its key (importing an old report again adds nothing).
  const community = isCommunityCard(row.cardId) ? ['community-under16'] : [];
  return JSON.stringify([
    ...community,
    'kaiku-sales-row/1',
    context.venueId,
    context.forVenueId ?? '',
    context.channel,
    context.showKind,
    row.mode ?? context.mode,
    row.cardId,
    row.childTickets,
    row.event,
    row.date,
    row.time ?? '',
    // A group visit's rows: the link tells one visit's member row from another's (absent: the key as before).
    ...(row.group === undefined ? [] : [row.group]),
  ]);
}

/**
 * @example
 * const { idempotencyKey, usage } = usageFromRow(row, context);
 */
export function usageFromRow(
  row: SalesRow,
  context: UsageContext,
  canonical = canonicalRow(row, context),
  canonicalHash = sha256Hex(canonical),
): { idempotencyKey: string; usage: UsageRequest } {
  const start = helsinkiIso(row.date, row.time);
  const show = JSON.stringify([
    context.venueId,
    context.forVenueId ?? '',
    row.event,
    row.date,
    row.time ?? '',
  ]);
  // A report's shows repeat row after row: their IDs are kept (at most 8 192), the hash is a row's dearest part.
  if (showIds.size >= 8192) showIds.clear();
  const showId = showIds.get(show) ?? `report-${sha256Hex(show).slice(0, 32)}`;
  showIds.set(show, showId);
  const usage: UsageRequest = {
    venueId: context.venueId,
    show: { id: showId, name: row.event, start, kind: context.showKind },
    cardId: row.cardId,
    // A community card (Y, YM, Z) has no child tickets: the row's "child tickets (under 16)" are the worker's
    // clients under 16 (000 §6, 001's report layout). Group members aged 16+ are rows of their own cards.
    ...(isCommunityCard(row.cardId)
      ? { childTickets: 0, group: { memberCardIds: [], under16Clients: row.childTickets } }
      : { childTickets: row.childTickets }),
    channel: context.channel,
    ...(context.forVenueId ? { forVenueId: context.forVenueId } : {}),
    // The row's own mode (the usage report has the column), else the import's.
    mode: row.mode ?? context.mode,
    clientTime: start,
  };
  return { idempotencyKey: `import-${canonicalHash}`, usage };
}

/**
 * One group usage from a group visit's rows: the community card's row (its child tickets are the under-16
 * clients) and its members' rows, in file order. The key covers the leader's row and the members' cards, so the
 * same visit imported again — from CSV or XLSX — sends the same key.
 *
 * @example
 * const { idempotencyKey, usage } = groupUsageFromRows(leaderRow, memberRows, context);
 */
export function groupUsageFromRows(
  leader: SalesRow,
  members: readonly SalesRow[],
  context: UsageContext,
): { idempotencyKey: string; usage: UsageRequest } {
  const canonical = JSON.stringify([
    'kaiku-group-visit/1',
    canonicalRow({ ...leader, group: '' }, context),
    members.map((m) => m.cardId),
  ]);
  const { usage } = usageFromRow(leader, context, canonical);
  return {
    idempotencyKey: `import-${sha256Hex(canonical)}`,
    usage: {
      ...usage,
      childTickets: 0,
      group: { memberCardIds: members.map((m) => m.cardId), under16Clients: leader.childTickets },
    },
  };
}

/** True for a community card (Y, YM, Z). */
export function isCommunityCard(cardId: string): boolean {
  const parsed = parseCardId(cardId);
  return parsed.ok && parsed.kind === 'community';
}

/** The column a refusal's reason is about, by its code (the card's, when no other column is). */
const REASON_FIELDS: readonly (readonly [RegExp, ReportField])[] = [
  [/child|without-group/, 'children'],
  [/^group/, 'group'],
  [/^(booking|collection)-/, 'date'],
  [/^(cap|show)-/, 'event'],
  [/agent|venue/, 'venue'],
];
export const reasonField = (code: string): ReportField =>
  REASON_FIELDS.find(([pattern]) => pattern.test(code))?.[1] ?? 'cardId';

/** How the import names venues: the ID or the agent's name for it, case and spacing aside. */
export const venueKey = (name: string): string =>
  name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The context a row registers in: without a venue cell, or naming the import's venue, the import's; naming a venue
 * of `venues` (keys from `venueKey`), that venue's, the agent acting for it (`forVenueId`); else `row-venue-unknown`.
 *
 * @example
 * venueContext(row, context, new Map([['teatteri hilla', 'teatteri-hilla']]));
 */
export function venueContext(
  row: SalesRow,
  context: UsageContext,
  venues: ReadonlyMap<string, string>,
): UsageContext | RowError {
  if (row.venue === undefined) return context;
  const id = venues.get(venueKey(row.venue));
  if (id === undefined) return rowError('row-venue-unknown', 'venue', { venue: clip(row.venue) });
  if (id === (context.forVenueId ?? context.venueId)) return context;
  return { ...context, forVenueId: id === context.venueId ? undefined : id };
}

/**
 * What the rules core says of a usage from the file alone: its request checks (`checkRequest`, the code
 * `decideUsage` and the server run), with the card's registered minors left to the registry. The dry run and
 * the import both ask it, so a row the dry run calls valid is refused at import only for what the registry knows.
 *
 * @example
 * fileRuleErrors(usageFromRow(row, context).usage)[0]?.code; // 'community-card-without-group' for Y… with 0
 */
export function fileRuleErrors(usage: UsageRequest): RowError[] {
  const parsed = parseCardId(usage.cardId);
  if (!parsed.ok) return [];
  const anyMinors = { minors: Number.MAX_SAFE_INTEGER } as UsageCard;
  const request = { ...usage, alreadyCounted: 0 };
  const { reasons } = checkRequest(parsed.kind, anyMinors, request, usage.show.kind === 'course', parsed.id);
  return reasons.map((reason) => {
    const params = reason.params as Readonly<Record<string, string | number>>;
    return { code: reason.code, field: reasonField(reason.code), params, message: reason.message };
  });
}
