import type Database from 'better-sqlite3';
import { type Dialect, type Exec, type Statement, type Store, STATEMENTS, storeOps } from './store.js';

export { scopedKey } from './store.js';
export type { IdempotencyRow, NewUsage, ShowConfig, Store, StoreOps } from './store.js';
/** The store the server's code runs on (SQLite or PostgreSQL). */
export type Repository = Store;

/** The statements in SQLite's dialect (`$n` is the n-th parameter). */
export const SQLITE: Dialect = {
  card: 'SELECT id, prefix, kind, status, valid_until AS validUntil, renewed_at AS renewedAt, minors FROM cards WHERE id = $1',
  putCard: `INSERT OR REPLACE INTO cards (id, prefix, kind, status, valid_until, renewed_at, minors, label)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
  // The venue of a show ID for a token bound to no venue: the one that stored it first, else its first usage's.
  showOwner: `SELECT venue FROM (SELECT venue_id AS venue, 0 AS o, created_at AS t FROM shows WHERE id = $1 || char(10) || venue_id
    UNION ALL SELECT report_venue_id, 1, seq FROM usages WHERE show_id = $1) ORDER BY o, t LIMIT 1`,
  show: 'SELECT config, cap FROM shows WHERE id = $1',
  venueShows: 'SELECT config, cap FROM shows WHERE venue_id = $1',
  putShow: 'INSERT OR REPLACE INTO shows (id, venue_id, config, cap, created_at) VALUES ($1, $2, $3, $4, $5)',
  putVenue: 'INSERT OR REPLACE INTO venues (id, name) VALUES ($1, $2)',
  tally:
    'SELECT SUM(counted) AS given, COUNT(*) AS usages FROM registered_usages WHERE report_venue_id = $1 AND show_id = $2',
  bookedUncollected: `SELECT SUM(CASE mode WHEN 'booking' THEN counted WHEN 'collection' THEN -covered ELSE 0 END) AS n
    FROM registered_usages WHERE card_id = $1 AND report_venue_id = $2 AND show_id = $3`,
  insertUsage: `INSERT INTO usages (id, venue_id, report_venue_id, show_id, show_day, card_id, mode, counted, covered, request, tickets, registered_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
  listUsages: `SELECT seq, id, venue_id, report_venue_id, request, tickets, registered_at, voided_at FROM usages
    WHERE report_venue_id = $1 AND show_day BETWEEN $2 AND $3 AND seq > $4 ORDER BY seq LIMIT $5`,
  usage:
    'SELECT id, venue_id, report_venue_id, request, tickets, registered_at, voided_at FROM usages WHERE id = $1',
  voidUsage: 'UPDATE usages SET voided_at = $1 WHERE id = $2 AND voided_at IS NULL',
  key: 'SELECT * FROM idempotency WHERE key = $1',
  // A client's key in the scope (`<key>\n<venue>`) of one venue, or of any ($2 null), for the test routes.
  keyInScope: `SELECT * FROM idempotency WHERE substr(key, 1, length($1) + 1) = $1 || char(10)
    AND ($2 IS NULL OR key = $1 || char(10) || $2) LIMIT 1`,
  lockKey: `INSERT INTO idempotency (key, body_hash, state, created_at, locked_at) VALUES ($1, $2, 'pending', $3, $3)
    ON CONFLICT (key) DO UPDATE SET body_hash = $2, state = 'pending', locked_at = $3`,
  finishKey: "UPDATE idempotency SET state = 'done', status = $1, response = $2 WHERE key = $3",
  dropKey: "DELETE FROM idempotency WHERE key = $1 AND state = 'pending'",
  purgeKeys: 'DELETE FROM idempotency WHERE created_at < $1',
  // The card's usages for a venue's show, by the venue or its agents: what "already used" is decided on.
  cardUsages: `SELECT mode, registered_at AS at, json_extract(request, '$.terminal') AS terminal, venue_id AS venue,
    json_extract(request, '$.channel') AS channel, tickets FROM registered_usages
    WHERE card_id = $1 AND report_venue_id = $2 AND show_id = $3 ORDER BY registered_at, seq`,
  countUsages: `SELECT COUNT(*) AS n FROM registered_usages WHERE card_id = $1 AND show_id = $2
    AND ($3 IS NULL OR $3 IN (venue_id, report_venue_id))`,
  clearUsages: 'DELETE FROM usages',
  clearKeys: 'DELETE FROM idempotency',
  clearShows: 'DELETE FROM shows',
  clearVenueUsages: 'DELETE FROM usages WHERE venue_id = $1',
  clearVenueShows: 'DELETE FROM shows WHERE venue_id = $1',
  clearVenueKeys: 'DELETE FROM idempotency WHERE substr(key, -length($1) - 1) = char(10) || $1',
  // The card's usage that stands for a venue's show (the latest: a collection over its booking), for a conflict.
  heldUsage: `SELECT id, show_day FROM registered_usages WHERE card_id = $1 AND report_venue_id = $2 AND show_id = $3
    ORDER BY registered_at DESC, seq DESC LIMIT 1`,
  addConflict: `INSERT OR IGNORE INTO conflicts (key, usage_id, report_venue_id, show_id, show_day, terminal, client_time,
    recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
  // A show's conflicts whose usage still stands, newest first, with the key that usage was registered under.
  showConflicts: `SELECT c.usage_id, c.terminal, c.client_time, c.recorded_at, json_extract(u.request, '$.idempotencyKey') AS usage_key
    FROM conflicts c JOIN registered_usages u ON u.id = c.usage_id WHERE c.report_venue_id = $1 AND c.show_id = $2
    ORDER BY c.recorded_at DESC LIMIT $3`,
  dayConflicts: `SELECT usage_id, terminal, client_time, recorded_at FROM conflicts
    WHERE report_venue_id = $1 AND show_day BETWEEN $2 AND $3 ORDER BY recorded_at`,
  clearConflicts: 'DELETE FROM conflicts',
  clearVenueConflicts: 'DELETE FROM conflicts WHERE report_venue_id = $1',
  meta: 'SELECT value FROM meta WHERE key = $1',
  addMeta: 'INSERT OR IGNORE INTO meta (key, value) VALUES ($1, $2)',
  deleteMeta: 'DELETE FROM meta WHERE key = $1',
  metaWithPrefix: 'SELECT key, value FROM meta WHERE substr(key, 1, length($1)) = $1 ORDER BY key',
  healthy: 'SELECT 1 AS ok',
};

/**
 * The store over a SQLite database (better-sqlite3, synchronous underneath). One transaction at a time: `immediate`
 * holds a mutex from `BEGIN IMMEDIATE` to its commit, and a call outside it waits while one is open, so no other
 * request's statement lands inside another's transaction on the one connection. Other processes sharing the file
 * wait for the write lock (busy timeout).
 */
export function createRepository(db: Database.Database): Store {
  const prepared = new Map(
    STATEMENTS.map((name) => [name, db.prepare(SQLITE[name].replace(/\$(\d+)/g, '@p$1'))]),
  );
  const execNow = (name: Statement, params: readonly unknown[]) => {
    const statement = prepared.get(name)!;
    const bound = params.length === 0 ? [] : [Object.fromEntries(params.map((v, i) => [`p${i + 1}`, v]))];
    if (statement.reader) return { rows: statement.all(...bound) as Record<string, unknown>[], changes: 0 };
    return { rows: [], changes: statement.run(...bound).changes };
  };
  /** Settles when no transaction is open (the tail of the queue of transactions). */
  let queue: Promise<void> = Promise.resolve();
  let open = 0;
  const inside: Exec = async (name, params) => execNow(name, params);
  const outside: Exec = async (name, params) => {
    while (open > 0) await queue;
    return execNow(name, params);
  };
  const tx = storeOps(inside);
  return {
    ...storeOps(outside),
    kind: 'sqlite',
    /** Runs `fn` in a transaction opened with BEGIN IMMEDIATE (the write lock up front: no lost updates). */
    immediate<T>(fn: (ops: typeof tx) => Promise<T>): Promise<T> {
      open++;
      const run = queue.then(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(tx);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      });
      // The queue goes on after a failed transaction (its caller has the error).
      queue = run.then(
        () => void open--,
        () => void open--,
      );
      return run;
    },
    close: async () => void db.close(),
  };
}
