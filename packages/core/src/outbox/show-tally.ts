import { get, set, type UseStore } from 'idb-keyval';
import type { OutboxRecord, OutboxUsage } from './types.js';

/** The server's count for a show as last fetched (the contract's `ShowTally`, or the part used here). */
export type ServerTally = {
  readonly showId: string;
  readonly cap: number | null;
  readonly ticketsGiven: number;
  readonly usages: number;
};

/** This terminal's view of a show: the server's last count plus what it holds that the count lacks. */
export type LocalTally = {
  readonly showId: string;
  /** The last count fetched from the server, if any. */
  readonly server: ServerTally | undefined;
  /** Epoch ms of that fetch. */
  readonly fetchedAt: number | undefined;
  /** Tickets in this outbox not yet in that count (pending, or synced after the fetch); refused ones never count. */
  readonly localTickets: number;
  readonly localUsages: number;
  /** Server count + local tickets: the best estimate this terminal has. */
  readonly ticketsGiven: number;
  readonly cap: number | null;
  /** True when the estimate is above the cap: other terminals may have sold meanwhile; flag and reconcile. */
  readonly overCap: boolean;
  /** True when the numbers include local records the server has not confirmed (offline estimate). */
  readonly provisional: boolean;
};

const TALLY = 't:';

/** Tickets one usage gives: the holder's one adult ticket, the children, and a group's members. */
export function ticketsOf(usage: OutboxUsage): number {
  const group = usage.group;
  return 1 + usage.childTickets + (group ? group.memberCardIds.length + group.under16Clients : 0);
}

/** The last server counts per show, bound to one target (`scopeKey`) like the card cache. */
export function tallyStore(store: UseStore, scopeKey: string) {
  const key = (showId: string): string => `${TALLY}${scopeKey}|${showId}`;
  return {
    save({ showId, cap, ticketsGiven, usages }: ServerTally, now: number): Promise<void> {
      return set(key(showId), { showId, cap, ticketsGiven, usages, fetchedAt: now }, store);
    },
    load(showId: string): Promise<(ServerTally & { fetchedAt: number }) | undefined> {
      return get(key(showId), store);
    },
  };
}

/** Combines the server's last count with this outbox's records for the show (pure). */
export function combineTally(
  showId: string,
  server: (ServerTally & { fetchedAt: number }) | undefined,
  records: readonly OutboxRecord[],
): LocalTally {
  const fetchedAt = server?.fetchedAt;
  // Pending usages and those sent since the server's count; a refused one holds no ticket, so is not counted.
  const local = records.filter(
    (r) =>
      r.usage.show.id === showId &&
      (r.state === 'pending' ||
        (r.state === 'synced' && (fetchedAt === undefined || (r.settledAt ?? 0) > fetchedAt))),
  );
  const localTickets = local.reduce((sum, r) => sum + ticketsOf(r.usage), 0);
  const cap = server?.cap ?? null;
  const ticketsGiven = (server?.ticketsGiven ?? 0) + localTickets;
  return {
    showId,
    server: server && { showId, cap: server.cap, ticketsGiven: server.ticketsGiven, usages: server.usages },
    fetchedAt,
    localTickets,
    localUsages: local.length,
    ticketsGiven,
    cap,
    overCap: cap !== null && ticketsGiven > cap,
    provisional: local.some((r) => r.state !== 'synced'),
  };
}
