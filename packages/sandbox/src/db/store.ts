import type {
  CardRecord,
  Conflict,
  EarlierUsage,
  Show,
  Tickets,
  UsageRecord,
} from '@kaiku-scanner/core/contract';
import type { CardBooking, ShowConfig as ShowSettings, UsageRequest } from '@kaiku-scanner/core/contract';

/** A show's stored settings: the contract's `Show` plus the rules' settings (windows, policy version). */
export type ShowConfig = Show & ShowSettings;

export type IdempotencyRow = {
  key: string;
  body_hash: string;
  state: 'pending' | 'done';
  status: number | null;
  response: string | null;
  created_at: number;
  locked_at: number;
};

export type NewUsage = {
  readonly id: string;
  /** The request as recorded, with the client's idempotency key (listed back with the usage). */
  readonly request: UsageRequest & { readonly idempotencyKey: string };
  readonly showDay: string;
  readonly counted: number;
  /** For a collection: the tickets its booking already held in the tally (see `bookedUncollected`). */
  readonly covered: number;
  readonly tickets: Tickets;
  readonly registeredAt: string;
};

/**
 * The statements every store runs, by name, with positional parameters (`$1`…): each dialect (SQLite, PostgreSQL)
 * has its own text of each, and one mapping (`storeOps`) turns their rows into the contract's records.
 */
export const STATEMENTS = [
  'card',
  'putCard',
  'showOwner',
  'show',
  'venueShows',
  'putShow',
  'putVenue',
  'tally',
  'bookedUncollected',
  'insertUsage',
  'listUsages',
  'usage',
  'voidUsage',
  'key',
  'keyInScope',
  'lockKey',
  'finishKey',
  'dropKey',
  'purgeKeys',
  'cardUsages',
  'countUsages',
  'clearUsages',
  'clearKeys',
  'clearShows',
  'clearVenueUsages',
  'clearVenueShows',
  'clearVenueKeys',
  'heldUsage',
  'addConflict',
  'showConflicts',
  'dayConflicts',
  'clearConflicts',
  'clearVenueConflicts',
  'meta',
  'addMeta',
  'deleteMeta',
  'metaWithPrefix',
  'healthy',
] as const;
export type Statement = (typeof STATEMENTS)[number];
export type Dialect = Readonly<Record<Statement, string>>;

type Row = Record<string, unknown>;
/** Runs one named statement: its rows, and how many rows it changed. */
export type Exec = (name: Statement, params: readonly unknown[]) => Promise<{ rows: Row[]; changes: number }>;

type UsageRow = {
  id: string;
  venue_id: string;
  report_venue_id: string;
  request: string;
  tickets: string;
  registered_at: string;
  voided_at: string | null;
};
type CardUsageRow = EarlierUsage & {
  at: string;
  venue: string;
  channel: CardBooking['channel'];
  tickets: string;
};

type ConflictRow = { usage_id: string; terminal: string | null; client_time: string; recorded_at: string };

const toConflict = (c: ConflictRow): Conflict => ({
  ...(c.terminal ? { terminal: c.terminal } : {}),
  clientTime: c.client_time,
  recordedAt: c.recorded_at,
});

/** A stored usage as the contract lists it, with its state. */
function toRecord(row: UsageRow): UsageRecord {
  return {
    ...(JSON.parse(row.request) as UsageRequest),
    usageId: row.id,
    registeredAt: row.registered_at,
    tickets: JSON.parse(row.tickets) as Tickets,
    state: row.voided_at === null ? 'registered' : 'voided',
    ...(row.voided_at === null ? {} : { voidedAt: row.voided_at }),
  };
}

/**
 * A name in a venue's scope: idempotency keys and show IDs belong to the venue that used them, so the same one from
 * another venue is another. (`\n` cannot occur in a key or an ID, so the scope cannot be forged.)
 */
export const scopedKey = (key: string, venueId: string): string => `${key}\n${venueId}`;

