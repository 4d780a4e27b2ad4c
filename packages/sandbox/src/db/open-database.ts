import Database from 'better-sqlite3';

export type Db = Database.Database;

/** Schema version 4. Idempotency keys, usages and show settings survive restarts (a file DB). */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS venues (id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cards (
  id TEXT PRIMARY KEY,
  prefix TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  renewed_at TEXT,
  minors INTEGER NOT NULL,
  label TEXT
);
CREATE TABLE IF NOT EXISTS shows (
  id TEXT PRIMARY KEY,
  venue_id TEXT NOT NULL,
  config TEXT NOT NULL,
  cap INTEGER,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS usages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  venue_id TEXT NOT NULL,
  report_venue_id TEXT NOT NULL,
  show_id TEXT NOT NULL,
  show_day TEXT NOT NULL,
  card_id TEXT NOT NULL,
  mode TEXT NOT NULL,
  counted INTEGER NOT NULL,
  covered INTEGER NOT NULL DEFAULT 0,
  request TEXT NOT NULL,
  tickets TEXT NOT NULL,
  registered_at TEXT NOT NULL,
  voided_at TEXT
);
CREATE INDEX IF NOT EXISTS usages_by_show ON usages (show_id);
CREATE INDEX IF NOT EXISTS usages_by_report ON usages (report_venue_id, show_day, seq);
CREATE INDEX IF NOT EXISTS usages_by_card ON usages (card_id, show_id);
CREATE TABLE IF NOT EXISTS idempotency (
  key TEXT PRIMARY KEY,
  body_hash TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'done')),
  status INTEGER,
  response TEXT,
  created_at INTEGER NOT NULL,
  locked_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS idempotency_by_age ON idempotency (created_at);
`;

/**
 * Opens (creating if needed) the sandbox database: a file, or memory. WAL and a busy timeout let
 * several sandbox processes share one file; writes use BEGIN IMMEDIATE (see register-usage.ts).
 */
export function openDatabase(file: string | undefined, busyTimeoutMs = 5000): Db {
  const db = new Database(file ?? ':memory:');
  // The busy timeout first: switching to WAL while another process writes must wait, not fail.
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  if (file) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  migrate(db);
  return db;
}

/**
 * Schema 2 adds `usages.covered` (what a collection's booking already held). A version-1 file marked a
 * collection of a booking by `counted = 0`: such collections covered their whole count.
 */
function migrate(db: Db): void {
  // Checked inside the write transaction: two processes opening one file migrate it once.
  db.transaction(() => {
    const columns = db.prepare<[], { name: string }>('PRAGMA table_info(usages)').all();
    if (!columns.some((c) => c.name === 'covered')) {
      db.exec('ALTER TABLE usages ADD COLUMN covered INTEGER NOT NULL DEFAULT 0');
      db.exec(
        `UPDATE usages SET covered = json_extract(tickets, '$.total')
         WHERE mode = 'collection' AND counted = 0 AND show_id IN (SELECT id FROM shows WHERE cap IS NOT NULL)`,
      );
    }
    // Schema 4: a usage can be voided; every count reads the view of the usages that stand (`registered_usages`).
    if (!columns.some((c) => c.name === 'voided_at')) db.exec('ALTER TABLE usages ADD COLUMN voided_at TEXT');
    db.exec('CREATE VIEW IF NOT EXISTS registered_usages AS SELECT * FROM usages WHERE voided_at IS NULL');
    // Schema 3: show IDs are per venue, stored in their venue's scope (`<id>\n<venue>`, see `scopedKey`).
    db.exec('UPDATE shows SET id = id || char(10) || venue_id WHERE instr(id, char(10)) = 0');
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', '4')").run();
  }).immediate();
}
