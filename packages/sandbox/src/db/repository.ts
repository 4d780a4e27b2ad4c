import type { CardRecord, EarlierUsage, Show, Tickets, UsageRecord } from '@kaiku-scanner/core/contract';
import type { CardBooking, ShowConfig as ShowSettings, UsageRequest } from '@kaiku-scanner/core/contract';
import type Database from 'better-sqlite3';

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

type UsageRow = {
  id: string;
  venue_id: string;
  report_venue_id: string;
  request: string;
  tickets: string;
  registered_at: string;
  voided_at: string | null;
};

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

/** Prepared statements over the sandbox database. All methods are synchronous (better-sqlite3). */
export function createRepository(db: Database.Database) {
  const s = {
    card: db.prepare<[string], CardRecord & { renewedAt: string | null }>(
      'SELECT id, prefix, kind, status, valid_until AS validUntil, renewed_at AS renewedAt, minors FROM cards WHERE id = ?',
    ),
    putCard: db.prepare(
      `INSERT OR REPLACE INTO cards (id, prefix, kind, status, valid_until, renewed_at, minors, label)
       VALUES (@id, @prefix, @kind, @status, @validUntil, @renewedAt, @minors, @label)`,
    ),
    // The venue of a show ID for a token bound to no venue: the one that stored it first, else its first usage's.
    showOwner: db.prepare<{ id: string }, { venue: string }>(
      `SELECT venue FROM (SELECT venue_id AS venue, 0 AS o, created_at AS t FROM shows WHERE id = @id || char(10) || venue_id
       UNION ALL SELECT report_venue_id, 1, seq FROM usages WHERE show_id = @id) ORDER BY o, t LIMIT 1`,
    ),
    show: db.prepare<[string], { config: string; cap: number | null }>(
      'SELECT config, cap FROM shows WHERE id = ?',
    ),
    venueShows: db.prepare<[string], { config: string; cap: number | null }>(
      'SELECT config, cap FROM shows WHERE venue_id = ?',
    ),
    putShow: db.prepare(
      'INSERT OR REPLACE INTO shows (id, venue_id, config, cap, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    putVenue: db.prepare('INSERT OR REPLACE INTO venues (id, name) VALUES (?, ?)'),
    tally: db.prepare<[string, string], { given: number | null; usages: number }>(
      'SELECT SUM(counted) AS given, COUNT(*) AS usages FROM registered_usages WHERE report_venue_id = ? AND show_id = ?',
    ),
    bookedUncollected: db.prepare<[{ card: string; venue: string; show: string }], { n: number | null }>(
      `SELECT SUM(CASE mode WHEN 'booking' THEN counted WHEN 'collection' THEN -covered ELSE 0 END) AS n
       FROM registered_usages WHERE card_id = @card AND report_venue_id = @venue AND show_id = @show`,
    ),
    insertUsage: db.prepare(
      `INSERT INTO usages (id, venue_id, report_venue_id, show_id, show_day, card_id, mode, counted, covered, request, tickets, registered_at)
       VALUES (@id, @venueId, @reportVenueId, @showId, @showDay, @cardId, @mode, @counted, @covered, @request, @tickets, @registeredAt)`,
    ),
    listUsages: db.prepare<[string, string, string, number, number], UsageRow & { seq: number }>(
      `SELECT seq, id, venue_id, report_venue_id, request, tickets, registered_at, voided_at FROM usages
       WHERE report_venue_id = ? AND show_day BETWEEN ? AND ? AND seq > ? ORDER BY seq LIMIT ?`,
    ),
    usage: db.prepare<[string], UsageRow>(
      `SELECT id, venue_id, report_venue_id, request, tickets, registered_at, voided_at FROM usages WHERE id = ?`,
    ),
    voidUsage: db.prepare('UPDATE usages SET voided_at = ? WHERE id = ? AND voided_at IS NULL'),
    key: db.prepare<[string], IdempotencyRow>('SELECT * FROM idempotency WHERE key = ?'),
    // A client's key in the scope (`<key>\n<venue>`) of one venue, or of any (`@venue` null), for the test routes.
    keyInScope: db.prepare<{ key: string; venue: string | null }, IdempotencyRow>(
      `SELECT * FROM idempotency WHERE substr(key, 1, length(@key) + 1) = @key || char(10)
       AND (@venue IS NULL OR key = @key || char(10) || @venue) LIMIT 1`,
    ),
    lockKey: db.prepare(
      `INSERT INTO idempotency (key, body_hash, state, created_at, locked_at) VALUES (@key, @hash, 'pending', @now, @now)
       ON CONFLICT (key) DO UPDATE SET body_hash = @hash, state = 'pending', locked_at = @now`,
    ),
    finishKey: db.prepare("UPDATE idempotency SET state = 'done', status = ?, response = ? WHERE key = ?"),
    dropKey: db.prepare("DELETE FROM idempotency WHERE key = ? AND state = 'pending'"),
    purgeKeys: db.prepare('DELETE FROM idempotency WHERE created_at < ?'),
    // The card's usages for a venue's show, by the venue or its agents: what "already used" is decided on.
    cardUsages: db.prepare<
      [{ card: string; venue: string; show: string }],
      EarlierUsage & { at: string; venue: string; channel: CardBooking['channel']; tickets: string }
    >(
      `SELECT mode, registered_at AS at, json_extract(request, '$.terminal') AS terminal, venue_id AS venue,
       json_extract(request, '$.channel') AS channel, tickets FROM registered_usages WHERE card_id = @card AND report_venue_id = @venue AND show_id = @show
       ORDER BY registered_at`,
    ),
    countUsages: db.prepare<{ card: string; show: string; venue: string | null }, { n: number }>(
      `SELECT COUNT(*) AS n FROM registered_usages WHERE card_id = @card AND show_id = @show
       AND (@venue IS NULL OR @venue IN (venue_id, report_venue_id))`,
    ),
  };

  return {
    /** Runs `fn` in a transaction opened with BEGIN IMMEDIATE (the write lock up front: no lost updates). */
    immediate: <T>(fn: () => T): T => db.transaction(fn).immediate(),
    /** True when the database answers a trivial query. */
    healthy(): boolean {
      try {
        return db.prepare('SELECT 1 AS ok').get() !== undefined;
      } catch {
        return false;
      }
    },
    getCard(id: string): CardRecord | undefined {
      const row = s.card.get(id);
      if (!row) return undefined;
      const { renewedAt, ...card } = row;
      return renewedAt ? { ...card, renewedAt } : card;
    },
    putCard: (card: CardRecord, label = ''): void =>
      void s.putCard.run({ ...card, renewedAt: card.renewedAt ?? null, label }),
    putVenue: (id: string, name: string): void => void s.putVenue.run(id, name),
    /** The venue whose show this ID is, for a caller bound to no venue (see `showOwner` above). */
    showOwner: (id: string): string | undefined => s.showOwner.get({ id })?.venue,
    /** Show IDs are per venue: two venues' `x` are two shows (stored under `scopedKey(id, venue)`). */
    getShow(venueId: string, id: string): ShowConfig | undefined {
      const row = s.show.get(scopedKey(id, venueId));
      return row ? (JSON.parse(row.config) as ShowConfig) : undefined;
    },
    /** A venue's stored shows (its settings, or its own first usage of each). */
    venueShows(venueId: string): { show: ShowConfig; cap: number | null }[] {
      return s.venueShows
        .all(venueId)
        .map((row) => ({ show: JSON.parse(row.config) as ShowConfig, cap: row.cap }));
    },
    putShow(venueId: string, show: ShowConfig, createdAt: string): void {
      s.putShow.run(scopedKey(show.id, venueId), venueId, JSON.stringify(show), show.cap ?? null, createdAt);
    },
    /** A venue's show: every usage recorded for it, by the venue itself or by its ticket agents. */
    tally(venueId: string, showId: string): { given: number; usages: number } {
      const row = s.tally.get(venueId, showId);
      return { given: row?.given ?? 0, usages: row?.usages ?? 0 };
    },
    /**
     * Tickets this card's bookings for this show hold in the tally and no collection has handed out yet: what
     * booked minus what collections covered. Booked tickets are pooled per card and show, so a second
     * booking adds to what a collection may hand out.
     */
    bookedUncollected: (cardId: string, venueId: string, showId: string): number =>
      Math.max(0, s.bookedUncollected.get({ card: cardId, venue: venueId, show: showId })?.n ?? 0),
    /**
     * The card's usages for a venue's show, oldest first; `terminal` when the usage named one and `asker` (the venue
     * registering now) registered it: which counter of a venue took a card is not its ticket agents' business.
     */
    cardUsages(cardId: string, venueId: string, showId: string, asker: string): EarlierUsage[] {
      return s.cardUsages
        .all({ card: cardId, venue: venueId, show: showId })
        .map(({ mode, at, terminal, venue }) =>
          terminal && venue === asker ? { mode, at, terminal } : { mode, at },
        );
    },
    /** The card's latest booking for a venue's show (by the venue or its agent) and its latest collection, if any. */
    showBooking(cardId: string, venueId: string, showId: string): CardBooking | undefined {
      const rows = s.cardUsages.all({ card: cardId, venue: venueId, show: showId });
      const [booked, got] = (['booking', 'collection'] as const).map((m) =>
        rows.findLast((u) => u.mode === m),
      );
      const where = got?.terminal && got.venue === venueId ? { terminal: got.terminal } : {};
      if (!booked) return undefined;
      const { venue: by, channel, at } = booked;
      const collected = got && { collected: { at: got.at, ...where } };
      return { by, channel, at, tickets: JSON.parse(booked.tickets) as Tickets, ...collected };
    },
    insertUsage(u: NewUsage): void {
      s.insertUsage.run({
        id: u.id,
        venueId: u.request.venueId,
        reportVenueId: u.request.forVenueId ?? u.request.venueId,
        showId: u.request.show.id,
        showDay: u.showDay,
        cardId: u.request.cardId,
        mode: u.request.mode,
        counted: u.counted,
        covered: u.covered,
        request: JSON.stringify(u.request),
        tickets: JSON.stringify(u.tickets),
        registeredAt: u.registeredAt,
      });
    },
    listUsages: (venueId: string, from: string, to: string, afterSeq: number, limit: number) =>
      s.listUsages
        .all(venueId, from, to, afterSeq, limit)
        .map((row) => ({ seq: row.seq, record: toRecord(row) })),
    /** One usage by its ID, with the venue that registered it and the venue whose show it is. */
    getUsage(id: string) {
      const row = s.usage.get(id);
      return row && { record: toRecord(row), venueId: row.venue_id, ownerId: row.report_venue_id };
    },
    /** Marks a usage voided at `at`; a voided one keeps its first `voidedAt`. */
    voidUsage: (id: string, at: string): void => void s.voidUsage.run(at, id),
    getKey: (key: string): IdempotencyRow | undefined => s.key.get(key),
    /** A client's key as `venue` used it, or as any venue did when `venue` is undefined (test routes only). */
    keyInScope: (clientKey: string, venue: string | undefined): IdempotencyRow | undefined =>
      s.keyInScope.get({ key: clientKey, venue: venue ?? null }),
    lockKey: (key: string, bodyHash: string, nowMs: number): void =>
      void s.lockKey.run({ key, hash: bodyHash, now: nowMs }),
    finishKey: (key: string, status: number, response: unknown): void =>
      void s.finishKey.run(status, JSON.stringify(response), key),
    dropPendingKey: (key: string): void => void s.dropKey.run(key),
    purgeKeysOlderThan: (ms: number): number => s.purgeKeys.run(ms).changes,
    /** Usages of a card for a show ID (that `venue` registered or owns, when given). */
    countUsages: (cardId: string, showId: string, venue: string | undefined): number =>
      s.countUsages.get({ card: cardId, show: showId, venue: venue ?? null })?.n ?? 0,
    /** Empties the data, or only what `venue` registered (its usages and keys) and its shows' settings. */
    clear(venue: string | undefined): void {
      for (const sql of venue === undefined
        ? ['DELETE FROM usages', 'DELETE FROM idempotency', 'DELETE FROM shows']
        : [
            'DELETE FROM usages WHERE venue_id = @venue',
            'DELETE FROM shows WHERE venue_id = @venue',
            'DELETE FROM idempotency WHERE substr(key, -length(@venue) - 1) = char(10) || @venue',
          ])
        db.prepare(sql).run({ venue });
    },
  };
}

export type Repository = ReturnType<typeof createRepository>;

/**
 * A name in a venue's scope: idempotency keys and show IDs belong to the venue that used them, so the same one from
 * another venue is another. (`\n` cannot occur in a key or an ID, so the scope cannot be forged.)
 */
export const scopedKey = (key: string, venueId: string): string => `${key}\n${venueId}`;
