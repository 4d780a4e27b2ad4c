import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from './open-database.js';
import { createRepository } from './repository.js';

const dir = mkdtempSync(join(tmpdir(), 'kaiku-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('migrates a schema-1 file: a collection of a booking (counted 0) covered its tickets; shows per venue', () => {
  const file = join(dir, 'v1.db');
  const v1 = new Database(file);
  v1.exec(`CREATE TABLE shows (id TEXT PRIMARY KEY, venue_id TEXT NOT NULL, config TEXT NOT NULL, cap INTEGER, created_at TEXT NOT NULL);
    CREATE TABLE usages (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, venue_id TEXT NOT NULL,
      report_venue_id TEXT NOT NULL, show_id TEXT NOT NULL, show_day TEXT NOT NULL, card_id TEXT NOT NULL,
      mode TEXT NOT NULL, counted INTEGER NOT NULL, request TEXT NOT NULL, tickets TEXT NOT NULL, registered_at TEXT NOT NULL);
    INSERT INTO shows VALUES ('s', 'v', '{}', 3, 'x');
    INSERT INTO usages VALUES (1, 'u1', 'v', 'v', 's', '2030-01-01', 'A045198723', 'booking', 2, '{}', '{"total":2}', 'x');
    INSERT INTO usages VALUES (2, 'u2', 'v', 'v', 's', '2030-01-01', 'A045198723', 'collection', 0, '{}', '{"total":2}', 'x');
    INSERT INTO usages VALUES (3, 'u3', 'v', 'v', 's', '2030-01-01', 'A999005461', 'booking', 1, '{}', '{"total":1}', 'x');`);
  v1.close();
  const db = openDatabase(file);
  try {
    const repo = createRepository(db);
    expect(repo.bookedUncollected('A045198723', 'v', 's')).toBe(0);
    expect(repo.bookedUncollected('A999005461', 'v', 's')).toBe(1);
    expect(repo.tally('v', 's')).toEqual({ given: 3, usages: 3 });
    // Schema 3: the show is venue v's (another venue's `s` is another show).
    expect([repo.getShow('v', 's'), repo.getShow('w', 's'), repo.showOwner('s')]).toEqual([
      {},
      undefined,
      'v',
    ]);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'schema'").get()).toEqual({ value: '4' });
  } finally {
    db.close();
  }
  // Opening again changes nothing.
  const again = openDatabase(file);
  expect(createRepository(again).bookedUncollected('A999005461', 'v', 's')).toBe(1);
  expect(createRepository(again).getShow('v', 's')).toEqual({});
  again.close();
});
