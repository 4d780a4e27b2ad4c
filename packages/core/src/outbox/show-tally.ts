import { get, set, type UseStore } from 'idb-keyval';
import type { OutboxRecord, OutboxUsage } from './types.js';

/** The server's count for a show as last fetched (the contract's `ShowTally`, or the part used here). */
export type ServerTally = {
  readonly showId: string;
  readonly cap: number | null;
  readonly ticketsGiven: number;
  readonly usages: number;
  /** Cards admitted twice (the contract's `ShowTally.conflicts`): the usage that stands, by its key. */
  readonly conflicts?: readonly TallyConflict[] | undefined;
};

/** A conflict as the tally lists it: the key of the usage that stands, and the other admission's where and when. */
export type TallyConflict = {
  readonly idempotencyKey?: string | undefined;
  readonly terminal?: string | undefined;
  readonly clientTime: string;
};

/**
 * A card this terminal admitted that another terminal admitted too while it could not reach the server: the record
 * (`recordId`), its card and show, and where and when (its clock) the other admission was.
 */
export type OwnConflict = {
  readonly recordId: string;
  readonly cardId: string;
  readonly showName: string;
  readonly terminal?: string;
  readonly clientTime: string;
};

/** This terminal's view of a show: the server's last count plus what it holds that the count lacks. */
export type LocalTally = {
  readonly showId: string;
  /** The last count fetched from the server, if any. */
  readonly server: ServerTally | undefined;
  /**
   * Epoch ms at which that count was asked for (not answered): a usage settled after it is taken as missing from the
   * count, never as in it, so an undo made meanwhile cannot take the count below what the server holds.
   */
  readonly fetchedAt: number | undefined;
  /**
   * What this outbox changes that count by: tickets it lacks (pending, or synced after the fetch), less those undone
   * that it still holds (a void queued or made since). Refused and undone usages hold no ticket.
   */
  readonly localTickets: number;
  readonly localUsages: number;
  /** Server count + local tickets: the best estimate this terminal has. */
  readonly ticketsGiven: number;
  readonly cap: number | null;
  /** True when the estimate is above the cap: other terminals may have sold meanwhile; flag and reconcile. */
  readonly overCap: boolean;
  /** True when the numbers include local records the server has not confirmed (offline estimate). */
  readonly provisional: boolean;
  /** This terminal's usages of the show another terminal admitted too (as of the last count fetched). */
  readonly conflicts: readonly OwnConflict[];
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
    save({ showId, cap, ticketsGiven, usages, conflicts }: ServerTally, now: number): Promise<void> {
      // Of a conflict, only what finds this terminal's record and says where and when: no other terminal's keys.
      const kept = (conflicts ?? []).map(({ idempotencyKey, terminal, clientTime }) => ({
        idempotencyKey,
        terminal,
        clientTime,
      }));
      const twice = kept.length > 0 ? { conflicts: kept } : {};
      return set(key(showId), { showId, cap, ticketsGiven, usages, ...twice, fetchedAt: now }, store);
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
  const mine = records.filter((r) => r.usage.show.id === showId);
  const local = mine.filter((r) => countChange(r, fetchedAt) !== 0);
  const localTickets = local.reduce((sum, r) => sum + countChange(r, fetchedAt) * ticketsOf(r.usage), 0);
  const unconfirmed = (r: OutboxRecord) =>
    countChange(r, fetchedAt) > 0 ? r.state !== 'synced' : undone(r) && r.voidedAt === undefined;
  const cap = server?.cap ?? null;
  const ticketsGiven = (server?.ticketsGiven ?? 0) + localTickets;
  return {
    showId,
    server: server && { showId, cap: server.cap, ticketsGiven: server.ticketsGiven, usages: server.usages },
    fetchedAt,
    localTickets,
    localUsages: local.reduce((sum, r) => sum + countChange(r, fetchedAt), 0),
    ticketsGiven,
    cap,
    overCap: cap !== null && ticketsGiven > cap,
    provisional: mine.some(unconfirmed),
    conflicts: (server?.conflicts ?? []).flatMap(({ idempotencyKey, terminal, clientTime }) => {
      const r = mine.find((m) => m.id === idempotencyKey && m.state === 'synced' && !undone(m));
      if (!r) return [];
      const own = { recordId: r.id, cardId: r.usage.cardId, showName: r.usage.show.name, clientTime };
      return [terminal ? { ...own, terminal } : own];
    }),
  };
}

/** The clerk undid it (a void queued or made), and the server has not refused that undo. */
const undone = (r: OutboxRecord): boolean => r.voidRequestedAt !== undefined && r.state !== 'needs-attention';

/** How a record changes the server's count fetched at `fetchedAt`: +1 a usage it lacks, -1 one undone it holds. */
function countChange(r: OutboxRecord, fetchedAt: number | undefined): -1 | 0 | 1 {
  if (r.state === 'pending') return undone(r) ? 0 : 1;
  // Registered: synced, or its void refused (the usage stands); a refused usage holds no ticket.
  if (r.state !== 'synced' && !(r.state === 'needs-attention' && r.voidRequestedAt)) return 0;
  if (fetchedAt === undefined || (r.settledAt ?? 0) > fetchedAt) return undone(r) ? 0 : 1;
  // In the count: an undo still queued, or made since the count, is not in it yet.
  return undone(r) && (r.voidedAt === undefined || r.voidRequestedAt! > fetchedAt) ? -1 : 0;
}
