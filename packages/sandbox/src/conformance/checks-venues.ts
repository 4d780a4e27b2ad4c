import { BatchResponseSchema, ShowTallySchema, UsageResultSchema } from '@kaiku-scanner/core/contract';
import type { Check, Schema } from './check.js';
import type { KitCheck } from './checks-requests.js';
import type { Answer } from './conformance-http.js';
import {
  type Ctx,
  type Registered,
  addDays,
  helsinkiTime,
  key,
  listUsages,
  post,
  remember,
  showId,
  usage,
} from './kit-context.js';

const needsOther = (ctx: Ctx, c: Check) =>
  ctx.other ?? c.skip('needs a second venue and its token (otherVenue, --other-venue/--other-token)');

/** Who may act for whom, where keys belong, and what a venue's usage list holds. */
export const VENUE_CHECKS: readonly KitCheck[] = [
  {
    name: 'venue binding',
    rule: '#authentication',
    async run(ctx, c) {
      const other = needsOther(ctx, c);
      const forbidden = (answer: Answer, what: string) => c.problem(answer, 403, 'forbidden', what);
      const theirs = { id: showId(ctx, 'other') };
      forbidden(
        await post(
          ctx,
          'v1/usages',
          usage(ctx, ctx.cards.active[0]!, theirs, { venueId: other.venueId }),
          key(ctx, 'other-1'),
        ),
        'a usage for another venue',
      );
      forbidden(
        await ctx.http.send(
          'GET',
          `v1/venues/${encodeURIComponent(other.venueId)}/usages?from=${ctx.day}&to=${ctx.day}`,
        ),
        "another venue's usage list",
      );
      const batch = c.valid<{ results: { ok: boolean; problem?: { status: number; code: string } }[] }>(
        await post(ctx, 'v1/usages/batch', {
          items: [
            {
              idempotencyKey: key(ctx, 'other-2'),
              usage: usage(ctx, ctx.cards.active[0]!, theirs, { venueId: other.venueId }),
            },
          ],
        }),
        200,
        BatchResponseSchema,
        'a batch with an item for another venue',
      );
      const item = batch?.results[0];
      if (batch)
        c.that(
          item?.ok === false && item.problem?.status === 403 && item.problem.code === 'forbidden',
          `a batch item for another venue answered ${item?.problem?.code ?? item?.ok}, expected 403 forbidden`,
        );
      // Acting for the other venue's event (`forVenueId`): it has not named our venue its ticket agent.
      const agent = await post(
        ctx,
        'v1/usages',
        usage(ctx, ctx.cards.active[0]!, theirs, { forVenueId: other.venueId, channel: 'ticket-agent' }),
        key(ctx, 'other-agent'),
      );
      c.problem(
        agent,
        403,
        undefined,
        "a usage for the other venue's event without being its agent (forVenueId)",
      );
      // The other venue's own show: its tally is not ours to read, and its show ID cannot count against its show
      // (show IDs may be per venue: then the same ID is our own show, which is no fault).
      const own = showId(ctx, 'theirs');
      const registered = c.valid<Registered>(
        await post(
          ctx,
          'v1/usages',
          usage(ctx, ctx.cards.active[1]!, { id: own }, { venueId: other.venueId }),
          key(ctx, 'theirs'),
          other.token,
        ),
        201,
        UsageResultSchema,
        "a usage with the other venue's own token",
      );
      remember(ctx, registered, other.venueId);
      if (registered) {
        const ownShow = (answer: Answer, status: number, schema: Schema, what: string, usages: number) => {
          if (answer.status === 403) return forbidden(answer, what);
          const read = c.valid<{ usages: number } & { showTally?: { usages: number } }>(
            answer,
            status,
            schema,
            what,
          );
          const tally = read?.showTally ?? read;
          if (tally)
            c.that(tally.usages === usages, `${what}: the other venue's show (${tally.usages} usages)`);
          if (status === 201) remember(ctx, read as Registered | undefined);
        };
        ownShow(
          await ctx.http.send('GET', `v1/shows/${encodeURIComponent(own)}/tally`),
          200,
          ShowTallySchema,
          "another venue's show tally",
          0,
        );
        ownShow(
          await post(
            ctx,
            'v1/usages',
            usage(ctx, ctx.cards.active[2]!, { id: own, cap: 100 }),
            key(ctx, 'theirs-show'),
          ),
          201,
          UsageResultSchema,
          "a usage of ours naming another venue's show",
          1,
        );
      }
    },
  },
  {
    name: 'idempotency scope',
    rule: '#idempotency-and-retries',
    async run(ctx, c) {
      const other = needsOther(ctx, c);
      const k = key(ctx, 'scope');
      const ours = usage(ctx, ctx.cards.active[2]!, { id: showId(ctx, 'open') });
      const first = c.valid<Registered>(
        await post(ctx, 'v1/usages', ours, k),
        201,
        UsageResultSchema,
        'a usage under a new key',
      );
      remember(ctx, first);
      const theirBody = usage(
        ctx,
        ctx.cards.active[2]!,
        { id: showId(ctx, 'theirs-open') },
        { venueId: other.venueId },
      );
      const theirs = c.valid<Registered>(
        await post(ctx, 'v1/usages', theirBody, k, other.token),
        201,
        UsageResultSchema,
        "the same key from another venue's token (a new key there, not 422 or a replay)",
      );
      remember(ctx, theirs, other.venueId);
      if (first && theirs)
        c.that(theirs.usageId !== first.usageId, "another venue's token got our usage replayed");
      const again = c.valid<Registered>(
        await post(ctx, 'v1/usages', theirBody, k, other.token),
        200,
        UsageResultSchema,
        "the other venue's replay",
      );
      if (theirs && again)
        c.that(again.usageId === theirs.usageId, "the other venue's replay is another usage");
      const ourAgain = c.valid<Registered>(
        await post(ctx, 'v1/usages', ours, k),
        200,
        UsageResultSchema,
        'our replay after the other venue used the key',
      );
      if (first && ourAgain) c.that(ourAgain.usageId === first.usageId, 'our replay is another usage');
    },
  },
  {
    name: 'keys across a token refresh',
    rule: '#idempotency-and-retries',
    async run(ctx, c) {
      const token = ctx.secondToken ?? c.skip('needs a second token of the same venue (--second-token)');
      const k = key(ctx, 'refresh');
      const body = usage(ctx, ctx.cards.active[1]!, { id: showId(ctx, 'open') });
      const first = c.valid<Registered>(
        await post(ctx, 'v1/usages', body, k),
        201,
        UsageResultSchema,
        'a usage',
      );
      remember(ctx, first);
      const again = c.valid<Registered>(
        await post(ctx, 'v1/usages', body, k, token),
        200,
        UsageResultSchema,
        'its retry with a refreshed token',
      );
      if (first && again)
        c.that(again.usageId === first.usageId, 'a retry with a refreshed token registered again');
    },
  },
  {
    name: 'usage list',
    rule: '#endpoints',
    async run(ctx, c) {
      // A show at 00:30 Helsinki time is listed under that Helsinki day, not under the UTC day before it.
      const next = addDays(ctx.day, 1);
      const midnight = { id: showId(ctx, 'midnight'), start: helsinkiTime(next, '00:30') };
      const late = c.valid<Registered>(
        await post(ctx, 'v1/usages', usage(ctx, ctx.cards.active[0]!, midnight), key(ctx, 'midnight')),
        201,
        UsageResultSchema,
        'a usage for a show at 00:30 Helsinki time',
      );
      // Everything in pages of 1 000, and the first pages of 5 again: the same usages in the same order.
      const day = await listUsages(ctx, c, { from: ctx.day }, { limit: 1000 });
      const small = await listUsages(ctx, c, { from: ctx.day }, { limit: 5, firstPages: 4 });
      const nextDay = await listUsages(ctx, c, { from: next }, { limit: 1000 });
      if (!day || !nextDay || !small) return;
      c.that(
        small.map((u) => u.usageId).join() ===
          day
            .slice(0, small.length)
            .map((u) => u.usageId)
            .join() && small.length === Math.min(20, day.length),
        `pages of 5 list other usages than pages of 1000 (${small.length} in 4 pages, ${day.length} in all)`,
      );
      const ids = day.map((u) => u.usageId);
      c.that(new Set(ids).size === ids.length, 'the usage list has an item twice (pages overlap)');
      const listed = new Set(ids);
      const missing = (ctx.registered.get(ctx.venueId) ?? []).filter((id) => !listed.has(id));
      c.that(
        missing.length === 0,
        `${missing.length} usages the kit registered are missing from the list (${ids.length} listed)`,
      );
      const foreign = [...day, ...nextDay].filter(
        (u) => u.venueId !== ctx.venueId && u.forVenueId !== ctx.venueId,
      );
      c.that(foreign.length === 0, `the usage list holds ${foreign.length} usages of other venues`);
      const theirs = new Set(
        [...ctx.registered].filter(([v]) => v !== ctx.venueId).flatMap(([, list]) => list),
      );
      c.that(!ids.some((id) => theirs.has(id)), "the usage list holds the other venue's usage");
      if (late) {
        c.that(
          nextDay.some((u) => u.usageId === late.usageId),
          'a show at 00:30 Helsinki time is not listed under its Helsinki day',
        );
        c.that(
          !listed.has(late.usageId),
          'a show at 00:30 Helsinki time is listed under the day before (a UTC day)',
        );
      }
    },
  },
];
