import { createHash, randomUUID } from 'node:crypto';
import {
  checkVoidWindow,
  decideUsage,
  getPolicy,
  parseCardId,
  toApiShow,
  toUsageEvent,
} from '@kaiku-scanner/core';
import { CARD_STATUS_REFUSALS, TALLY_CONFLICTS_MAX, makeProblem } from '@kaiku-scanner/core/contract';
import type { CardRecord, Problem, ShowTally, UsageRequest, UsageResult } from '@kaiku-scanner/core/contract';
import type { VoidResult } from '@kaiku-scanner/core/contract';
import { type Repository, type ShowConfig, type StoreOps, scopedKey } from '../db/repository.js';
import { type Clock, helsinkiDay } from '../clock.js';
import { problems } from '../http/respond.js';

/** The answer to one registration (or void): what the HTTP layer (or a batch item) sends back. */
export type Outcome<R = UsageResult> =
  | { readonly kind: 'result'; readonly status: 200 | 201; readonly result: R; readonly replayed: boolean }
  | { readonly kind: 'problem'; readonly problem: Problem; readonly retryAfterSeconds?: number };

export type RegisterContext = {
  readonly repo: Repository;
  readonly clock: Clock;
  /** Testing hook: awaited between claiming the key and deciding (to make "in progress" observable). */
  readonly beforeDecide?: () => Promise<void>;
  /** No card data (a venue's own register): a card is decided on its ID, see {@link cardOf}. */
  readonly uncheckedCards?: boolean;
};

/**
 * The card a usage is decided on: the registry's record; or, where the server holds no card data (a venue's own
 * register), the card as a terminal without Kaikukanta knows it — its kind from the ID's prefix, valid on the
 * show's day, as many minors as the contract allows (the clerk gives the children the card shows). Undefined: the
 * card is not registered (or its ID is not a card's).
 */
export async function cardOf(
  ctx: Pick<RegisterContext, 'uncheckedCards'>,
  repo: StoreOps,
  id: string,
  day: string,
): Promise<CardRecord | undefined> {
  const known = await repo.getCard(id);
  const parsed = parseCardId(id);
  if (known || !ctx.uncheckedCards || !parsed.ok) return known;
  const { prefix, kind } = parsed as { prefix: CardRecord['prefix']; kind: CardRecord['kind'] };
  return { id, prefix, kind, status: 'active', validUntil: day, minors: 20 };
}

/** How long a pending key blocks its duplicates before it counts as abandoned (a crashed request). */
const PENDING_TIMEOUT_MS = 30_000;

/** The canonical hash of a request body: zod output has a fixed key order. */
function bodyHash(usage: UsageRequest): string {
  return createHash('sha256').update(JSON.stringify(usage)).digest('hex');
}

/** The tally of a venue's show as the contract reports it, with the cap of its stored settings (else none). */
export async function showTally(
  repo: StoreOps,
  venueId: string,
  showId: string,
  now: Date,
): Promise<ShowTally> {
  const cap = (await repo.getShow(venueId, showId))?.cap ?? null;
  const { given, usages } = await repo.tally(venueId, showId);
  const conflicts = await repo.showConflicts(venueId, showId, TALLY_CONFLICTS_MAX);
  return {
    showId,
    cap,
    ticketsGiven: given,
    remaining: cap === null ? null : Math.max(0, cap - given),
    usages,
    updatedAt: now.toISOString(),
    ...(conflicts.length > 0 ? { conflicts } : {}),
  };
}

/**
 * A refusal of a usage whose ticket was already given (`admitted`) because the card is already used for the show:
 * the card was admitted twice (two terminals during a network split). Recorded once per key against the usage that
 * stands, never counted: both clerks see it (the tally's `conflicts`) and the report marks it.
 */
async function noteConflict(
  repo: StoreOps,
  key: string,
  usage: UsageRequest,
  problem: Problem,
  now: Date,
): Promise<void> {
  const codes = [problem.code, ...(problem.reasons ?? []).map((r) => r.code)];
  if (codes.includes('already-used')) await repo.addConflict(key, usage, now.toISOString());
}

const refused = (problem: Problem, retryAfterSeconds?: number): Outcome<never> =>
  retryAfterSeconds === undefined
    ? { kind: 'problem', problem }
    : { kind: 'problem', problem, retryAfterSeconds };

/**
 * Claims `key` for this request (undefined), or the answer it already has: a replay, 422 reused, 409 pending. One
 * transaction serialized per key: of two requests with one key, the second sees the first's claim.
 */
