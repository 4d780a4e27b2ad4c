import { openDatabase } from './open-database.js';
import { createRepository } from './repository.js';
import type { Store } from './store.js';

/** The database as messages name it. */
export const describeDatabase = (location: string): string => location;

/** Opens the store at `location`: a SQLite file, or (undefined) a SQLite database in memory. */
export async function openStore(
  location: string | undefined,
  options: { busyTimeoutMs?: number; durable?: boolean } = {},
): Promise<Store> {
  return createRepository(openDatabase(location, options.busyTimeoutMs, options.durable));
}
