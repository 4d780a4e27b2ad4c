import { VoidResultSchema } from '@kaiku-scanner/core/contract';
import type { KitCheck } from './checks-requests.js';
import { key, listUsages, post, readTally, register, remember, showId, usage } from './kit-context.js';

/** Voiding a usage (docs/api.md, "Voiding a usage"): the tally given back once, idempotent, bounded, the venue's own. */
export const VOID_CHECKS: readonly KitCheck[] = [
  {
    name: 'void',
    rule: '#voiding-a-usage',
    async run(ctx, c) {
      const id = showId(ctx, 'void');
      const show = { id, cap: 4 };
      const [a, b] = [ctx.cards.active[0]!, ctx.cards.active[1]!];
      const target = await register(ctx, c, usage(ctx, a, show), `void-${a}`, 'a usage to void');
      await register(ctx, c, usage(ctx, b, show), `void-${b}`, 'a usage to void');
      if (!target) return;
      const path = `v1/usages/${encodeURIComponent(target.usageId)}/void`;
      if (ctx.other) {
        const answer = await post(ctx, path, {}, undefined, ctx.other.token);
        c.problem(answer, 403, undefined, "another venue voids this venue's usage");
      }
      const first = c.valid(await post(ctx, path, {}), 200, VoidResultSchema, 'a void');
      const again = c.valid(await post(ctx, path, {}), 200, VoidResultSchema, 'the same void again');
      if (first && again)
        c.that(again.voidedAt === first.voidedAt, 'a second void answered another voidedAt');
      // Two usages of one ticket each, one voided (twice): one ticket stays given, never zero or two.
      const tally = await readTally(ctx, c, id);
      if (tally)
        c.that(tally.ticketsGiven === 1, `the tally after a void: ${tally.ticketsGiven} given, expected 1`);
      if (first)
        c.that(first.showTally.ticketsGiven === 1, `the void's tally: ${first.showTally.ticketsGiven}`);
      // Every page: a venue's day may hold more usages than one page (the list check's own bound applies).
      const listed = (await listUsages(ctx, c, ctx.day, 1000))?.find((u) => u.usageId === target.usageId);
      c.that(listed?.state === 'voided', `the voided usage is listed as ${listed?.state ?? 'missing'}`);
      c.problem(
        await post(ctx, 'v1/usages/conformance-no-such-usage/void', {}),
        404,
        'usage-not-found',
        'an unknown usage',
      );
      // A show that has started: its usage can no longer be voided.
      const started = { id: showId(ctx, 'void-started'), start: new Date(Date.now() - 60_000).toISOString() };
      const late = await post(ctx, 'v1/usages', usage(ctx, a, started), key(ctx, 'void-started'));
      if (late.status !== 201) c.notObserved('the server refused a usage for a show that has started');
      const lateId = (late.json as { usageId: string }).usageId;
      remember(ctx, { usageId: lateId });
      const closed = await post(ctx, `v1/usages/${encodeURIComponent(lateId)}/void`, {});
      c.refusal(closed, 'void-window-closed', ['closesAt'], 'a void after the show started');
    },
  },
];
