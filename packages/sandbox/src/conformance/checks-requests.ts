import { BatchResponseSchema, CardRecordSchema, HealthSchema } from '@kaiku-scanner/core/contract';
import type { CardRecord, Problem } from '@kaiku-scanner/core/contract';
import { helsinkiDay } from '../clock.js';
import { type KitCheck, check } from './check.js';
import { type Ctx, expectUsages, key, post, sendUsage, showId, usage } from './kit-context.js';

/** A look-up typed `application/json; charset=utf-8` (JSON with a parameter is JSON). */
const lookup = (ctx: Ctx, cardId: string) =>
  ctx.http.send('POST', 'v1/cards/lookup', { body: { cardId }, headers: { 'content-type': JSON_UTF8 } });
const JSON_UTF8 = 'application/json; charset=utf-8';

/** Requests as such: health, tokens, look-ups, unknown fields, identifiers, problem+json, privacy. */
export const REQUEST_CHECKS: readonly KitCheck[] = [
  check('health', ['health'], async (ctx, c) => {
    const at = Date.now();
    const answer = await ctx.http.send('GET', 'v1/health', { auth: false });
    const health = c.valid(answer, 200, HealthSchema, 'GET v1/health');
    // The server's clock (halfway through the request): no instant it writes may be later.
    if (health) ctx.http.serverClock(Date.parse(health.time), (at + Date.now()) / 2);
  }),
  check('auth', ['auth', 'problem-json'], async (ctx, c) => {
    const body = { cardId: ctx.cards.active[0] };
    // Every route but health, without a token.
    for (const [method, path] of routes(ctx).slice(1)) {
      const none = await ctx.http.send(method, path, { ...(method === 'POST' ? { body } : {}), auth: false });
      c.problem(none, 401, 'unauthorized', `${method} ${path} without a token`);
      c.that(none.headers.has('www-authenticate'), `${method} ${path}: a 401 without WWW-Authenticate`);
    }
    // Tokens compared whole: one character more or changed at the end, or another scheme, is no token.
    const t = ctx.token;
    const tokens = {
      'a wrong token': `conformance-wrong-${ctx.run}`,
      'a token with one more character': `${t}x`,
      'a token with its last character changed': `${t.slice(0, -1)}${t.endsWith('x') ? 'y' : 'x'}`,
      'another scheme': `Basic ${Buffer.from(`${ctx.venueId}:${t}`).toString('base64')}`,
      'an expired token': ctx.expiredToken,
    };
    // The scheme is case-insensitive (RFC 9110 §11.1): `bearer` is the same token.
    const lower = { authorization: `bearer ${t}` };
    const asLower = await ctx.http.send('POST', 'v1/cards/lookup', { body, headers: lower, auth: false });
    c.that(asLower.status === 200, `a look-up with the scheme written "bearer": ${asLower.status}`);
    for (const [what, token] of Object.entries(tokens)) {
      if (token === undefined) continue;
      const headers = { authorization: token.startsWith('Basic ') ? token : `Bearer ${token}` };
      const read = await ctx.http.send('POST', 'v1/cards/lookup', { body, headers, auth: false });
      c.problem(read, 401, 'unauthorized', what);
      // Nothing may be written with it either.
      const written = await sendUsage(ctx, usage(ctx, ctx.cards.active[0]!, 'auth'), `auth-${what}`, token);
      c.problem(written, 401, 'unauthorized', `a usage with ${what}`);
    }
  }),
  check('card look-up', ['lookup', 'problem-json', 'json-media-type'], async (ctx, c) => {
    const today = helsinkiDay(new Date());
    const expect: [string, string, (r: CardRecord) => boolean][] = [
      [ctx.cards.active[0]!, 'active', (r) => r.status === 'active' && r.validUntil >= today],
      [ctx.cards.inactive, 'inactive', (r) => r.status === 'inactive'],
      [ctx.cards.useBan, 'use-ban', (r) => r.status === 'use-ban'],
      [ctx.cards.inTransfer, 'in-transfer', (r) => r.status === 'in-transfer'],
      [ctx.cards.expired, 'expired', (r) => r.validUntil < today],
      [ctx.cards.community, 'community', (r) => r.kind === 'community' && r.status === 'active'],
    ];
    for (const [id, what, holds] of expect) {
      const card = c.valid(await lookup(ctx, id), 200, CardRecordSchema, `look-up (${what}, ${JSON_UTF8})`);
      if (card) c.that(card.id === id && holds(card), `the ${what} test card's record: ${card.status}`);
    }
    c.problem(await lookup(ctx, ctx.cards.unregistered), 404, 'card-not-registered', 'unregistered card');
    c.problem(await lookup(ctx, 'not a card'), 400, 'invalid-request', 'malformed card ID');
    c.problem(await ctx.http.send('GET', `v1/conformance-${ctx.run}`), 404, 'not-found', 'unknown path');
  }),
  check('unknown and misspelt fields', ['unknown-fields'], async (ctx, c) => {
    const id = showId(ctx, 'fields');
    const base = usage(ctx, ctx.cards.active[0]!, { id, cap: 5 });
    const cases: [unknown, string, string | undefined, string][] = [
      [{ cardId: ctx.cards.active[0], extra: 1 }, 'extra', undefined, 'a look-up with an unknown member'],
      [{ ...base, show: { ...base.show, Cap: 1 } }, 'show.Cap', 'cap', 'a show with `Cap`'],
      [{ ...base, childTicket: 1 }, 'childTicket', 'childTickets', 'a usage with `childTicket`'],
      [{ ...base, child_tickets: 0, client_time: base.clientTime }, 'child_tickets', undefined, 'snake_case'],
      [
        { ...base, group: { memberCardIds: [], under16Clients: 0, under16clients: 1 } },
        'group.under16clients',
        'under16Clients',
        'a group with `under16clients`',
      ],
    ];
    for (const [i, [body, path, suggestion, what]] of cases.entries()) {
      if (i === 0 && ctx.viaBatch) continue;
      const answer = i === 0 ? await post(ctx, 'v1/cards/lookup', body) : await sendUsage(ctx, body, `f${i}`);
      const p = c.problem(answer, 400, 'invalid-request', what);
      // A batch names the member in its item (`items.0.usage.…`), or the item's problem in the usage.
      const issue = p?.issues?.find((x) => x.path.replace(/^items\.0\.usage\./, '') === path);
      c.that(issue?.code === 'unknown-field', `${what}: no unknown-field issue naming ${path}`);
      if (suggestion) c.that(issue?.suggestion === suggestion, `${what}: no suggestion ${suggestion}`);
    }
    // Refused means not recorded: the show holds nothing.
    await expectUsages(ctx, c, id, 0, 'a refused body was recorded');
  }),
  check('plain identifiers', ['plain-ids'], async (ctx, c) => {
    const id = showId(ctx, 'ids');
    const card = ctx.cards.active[0]!;
    const bidiVenue = usage(ctx, card, { id }, { venueId: `${ctx.venueId}\u202e` });
    const bad: [Record<string, unknown>, string, string][] = [
      [usage(ctx, card, { id: `${id}\u0000` }), 'ctl', 'a show ID with NUL'],
      [usage(ctx, card, { id: `${id}\u202e` }), 'bidi', 'a show ID with a bidi override'],
      [bidiVenue, 'venue', 'a venue ID with a bidi override'],
      [usage(ctx, `${card}\u200b`, { id }), 'card', 'a card ID with a zero-width space'],
      [usage(ctx, card, { id }), 'tab\tkey', 'an idempotency key with a tab'],
    ];
    for (const [body, k, what] of bad) {
      const { status } = await sendUsage(ctx, body, `ids-${k}`);
      c.that(status === 400 || status === 403, `${what}: status ${status}, expected 400`);
    }
    await expectUsages(ctx, c, id, 0, 'a usage with a bad identifier was recorded');
  }),
];

