import Database from 'better-sqlite3';

/** Idempotency keys, usages and show settings survive restarts (a file DB). */
export const SCHEMA_VERSION = '4';
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS venues (id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cards (id TEXT PRIMARY KEY, prefix TEXT NOT NULL, kind TEXT NOT NULL,
  status TEXT NOT NULL, valid_until TEXT NOT NULL, renewed_at TEXT, minors INTEGER NOT NULL, label TEXT);
CREATE TABLE IF NOT EXISTS shows (id TEXT PRIMARY KEY, venue_id TEXT NOT NULL, config TEXT NOT NULL,
  cap INTEGER, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS usages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, venue_id TEXT NOT NULL,
  report_venue_id TEXT NOT NULL, show_id TEXT NOT NULL, show_day TEXT NOT NULL, card_id TEXT NOT NULL,
  mode TEXT NOT NULL, counted INTEGER NOT NULL, covered INTEGER NOT NULL DEFAULT 0, request TEXT NOT NULL,
  tickets TEXT NOT NULL, registered_at TEXT NOT NULL, voided_at TEXT);
CREATE INDEX IF NOT EXISTS usages_by_show ON usages (show_id);
CREATE INDEX IF NOT EXISTS usages_by_report ON usages (report_venue_id, show_day, seq);
CREATE INDEX IF NOT EXISTS usages_by_card ON usages (card_id, show_id);
-- The usages that stand: every count (tally, bookings, already used) reads this, never a voided usage.
CREATE VIEW IF NOT EXISTS registered_usages AS SELECT * FROM usages WHERE voided_at IS NULL;
CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, body_hash TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'done')), status INTEGER, response TEXT,
  created_at INTEGER NOT NULL, locked_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS idempotency_by_age ON idempotency (created_at);
-- Cards admitted twice (a terminal's usage that waited, refused as already used): keyed by the refused usage's key.
CREATE TABLE IF NOT EXISTS conflicts (key TEXT PRIMARY KEY, usage_id TEXT NOT NULL, report_venue_id TEXT NOT NULL,
  show_id TEXT NOT NULL, show_day TEXT NOT NULL, terminal TEXT, client_time TEXT NOT NULL, recorded_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS conflicts_by_show ON conflicts (report_venue_id, show_id);
CREATE INDEX IF NOT EXISTS conflicts_by_day ON conflicts (report_venue_id, show_day);
`;

/**
 * Opens the sandbox database (a file, or memory); WAL and a busy timeout let processes share a file. Another
 * schema version is refused, never half-read: no migrations (none was ever published to migrate from).
 */
export function openDatabase(
  file: string | undefined,
  busyTimeoutMs = 5000,
  durable = false,
): Database.Database {
  const db = new Database(file ?? ':memory:');
  // The busy timeout first: switching to WAL while another process writes must wait, not fail.
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  if (file) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`synchronous = ${durable ? 'FULL' : 'NORMAL'}`);
  // Inside the write lock: two processes opening one new file create it once.
  db.transaction(() => {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all();
    if (tables.length === 0)
      return db.exec(`${SCHEMA} INSERT INTO meta (key, value) VALUES ('schema', '${SCHEMA_VERSION}');`);
    const version = tables.some((t) => t.name === 'meta')
      ? db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'schema'").get()?.value
      : undefined;
    if (version !== SCHEMA_VERSION)
      throw new Error(
        `${file} holds schema ${version ?? '1'} data, not schema ${SCHEMA_VERSION}: use a new --db file`,
      );
    // A schema version only grows (its statements are all "if not exists"): a file of this version gains the tables
    // and indexes a later release added, e.g. a venue register's file the `conflicts` table.
    db.exec(SCHEMA);
  }).immediate();
  return db;
}
