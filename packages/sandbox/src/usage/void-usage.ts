import { checkVoidWindow, getPolicy } from '@kaiku-scanner/core';
import { makeProblem } from '@kaiku-scanner/core/contract';
import type { VoidResult } from '@kaiku-scanner/core/contract';
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
  return repo.immediate((): VoidOutcome => {
    const now = ctx.clock.now();
    const found = repo.getUsage(usageId);
    if (!found)
      return {
        kind: 'problem',
        problem: makeProblem(404, 'usage-not-found', 'Usage not found', { detail: 'No usage has this ID.' }),
      };
    if (venue !== undefined && venue !== found.venueId)
      return {
        kind: 'problem',
        problem: problems.forbidden('Only the venue that registered a usage may void it.'),
      };
    const { record, ownerId } = found;
    const show = repo.getShow(ownerId, record.show.id);
    let voidedAt = record.voidedAt;
    if (voidedAt === undefined) {
      const policy = getPolicy(show?.policyVersion ?? '');
      const window = checkVoidWindow({
        registeredAt: record.registeredAt,
        showStart: record.show.start,
        now,
        ...(policy ? { policy } : {}),
      });
      if (!window.ok)
        return {
          kind: 'problem',
          problem: makeProblem(422, 'void-window-closed', 'Void window closed', {
            detail: 'The usage can no longer be voided.',
            reasons: window.reasons.map(({ code, params }) => ({ code, params })),
          }),
        };
      voidedAt = now.toISOString();
      repo.voidUsage(usageId, voidedAt);
    }
    const tally = showTally(repo, ownerId, record.show.id, show?.cap ?? null, now);
    return {
      kind: 'result',
      result: { usageId, state: 'voided', voidedAt, tickets: record.tickets, showTally: tally },
    };
  });
}
