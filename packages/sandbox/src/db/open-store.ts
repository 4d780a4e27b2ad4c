import { openDatabase } from './open-database.js';
import { openPostgres, redactUrl } from './postgres.js';
import { createRepository } from './repository.js';
import type { Store } from './store.js';

/** A `postgres:` or `postgresql:` URL selects PostgreSQL; anything else is a SQLite file. */
export const isPostgresUrl = (location: string): boolean => /^postgres(?:ql)?:/i.test(location);

/** The database as messages name it: a file's path, or a URL without its password. */
export const describeDatabase = (location: string): string =>
  isPostgresUrl(location) ? redactUrl(location) : location;

/**
 * Opens the store at `location`: a PostgreSQL URL, a SQLite file, or (undefined) a SQLite database in memory.
 * A PostgreSQL URL that does not parse, or a server that cannot be reached, is an error naming it (never a
 * fallback to another database).
 */
export async function openStore(
  location: string | undefined,
  options: { busyTimeoutMs?: number; durable?: boolean } = {},
): Promise<Store> {
  if (location !== undefined && isPostgresUrl(location)) {
    if (!URL.canParse(location) || !/^postgres(?:ql)?:\/\//i.test(location))
      throw new Error(
        `${redactUrl(location)}: a PostgreSQL URL is postgres://user[:password]@host[:port]/database`,
      );
    return openPostgres(location, options.busyTimeoutMs);
  }
  return createRepository(openDatabase(location, options.busyTimeoutMs, options.durable));
}
