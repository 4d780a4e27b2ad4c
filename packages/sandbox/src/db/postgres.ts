// The store on PostgreSQL (node-postgres): the same tables, statements and semantics as the SQLite file, for a
// ticketing vendor that hosts the registers of many venues on one database server.
import pg from 'pg';
import { SCHEMA_VERSION } from './open-database.js';
import { SQLITE } from './repository.js';
import { type Dialect, type Exec, type Store, storeOps } from './store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS venues (id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cards (id TEXT PRIMARY KEY, prefix TEXT NOT NULL, kind TEXT NOT NULL,
  status TEXT NOT NULL, valid_until TEXT NOT NULL, renewed_at TEXT, minors INTEGER NOT NULL, label TEXT);
CREATE TABLE IF NOT EXISTS shows (id TEXT PRIMARY KEY, venue_id TEXT NOT NULL, config TEXT NOT NULL,
  cap INTEGER, created_at TEXT COLLATE "C" NOT NULL);
CREATE INDEX IF NOT EXISTS shows_by_venue ON shows (venue_id);
CREATE TABLE IF NOT EXISTS usages (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id TEXT NOT NULL UNIQUE, venue_id TEXT NOT NULL,
  report_venue_id TEXT NOT NULL, show_id TEXT NOT NULL, show_day TEXT COLLATE "C" NOT NULL, card_id TEXT NOT NULL,
  mode TEXT NOT NULL, counted INTEGER NOT NULL, covered INTEGER NOT NULL DEFAULT 0, request TEXT NOT NULL,
  tickets TEXT NOT NULL, registered_at TEXT COLLATE "C" NOT NULL, voided_at TEXT);
CREATE INDEX IF NOT EXISTS usages_by_show ON usages (show_id);
CREATE INDEX IF NOT EXISTS usages_by_report ON usages (report_venue_id, show_day, seq);
CREATE INDEX IF NOT EXISTS usages_by_card ON usages (card_id, show_id);
-- The usages that stand: every count (tally, bookings, already used) reads this, never a voided usage.
CREATE OR REPLACE VIEW registered_usages AS SELECT * FROM usages WHERE voided_at IS NULL;
CREATE TABLE IF NOT EXISTS idempotency (key TEXT COLLATE "C" PRIMARY KEY, body_hash TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'done')), status INTEGER, response TEXT,
  created_at BIGINT NOT NULL, locked_at BIGINT NOT NULL);
