import { checkVoidWindow, getPolicy } from '@kaiku-scanner/core';
import { makeProblem } from '@kaiku-scanner/core/contract';
import type { Problem, VoidResult } from '@kaiku-scanner/core/contract';
import type { Outcome, RegisterContext } from './register-usage.js';
import { showTally } from './register-usage.js';
import { problems } from '../http/respond.js';

/** The answer to a void: a result, or a problem. */
export type VoidOutcome =
  { readonly kind: 'result'; readonly result: VoidResult } | Extract<Outcome, { kind: 'problem' }>;

/**
 * Voids a usage in one write transaction: found, registered by the caller's venue (`venue`, undefined = a token
 * bound to no venue), still within the void window of the show's policy (`checkVoidWindow`). A voided usage answers
 * again with its first `voidedAt` (idempotent). Its tickets leave the tally: every count reads `registered_usages`.
 */
export function voidUsage(ctx: RegisterContext, usageId: string, venue: string | undefined): VoidOutcome {
  const { repo } = ctx;
  const refuse = (problem: Problem): VoidOutcome => ({ kind: 'problem', problem });
  return repo.immediate((): VoidOutcome => {
    const now = ctx.clock.now();
    const found = repo.getUsage(usageId);
    if (!found) return refuse(problems.usageNotFound());
    if (venue !== undefined && venue !== found.venueId)
      return refuse(problems.forbidden('Only the venue that registered a usage may void it.'));
    const { record, ownerId } = found;
    const show = repo.getShow(ownerId, record.show.id);
    const policy = getPolicy(show?.policyVersion ?? '');
    const {
      registeredAt,
      show: { start: showStart },
    } = record;
    const window = checkVoidWindow({ registeredAt, showStart, now, ...(policy ? { policy } : {}) });
    // A voided usage answers with its first `voidedAt`, whenever asked.
    if (record.voidedAt === undefined && !window.ok) {
      const reasons = window.reasons.map(({ code, params }) => ({ code, params }));
      return refuse(makeProblem(422, 'void-window-closed', 'Void window closed', { reasons }));
    }
    const voidedAt = record.voidedAt ?? now.toISOString();
    repo.voidUsage(usageId, voidedAt);
    const tally = showTally(repo, ownerId, record.show.id, show?.cap ?? null, now);
    const result = { usageId, state: 'voided', voidedAt, tickets: record.tickets, showTally: tally } as const;
    return { kind: 'result', result };
  });
}
