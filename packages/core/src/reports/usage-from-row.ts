/**
 * Turns a valid sales-report row into the item the import sends: a `UsageRequest` under a key derived from its
 * content (SHA-256 of the canonical row and venue: a re-import, as CSV or XLSX, registers nothing twice; so
 * `clientTime` is the show's start), or — an outbox report's row — the outbox's own request under its key.
 */
import * as z from 'zod/mini';
import { parseCardId } from '../card-id/parse-card-id.js';
import { keyedRowChecksum, REPORT_DETAILS_VERSION } from '../outbox/report-key.js';
import { outboxScope } from '../outbox/outbox-options.js';
import { fromHelsinki, pad } from '../rules/helsinki-time.js';
import { checkRequest } from '../rules/request-checks.js';
import { GroupSchema, UsageRequestSchema } from '../schemas/api-request.js';
import type { BatchItem, UsageRequest } from '../schemas/api.js';
import { toFieldIssues } from '../schemas/field-issues.js';
import { pure } from '../schemas/schema-parts.js';
import type { UsageCard } from '../schemas/usage-input.js';
import { sha256Hex } from '../sha256.js';
import { clip, rowError } from './report-error.js';
import type { ImportOptions, ReportField, RowError, SalesRow } from './types.js';
import { neutraliseCell } from './usage-report.js';

/** What a row registers under: the import's venue options, with their defaults filled in. */
export type UsageContext = Required<Pick<ImportOptions, 'venueId' | 'channel' | 'showKind' | 'mode'>> &
  Pick<ImportOptions, 'forVenueId'>;

const showIds = new Map<string, string>();

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
  // A community card's row hashes its mapping in (old keys hold refusals); a client card's row keeps its key.
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
    // A community card (Y, YM, Z) has no child tickets: the row's are the worker's under-16 clients (000 §6).
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

/** How the import names venues: the ID or a name for it, case and spacing aside; an ID's `-`/`_` are spaces, so
 * the venue's own name (`Teatteri Hilla`) is its ID (`teatteri-hilla`). */
export const venueKey = (name: string): string =>
  name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();

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

/** An outbox record's key as the outbox mints it: a lower-case RFC 4122 UUID (the server compares keys exactly). */
const OutboxKeySchema = /* @__PURE__ */ pure(() =>
  z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)),
);

/** The request without its card IDs (they are the rows' card cells), as the details cell writes it. */
const DetailsUsageSchema = /* @__PURE__ */ pure(() => {
  const { cardId: _card, group: _group, ...shape } = UsageRequestSchema.shape;
  return z.strictObject({
    ...shape,
    group: z.optional(z.strictObject({ under16Clients: GroupSchema.shape.under16Clients })),
  });
});

/** The details cell: layout version, target API (null: queued before outboxes were bound), request, checksum. */
const OutboxDetailsSchema = /* @__PURE__ */ pure(() =>
  z.strictObject({
    v: z.literal(REPORT_DETAILS_VERSION),
    api: z.nullable(z.string().check(z.minLength(1), z.maxLength(2048))),
    usage: DetailsUsageSchema,
    check: z.string().check(z.regex(/^[0-9a-f]{14}$/)),
  }),
);
/** The details cell, parsed. */
export type OutboxDetails = z.infer<typeof OutboxDetailsSchema>;

/** A row's key and details, or what is wrong with them (`row-key-invalid`, `row-details-invalid`). */
export type KeyCells =
  | { readonly ok: true; readonly key?: SalesRow['key'] }
  | { readonly ok: false; readonly errors: readonly RowError[] };

/**
 * Reads a row's key and details cells. Both empty: no key (the import's own key, as for any sales report). A key
 * needs its details and details need their key; a malformed one is refused naming the field (`key`, or the
 * details' own field path such as `usage.show.id`).
 */
