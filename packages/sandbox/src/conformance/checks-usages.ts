import { BatchResponseSchema, UsageResultSchema } from '@kaiku-scanner/core/contract';
import type { Check } from './check.js';
import type { KitCheck } from './checks-requests.js';
import {
  type Ctx,
  type Registered,
  key,
  post,
  readTally,
  remember,
  showId,
  usage,
  usagesOf,
} from './kit-context.js';

/** Registers one usage; `undefined` (and a failure) unless it is a new `201` result. */
async function register(ctx: Ctx, c: Check, body: unknown, k: string, what: string) {
  const result = c.valid<Registered>(await post(ctx, 'v1/usages', body, k), 201, UsageResultSchema, what);
  remember(ctx, result);
  return result;
}

/** A booking counts every ticket it gives (default policy); the tally grows by what it counted. */
function counts(c: Check, r: Registered | undefined, asked: number): void {
  const what = `a booking of ${asked} tickets`;
  if (!r) return;
  const t = r.tickets;
  c.that(
    t.total === 1 + t.children + t.groupMembers + t.under16Clients && t.total === asked,
    `${what}: tickets ${JSON.stringify(t)}, expected ${asked} in all`,
  );
  c.that(
    r.countedAgainstCap === asked,
    `${what}: countedAgainstCap ${r.countedAgainstCap}, expected ${asked}`,
  );
}

const REFUSALS: [keyof Ctx['cards'], string, string[]][] = [
  ['inactive', 'card-inactive', []],
  ['useBan', 'card-use-banned', []],
  ['inTransfer', 'card-in-transfer', []],
  ['expired', 'card-expired', ['validUntil', 'today']],
];

