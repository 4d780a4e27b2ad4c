/**
 * The outbox's report's key and details columns (`toUsageReportCsv`): validated strictly, and turned back into the
 * very request the outbox would send under that key, bound to the API and venue the record was queued for.
 */
import * as z from 'zod/mini';
import { keyedRowChecksum, REPORT_DETAILS_VERSION } from '../outbox/report-key.js';
import { outboxScope } from '../outbox/target.js';
import { GroupSchema, UsageRequestSchema } from '../schemas/api-request.js';
import type { BatchItem, UsageRequest } from '../schemas/api.js';
import { toFieldIssues } from '../schemas/field-issues.js';
import { pure } from '../schemas/schema-parts.js';
import { clip, rowError } from './report-error.js';
import { neutraliseCell } from './usage-report.js';
import type { RowError, SalesRow } from './types.js';

/** An outbox record's key as the outbox mints it: a lower-case RFC 4122 UUID (the server compares keys exactly). */
export const OutboxKeySchema = /* @__PURE__ */ pure(() =>
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
export const OutboxDetailsSchema = /* @__PURE__ */ pure(() =>
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
export type ImportTarget = {
  readonly api: string | undefined;
  readonly venueId: string;
  readonly forVenueId: string | undefined;
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

const normaliseName = (name: string): string => name.normalize('NFC').replace(/\s+/g, ' ').trim();
/** The show name as the report's cell reads back: a formula-like name was written with a leading apostrophe. */
const shownNames = (name: string): string[] => [normaliseName(neutraliseCell(name)), normaliseName(name)];

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
