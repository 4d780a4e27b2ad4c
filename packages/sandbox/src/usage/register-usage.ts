import { createHash, randomUUID } from 'node:crypto';
import { toApiShow } from '@kaiku-scanner/core';
import type { Problem, ShowTally, UsageRequest, UsageResult } from '@kaiku-scanner/core/contract';
import type { Repository, ShowConfig } from '../db/repository.js';
import { scopedKey } from '../db/repository.js';
import type { Clock } from '../clock.js';
import { helsinkiDay } from '../clock.js';
import { checkMemberCards, decide } from './decide.js';
import { problems } from '../http/respond.js';

/** The answer to one registration: what the HTTP layer (or a batch item) sends back. */
export type Outcome =
  | {
      readonly kind: 'result';
      readonly status: 200 | 201;
      readonly result: UsageResult;
      readonly replayed: boolean;
    }
  | { readonly kind: 'problem'; readonly problem: Problem; readonly retryAfterSeconds?: number };

export type RegisterContext = {
  readonly repo: Repository;
  readonly clock: Clock;
  /** How long a pending key blocks its duplicates before it counts as abandoned (a crashed request). */
  readonly pendingTimeoutMs: number;
  /** Testing hook: awaited between claiming the key and deciding (to make "in progress" observable). */
  readonly beforeDecide?: () => Promise<void>;
};

/** The canonical hash of a request body: zod output has a fixed key order. */
export function bodyHash(usage: UsageRequest): string {
  return createHash('sha256').update(JSON.stringify(usage)).digest('hex');
}

/** The tally of a venue's show as the contract reports it. */
export function showTally(
  repo: Repository,
  venueId: string,
  showId: string,
  cap: number | null,
  now: Date,
): ShowTally {
  const { given, usages } = repo.tally(venueId, showId);
  return {
    showId,
    cap,
    ticketsGiven: given,
    remaining: cap === null ? null : Math.max(0, cap - given),
    usages,
    updatedAt: now.toISOString(),
  };
}

const refused = (problem: Problem, retryAfterSeconds?: number): Outcome =>
  retryAfterSeconds === undefined
    ? { kind: 'problem', problem }
    : { kind: 'problem', problem, retryAfterSeconds };

type Claim = { readonly claimed: true } | { readonly claimed: false; readonly outcome: Outcome };

function claimKey(ctx: RegisterContext, key: string, hash: string): Claim {
  const { repo } = ctx;
  const nowMs = Date.now();
  return repo.immediate((): Claim => {
    const row = repo.getKey(key);
    if (row?.state === 'done') {
      if (row.body_hash !== hash) return { claimed: false, outcome: refused(problems.keyReused()) };
      const stored = JSON.parse(row.response ?? 'null') as UsageResult | Problem;
      return {
        claimed: false,
        outcome:
          row.status === 201 || row.status === 200
            ? { kind: 'result', status: 200, result: stored as UsageResult, replayed: true }
            : { kind: 'problem', problem: stored as Problem },
      };
    }
    if (row?.state === 'pending' && nowMs - row.locked_at < ctx.pendingTimeoutMs)
      return { claimed: false, outcome: refused(problems.keyInProgress(), 1) };
    repo.lockKey(key, hash, nowMs);
    return { claimed: true };
  });
}

function decideAndWrite(ctx: RegisterContext, key: string, usage: UsageRequest, clientKey: string): Outcome {
  const { repo, clock } = ctx;
  return repo.immediate((): Outcome => {
    const now = clock.now();
    const finish = (outcome: Outcome): Outcome => {
      if (outcome.kind === 'result') repo.finishKey(key, outcome.status, outcome.result);
      else repo.finishKey(key, outcome.problem.status, outcome.problem);
      return outcome;
    };
    const card = repo.getCard(usage.cardId);
    if (!card) return finish(refused(problems.cardNotRegistered()));
    // The show is the owning venue's; its settings are the owner's alone. A ticket agent's usage counts against
    // them, but never sets them: for a show the venue has not stored, it is decided without the agent's cap and
    // seats, and nothing is stored (the venue's own first usage or settings will be).
    const owner = usage.forVenueId ?? usage.venueId;
    let show: ShowConfig | undefined = repo.getShow(owner, usage.show.id);
    if (!show && owner === usage.venueId) repo.putShow(owner, (show = usage.show), now.toISOString());
    show ??= { ...usage.show, cap: undefined, seats: undefined };
    const cap = show.cap ?? null;
    const decision = decide({
      usage,
      card,
      show,
      ticketsGiven: repo.tally(owner, show.id).given,
      bookedUncollected:
        usage.mode === 'collection' ? repo.bookedUncollected(usage.cardId, owner, show.id) : 0,
      earlierUsages: repo.cardUsages(usage.cardId, owner, show.id),
      memberReasons: checkMemberCards(usage.group?.memberCardIds ?? [], repo.getCard, helsinkiDay(now)),
      now,
    });
    if (!decision.ok) return finish(refused(decision.problem));
    const registeredAt = now.toISOString();
    const usageId = randomUUID();
    // The record carries the show as the server knows it (the venue's settings win over the request's).
    const recordedShow = toApiShow(show);
    repo.insertUsage({
      id: usageId,
      // The client's key goes back in the usage list: it tells a client whether its usage is here.
      request: { ...usage, show: recordedShow, idempotencyKey: clientKey },
      showDay: helsinkiDay(new Date(show.start)),
      counted: decision.counted,
      covered: decision.covered,
      tickets: decision.tickets,
      registeredAt,
    });
    const result = {
      usageId,
      registeredAt,
      tickets: decision.tickets,
      showTally: showTally(repo, owner, show.id, cap, now),
      countedAgainstCap: decision.counted,
      coveredByBooking: decision.covered,
    };
    return finish({ kind: 'result', status: 201, result, replayed: false });
  });
}

/**
 * Registers one usage exactly once per idempotency key and venue. The key belongs to the venue that sent it (the
 * venue its token acts for, `scopedKey`): the same key from another venue is another key, so it neither collides
 * (a 422 would reveal the key was used) nor replays the other venue's answer. Not per token: a terminal's token is
 * short-lived, and a retry after a refresh must still replay.
 *
 * 1. claim the key (BEGIN IMMEDIATE): a finished key replays its first answer, or 422 when the body
 *    differs; a key still pending → 409;
 * 2. decide and write (BEGIN IMMEDIATE): the tally is read and the usage inserted in one
 *    transaction, so the cap holds across concurrent terminals and processes sharing the file.
 * A crash between the two leaves a pending key that expires after `pendingTimeoutMs`.
 */
export async function registerUsage(
  ctx: RegisterContext,
  clientKey: string,
  usage: UsageRequest,
): Promise<Outcome> {
  const key = scopedKey(clientKey, usage.venueId);
  const claim = claimKey(ctx, key, bodyHash(usage));
  if (!claim.claimed) return claim.outcome;
  try {
    if (ctx.beforeDecide) await ctx.beforeDecide();
    return decideAndWrite(ctx, key, usage, clientKey);
  } catch (error) {
    ctx.repo.dropPendingKey(key);
    throw error;
  }
}
