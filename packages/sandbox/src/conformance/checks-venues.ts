import { ShowTallySchema, UsageResultSchema, VoidResultSchema } from '@kaiku-scanner/core/contract';
import { type Problem, ShowListSchema } from '@kaiku-scanner/core/contract';
import { addDays, helsinkiDay, helsinkiTime } from '../clock.js';
import { type Check, type KitCheck, check } from './check.js';
import type { Answer } from './conformance-http.js';
import {
  type Ctx,
  key,
  listUsages,
  post,
  readTally,
  register,
  remember,
  sendUsage,
  showId,
  usage,
} from './kit-context.js';

const needsOther = (ctx: Ctx, c: Check) =>
  ctx.otherVenue ?? c.skip('needs a second venue and its token (otherVenue, --other-venue/--other-token)');

/** Voiding a usage (docs/api.md, "Voiding a usage"): the tally given back once, idempotent, bounded, the venue's own. */
const VOID_CHECK = check(
  'void',
  ['void-window', 'void-idempotent', 'void-owner', 'void-gives-back', 'void-not-used', 'unknown-fields'],
  async (ctx, c) => {
    const id = showId(ctx, 'void');
    const show = { id, cap: 4 };
    const a = ctx.cards.active[0]!;
    const b = ctx.cards.active[1]!;
    const target = await register(ctx, c, usage(ctx, a, show), `void-a`, 'a usage to void');
    const other = await register(ctx, c, usage(ctx, b, show), `void-b`, 'a usage to void');
    if (!target || !other) return;
    const voidOf = (u: { usageId: string }, body = {}, token?: string) =>
      post(ctx, `v1/usages/${encodeURIComponent(u.usageId)}/void`, body, undefined, token);
    if (ctx.otherVenue) {
      const answer = await voidOf(target, {}, ctx.otherVenue.token);
      c.problem(answer, 403, 'forbidden', "another venue voids this venue's usage");
      // Extension members are legal (RFC 9457); the usage's show, tickets or times are not the other venue's.
      const leak =
        answer.text.includes(id) || /"(tickets|showTally|voidedAt|registeredAt)"/.test(answer.text);
      c.that(!leak, "another venue's 403 tells of the usage");
    }
    // The body is `{}`: an unknown member is refused, naming it, and voids nothing.
    const odd = c.problem(await voidOf(target, { reason: 'x' }), 400, 'invalid-request', 'a `reason`');
    c.that(!odd || !!odd.issues?.some((i) => i.path === 'reason'), 'a void with `reason`: no issue names it');
    const first = c.valid(await voidOf(target), 200, VoidResultSchema, 'a void');
    const again = c.valid(await voidOf(target), 200, VoidResultSchema, 'the same void again');
    if (first && again)
      c.that(Date.parse(again.voidedAt) === Date.parse(first.voidedAt), 'a void again: another voidedAt');
    // Two usages of one ticket each, one voided (twice): one usage of one ticket stands, never zero or two.
    const tallies = {
      'the tally after a void': await readTally(ctx, c, id),
      "the void's tally": first?.showTally,
      "the second void's tally": again?.showTally,
    };
    for (const [what, t] of Object.entries(tallies)) {
      const given = t?.ticketsGiven ?? 1;
      const usages = t?.usages ?? 1;
      c.that(given === 1 && usages === 1, `${what}: ${given} given, ${usages} usages`);
    }
    // A voided usage is no usage: the card's booking is not already used, and a voided booking covers no
    // collection.
    await register(ctx, c, usage(ctx, a, show), 'void-a-again', 'a booking after its booking was voided');
    c.valid(await voidOf(other), 200, VoidResultSchema, 'a void');
    const what = 'a collection after its booking was voided';
    const collected = await register(ctx, c, usage(ctx, b, show, { mode: 'collection' }), `void-b-c`, what);
    if (collected)
      c.that(collected.countedAgainstCap === 1 && !collected.coveredByBooking, 'a voided booking covered');
    // Every page: a venue's day may hold more usages than one page (the list check's own bound applies).
    const listed = (await listUsages(ctx, c, ctx.day, 1000))?.find((u) => u.usageId === target.usageId);
    c.that(listed?.state === 'voided', `the voided usage is listed as ${listed?.state ?? 'missing'}`);
    c.problem(await voidOf({ usageId: showId(ctx, 'none') }), 404, 'usage-not-found', 'an unknown usage');
    // A show starting in 3 s by the server's clock: a usage voided before it started is voided again after it (the
    // first voidedAt again), another is refused.
    const soon = { id: showId(ctx, 'void-soon'), start: new Date(ctx.http.serverNow() + 3000).toISOString() };
    const sent = async (card: string, i: number) => {
      const answer = await post(ctx, 'v1/usages', usage(ctx, card, soon), key(ctx, `void-soon-${i}`));
      return remember(ctx, c.valid(answer, 201, UsageResultSchema, 'a usage of a show about to start'));
    };
    const early = await sent(b, 0);
    const late = await sent(a, 1);
    if (!early || !late) return;
    const before = c.valid(await voidOf(early), 200, VoidResultSchema, 'a void before the show started');
    await new Promise((r) => setTimeout(r, Date.parse(soon.start) + 500 - ctx.http.serverNow()));
    const after = c.valid(await voidOf(early), 200, VoidResultSchema, 'a void again, the show started');
    const same = !before || !after || Date.parse(after.voidedAt) === Date.parse(before.voidedAt);
    c.that(same, 'a void again after the show started: another voidedAt');
    const closed = await voidOf(late);
    c.refusal(closed, 'void-window-closed', ['closesAt'], 'a void after the show started');
    // The window closed when the show started (within its first 15 minutes), in Helsinki time.
    const closesAt = String((closed.json as Problem | undefined)?.reasons?.[0]?.params?.closesAt);
    const [, d, m, y, hh, mm] = /^(\d{1,2})\.(\d{1,2})\.(\d{4}) (\d\d)\.(\d\d)$/.exec(closesAt) ?? [];
    const at = y
      ? helsinkiTime(`${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`, `${hh}:${mm}`)
      : closesAt;
    const off = Math.abs(Date.parse(at) - Date.parse(soon.start));
    c.that(closed.status !== 422 || off < 60_000, `closesAt ${closesAt}, the show started ${soon.start}`);
  },
);