/** What the server reads and writes, over one dialect's statements; every method answers a promise. */
export function storeOps(exec: Exec) {
  const all = async <R>(name: Statement, ...params: unknown[]): Promise<R[]> =>
    (await exec(name, params)).rows as R[];
  const get = async <R>(name: Statement, ...params: unknown[]): Promise<R | undefined> =>
    (await all<R>(name, ...params))[0];
  const run = async (name: Statement, ...params: unknown[]): Promise<number> =>
    (await exec(name, params)).changes;
  const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
  const cardUsageRows = (cardId: string, venueId: string, showId: string) =>
    all<CardUsageRow>('cardUsages', cardId, venueId, showId);

  return {
    /** True when the database answers a trivial query. */
    async healthy(): Promise<boolean> {
      try {
        return (await get('healthy')) !== undefined;
      } catch {
        return false;
      }
    },
    async getCard(id: string): Promise<CardRecord | undefined> {
      const row = await get<CardRecord & { renewedAt: string | null }>('card', id);
      if (!row) return undefined;
      const { renewedAt, ...card } = row;
      const record = { ...card, minors: Number(card.minors) };
      return renewedAt ? { ...record, renewedAt } : record;
    },
    async putCard(card: CardRecord, label = ''): Promise<void> {
      const { id, prefix, kind, status, validUntil, minors } = card;
      await run('putCard', id, prefix, kind, status, validUntil, card.renewedAt ?? null, minors, label);
    },
    putVenue: async (id: string, name: string): Promise<void> => void (await run('putVenue', id, name)),
    /** The venue whose show this ID is, for a caller bound to no venue: the one that stored it first, else its first usage's. */
    showOwner: async (id: string): Promise<string | undefined> =>
      (await get<{ venue: string }>('showOwner', id))?.venue,
    /** Show IDs are per venue: two venues' `x` are two shows (stored under `scopedKey(id, venue)`). */
    async getShow(venueId: string, id: string): Promise<ShowConfig | undefined> {
      const row = await get<{ config: string }>('show', scopedKey(id, venueId));
      return row ? (JSON.parse(row.config) as ShowConfig) : undefined;
    },
    /** A venue's stored shows (its settings, or its own first usage of each). */
    async venueShows(venueId: string): Promise<{ show: ShowConfig; cap: number | null }[]> {
      const rows = await all<{ config: string; cap: number | null }>('venueShows', venueId);
      return rows.map((row) => ({
        show: JSON.parse(row.config) as ShowConfig,
        cap: row.cap === null ? null : Number(row.cap),
      }));
    },
    async putShow(venueId: string, show: ShowConfig, createdAt: string): Promise<void> {
      const config = JSON.stringify(show);
      await run('putShow', scopedKey(show.id, venueId), venueId, config, show.cap ?? null, createdAt);
    },
    /** A venue's show: every usage recorded for it, by the venue itself or by its ticket agents. */
    async tally(venueId: string, showId: string): Promise<{ given: number; usages: number }> {
      const row = await get<{ given: unknown; usages: unknown }>('tally', venueId, showId);
      return { given: num(row?.given), usages: num(row?.usages) };
    },
    /**
     * Tickets this card's bookings for this show hold in the tally and no collection has handed out yet: what
     * booked minus what collections covered. Booked tickets are pooled per card and show, so a second
     * booking adds to what a collection may hand out.
     */
    bookedUncollected: async (cardId: string, venueId: string, showId: string): Promise<number> =>
      Math.max(0, num((await get<{ n: unknown }>('bookedUncollected', cardId, venueId, showId))?.n)),
    /**
     * The card's usages for a venue's show, oldest first; `terminal` when the usage named one and `asker` (the venue
     * registering now) registered it: which counter of a venue took a card is not its ticket agents' business.
     */
    async cardUsages(
      cardId: string,
      venueId: string,
      showId: string,
      asker: string,
    ): Promise<EarlierUsage[]> {
      return (await cardUsageRows(cardId, venueId, showId)).map(({ mode, at, terminal, venue }) =>
        terminal && venue === asker ? { mode, at, terminal } : { mode, at },
      );
    },
    /** The card's latest booking for a venue's show (by the venue or its agent) and its latest collection, if any. */
    async showBooking(cardId: string, venueId: string, showId: string): Promise<CardBooking | undefined> {
      const rows = await cardUsageRows(cardId, venueId, showId);
      const booked = rows.findLast((u) => u.mode === 'booking');
      const got = rows.findLast((u) => u.mode === 'collection');
      const where = got?.terminal && got.venue === venueId ? { terminal: got.terminal } : {};
      if (!booked) return undefined;
      const { venue: by, channel, at } = booked;
      const collected = got && { collected: { at: got.at, ...where } };
      return { by, channel, at, tickets: JSON.parse(booked.tickets) as Tickets, ...collected };
    },
    async insertUsage(u: NewUsage): Promise<void> {
      const { request } = u;
      await run(
        'insertUsage',
        u.id,
        request.venueId,
        request.forVenueId ?? request.venueId,
        request.show.id,
        u.showDay,
        request.cardId,
        request.mode,
        u.counted,
        u.covered,
        JSON.stringify(request),
        JSON.stringify(u.tickets),
        u.registeredAt,
      );
    },
    /** A page of a venue's usages, each with the conflicts recorded against it. */
    async listUsages(venueId: string, from: string, to: string, afterSeq: number, limit: number) {
      const rows = await all<UsageRow & { seq: unknown }>('listUsages', venueId, from, to, afterSeq, limit);
      const conflicts = new Map<string, Conflict[]>();
      if (rows.length > 0)
        for (const c of await all<ConflictRow>('dayConflicts', venueId, from, to))
          conflicts.set(c.usage_id, [...(conflicts.get(c.usage_id) ?? []), toConflict(c)]);
      return rows.map((row) => {
        const found = conflicts.get(row.id);
        return { seq: Number(row.seq), record: { ...toRecord(row), ...(found ? { conflicts: found } : {}) } };
      });
    },
    /**
     * Records a card admitted twice: the refused usage (its scoped key, once) against the card's usage that stands
     * for the show; false when none stands (undone meanwhile: no conflict left).
     */
    async addConflict(key: string, usage: UsageRequest, recordedAt: string): Promise<boolean> {
      const owner = usage.forVenueId ?? usage.venueId;
      const held = await get<{ id: string; show_day: string }>(
        'heldUsage',
        usage.cardId,
        owner,
        usage.show.id,
      );
      if (!held) return false;
      const { show, terminal, clientTime } = usage;
      const at = [held.id, owner, show.id, held.show_day, terminal ?? null, clientTime, recordedAt];
      await run('addConflict', key, ...at);
      return true;
    },
    /** A show's conflicts whose usage stands, newest first (at most `limit`). */
    async showConflicts(venueId: string, showId: string, limit: number) {
      const rows = await all<ConflictRow & { usage_key: string | null }>(
        'showConflicts',
        venueId,
        showId,
        limit,
      );
      return rows.map((c) => ({
        ...toConflict(c),
        usageId: c.usage_id,
        ...(c.usage_key ? { idempotencyKey: c.usage_key } : {}),
      }));
    },
    /** One usage by its ID, with the venue that registered it and the venue whose show it is. */
    async getUsage(id: string) {
      const row = await get<UsageRow>('usage', id);
      return row && { record: toRecord(row), venueId: row.venue_id, ownerId: row.report_venue_id };
    },
    /** Marks a usage voided at `at`; a voided one keeps its first `voidedAt`. */
    voidUsage: async (id: string, at: string): Promise<void> => void (await run('voidUsage', at, id)),
    async getKey(key: string): Promise<IdempotencyRow | undefined> {
      const row = await get<IdempotencyRow>('key', key);
      return row && keyRow(row);
    },
    /** A client's key as `venue` used it, or as any venue did when `venue` is undefined (test routes only). */
    async keyInScope(clientKey: string, venue: string | undefined): Promise<IdempotencyRow | undefined> {
      const row = await get<IdempotencyRow>('keyInScope', clientKey, venue ?? null);
      return row && keyRow(row);
    },
    lockKey: async (key: string, bodyHash: string, nowMs: number): Promise<void> =>
      void (await run('lockKey', key, bodyHash, nowMs)),
    finishKey: async (key: string, status: number, response: unknown): Promise<void> =>
      void (await run('finishKey', status, JSON.stringify(response), key)),
    dropPendingKey: async (key: string): Promise<void> => void (await run('dropKey', key)),
    purgeKeysOlderThan: (ms: number): Promise<number> => run('purgeKeys', ms),
    /** Usages of a card for a show ID (that `venue` registered or owns, when given). */
    countUsages: async (cardId: string, showId: string, venue: string | undefined): Promise<number> =>
      num((await get<{ n: unknown }>('countUsages', cardId, showId, venue ?? null))?.n),
    /** Empties the data, or only what `venue` registered (its usages and keys) and its shows' settings. */
    async clear(venue: string | undefined): Promise<void> {
      if (venue === undefined) {
        for (const name of ['clearUsages', 'clearKeys', 'clearShows', 'clearConflicts'] as const)
          await run(name);
      } else {
        const names = [
          'clearVenueUsages',
          'clearVenueShows',
          'clearVenueKeys',
          'clearVenueConflicts',
        ] as const;
        for (const name of names) await run(name, venue);
      }
    },
    /** A value of the `meta` table (the schema version, venue-register's terminal tokens). */
    meta: async (key: string): Promise<string | undefined> =>
      (await get<{ value: string }>('meta', key))?.value,
    /** Stores `value` under `key` unless the key has one: true when stored. */
    addMeta: async (key: string, value: string): Promise<boolean> => (await run('addMeta', key, value)) > 0,
    /** Removes `key` from the `meta` table: true when it was there. */
    deleteMeta: async (key: string): Promise<boolean> => (await run('deleteMeta', key)) > 0,
    /** Every `meta` entry whose key begins with `prefix`, in key order. */
    metaWithPrefix: (prefix: string): Promise<{ key: string; value: string }[]> =>
      all<{ key: string; value: string }>('metaWithPrefix', prefix),
  };
}

/** PostgreSQL answers BIGINT columns as strings: the key's times are numbers. */
const keyRow = (row: IdempotencyRow): IdempotencyRow => ({
  ...row,
  status: row.status === null ? null : Number(row.status),
  created_at: Number(row.created_at),
  locked_at: Number(row.locked_at),
});

export type StoreOps = ReturnType<typeof storeOps>;

/**
 * The sandbox's store (SQLite or PostgreSQL). `immediate` runs `fn` as one serialized transaction over `tx` (the
 * same operations, inside it): in SQLite `BEGIN IMMEDIATE` (the database's one write lock), in PostgreSQL a
 * transaction that first takes the advisory lock of `lock` (one per show, per idempotency key), so that two
 * transactions of the same `lock` never overlap. A `lock` of undefined serializes against every other undefined.
 */
export type Store = StoreOps & {
  readonly kind: 'sqlite' | 'postgres';
  immediate<T>(fn: (tx: StoreOps) => Promise<T>, lock?: string): Promise<T>;
  close(): Promise<void>;
};