CREATE INDEX IF NOT EXISTS idempotency_by_age ON idempotency (created_at);
-- Cards admitted twice (a terminal's usage that waited, refused as already used): keyed by the refused usage's key.
CREATE TABLE IF NOT EXISTS conflicts (key TEXT COLLATE "C" PRIMARY KEY, usage_id TEXT NOT NULL, report_venue_id TEXT NOT NULL,
  show_id TEXT NOT NULL, show_day TEXT COLLATE "C" NOT NULL, terminal TEXT, client_time TEXT NOT NULL, recorded_at TEXT COLLATE "C" NOT NULL);
CREATE INDEX IF NOT EXISTS conflicts_by_show ON conflicts (report_venue_id, show_id);
CREATE INDEX IF NOT EXISTS conflicts_by_day ON conflicts (report_venue_id, show_day);
`;

/** The statements in PostgreSQL's dialect: `SQLITE`'s (repository.ts), but where PostgreSQL's SQL differs. */
export const POSTGRES: Dialect = {
  ...SQLITE,
  card: `SELECT id, prefix, kind, status, valid_until AS "validUntil", renewed_at AS "renewedAt", minors
    FROM cards WHERE id = $1`,
  putCard: `INSERT INTO cards (id, prefix, kind, status, valid_until, renewed_at, minors, label)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO UPDATE SET prefix = EXCLUDED.prefix,
    kind = EXCLUDED.kind, status = EXCLUDED.status, valid_until = EXCLUDED.valid_until,
    renewed_at = EXCLUDED.renewed_at, minors = EXCLUDED.minors, label = EXCLUDED.label`,
  showOwner: `SELECT venue FROM (
    SELECT venue_id AS venue, 0 AS o, created_at AS t, 0::bigint AS s FROM shows WHERE id = $1::text || chr(10) || venue_id
    UNION ALL SELECT report_venue_id, 1, '', seq FROM usages WHERE show_id = $1::text) AS owners
    ORDER BY o, t, s LIMIT 1`,
  putShow: `INSERT INTO shows (id, venue_id, config, cap, created_at) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (id) DO UPDATE SET venue_id = EXCLUDED.venue_id, config = EXCLUDED.config, cap = EXCLUDED.cap,
    created_at = EXCLUDED.created_at`,
  putVenue:
    'INSERT INTO venues (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name',
  keyInScope: `SELECT * FROM idempotency WHERE left(key, length($1::text) + 1) = $1::text || chr(10)
    AND ($2::text IS NULL OR key = $1::text || chr(10) || $2::text) LIMIT 1`,
  cardUsages: `SELECT mode, registered_at AS at, request::jsonb ->> 'terminal' AS terminal, venue_id AS venue,
    request::jsonb ->> 'channel' AS channel, tickets FROM registered_usages
    WHERE card_id = $1 AND report_venue_id = $2 AND show_id = $3 ORDER BY registered_at, seq`,
  countUsages: `SELECT COUNT(*) AS n FROM registered_usages WHERE card_id = $1 AND show_id = $2
    AND ($3::text IS NULL OR $3::text IN (venue_id, report_venue_id))`,
  clearVenueKeys: 'DELETE FROM idempotency WHERE right(key, length($1::text) + 1) = chr(10) || $1::text',
  addConflict: `INSERT INTO conflicts (key, usage_id, report_venue_id, show_id, show_day, terminal, client_time,
    recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (key) DO NOTHING`,
  showConflicts: `SELECT c.usage_id, c.terminal, c.client_time, c.recorded_at, u.request::jsonb ->> 'idempotencyKey' AS usage_key
    FROM conflicts c JOIN registered_usages u ON u.id = c.usage_id WHERE c.report_venue_id = $1 AND c.show_id = $2
    ORDER BY c.recorded_at DESC LIMIT $3`,
  addMeta: 'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
  metaWithPrefix: 'SELECT key, value FROM meta WHERE left(key, length($1::text)) = $1::text ORDER BY key',
};

/** `url` without its password (for messages and logs). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'an unreadable PostgreSQL URL';
  }
}

/** Statements on one connection (or the pool): named, so each connection prepares each once. */
const execOn =
  (client: pg.Pool | pg.PoolClient): Exec =>
  async (name, params) => {
    const result = await client.query({ name: `kaiku_${name}`, text: POSTGRES[name], values: [...params] });
    return { rows: result.rows as Record<string, unknown>[], changes: result.rowCount ?? 0 };
  };

/**
 * Opens the store on the PostgreSQL database at `url`: creates the tables when the database (its current schema)
 * has none, refuses one of another schema version, and fails — naming the URL without its password — when the
 * server cannot be reached. A transaction (`immediate`) waits at most `busyTimeoutMs` for its lock (then error
 * 55P03, answered 503 with Retry-After).
 */
export async function openPostgres(url: string, busyTimeoutMs = 5000): Promise<Store> {
  const where = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  // A connection the server dropped while idle leaves the pool; the next statement gets a new one.
  pool.on('error', () => undefined);
  const lockTimeout = Math.max(0, Math.floor(busyTimeoutMs));
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end();
    throw new Error(
      `could not reach PostgreSQL at ${where}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    await client.query('BEGIN');
    // Two servers opening one new database create its tables once.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('kaiku-sandbox schema'))");
    const tables = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    if (tables.rows.length === 0) {
      await client.query(SCHEMA);
      await client.query("INSERT INTO meta (key, value) VALUES ('schema', $1)", [SCHEMA_VERSION]);
    } else {
      const version = tables.rows.some((t) => t.name === 'meta')
        ? (await client.query<{ value: string }>("SELECT value FROM meta WHERE key = 'schema'")).rows[0]
            ?.value
        : undefined;
      if (version !== SCHEMA_VERSION)
        throw new Error(
          `${where} holds ${version === undefined ? 'other' : `schema ${version}`} data, not schema ${SCHEMA_VERSION}: use a new database`,
        );
      // As in SQLite: a schema version only grows; what a later release added is created here.
      await client.query(SCHEMA);
    }
    await client.query('COMMIT');
    client.release();
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(true);
    await pool.end();
    throw error;
  }
  return {
    ...storeOps(execOn(pool)),
    kind: 'postgres',
    /**
     * One transaction that first takes the advisory lock of `lock` (a show, an idempotency key): READ COMMITTED,
     * so every statement after the lock sees what the transaction before it committed.
     */
    async immediate(fn, lock = '') {
      const tx = await pool.connect();
      let broken = false;
      try {
        await tx.query('BEGIN');
        await tx.query(`SET LOCAL lock_timeout = ${lockTimeout}`);
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kaiku ${lock}`]);
        const result = await fn(storeOps(execOn(tx)));
        await tx.query('COMMIT');
        return result;
      } catch (error) {
        await tx.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        tx.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