export function readKeyCells(keyText: string, detailsText: string): KeyCells {
  if (keyText === '' && detailsText === '') return { ok: true };
  const errors: RowError[] = [];
  if (!OutboxKeySchema.safeParse(keyText).success) errors.push(rowError('row-key-invalid', 'key'));
  let json: unknown;
  try {
    json = detailsText === '' ? undefined : JSON.parse(detailsText);
  } catch {
    json = undefined;
  }
  const parsed = OutboxDetailsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = json === undefined ? undefined : toFieldIssues(parsed.error.issues, OutboxDetailsSchema)[0];
    const unread = detailsText === '' ? 'missing' : 'unreadable';
    // The path comes from the file: masked like any cell quoted in a message (never a card ID).
    errors.push(
      rowError('row-details-invalid', 'details', {
        path: clip(issue?.path ?? ''),
        problem: json === undefined ? unread : (issue?.problem ?? 'invalid'),
        ...(issue?.suggestion ? { suggestion: clip(issue.suggestion) } : {}),
      }),
    );
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, key: { id: keyText, text: detailsText, details: parsed.data } };
}

/** Where the import sends: its API (normalised like an outbox's target; undefined when unknown) and venue. */
export type ImportTarget = Pick<UsageContext, 'venueId' | 'forVenueId'> & {
  readonly api: string | undefined;
};

/** The import's API as an outbox names its target (`undefined` when the client does not say, or is unusable). */
export function importApi(baseUrl: string | undefined): string | undefined {
  if (baseUrl === undefined) return undefined;
  try {
    return outboxScope({ baseUrl }).api;
  } catch {
    return undefined;
  }
}

export const normaliseName = (name: string): string => name.normalize('NFC').replace(/\s+/g, ' ').trim();
/** The show name as the report's cell reads back: a formula-like name was written with a leading apostrophe. */
export const shownNames = (name: string): string[] => [
  normaliseName(neutraliseCell(name)),
  normaliseName(name),
];

/**
 * The item the outbox would send for a keyed row (with its group visit's members, in file order), or why it
 * cannot be sent here: another API or venue (`row-key-target`), or cells that no longer match the key
 * (`row-key-mismatch`, naming the field; a visit whose leader has no key is one). `checkApi` is false for a dry run
 * without a client.
 *
 * @example
 * const built = keyedItem(row, [], { api: 'https://kaikukanta.example/api/', venueId: 'teatteri-hilla', forVenueId: undefined }, true);
 */
export function keyedItem(
  leader: SalesRow,
  members: readonly SalesRow[],
  target: ImportTarget,
  checkApi: boolean,
): { readonly ok: true; readonly item: BatchItem } | { readonly ok: false; readonly error: RowError } {
  const mismatch = (field: 'key' | 'event' | 'children' | 'mode') => ({
    ok: false as const,
    error: rowError('row-key-mismatch', field, { field }),
  });
  const elsewhere = (where: 'api' | 'venue') => ({
    ok: false as const,
    error: rowError('row-key-target', 'details', { target: where }),
  });
  const key = leader.key;
  if (!key) return mismatch('key');
  const { details } = key;
  const { usage } = details;
  if (details.api === null || (checkApi && details.api !== target.api)) return elsewhere('api');
  if (usage.venueId !== target.venueId || (usage.forVenueId ?? '') !== (target.forVenueId ?? ''))
    return elsewhere('venue');
  if (members.some((m) => m.key?.id !== key.id || m.key.text !== key.text)) return mismatch('key');
  if (!shownNames(usage.show.name).includes(leader.event)) return mismatch('event');
  if (leader.childTickets !== usage.childTickets + (usage.group?.under16Clients ?? 0))
    return mismatch('children');
  if (leader.mode !== undefined && leader.mode !== usage.mode) return mismatch('mode');
  const rebuilt = UsageRequestSchema.safeParse({
    ...usage,
    cardId: leader.cardId,
    ...(usage.group
      ? { group: { memberCardIds: members.map((m) => m.cardId), under16Clients: usage.group.under16Clients } }
      : {}),
  });
  // The card, member cards, date or time changed, or the details were edited: the key belongs to another request.
  if (
    !rebuilt.success ||
    (members.length > 0 && !usage.group) ||
    keyedRowChecksum(key.id, rebuilt.data, leader.date, leader.time ?? '') !== details.check
  )
    return mismatch('key');
  return { ok: true, item: { idempotencyKey: key.id, usage: rebuilt.data satisfies UsageRequest } };
}