/** The routes of docs/api.md's endpoint table, with the method each takes (none names a card ID). */
const routes = (ctx: Ctx): [string, string][] => [
  ['GET', 'v1/health'],
  ['GET', `v1/shows/${showId(ctx, 'open')}/tally`],
  ['GET', `v1/venues/${encodeURIComponent(ctx.venueId)}/usages?from=${ctx.day}&to=${ctx.day}`],
  ['GET', `v1/venues/${encodeURIComponent(ctx.venueId)}/shows?from=${ctx.day}&to=${ctx.day}`],
  ['POST', 'v1/cards/lookup'],
  ['POST', 'v1/usages'],
  ['POST', 'v1/usages/batch'],
  ['POST', `v1/usages/${showId(ctx, 'no-such-usage')}/void`],
];

/** Every route with `HEAD` (wherever `GET`) and a method it does not take; every documented bound, just past it. */
export const ROUTE_CHECKS: readonly KitCheck[] = [
  check('methods on every route', ['methods'], async (ctx, c) => {
    for (const [method, path] of routes(ctx)) {
      if (method === 'GET') {
        const get = await ctx.http.send('GET', path);
        const head = await ctx.http.send('HEAD', path);
        c.that(head.status === get.status && !head.text, `HEAD ${path}: ${head.status}, GET ${get.status}`);
      }
      const wrong = await ctx.http.send('PUT', path, { body: {} });
      c.problem(wrong, 405, 'method-not-allowed', `PUT ${path}`);
      const allow = wrong.headers.get('allow') ?? '';
      c.that(allow.split(/\s*,\s*/).includes(method), `PUT ${path}: Allow "${allow}" lacks ${method}`);
    }
  }),
  check('documented bounds', ['bounds', 'unknown-fields', 'batch'], async (ctx, c) => {
    const { active } = ctx.cards;
    const [card] = active as [string];
    const batch = (n: number, show: string, reversed = false) => {
      const usages = Array.from({ length: n }, (_, i) => usage(ctx, active[i % active.length]!, show));
      const items = usages.map((u, i) => ({ idempotencyKey: key(ctx, `${show}-${i}`), usage: u }));
      return post(ctx, 'v1/usages/batch', { items: reversed ? items.reverse() : items });
    };
    c.problem(await batch(0, 'bounds'), 400, 'invalid-request', 'an empty batch');
    // 100 items, one result each in their order: each card's first registered, its others refused as already
    // used; sent again reversed, the same results replayed.
    for (const again of [false, true]) {
      const what = `a batch of 100${again ? ' again, reversed' : ''}`;
      const full = c.valid(await batch(100, 'bounds-100', again), 200, BatchResponseSchema, what);
      const wrong = full?.results.findIndex((r, i) => {
        const at = again ? 99 - i : i;
        const first =
          at < active.length ? r.ok && r.replayed === again : !r.ok && r.problem.code === 'already-used';
        return !first || r.idempotencyKey !== key(ctx, `bounds-100-${at}`);
      });
      c.that(!full || (full.results.length === 100 && wrong === -1), `${what}: result ${wrong} is wrong`);
    }
    c.problem(await batch(101, 'bounds'), 413, 'batch-too-large', 'a batch of 101 items');
    // A value outside a documented set is refused, never taken for another, nor `null` for a default.
    // So is a child count below 0, not whole or a string, and a terminal name like a card ID (any digits, spaced).
    const refused: object[] = [{ channel: 'web' }, { mode: 'walk-in' }, { mode: null }, { childTickets: -1 }];
    refused.push({ childTickets: 0.5 }, { childTickets: null }, { childTickets: '0' });
    refused.push({ show: { ...usage(ctx, card, 'bounds').show, cap: '5' } });
    const names = [
      'Kassa 1234',
      '\uff21\uff10\uff14\uff15\uff11\uff19\uff18\uff17\uff12\uff13',
      'A045 198 723',
    ];
    for (const [i, extra] of [...refused, ...names.map((terminal) => ({ terminal }))].entries()) {
      const body = { ...usage(ctx, card, 'bounds'), ...extra };
      const answer = await sendUsage(ctx, body, `bounds-${i}`);
      c.problem(answer, 400, 'invalid-request', `a usage with ${JSON.stringify(extra)}`);
    }
    // `limit` 1–1000; an unknown or a repeated query parameter.
    for (const q of ['limit=0', 'limit=1001', 'frm=x', `from=${ctx.day}`]) {
      const answer = await ctx.http.send('GET', `${routes(ctx)[2]![1]}&${q}`);
      c.problem(answer, 400, 'invalid-request', `the usage list with ${q}`);
    }
    // A key of 7 characters, also a batch item's (the whole batch refused, or the item).
    const short = { idempotencyKey: 'k234567', usage: usage(ctx, card, 'bounds') };
    c.problem(await post(ctx, 'v1/usages', short.usage, short.idempotencyKey), 400, undefined, 'a key of 7');
    const item = await post(ctx, 'v1/usages/batch', { items: [short] });
    const results = (item.json as { results?: { problem?: Problem }[] } | undefined)?.results;
    const status = results ? results[0]?.problem?.status : item.status;
    c.that(status === 400, `a batch item with a key of 7 characters: ${status ?? item.status}, expected 400`);
    // One key twice in a batch: answered twice, in order (the second the first's replay).
    const twice = [0, 1].map(() => ({ idempotencyKey: key(ctx, 'twice'), usage: usage(ctx, card, 'twice') }));
    const pair = BatchResponseSchema.safeParse((await post(ctx, 'v1/usages/batch', { items: twice })).json);
    c.that(pair.data?.results.length === 2, 'a batch with one key twice: not two results');
    const big = { cardId: card, pad: 'x'.repeat(1 << 20) };
    c.problem(await post(ctx, 'v1/cards/lookup', big), 413, 'payload-too-large', 'a body over 1 MB');
    await expectUsages(ctx, c, showId(ctx, 'bounds'), 0, 'a request past a bound registered a usage');
  }),
];