function claimKey(
  ctx: RegisterContext,
  key: string,
  usage: UsageRequest,
  admitted: boolean,
): Promise<Outcome | undefined> {
  const nowMs = Date.now();
  const hash = bodyHash(usage);
  return ctx.repo.immediate(async (repo): Promise<Outcome | undefined> => {
    const row = await repo.getKey(key);
    if (row?.state === 'done') {
      if (row.body_hash !== hash) return refused(problems.keyReused());
      const stored = JSON.parse(row.response ?? 'null') as UsageResult | Problem;
      if (row.status === 201 || row.status === 200)
        return { kind: 'result', status: 200, result: stored as UsageResult, replayed: true };
      // Refused on a send the clerk waited on, whose answer was lost: the ticket was given after all.
      if (admitted) await noteConflict(repo, key, usage, stored as Problem, ctx.clock.now());
      return { kind: 'problem', problem: stored as Problem };
    }
    if (row?.state === 'pending' && nowMs - row.locked_at < PENDING_TIMEOUT_MS)
      return refused(problems.keyInProgress(), 1);
    await repo.lockKey(key, hash, nowMs);
    return undefined;
  }, `key ${key}`);
}

/**
 * The server's decision, by the rules core the SDK runs locally (`decideUsage`), on the data read inside the write
 * transaction: the card record, the owning venue's show settings and tally, the card's earlier usages, the group
 * members' own cards. A refusal is a 422 problem: `code` the first reason's, `reasons` every one.
 */
async function decide(
  ctx: RegisterContext,
  repo: StoreOps,
  usage: UsageRequest,
  card: CardRecord,
  show: ShowConfig,
  now: Date,
) {
  const owner = usage.forVenueId ?? usage.venueId;
  const decision = decideUsage({
    card,
    event: toUsageEvent(show, { ticketsGiven: (await repo.tally(owner, show.id)).given }),
    request: {
      mode: usage.mode,
      childTickets: usage.childTickets,
      ...(usage.group ? { group: usage.group } : {}),
      // For a collection: the tickets this card's uncollected bookings for the show hold in the tally.
      ...(usage.mode === 'collection'
        ? { alreadyCounted: await repo.bookedUncollected(usage.cardId, owner, show.id) }
        : {}),
    },
    now,
    earlierUsages: await repo.cardUsages(usage.cardId, owner, show.id, usage.venueId),
  });
  const reasons = [
    ...(decision.ok
      ? []
      : decision.reasons.map((r) => ({ code: r.code, params: r.params, en: r.message.en }))),
    ...(await memberReasons(
      usage.group?.memberCardIds ?? [],
      (id) => cardOf(ctx, repo, id, helsinkiDay(now)),
      helsinkiDay(now),
    )),
  ];
  if (decision.ok && reasons.length === 0) return decision;
  return refused(
    makeProblem(422, reasons[0]!.code, 'Usage refused by the operating model', {
      detail: reasons.map((r) => r.en).join(' '),
      reasons: reasons.map(({ code, params }) => ({
        code,
        params: Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)),
      })),
    }),
  );
}

/**
 * The group members' own cards against the registry: each must be registered, active and valid today. (Format,
 * duplicates and community cards among members are the rules core's checks.)
 */
async function memberReasons(
  memberIds: readonly string[],
  getCard: (id: string) => Promise<CardRecord | undefined>,
  today: string,
) {
  // One at a time: inside a transaction, statements go over one connection.
  const cards: (CardRecord | undefined)[] = [];
  for (const id of memberIds) cards.push(await getCard(id));
  return memberIds.flatMap((_id, index) => {
    const card = cards[index];
    const cause = !card
      ? 'card-not-registered'
      : card.status !== 'active'
        ? CARD_STATUS_REFUSALS[card.status]
        : card.validUntil < today
          ? 'card-expired'
          : undefined;
    const en = `Group member card refused (${cause}).`;
    return cause ? [{ code: 'group-member-invalid', params: { position: index + 1, cause }, en }] : [];
  });
}

/**
 * Decides and writes in one transaction serialized per show (the owner's show ID): of two terminals registering one
 * card, or the last seats of a cap, the second decides on what the first wrote.
 */
function decideAndWrite(
  ctx: RegisterContext,
  key: string,
  usage: UsageRequest,
  clientKey: string,
  admitted: boolean,
): Promise<Outcome> {
  const { clock } = ctx;
  // The show is the owning venue's; its settings are the owner's alone.
  const owner = usage.forVenueId ?? usage.venueId;
  return ctx.repo.immediate(
    async (repo): Promise<Outcome> => {
      const now = clock.now();
      const finish = async (outcome: Outcome): Promise<Outcome> => {
        if (outcome.kind === 'result') await repo.finishKey(key, outcome.status, outcome.result);
        else await repo.finishKey(key, outcome.problem.status, outcome.problem);
        return outcome;
      };
      const card = await cardOf(ctx, repo, usage.cardId, helsinkiDay(new Date(usage.show.start)));
      if (!card) return finish(refused(problems.cardNotRegistered()));
      // A ticket agent's usage counts against the owner's settings, but never sets them: for a show the venue has not
      // stored, it is decided without the agent's cap and seats, and nothing is stored (the venue's own first usage
      // or settings will be).
      let show: ShowConfig | undefined = await repo.getShow(owner, usage.show.id);
      if (!show && owner === usage.venueId) await repo.putShow(owner, (show = usage.show), now.toISOString());
      show ??= { ...usage.show, cap: undefined, seats: undefined };
      const decision = await decide(ctx, repo, usage, card, show, now);
      if ('kind' in decision) {
        if (admitted && decision.kind === 'problem')
          await noteConflict(repo, key, usage, decision.problem, now);
        return finish(decision);
      }
      const registeredAt = now.toISOString();
      const usageId = randomUUID();
      // The record carries the show as the server knows it (the venue's settings win over the request's).
      const recordedShow = toApiShow(show);
      await repo.insertUsage({
        id: usageId,
        // The client's key goes back in the usage list: it tells a client whether its usage is here.
        request: { ...usage, show: recordedShow, idempotencyKey: clientKey },
        showDay: helsinkiDay(new Date(show.start)),
        counted: decision.countedAgainstCap,
        covered: decision.coveredByBooking,
        tickets: decision.tickets,
        registeredAt,
      });
      const result = {
        usageId,
        registeredAt,
        tickets: decision.tickets,
        showTally: await showTally(repo, owner, show.id, now),
        countedAgainstCap: decision.countedAgainstCap,
        coveredByBooking: decision.coveredByBooking,
      };
      return finish({ kind: 'result', status: 201, result, replayed: false });
    },
    `show ${scopedKey(usage.show.id, owner)}`,
  );
}