/** Registering: idempotency in every state, refusals with their params, the cap and the tally, batches. */
export const USAGE_CHECKS: readonly KitCheck[] = [
  {
    name: 'idempotency',
    rule: '#idempotency-and-retries',
    async run(ctx, c) {
      const id = showId(ctx, 'open');
      const body = usage(ctx, ctx.cards.active[0]!, { id });
      c.problem(await post(ctx, 'v1/usages', body), 400, 'idempotency-key-missing', 'usage without a key');
      const k = key(ctx, 'idem');
      const first = await register(ctx, c, body, k, 'new usage');
      const before = await readTally(ctx, c, id);
      const again = await post(ctx, 'v1/usages', body, k);
      const replay = c.valid<Registered>(again, 200, UsageResultSchema, 'replay of the same key and body');
      c.that(
        again.headers.get('idempotent-replayed') === 'true',
        'a replay without Idempotent-Replayed: true',
      );
      if (first && replay) c.that(replay.usageId === first.usageId, 'a replay with another usageId');
      const after = await readTally(ctx, c, id);
      if (before && after)
        c.that(
          after.usages === before.usages,
          `a replay changed the tally: ${before.usages} → ${after.usages}`,
        );
      c.problem(
        await post(ctx, 'v1/usages', { ...body, childTickets: 1 }, k),
        422,
        'idempotency-key-reused',
        'same key, other body',
      );
      c.problem(
        await ctx.http.send('POST', 'v1/usages', {
          body: JSON.stringify(body),
          headers: { 'idempotency-key': `${k}-t`, 'content-type': 'text/plain' },
        }),
        415,
        undefined,
        'a text/plain body',
      );
      // A refusal is stored under its key: the same request gets it again, another body is a reused key.
      const rk = key(ctx, 'refused');
      const refused = usage(ctx, ctx.cards.inactive, { id });
      c.problem(await post(ctx, 'v1/usages', refused, rk), 422, 'card-inactive', 'a refused usage');
      c.problem(await post(ctx, 'v1/usages', refused, rk), 422, 'card-inactive', 'the refused usage again');
      const other = usage(ctx, ctx.cards.active[1]!, { id });
      c.problem(
        await post(ctx, 'v1/usages', other, rk),
        422,
        'idempotency-key-reused',
        "a refused request's key",
      );
      const last = await readTally(ctx, c, id);
      if (after && last) c.that(last.usages === after.usages, "a refused request's key registered a usage");
    },
  },
  {
    name: 'duplicates in flight',
    rule: '#idempotency-and-retries',
    async run(ctx, c) {
      // Three rounds of eight copies of one request at once: one registration each, the rest replays or 409.
      let seen409 = 0;
      for (let round = 0; round < 3; round++) {
        const k = key(ctx, `dup-${round}`);
        const body = usage(ctx, ctx.cards.active[round % ctx.cards.active.length]!, {
          id: showId(ctx, 'dup'),
        });
        const answers = await Promise.all(
          Array.from({ length: 8 }, () =>
            ctx.http.send('POST', 'v1/usages', { body, headers: { 'idempotency-key': k }, keep409: true }),
          ),
        );
        const ids = new Set<string>();
        for (const a of answers) {
          if (a.status === 201 || a.status === 200) {
            const r = c.valid<Registered>(a, a.status, UsageResultSchema, 'a duplicate in flight');
            if (r) ids.add(r.usageId);
          } else if (a.status === 409) {
            seen409++;
            c.problem(a, 409, 'idempotency-key-in-progress', 'a duplicate in flight');
            c.that(a.headers.has('retry-after'), 'a 409 without Retry-After');
          } else c.that(false, `a duplicate in flight answered ${a.status}`);
        }
        const created = answers.filter((a) => a.status === 201).length;
        c.that(created === 1, `duplicates in flight: ${created} × 201, expected 1`);
        c.that(ids.size <= 1, `duplicates in flight got ${ids.size} different usage IDs`);
        for (const usageId of ids) remember(ctx, { usageId });
      }
      c.that(
        (await usagesOf(ctx, showId(ctx, 'dup'))) === 3,
        'duplicates in flight: not 3 usages on the show',
      );
      if (c.failures.length === 0 && seen409 === 0)
        c.notObserved(
          'no 409 idempotency-key-in-progress in 3 × 8 parallel copies (the server may be too fast)',
        );
    },
  },
  {
    name: 'refusals with their reasons',
    rule: '#errors',
    async run(ctx, c) {
      const id = showId(ctx, 'refusals');
      for (const [card, code, params] of REFUSALS) {
        c.refusal(
          await post(ctx, 'v1/usages', usage(ctx, ctx.cards[card] as string, { id }), key(ctx, card)),
          code,
          params,
          `the ${card} card`,
        );
      }
      // Children beyond the card's registered minors; a community card alone; a member card that is not valid.
      const [minor] = ctx.cards.active;
      const many = usage(ctx, minor!, { id }, { childTickets: (ctx.minors.get(minor!) ?? 0) + 1 });
      c.refusal(
        await post(ctx, 'v1/usages', many, key(ctx, 'children')),
        'too-many-children',
        [],
        'too many children',
      );
      const alone = usage(ctx, ctx.cards.community, { id });
      c.refusal(
        await post(ctx, 'v1/usages', alone, key(ctx, 'alone')),
        'community-card-without-group',
        [],
        'a community card alone',
      );
      const bad = usage(
        ctx,
        ctx.cards.community,
        { id },
        { group: { memberCardIds: [ctx.cards.expired], under16Clients: 0 } },
      );
      c.refusal(
        await post(ctx, 'v1/usages', bad, key(ctx, 'member')),
        'group-member-invalid',
        ['position', 'cause'],
        'an expired member card',
      );
      c.that((await usagesOf(ctx, id)) === 0, 'a refused usage was recorded');
    },
  },
  {
    name: 'bookings against the cap',
    rule: '#booking-and-collection-against-the-cap',
    async run(ctx, c) {
      const a =
        ctx.cards.active.find((card) => (ctx.minors.get(card) ?? 0) > 0) ??
        c.skip('needs an active card with a registered minor');
      const [b, d, e] = ctx.cards.active.filter((card) => card !== a);
      const id = showId(ctx, 'count');
      const show = { id, cap: 6 };
      // Children, group members and under-16 clients each count (cap 6: 2 + 3 fill it, one more is refused).
      counts(
        c,
        await register(
          ctx,
          c,
          usage(ctx, a!, show, { childTickets: 1 }),
          key(ctx, 'count-1'),
          'a booking with a child',
        ),
        2,
      );
      const group = { memberCardIds: [b!], under16Clients: 1 };
      counts(
        c,
        await register(
          ctx,
          c,
          usage(ctx, ctx.cards.community, show, { group }),
          key(ctx, 'count-2'),
          'a group booking',
        ),
        3,
      );
      const tally = await readTally(ctx, c, id);
      if (tally)
        c.that(
          tally.ticketsGiven === 5 && tally.remaining === 1,
          `tally ${tally.ticketsGiven}/${tally.cap}, expected 5/6`,
        );
      const over = await post(
        ctx,
        'v1/usages',
        usage(ctx, d!, show, { childTickets: 1 }),
        key(ctx, 'count-3'),
      );
      c.refusal(over, 'cap-exceeded', ['cap'], 'two tickets into one place');
      counts(c, await register(ctx, c, usage(ctx, e ?? d!, show), key(ctx, 'count-4'), 'the last place'), 1);
      c.refusal(
        await post(ctx, 'v1/usages', usage(ctx, d!, show), key(ctx, 'count-5')),
        'cap-reached',
        ['cap'],
        'a full show',
      );
      const full = await readTally(ctx, c, id);
      if (full)
        c.that(
          full.ticketsGiven === 6 && full.remaining === 0,
          `tally ${full.ticketsGiven}/${full.cap}, expected 6/6`,
        );
    },
  },
  {
    name: 'collections against the cap',
    rule: '#booking-and-collection-against-the-cap',
    async run(ctx, c) {
      const b =
        ctx.cards.active.find((card) => (ctx.minors.get(card) ?? 0) > 0) ??
        c.skip('needs an active card with a registered minor');
      const a = ctx.cards.active.find((card) => card !== b)!;
      const id = showId(ctx, 'collect');
      const show = { id, cap: 4 };
      await register(ctx, c, usage(ctx, a!, show), key(ctx, 'collect-1'), 'a booking');
      // Collected as booked: covered, nothing new counted; with a child beyond it: one more counted.
      const asBooked = await register(
        ctx,
        c,
        usage(ctx, a!, show, { mode: 'collection' }),
        key(ctx, 'collect-2'),
        'a collection as booked',
      );
      if (asBooked)
        c.that(
          asBooked.countedAgainstCap === 0 && asBooked.coveredByBooking === 1,
          `a collection as booked counted ${asBooked.countedAgainstCap}, covered ${asBooked.coveredByBooking}`,
        );
      const beyond = await register(
        ctx,
        c,
        usage(ctx, b!, show, { mode: 'collection', childTickets: 1 }),
        key(ctx, 'collect-3'),
        'a collection without a booking',
      );
      if (beyond)
        c.that(
          beyond.countedAgainstCap === 2 && (beyond.coveredByBooking ?? 0) === 0,
          `a collection without a booking counted ${beyond.countedAgainstCap}, expected 2`,
        );
      const tally = await readTally(ctx, c, id);
      if (tally)
        c.that(
          tally.ticketsGiven === 3,
          `tally ${tally.ticketsGiven}, expected 3 (1 booked, 0 collected as booked, 2 collected without a booking)`,
        );
      // The booking is used up: the same collection again counts like a booking.
      const twice = await register(
        ctx,
        c,
        usage(ctx, a!, show, { mode: 'collection' }),
        key(ctx, 'collect-4'),
        'the booking collected again',
      );
      if (twice)
        c.that(
          twice.countedAgainstCap === 1,
          `a booking collected twice counted ${twice.countedAgainstCap} the second time, expected 1`,
        );
    },
  },
  {
    name: 'cap race',
    rule: '#caps-across-terminals',
    async run(ctx, c) {
      const { clients, trials } = ctx.race;
      const cap = Math.max(1, Math.floor(clients / 2));
      let overshoot = 0;
      for (let t = 0; t < trials; t++) {
        const show = { id: showId(ctx, `race-${t}`), cap };
        const answers = await Promise.all(
          Array.from({ length: clients }, (_, i) =>
            post(
              ctx,
              'v1/usages',
              usage(ctx, ctx.cards.active[i % ctx.cards.active.length]!, show),
              key(ctx, `race-${t}-${i}`),
            ),
          ),
        );
        const accepted = answers.filter((a) => a.status === 201).length;
        for (const a of answers.filter((x) => x.status !== 201)) {
          const code = c.problem(a, 422, undefined, 'a usage over the cap')?.code;
          c.that(
            code === 'cap-reached' || code === 'cap-exceeded',
            `a usage over the cap refused with ${code}`,
          );
        }
        if (accepted > cap) overshoot++;
        c.that(
          accepted === cap,
          `trial ${t + 1}: ${clients} parallel clients on a cap of ${cap}: ${accepted} accepted`,
        );
        const tally = await readTally(ctx, c, show.id);
        if (tally)
          c.that(
            tally.ticketsGiven === accepted,
            `trial ${t + 1}: tally ${tally.ticketsGiven}, ${accepted} accepted`,
          );
      }
      if (overshoot) c.that(false, `the cap was overshot in ${overshoot} of ${trials} trials`);
    },
  },
  {
    name: 'batch',
    rule: '#endpoints',
    async run(ctx, c) {
      const id = showId(ctx, 'batch');
      const items = [
        { idempotencyKey: key(ctx, 'batch-1'), usage: usage(ctx, ctx.cards.active[0]!, { id }) },
        { idempotencyKey: key(ctx, 'batch-2'), usage: usage(ctx, ctx.cards.inactive, { id }) },
        { idempotencyKey: key(ctx, 'batch-3'), usage: usage(ctx, ctx.cards.active[1]!, { id }) },
      ];
      type Results = {
        results: {
          idempotencyKey: string;
          ok: boolean;
          replayed?: boolean;
          result?: { usageId: string };
          problem?: { code: string };
        }[];
      };
      const first = c.valid<Results>(
        await post(ctx, 'v1/usages/batch', { items }),
        200,
        BatchResponseSchema,
        'a batch',
      );
      const again = c.valid<Results>(
        await post(ctx, 'v1/usages/batch', { items: [...items].reverse() }),
        200,
        BatchResponseSchema,
        'the batch again, reversed',
      );
      for (const [answer, order, what] of [
        [first, items, 'a batch'],
        [again, [...items].reverse(), 'the batch reversed'],
      ] as const) {
        if (!answer) continue;
        c.that(
          answer.results.map((r) => r.idempotencyKey).join() === order.map((i) => i.idempotencyKey).join(),
          `${what}: results not in the order of the items`,
        );
      }
      const byKey = (answer: Results | undefined, i: number) =>
        answer?.results.find((r) => r.idempotencyKey === items[i]!.idempotencyKey);
      if (first) {
        c.that(
          byKey(first, 0)?.ok === true && byKey(first, 2)?.ok === true,
          'a batch: the valid items were not registered',
        );
        c.that(
          byKey(first, 1)?.ok === false && byKey(first, 1)?.problem?.code === 'card-inactive',
          'a batch: the inactive card was not refused with card-inactive',
        );
        remember(ctx, byKey(first, 0)?.result);
        remember(ctx, byKey(first, 2)?.result);
      }
      if (again)
        c.that(
          byKey(again, 0)?.replayed === true &&
            byKey(again, 2)?.result?.usageId === byKey(first, 2)?.result?.usageId,
          'the batch again: not replayed',
        );
      c.that((await usagesOf(ctx, id)) === 2, 'a batch sent twice: not 2 usages on the show');
    },
  },
];
