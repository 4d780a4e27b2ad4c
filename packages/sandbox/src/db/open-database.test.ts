import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from './open-database.js';
import { createRepository } from './repository.js';

const dir = mkdtempSync(join(tmpdir(), 'kaiku-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('keeps its data across reopening, and refuses a file of another schema by name', async () => {
  const file = join(dir, 'now.db');
  const db = openDatabase(file);
  await createRepository(db).putShow(
    'v',
    { id: 's', name: 'S', start: '2030-01-01T18:00:00+02:00', kind: 'show' },
    'x',
  );
  db.close();
  const again = openDatabase(file);
  expect((await createRepository(again).getShow('v', 's'))?.name).toBe('S');
  again.close();
  // A schema-1 file (no `covered`, no version): refused, not read with a column missing.
  const old = join(dir, 'v1.db');
  const v1 = new Database(old);
  v1.exec('CREATE TABLE usages (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, counted INTEGER NOT NULL)');
  v1.close();
  expect(() => openDatabase(old)).toThrow(/holds schema 1 data, not schema 4: use a new --db file/);
});

it('gives a file of its schema version what a later release added (the conflicts table)', async () => {
  const file = join(dir, 'before-conflicts.db');
  openDatabase(file).close();
  // As a venue register's file from before the table existed: same version, no `conflicts`.
  const earlier = new Database(file);
  earlier.exec('DROP TABLE conflicts');
  earlier.close();
  const db = openDatabase(file);
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  expect(names.map((t) => t.name)).toContain('conflicts');
  expect(await createRepository(db).showConflicts('v', 's', 10)).toEqual([]);
  db.close();
});
