/** A register's usages: this device's IndexedDB by default, or a vendor's shared store (docs/register.md). */
import { createStrictStore } from '../outbox/strict-store.js';
import { recordStore } from '../outbox/record-store.js';
import type { OutboxRecord } from '../outbox/types.js';

/**
 * A usage recorded without Kaikukanta: an outbox record (card ID, tickets, show, venue, terminal; nothing else about
 * the holder) whose target is the register, never an API, and what became of it since.
 */
export type RegisterRecord = OutboxRecord & {
  /** Epoch ms when an export first wrote it to a file for Kaikukanta's import (marked once the file was handed over). */
  readonly exportedAt?: number;
  /** The name of that file: "download again" writes it again. */
  readonly exportedTo?: string;
  /**
   * Set when it was handed to an API's outbox (`Register.handOver`): `done` once the outbox holds it. A record
   * handed over is never exported, and an exported one never handed over.
   */
  readonly handover?: { readonly api: string; readonly at: number; readonly done: boolean };
};

/**
 * The storage a register runs on. The default keeps one terminal's usages on the device; a shared implementation
 * (two terminals of one venue on one show) returns every terminal's records of the venue from `list`, so caps and
 * "already used" are counted over them all, and an export by one terminal marks them for every other.
 */
export type RegisterStore = {
  /**
   * Stores a new record; resolves only once it is durable. With `unlessUsed`, the check and the write are one atomic
   * step (two tabs or terminals never both sell a card for one show): a kept record it matches is returned instead.
   */
  put(record: RegisterRecord, options?: { unlessUsed?: UsedBy }): Promise<RegisterRecord | undefined>;
  /** Every record, oldest first. */
  list(): Promise<RegisterRecord[]>;
  /**
   * Applies `change` to each listed record atomically (read, change, write, so that two terminals or tabs never
   * both export or hand over one record, and undo never removes one an export marked meanwhile); `undefined` leaves
   * a record as it is, `null` deletes it (undo's conditional remove). Resolves to the changed records (not deleted).
   */
  update(
    ids: readonly string[],
    change: (record: RegisterRecord) => RegisterRecord | null | undefined,
  ): Promise<RegisterRecord[]>;
  /** Deletes records by ID (the purge of those past the retention). */
  remove(ids: readonly string[]): Promise<void>;
};

/** A card's usage for a show, in one of `modes`: what refuses a new usage (one per card and show). */
export type UsedBy = { readonly cardId: string; readonly showId: string; readonly modes: readonly string[] };

/** Whether `record` is a usage `used` names (`RegisterStore.put`'s `unlessUsed`). */
export const isUsedBy = ({ usage: u }: RegisterRecord, used: UsedBy): boolean =>
  u.cardId === used.cardId && u.show.id === used.showId && used.modes.includes(u.mode);

/** The target a register's records carry: `register:<terminal>` instead of an API, so no outbox ever sends them. */
export const registerApi = (terminal: string): string => `register:${terminal}`;

/** The device's register of one venue and terminal: IndexedDB database `kaiku-register <venue> <terminal>`. */
export function deviceRegisterStore(venueId: string, terminal: string, databaseName?: string): RegisterStore {
  const api = registerApi(terminal);
  const store = createStrictStore(databaseName ?? `kaiku-register ${venueId} ${terminal}`, 'outbox');
  const records = recordStore(store, (r) => r.target.api === api && r.target.venueId === venueId);
  return {
    put: (record, { unlessUsed: used } = {}) =>
      records.put(record, used && ((r) => isUsedBy(r, used))) as Promise<RegisterRecord | undefined>,
    list: () => records.list() as Promise<RegisterRecord[]>,
    update: (ids, change) =>
      records.update(ids, change as (r: OutboxRecord) => OutboxRecord | null | undefined) as Promise<
        RegisterRecord[]
      >,
    remove: (ids) => records.remove(ids),
  };
}
