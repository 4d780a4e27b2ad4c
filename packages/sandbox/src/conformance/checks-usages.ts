import { UsageResultSchema, type CardRecord, type Problem } from '@kaiku-scanner/core/contract';
import type { Answer } from './conformance-http.js';
import { sameAnswer, type Check, type KitCheck, check } from './check.js';
import {
  type Ctx,
  expectUsages,
  type ShowRef,
  type UsageExtra,
  key,
  minorsOf,
  post,
  readTally,
  register,
  remember,
  sendUsage,
  showId,
  usage,
} from './kit-context.js';

/** An active card with a registered minor (the checks that send children need one). */
async function withMinor(ctx: Ctx, c: Check): Promise<string> {
  for (const card of ctx.cards.active) if ((await minorsOf(ctx, c, card)) > 0) return card;
  return c.skip('needs an active card with a registered minor');
}

type Step = {
  what: string;
  card: string;
  extra?: UsageExtra;
  counted?: number;
  covered?: number;
  refused?: string;
  /** Sent as a one-item batch (the route a file's rows take), with another venue's token when given. */
  batch?: boolean;
  token?: string;
};

/** Registers each step on `show` (a `201` counting `counted`, covering `covered`; or `refused` with the cap), then
 * expects the tally to give `given`. */
async function steps(ctx: Ctx, c: Check, show: ShowRef, given: number, list: readonly Step[]): Promise<void> {
  for (const [i, s] of list.entries()) {
    const body = usage(ctx, s.card, show, s.extra);
    const via = { ...ctx, viaBatch: !!s.batch };
    const token = s.token;
    if (s.refused) {
      const params = [s.refused === 'already-used' ? 'at' : 'cap'];
      c.refusal(await sendUsage(via, body, `${show.id}-${i}`, token), s.refused, params, s.what);
      continue;
    }
    const r = await register(via, c, body, `${show.id}-${i}`, s.what, token ? { token } : {});
    if (!r) continue;
    const t = r.tickets;
    const counted = r.countedAgainstCap;
    const covered = r.coveredByBooking ?? 0;
    c.that(t.total === 1 + t.children + t.groupMembers + t.under16Clients, `${s.what}: ${JSON.stringify(t)}`);
    const expected = [s.counted, s.covered ?? 0];
    c.that(`${[counted, covered]}` === `${expected}`, `${s.what}: ${[counted, covered]}, not ${expected}`);
  }
  const tally = await readTally(ctx, c, show.id);
  if (tally)
    c.that(tally.ticketsGiven === given, `the tally: ${tally.ticketsGiven}/${tally.cap}, expected ${given}`);
}

const REFUSALS: [keyof Ctx['cards'], string, string[]][] = [
  ['inactive', 'card-inactive', []],
  ['useBan', 'card-use-banned', []],
  ['inTransfer', 'card-in-transfer', []],
  ['expired', 'card-expired', ['validUntil', 'today']],
];