/** Who may act for whom, where keys belong, what a venue's usage list holds; then a named agent (after the list
 * check: a void of its sale wrongly taken must not fail that one) and voiding. */
export const VENUE_CHECKS: readonly KitCheck[] = [
  check('venue binding', ['venue-binding', 'agent-unnamed', 'show-per-venue'], async (ctx, c) => {
    const other = needsOther(ctx, c);
    const [a, b] = ctx.cards.active as [string, string];
    const forbidden = (answer: Answer, what: string) => c.problem(answer, 403, 'forbidden', what);
    // A `403` is the same whether the venue exists or not.
    for (const [i, venueId] of [other.venueId, showId(ctx, 'no-such-venue')].entries()) {
      const what = i ? 'a venue that does not exist' : 'another venue';
      const sent = await sendUsage(ctx, usage(ctx, a, 'other', { venueId }), `other-${i}`);
      forbidden(sent, `a usage for ${what}`);
      const list = `v1/venues/${encodeURIComponent(venueId)}/usages?from=${ctx.day}&to=${ctx.day}`;
      forbidden(await ctx.http.send('GET', list), `the usage list of ${what}`);
    }
    // Acting for the other venue's event (`forVenueId`): it has not named our venue its ticket agent.
    const agent = usage(ctx, a, 'other', { forVenueId: other.venueId, channel: 'ticket-agent' });
    const what = "a usage for the other venue's event without being its agent (forVenueId)";
    c.problem(await sendUsage(ctx, agent, 'other-agent'), 403, 'agent-not-authorized', what);
    // The other venue's own show: its tally is not ours to read, and its show ID cannot count against its show
    // (show IDs may be per venue: then the same ID is our own show, which is no fault).
    const own = usage(ctx, b, 'theirs', { venueId: other.venueId });
    const opts = { token: other.token };
    if (!(await register(ctx, c, own, 'theirs', "a usage with the other venue's own token", opts))) return;
    // Each answer about their show: refused, or about our own show of that ID, holding `usages` of ours.
    const theirShow = (answer: Answer, status: 200 | 201, what: string, usages: number) => {
      if (answer.status === 403) return forbidden(answer, what);
      const result = status === 201 ? c.valid(answer, 201, UsageResultSchema, what) : undefined;
      const tally = status === 201 ? result?.showTally : c.valid(answer, 200, ShowTallySchema, what);
      if (tally) c.that(tally.usages === usages, `${what}: the other venue's show (${tally.usages} usages)`);
      remember(ctx, result);
    };
    const path = `v1/shows/${encodeURIComponent(own.show.id)}/tally`;
    theirShow(await ctx.http.send('GET', path), 200, "another venue's show tally", 0);
    // The card they used: on a show of ours it is not already used (their show is not ours).
    const ours = usage(ctx, b, { id: own.show.id, cap: 100 });
    const named = await sendUsage(ctx, ours, 'theirs-show');
    theirShow(named, 201, "a usage of ours naming another venue's show", 1);
  }),
  check('idempotency scope', ['key-scope'], async (ctx, c) => {
    const other = needsOther(ctx, c);
    const card = ctx.cards.active[2]!;
    const ours = usage(ctx, card, 'open');
    const first = await register(ctx, c, ours, 'scope', 'a usage under a new key');
    const theirs = usage(ctx, card, 'theirs-open', { venueId: other.venueId });
    const token = other.token;
    const what = "the same key from another venue's token (a new key there, not 422 or a replay)";
    const created = await register(ctx, c, theirs, 'scope', what, { token });
    if (first && created)
      c.that(created.usageId !== first.usageId, "another venue's token got our usage replayed");
    const again = await register(ctx, c, theirs, 'scope', 'their replay', { status: 200, token });
    if (created && again)
      c.that(again.usageId === created.usageId, "the other venue's replay is another usage");
    const what2 = 'our replay after the other venue used the key';
    const ourAgain = await register(ctx, c, ours, 'scope', what2, { status: 200 });
    if (first && ourAgain) c.that(ourAgain.usageId === first.usageId, 'our replay is another usage');
  }),
  check('keys across a token refresh', ['key-scope'], async (ctx, c) => {
    const token = ctx.secondToken ?? c.skip('needs a second token of the same venue (--second-token)');
    const body = usage(ctx, ctx.cards.active[1]!, 'open');
    const first = await register(ctx, c, body, 'refresh', 'a usage');
    const what = 'its retry with a refreshed token';
    const again = await register(ctx, c, body, 'refresh', what, { status: 200, token });
    if (first && again)
      c.that(again.usageId === first.usageId, 'a retry with a refreshed token registered again');
  }),
  check('usage list', ['usage-list', 'usage-state'], async (ctx, c) => {
    // A show at 00:30 Helsinki time is listed under that Helsinki day, not under the UTC day before it; so is one
    // half a year on (on the other side of a daylight saving change, mostly).
    const [next, far] = [1, 183].map((n) => addDays(ctx.day, n)) as [string, string];
    const night = (d: string) => {
      const show = { id: showId(ctx, `midnight-${d}`), start: helsinkiTime(d, '00:30') };
      return register(ctx, c, usage(ctx, ctx.cards.active[0]!, show), `mid-${d}`, `a show at 00:30 on ${d}`);
    };
    const late = await night(next);
    const away = await night(far);
    // Everything in pages of 1 000, and again in pages whose last holds one (a server may give fewer): the same
    // usages, once each, oldest first (half a second's leeway for writes in flight).
    const day = await listUsages(ctx, c, ctx.day, 1000);
    const nextDay = await listUsages(ctx, c, next, 1000);
    const farDay = await listUsages(ctx, c, far, 1000);
    if (!day || !nextDay) return;
    const ids = day.map((u) => u.usageId);
    const odd = await listUsages(ctx, c, ctx.day, Math.min(1000, Math.max(1, day.length - 1)));
    c.that(odd?.map((u) => u.usageId).join() === ids.join(), `pages of ${odd?.length} list others`);
    c.that(new Set(ids).size === ids.length, 'the usage list has an item twice (pages overlap)');
    const at = day.map((u) => Date.parse(u.registeredAt));
    const back = at.findIndex((t, i) => t < Math.max(...at.slice(0, i)) - 500);
    c.that(back < 0, `the usage list is not oldest first (item ${back + 1} is older than one before)`);
    const ofRun = day.filter((u) => u.show.id.startsWith(showId(ctx, '')));
    const states = ofRun.filter((u) => u.state !== undefined && u.state !== 'registered').length;
    c.that(states === 0, `${states} usages listed as voided before any void`);
    const stateless = ofRun.filter((u) => u.state === undefined).length;
    c.that(stateless === 0, `${stateless} listed usages do not say their state`);
    const listed = new Set(ids);
    // Every usage the kit registered for the day (all but the one at 00:30 the day after).
    const missing = (ctx.registered.get(ctx.venueId) ?? []).filter(
      (id) => ![late?.usageId, away?.usageId].includes(id) && !listed.has(id),
    );
    c.that(!missing.length, `${missing.length} usages the kit registered are unlisted (${ids.length} are)`);
    const foreign = [...day, ...nextDay].filter(
      (u) => u.venueId !== ctx.venueId && u.forVenueId !== ctx.venueId,
    );
    c.that(foreign.length === 0, `the usage list holds ${foreign.length} usages of other venues`);
    const others = [...ctx.registered].filter(([venue]) => venue !== ctx.venueId);
    const theirs = new Set(others.flatMap(([, list]) => list));
    c.that(!ids.some((id) => theirs.has(id)), "the usage list holds the other venue's usage");
    const it = 'a show at 00:30 Helsinki time is';
    const on = (u?: { usageId: string }, list?: { usageId: string }[]) =>
      !u || !!list?.some((x) => x.usageId === u.usageId);
    c.that(on(late, nextDay) && on(away, farDay), `${it} not on its Helsinki day (${next} or ${far})`);
    c.that(!late || !listed.has(late.usageId), `${it} listed under the day before (a UTC day)`);
  }),
  check('show list', ['show-list', 'unknown-fields'], async (ctx, c) => {
    // The kit's show, stored by its first usage with a cap: listed on its Helsinki day as set, in start order.
    const show = { id: showId(ctx, 'listed'), cap: 7 };
    await register(ctx, c, usage(ctx, ctx.cards.active[3]!, show), 'listed', 'a usage of a show to list');
    const list = (venueId: string, query: string, token?: string) =>
      ctx.http.send('GET', `v1/venues/${encodeURIComponent(venueId)}/shows?${query}`, token ? { token } : {});
    const days = (n: number) => `from=${ctx.day}&to=${addDays(ctx.day, n)}`;
    const day = days(0);
    const read = async (query: string, what: string, token?: string) => {
      const items = c.valid(await list(ctx.venueId, query, token), 200, ShowListSchema, what)?.items ?? [];
      const it = items.find((s) => s.id === show.id);
      const same = it?.cap === 7 && it.kind === 'show' && Date.parse(it.start) === Date.parse(ctx.showStart);
      c.that(same, `${what}: the kit's show is ${it ? JSON.stringify(it) : 'missing'}`);
      const at = items.map((s) => Date.parse(s.start));
      const last = addDays(ctx.day, query === day ? 0 : 30);
      c.that(`${at}` === `${[...at].sort((x, y) => x - y)}`, `${what}: not in start order`);
      const off = at.filter((t) => helsinkiDay(new Date(t)) < ctx.day || helsinkiDay(new Date(t)) > last);
      c.that(off.length === 0, `${what}: ${off.length} shows of other Helsinki days`);
    };
    await read(day, "the venue's show list");
    await read(days(30), 'a show list of 31 days');
    if (ctx.otherIsAgent && ctx.otherVenue) await read(day, "our named agent's read", ctx.otherVenue.token);
    // An unknown or repeated parameter, a range of 32 days: `400` naming it.
    for (const [query, name, what] of [
      [`${day}&venue=${ctx.venueId}`, 'venue', 'an unknown parameter'],
      [`${day}&from=${ctx.day}`, 'from', 'a repeated parameter'],
      [days(31), 'from|to', '32 days'],
    ] as const) {
      const p = c.problem(await list(ctx.venueId, query), 400, 'invalid-request', `a show list with ${what}`);
      const named = !p || !!p.issues?.some((i) => name.split('|').includes(i.path));
      c.that(named, `a show list with ${what}: no issue names ${name}`);
    }
    // Another venue's shows (one that has not named us its agent), or a venue's that does not exist: `403`. As in
    // "venue binding", only with a second venue: without one the kit cannot tell a token bound to its venue.
    if (ctx.otherVenue)
      for (const venueId of [ctx.otherVenue.venueId, showId(ctx, 'no-such-venue')])
        c.problem(await list(venueId, day), 403, 'forbidden', `the show list of ${venueId}`);
  }),
  check('ticket agent', ['agent-named', 'void-owner'], async (ctx, c) => {
    const other = needsOther(ctx, c);
    const [a, b, d] = ctx.cards.active as [string, string, string];
    const id = showId(ctx, 'agent');
    await register(ctx, c, usage(ctx, a, { id, cap: 2 }, { terminal: 'Kassa 2' }), 'agent-0', 'ours');
    const as = { venueId: other.venueId, forVenueId: ctx.venueId, channel: 'ticket-agent' } as const;
    const sale = (card: string, show = id) => usage(ctx, card, { id: show, cap: 50 }, as);
    const opts = { token: other.token };
    // Without --other-is-agent, the first sale tells whether our venue named the other its agent.
    const answer = await sendUsage(ctx, sale(b), 'agent-1', other.token);
    if (!ctx.otherIsAgent && answer.status === 403)
      c.skip('needs --other-venue named as a ticket agent of --venue (it was refused as one)');
    const sold = c.valid(answer, 201, UsageResultSchema, "our agent's sale");
    remember(ctx, sold);
    const given = sold?.showTally.ticketsGiven;
    const cap = sold?.showTally.cap;
    c.that(!sold || (given === 2 && cap === 2), `the agent's sale: tally ${given}/${cap}, expected 2/2`);
    const full = await sendUsage(ctx, sale(d), 'agent-2', other.token);
    c.refusal(full, 'cap-reached', ['cap'], "an agent's sale on our full show");
    // Which of our counters took a card is ours to know: an agent's already-used gives no terminal of ours.
    const used = await sendUsage(ctx, sale(a), 'agent-3', other.token);
    c.refusal(used, 'already-used', ['at'], "an agent's sale of a card we used");
    const params = (used.json as Problem | undefined)?.reasons?.[0]?.params;
    c.that(params?.terminal === undefined, "an agent's already-used names our terminal");
    const tally = await readTally(ctx, c, id);
    if (tally)
      c.that(tally.ticketsGiven === 2 && tally.cap === 2, `our tally: ${tally.ticketsGiven}/${tally.cap}`);
    // The agent's `cap: 50` on a show it sells first is never stored.
    const first = showId(ctx, 'agent-first');
    await register(ctx, c, sale(b, first), 'agent-4', "an agent's sale first on a show", opts);
    const set = await readTally(ctx, c, first);
    c.that(set?.cap !== 50, "an agent's show.cap was stored as our show's cap");
    const listed = (await listUsages(ctx, c, ctx.day, 1000))?.find((u) => u.usageId === sold?.usageId);
    const ok = listed?.forVenueId === ctx.venueId && listed.venueId === other.venueId;
    c.that(ok, "the agent's sale is not in our usage list");
    const agents = await listUsages({ ...ctx, venueId: other.venueId }, c, ctx.day, 1000, other.token);
    c.that(!agents?.some((u) => u.usageId === sold?.usageId), "the agent's own usage list holds its sale");
    // Only the venue that registered a usage voids it, not the venue it was sold for.
    const path = `v1/usages/${encodeURIComponent(sold?.usageId ?? 'none')}/void`;
    c.problem(await post(ctx, path, {}), 403, 'forbidden', "our void of our agent's sale");
    const byAgent = await post(ctx, path, {}, undefined, other.token); // the agent registered it: its to void
    c.valid(byAgent, 200, VoidResultSchema, 'the agent voiding its sale');
  }),
  VOID_CHECK,
];