/** Where an answer may name a card: a look-up's record (`id`), a usage record's `cardId` and `group`. */
function withoutOwnRecord(this: unknown, k: string, v: unknown): unknown {
  const own = k === 'id' ? 'prefix' : ['cardId', 'group'].includes(k) ? 'usageId' : '';
  return own && typeof this === 'object' && this !== null && own in this ? undefined : v;
}

/** Runs last: no answer of the run, any header or any place of its body but the card's own record, names a card
 * ID the kit sent (an error, a tally, a batch item's problem, a `Location`). */
export const PRIVACY_CHECK = check('privacy: no card ID in answers', ['privacy'], async (ctx, c) => {
  const ids = [...ctx.cards.active, ...Object.values(ctx.cards).filter((v) => typeof v === 'string')];
  if (!ctx.http.answers.some((a) => a.status >= 400)) c.notObserved('no error answers to read');
  for (const answer of ctx.http.answers) {
    const own = answer.status < 400 && answer.json !== undefined;
    const body = own ? JSON.stringify(answer.json, withoutOwnRecord) : answer.text;
    for (const [where, text] of [
      ['headers', [...answer.headers].join('\n')],
      ['body', body],
    ])
      if (ids.some((cardId) => text!.includes(cardId as string)))
        c.that(false, `a ${answer.status} answer's ${where} quote a card ID the kit sent`);
  }
});