/** Registering: idempotency in every state, refusals with their params, the cap and the tally, batches. */
export const USAGE_CHECKS: readonly KitCheck[] = [
  check('idempotency', ['idempotency-replay', 'idempotency-refusal', 'key-exact'], async (ctx, c) => {
    const body = usage(ctx, ctx.cards.active[0]!, 'idem');
    c.problem(await sendUsage(ctx, body), 400, 'idempotency-key-missing', 'usage without a key');
    const first = await register(ctx, c, body, 'idem', 'new usage');
    // Other usages of the show (the replay still answers the first result, its tally then included), under two
    // keys of 200 characters apart from their last: compared whole, never cut to a column's width.
    const long = `idem-${'k'.repeat(200)}`;
    for (const [i, end] of ['a', 'b'].entries()) {
      const other = usage(ctx, ctx.cards.active[i + 1]!, 'idem');
      await register(ctx, c, other, long + end, `a usage under key …${end}`);
    }
    const before = await readTally(ctx, c, body.show.id);
    const again = await sendUsage(ctx, body, 'idem');
    const replay = c.valid(again, 200, UsageResultSchema, 'replay of the same key and body');
    const replayed = ctx.viaBatch || again.headers.get('idempotent-replayed') === 'true';
    c.that(replayed, 'a replay without Idempotent-Replayed');
    if (first && replay) c.that(sameAnswer(replay, first), 'a replay is not the first result');
    // The key in other case is another key: the card's second usage of the show.
    const upper = await sendUsage(ctx, body, 'IDEM');
    c.refusal(upper, 'already-used', ['at'], 'the same usage under the key in upper case');
    const after = await readTally(ctx, c, body.show.id);
    if (before && after)
      c.that(after.usages === before.usages, `a replay: ${before.usages} → ${after.usages} usages`);
    const other = { ...body, childTickets: 1 };
    c.problem(await sendUsage(ctx, other, 'idem'), 422, 'idempotency-key-reused', 'same key, other body');
    const plain = { 'idempotency-key': key(ctx, 'idem-t'), 'content-type': 'text/plain' };
    const text = await ctx.http.send('POST', 'v1/usages', { body: JSON.stringify(body), headers: plain });
    c.problem(text, 415, undefined, 'a text/plain body');
    // A refusal is stored under its key: the same request gets it again, another body is a reused key.
    const refused = usage(ctx, ctx.cards.inactive, 'idem');
    c.problem(await sendUsage(ctx, refused, 'refused'), 422, 'card-inactive', 'a refused usage');
    c.problem(await sendUsage(ctx, refused, 'refused'), 422, 'card-inactive', 'the refused usage again');
    const otherCard = usage(ctx, ctx.cards.active[2]!, 'idem');
    const reused = await sendUsage(ctx, otherCard, 'refused');
    c.problem(reused, 422, 'idempotency-key-reused', "a refused request's key");
    const last = await readTally(ctx, c, body.show.id);
    if (after && last) c.that(last.usages === after.usages, "a refused request's key registered a usage");
  }),
  check('duplicates in flight', ['in-flight'], async (ctx, c) => {
    // Three rounds of eight copies of one request at once: one registration each, the rest replays or 409.
    let seen409 = 0;
    for (let round = 0; round < 3; round++) {
      const body = usage(ctx, ctx.cards.active[round % ctx.cards.active.length]!, 'dup');
      const headers = { 'idempotency-key': key(ctx, `dup-${round}`) };
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => ctx.http.send('POST', 'v1/usages', { body, headers, keep409: true })),
      );
      const ids = new Set<string>();
      for (const a of answers) {
        if (a.status === 201 || a.status === 200) {
          const r = c.valid(a, a.status, UsageResultSchema, 'a duplicate in flight');
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
    await expectUsages(ctx, c, showId(ctx, 'dup'), 3, 'duplicates in flight: not 3 usages on the show');
    if (c.failures.length === 0 && seen409 === 0)
      c.notObserved('no 409 idempotency-key-in-progress in 3 × 8 parallel copies (a fast server?)');
  }),
  check('refusals with their reasons', ['refusal-reasons', 'collection-card-checks'], async (ctx, c) => {
    const send = async (card: string, name: string, extra: UsageExtra = {}) =>
      sendUsage(ctx, usage(ctx, card, 'refusals', extra), name);
    // A collection checks the card as a booking does.
    let last: Answer | undefined; // the expired card's booking, the last of them
    for (const mode of ['collection', 'booking'] as const)
      for (const [card, code, params] of REFUSALS) {
        last = await send(ctx.cards[card] as string, `${card}-${mode}`, { mode });
        c.refusal(last, code, params, `a ${mode} with the ${card} card`);
      }
    // The refusal and the card's record name one last valid day (a record cut to its UTC date is a day early).
    const said = String((last?.json as Problem | undefined)?.reasons?.[0]?.params?.validUntil ?? '');
    const [, d, m, y] = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(said) ?? [];
    const record = (await post(ctx, 'v1/cards/lookup', { cardId: ctx.cards.expired })).json as CardRecord;
    const day = y ? `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}` : said;
    c.that(!said || record?.validUntil === day, `card-expired: ${said}, look-up: ${record?.validUntil}`);
    // Children beyond the card's registered minors; a community card alone; a member card that is not valid.
    const [minor] = ctx.cards.active as [string];
    const children = { childTickets: (await minorsOf(ctx, c, minor)) + 1 };
    c.refusal(await send(minor, 'children', children), 'too-many-children', [], 'too many children');
    const { community, expired } = ctx.cards;
    c.refusal(await send(community, 'alone'), 'community-card-without-group', [], 'a community card alone');
    const member = await send(community, 'member', {
      group: { memberCardIds: [expired], under16Clients: 0 },
    });
    c.refusal(member, 'group-member-invalid', ['position', 'cause'], 'an expired member card');
    // A course takes no children (each child is a client of their own); every reason that applies is given.
    const course = { id: showId(ctx, 'course'), kind: 'course' };
    const body = usage(ctx, ctx.cards.inactive, course, { childTickets: 1 });
    const two = c.problem(await sendUsage(ctx, body, 'course'), 422, undefined, 'a course, a child');
    const codes = two?.reasons?.map((r) => r.code) ?? [];
    const both = ['card-inactive', 'children-on-course'].every((k) => codes.includes(k));
    c.that(both && codes[0] === two?.code, `an inactive card, a child, a course: ${codes.join()}`);
    const group = { group: { memberCardIds: [ctx.cards.active[1]!], under16Clients: 0 } };
    const onCourse = usage(ctx, community, { id: showId(ctx, 'course-y'), kind: 'course' }, group);
    const place = await sendUsage(ctx, onCourse, 'community-course');
    c.refusal(place, 'community-card-on-course', [], 'a community card on a course');
    await expectUsages(ctx, c, showId(ctx, 'refusals'), 0, 'a refused usage was recorded');
  }),
  check('bookings against the cap', ['booking-counts', 'remaining', 'stored-settings'], async (ctx, c) => {
    const a = await withMinor(ctx, c);
    const [b, d, e = d] = ctx.cards.active.filter((card) => card !== a) as [string, string, string?];
    const group = { group: { memberCardIds: [b], under16Clients: 1 } };
    // Children, group members and under-16 clients each count: 2 + 3 + 1 fill a cap of 6.
    const show = { id: showId(ctx, 'count'), cap: 6 };
    await steps(ctx, c, show, 6, [
      { what: 'a booking with a child', card: a, extra: { childTickets: 1 }, counted: 2 },
      { what: 'a group booking', card: ctx.cards.community, extra: group, counted: 3 },
      { what: 'two tickets into one place', card: d, extra: { childTickets: 1 }, refused: 'cap-exceeded' },
      { what: 'the last place', card: e, counted: 1 },
      { what: 'a full show', card: d, refused: 'cap-reached' },
    ]);
    // The venue's stored settings win: a request's larger cap leaves the show full.
    const over = await sendUsage(ctx, usage(ctx, d, { ...show, cap: 99 }), 'count-cap');
    c.refusal(over, 'cap-reached', ['cap'], 'a larger cap in the request');
    // A show without a cap counts its usages, no tickets against a cap, and nothing `remaining` (readTally: null).
    const uncapped = usage(ctx, a, 'count-open', { childTickets: 1 });
    await register(ctx, c, uncapped, 'count-open', 'a booking on a show without a cap');
    const open = await readTally(ctx, c, uncapped.show.id);
    const counts = `${open?.ticketsGiven} given in ${open?.usages} usages`;
    const uncounted = !open || (open.ticketsGiven === 0 && open.usages === 1);
    c.that(uncounted, `a show without a cap: ${counts}, not 0 in 1`);
  }),
  check(
    'collections against the cap',
    ['collection-covered', 'collection-beyond', 'collection-fewer', 'once-per-show'],
    async (ctx, c) => {
      const b = await withMinor(ctx, c);
      const a = ctx.cards.active.find((card) => card !== b)!;
      const collect = (extra: UsageExtra = {}): UsageExtra => ({ mode: 'collection', ...extra });
      const withChild = collect({ childTickets: 1 });
      // A collection as booked is covered; without a booking it counts in full; a card is used once per show.
      const show = { id: showId(ctx, 'collect'), cap: 4 };
      await steps(ctx, c, show, 3, [
        { what: 'a booking', card: a, counted: 1 },
        { what: 'its collection as booked', card: a, extra: collect(), counted: 0, covered: 1 },
        { what: 'a collection with a child and no booking', card: b, extra: withChild, counted: 2 },
        { what: 'the booking collected again', card: a, extra: collect(), refused: 'already-used' },
      ]);
      // On a full show: a child beyond the booking is refused; as booked it is covered; fewer releases nothing.
      const y = ctx.cards.community;
      const d = ctx.cards.active.find((card) => card !== a && card !== b)!;
      const group = (under16Clients: number) => ({ group: { memberCardIds: [a], under16Clients } });
      await steps(ctx, c, { id: showId(ctx, 'collect-full'), cap: 4 }, 4, [
        { what: 'a group booking of 3', card: y, extra: group(1), counted: 3 },
        { what: 'the last place', card: b, counted: 1 },
        { what: 'its collection with a child beyond', card: b, extra: withChild, refused: 'cap-reached' },
        { what: 'its collection as booked', card: b, extra: collect(), counted: 0, covered: 1 },
        { what: 'the group collected with fewer', card: y, extra: collect(group(0)), counted: 0, covered: 2 },
        { what: 'a booking after the fewer collection', card: d, refused: 'cap-reached' },
      ]);
    },
  ),
  check('one performance across routes', ['across-routes'], async (ctx, c) => {
    // A file's row (a batch item, as kaiku-import sends it; a named agent's sale) and a terminal's usage of one show
    // are one card's usages of it: the door's collection is covered, another sale already used, the cap counts once.
    const [a, b, d] = ctx.cards.active as [string, string, string];
    const [file, door] = [{ channel: 'ticket-agent' }, { mode: 'collection' }] as const;
    const agent = ctx.otherIsAgent ? ctx.otherVenue : undefined;
    const sale = { venueId: agent?.venueId, forVenueId: ctx.venueId, ...file };
    const sold: Step[] = [
      { what: "a named agent's booking", card: b, extra: sale, batch: true, token: agent?.token, counted: 1 },
      { what: "the door's collection of it", card: b, extra: door, counted: 0, covered: 1 },
      { what: 'a box-office sale after it', card: b, refused: 'already-used' },
    ];
    await steps(ctx, c, { id: showId(ctx, 'routes'), cap: 4 }, agent ? 3 : 2, [
      { what: 'a booking at a terminal', card: d, counted: 1 },
      { what: "a file's row of it", card: d, extra: file, batch: true, refused: 'already-used' },
      { what: "a file's booking", card: a, extra: file, batch: true, counted: 1 },
      { what: "the door's collection of it", card: a, extra: door, counted: 0, covered: 1 },
      { what: 'a box-office sale after it', card: a, refused: 'already-used' },
      ...(agent ? sold : []),
    ]);
  }),
  check('already used', ['once-per-show', 'already-used-params'], async (ctx, c) => {
    // The second usage of a card: refused, saying when (the first's registeredAt, with offset) and where.
    const show = { id: showId(ctx, 'used') };
    const [a] = ctx.cards.active as [string];
    const booking = usage(ctx, a, show, { terminal: 'Kassa 2' });
    const first = await register(ctx, c, booking, 'used-1', 'a booking');
    const again = await sendUsage(ctx, usage(ctx, a, show, { terminal: 'Ovi', childTickets: 0 }), 'used-2');
    c.refusal(again, 'already-used', ['at', 'terminal'], 'the same card again from another terminal');
    const params = (again.json as Problem | undefined)?.reasons?.[0]?.params ?? {};
    const at = String(params.at);
    const same = !first || Date.parse(at) === Date.parse(first.registeredAt);
    c.that(/(Z|[+-]\d\d:\d\d)$/.test(at) && same, `already-used at ${at}, not the first usage's`);
    c.that(params.terminal === 'Kassa 2', `already-used names ${String(params.terminal)}, not Kassa 2`);
    await expectUsages(ctx, c, show.id, 1, 'the refused usage was recorded');
    // The show ID in upper case is another show (an ID, compared exactly): the card's first usage of it.
    const upper = usage(ctx, a, { id: show.id.toUpperCase() });
    await register(ctx, c, upper, 'used-3', 'the show ID in upper case');
  }),
  check('cap race', ['cap-race'], async (ctx, c) => {
    const { clients, trials } = ctx.race;
    const { active } = ctx.cards;
    // One usage per card and show: a card's second client may be refused as already used, not counted.
    // More cards than places: a server that checks the cap apart from the write overshoots with distinct cards.
    const n = active.length;
    const cap = Math.max(1, Math.min(Math.floor(clients / 2), n - 1));
    let overshoot = 0;
    for (let t = 0; t < trials; t++) {
      const show = { id: showId(ctx, `race-${t}`), cap };
      const send = (i: number) => sendUsage(ctx, usage(ctx, active[i % n]!, show), `race-${t}-${i}`);
      const answers = await Promise.all(Array.from({ length: clients }, (_, i) => send(i)));
      const accepted = answers.filter((a) => a.status === 201).length;
      answers.forEach((a, i) => {
        if (a.status === 201) return;
        const code = c.problem(a, 422, undefined, 'a usage over the cap')?.code;
        const again = code === 'already-used' && answers.some((b, j) => b.status === 201 && j % n === i % n);
        c.that(again || code === 'cap-reached' || code === 'cap-exceeded', `a usage refused with ${code}`);
      });
      if (accepted > cap) overshoot++;
      const trial = `trial ${t + 1}: ${clients} parallel clients on a cap of ${cap}`;
      c.that(accepted === cap, `${trial}: ${accepted} accepted`);
      const tally = await readTally(ctx, c, show.id);
      if (tally)
        c.that(tally.ticketsGiven === accepted, `${trial}: tally ${tally.ticketsGiven}, ${accepted} in`);
    }
    const cards = Math.min(clients, n);
    c.note = `${clients} clients (${cards} cards) on a cap of ${cap}: overshot in ${overshoot} of ${trials} trials`;
    c.that(overshoot === 0, `the cap was overshot in ${overshoot} of ${trials} trials`);
  }),
];