/**
 * Registers one usage exactly once per idempotency key and venue. The key belongs to the venue that sent it (the
 * venue its token acts for, `scopedKey`): the same key from another venue is another key, so it neither collides
 * (a 422 would reveal the key was used) nor replays the other venue's answer. Not per token: a terminal's token is
 * short-lived, and a retry after a refresh must still replay.
 *
 * 1. claim the key (one transaction per key): a finished key replays its first answer, or 422 when the body
 *    differs; a key still pending → 409;
 * 2. decide and write (one transaction per show): the tally is read and the usage inserted in one
 *    transaction, so the cap holds across concurrent terminals and processes sharing the database.
 * (`Store.immediate`: SQLite's BEGIN IMMEDIATE; PostgreSQL's advisory lock of the key, or of the show.)
 * A crash between the two leaves a pending key that expires after `PENDING_TIMEOUT_MS`.
 */
export async function registerUsage(
  ctx: RegisterContext,
  clientKey: string,
  usage: UsageRequest,
  /** The terminal gave the ticket before sending (`BatchItem.admitted`): an `already-used` refusal is a conflict. */
  admitted = false,
): Promise<Outcome> {
  const key = scopedKey(clientKey, usage.venueId);
  const claimed = await claimKey(ctx, key, usage, admitted);
  if (claimed) return claimed;
  try {
    if (ctx.beforeDecide) await ctx.beforeDecide();
    return await decideAndWrite(ctx, key, usage, clientKey, admitted);
  } catch (error) {
    await ctx.repo.dropPendingKey(key);
    throw error;
  }
}

/**
 * Voids a usage in one write transaction: found, registered by the caller's venue (`venue`, undefined = a token
 * bound to no venue), still within the void window of the show's policy (`checkVoidWindow`). A voided usage answers
 * again with its first `voidedAt` (idempotent). Its tickets leave the tally: every count reads `registered_usages`.
 */
export async function voidUsage(
  ctx: RegisterContext,
  usageId: string,
  venue: string | undefined,
): Promise<Outcome<VoidResult>> {
  // Serialized with the registrations of its show (its tickets leave the tally they decide on): the show is read
  // first, then again inside the transaction.
  const seen = await ctx.repo.getUsage(usageId);
  const lock = seen ? `show ${scopedKey(seen.record.show.id, seen.ownerId)}` : `usage ${usageId}`;
  return ctx.repo.immediate(async (repo): Promise<Outcome<VoidResult>> => {
    const now = ctx.clock.now();
    const found = await repo.getUsage(usageId);
    if (!found) return refused(problems.usageNotFound());
    if (venue !== undefined && venue !== found.venueId)
      return refused(problems.forbidden('Only the venue that registered a usage may void it.'));
    const { record, ownerId } = found;
    const show = await repo.getShow(ownerId, record.show.id);
    const policy = getPolicy(show?.policyVersion ?? '');
    const {
      registeredAt,
      show: { start: showStart },
    } = record;
    const window = checkVoidWindow({ registeredAt, showStart, now, ...(policy ? { policy } : {}) });
    // A voided usage answers with its first `voidedAt`, whenever asked.
    if (record.voidedAt === undefined && !window.ok) {
      const reasons = window.reasons.map(({ code, params }) => ({ code, params }));
      return refused(makeProblem(422, 'void-window-closed', 'Void window closed', { reasons }));
    }
    const voidedAt = record.voidedAt ?? now.toISOString();
    await repo.voidUsage(usageId, voidedAt);
    const tally = await showTally(repo, ownerId, record.show.id, now);
    const result = { usageId, state: 'voided', voidedAt, tickets: record.tickets, showTally: tally } as const;
    return { kind: 'result', status: 200, result, replayed: false };
  }, lock);
}
