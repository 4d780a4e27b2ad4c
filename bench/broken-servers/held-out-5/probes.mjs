// Direct HTTP probes for held-out batch 5: no SDK, no kit. Each broken server must show its fault in its own probe;
// each awkward server must pass every probe and show its oddity; the reference (unmodified sandbox) must fire none.
// node --import tsx --conditions=source bench/broken-servers/held-out-5/probes.mjs [--reference] [--cross] [name…]
//   --cross: also run every probe against every broken server (which other rules each one breaks as a side effect).
import { randomUUID } from 'node:crypto';
import { SERVERS, reference } from './catalog.mjs';
import { client, show, usage } from '../lib/client.mjs';
import { helsinkiDay } from '../lib/define.mjs';
import { VENUE, OTHER_VENUE } from '../lib/base.mjs';

const CARD = 'A999005458'; // active, 0 minors
const CARD2 = 'A999005429'; // active, 1 minor
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const dayOf = (s) => helsinkiDay(new Date(s.start));
const agentSale = (s, cardId, extra = {}) =>
  usage(s, cardId, { venueId: OTHER_VENUE, forVenueId: VENUE, ...extra });
const own = (s, cardId, extra = {}) => usage(s, cardId, { venueId: OTHER_VENUE, ...extra });
const nextDay = (day) => new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const brief = (r) => `${r.status} ${r.text.slice(0, 160)}`;

/** A probe's set-up failed: neither a fault nor its absence was seen (a failure for every kind of server). */
class SetupFailed extends Error {}
const need = (ok, what) => {
  if (!ok) throw new SetupFailed(`set-up failed: ${what}`);
};

/** Every item of a venue's list for [from, to], following nextCursor (at most 200 pages). */
async function listAll(c, from, to, limit = 1000) {
  const items = [];
  let cursor;
  for (let i = 0; i < 200; i++) {
    const r = await c.list(VENUE, { from, to, limit: String(limit), ...(cursor ? { cursor } : {}) });
    if (r.status !== 200) return { status: r.status, items, r };
    items.push(...r.json.items);
    if (!(cursor = r.json.nextCursor)) break;
  }
  return { status: 200, items };
}

/** name → probe(t) → { fired, saw }; `fired` = the fault shows. t = { c: our venue, o: the other venue (our agent) }. */
const P = {
  'health-local-as-z': async ({ c }) => {
    const r = await c.call('GET', 'v1/health');
    return {
      fired: !(Math.abs(Date.parse(r.json?.time) - Date.now()) < 30 * 60_000),
      saw: `time ${r.json?.time} at ${new Date().toISOString()}`,
    };
  },
  'health-needs-token': async ({ c }) => {
    const r = await c.call('GET', 'v1/health', { tok: '' });
    return { fired: r.status !== 200, saw: brief(r) };
  },
  'lookup-valid-until-utc-shift': async ({ c }) => {
    const r = await c.lookup('A999005422'); // seeded to expire today (Helsinki)
    return {
      fired: r.json?.validUntil !== helsinkiDay(),
      saw: `validUntil ${r.json?.validUntil}, today ${helsinkiDay()}`,
    };
  },
  'lookup-status-snake': async ({ c }) => {
    const r = await c.lookup('A999991234');
    return {
      fired: !['active', 'inactive', 'use-ban', 'in-transfer'].includes(r.json?.status),
      saw: brief(r),
    };
  },
  'lookup-unknown-member-dropped': async ({ c }) => {
    const r = await c.call('POST', 'v1/cards/lookup', {
      body: { cardId: 'A045198723', cardID: 'A045198723x' },
    });
    return { fired: r.status !== 400, saw: r.status };
  },
  'lookup-unregistered-200-null': async ({ c }) => {
    const r = await c.lookup('A999000001');
    return { fired: r.status !== 404 || r.json?.code !== 'card-not-registered', saw: brief(r) };
  },
  'batch-empty-200': async ({ c }) => {
    const r = await c.batch([]);
    return { fired: r.status !== 400, saw: brief(r) };
  },
  'batch-101-split': async ({ c }) => {
    const s = show();
    const items = Array.from({ length: 101 }, () => ({
      idempotencyKey: randomUUID(),
      usage: usage(s, CARD),
    }));
    const r = await c.batch(items);
    return { fired: r.status !== 413, saw: r.status };
  },
  'batch-all-or-nothing': async ({ c }) => {
    const r = await c.batch([
      { idempotencyKey: randomUUID(), usage: usage(show(), CARD) },
      { idempotencyKey: randomUUID(), usage: own(show(), CARD) },
    ]);
    return {
      fired: r.status !== 200 || r.json?.results?.length !== 2 || !r.json.results[0].ok,
      saw: brief(r),
    };
  },
  'batch-replayed-always-false': async ({ c }) => {
    const items = [{ idempotencyKey: randomUUID(), usage: usage(show({ cap: 5 }), CARD) }];
    need((await c.batch(items)).json?.results?.[0]?.ok === true, 'first batch');
    const r = await c.batch(items);
    return { fired: r.json?.results?.[0]?.replayed !== true, saw: brief(r) };
  },
  'batch-duplicate-key-merged': async ({ c }) => {
    const item = { idempotencyKey: randomUUID(), usage: usage(show({ cap: 5 }), CARD) };
    const r = await c.batch([item, item]);
    return { fired: r.json?.results?.length !== 2, saw: brief(r) };
  },
  'tally-cap-null-as-zero': async ({ c }) => {
    const s = show();
    need((await c.register(usage(s, CARD))).status === 201, 'registration');
    const r = await c.tally(s.id);
    return { fired: r.json?.cap !== null, saw: brief(r) };
  },
  'tally-cdn-cache': async ({ c }) => {
    const s = show({ cap: 5 });
    await c.tally(s.id);
    const w = await c.register(usage(s, CARD));
    need(w.status === 201, brief(w));
    const r = await c.tally(s.id);
    return {
      fired: Number(r.json?.ticketsGiven) !== w.json?.showTally?.ticketsGiven,
      saw: `write said ${w.json?.showTally?.ticketsGiven}, read ${r.json?.ticketsGiven}`,
    };
  },
  'tally-sum-as-string': async ({ c }) => {
    const s = show({ cap: 5 });
    need((await c.register(usage(s, CARD))).status === 201, 'registration');
    const r = await c.tally(s.id);
    return {
      fired: !Number.isInteger(r.json?.ticketsGiven) || !Number.isInteger(r.json?.usages),
      saw: brief(r),
    };
  },
  'tally-global-show': async ({ c, o }) => {
    const s = show({ cap: 5 });
    const w = await o.register(own(s, CARD));
    const r = await c.tally(s.id);
    need(w.status === 201, `other venue's usage ${brief(w)}`);
    return { fired: Number(r.json?.usages) !== 0, saw: `our tally ${brief(r)}` };
  },
  'list-by-registered-day': async ({ c }) => {
    const s = show({ days: 31 });
    const w = await c.register(usage(s, CARD));
    const today = helsinkiDay();
    const l = await listAll(c, today, today);
    need(w.status === 201, brief(w));
    return { fired: l.items.some((i) => i.usageId === w.json.usageId), saw: `${l.items.length} items today` };
  },
  'list-to-exclusive': async ({ c }) => {
    const s = show({ days: 32 });
    const w = await c.register(usage(s, CARD));
    need(w.status === 201, brief(w));
    const l = await listAll(c, dayOf(s), dayOf(s));
    return {
      fired: !l.items.some((i) => i.usageId === w.json?.usageId),
      saw: `${l.status}, ${l.items.length} items on ${dayOf(s)}`,
    };
  },
  'list-limit-ignored': async ({ c }) => {
    const s = show({ days: 33 });
    need(
      (await c.register(usage(s, CARD))).status === 201 && (await c.register(usage(s, CARD2))).status === 201,
      'two registrations',
    );
    const r = await c.list(VENUE, { from: dayOf(s), to: dayOf(s), limit: '1' });
    return {
      fired: r.status !== 200 || r.json.items.length > 1,
      saw: `${r.status}, ${r.json?.items?.length} items for limit 1`,
    };
  },
  'list-agent-sales-missing': async ({ c, o }) => {
    const s = show({ days: 34 });
    const w = await o.register(agentSale(s, CARD));
    const l = await listAll(c, dayOf(s), nextDay(dayOf(s)));
    need(w.status === 201, `agent sale ${brief(w)}`);
    return { fired: !l.items.some((i) => i.usageId === w.json.usageId), saw: `${l.items.length} listed` };
  },
  'list-voided-dropped': async ({ c }) => {
    const s = show({ days: 35, cap: 5 });
    const w = await c.register(usage(s, CARD));
    need(w.status === 201, brief(w));
    const v = await c.void(w.json?.usageId);
    const l = await listAll(c, dayOf(s), nextDay(dayOf(s)));
    const it = l.items.find((i) => i.usageId === w.json?.usageId);
    need(v.status === 200, `void ${brief(v)}`);
    return {
      fired: it?.state !== 'voided' || !it.voidedAt,
      saw: `listed ${JSON.stringify(it)?.slice(0, 80)}`,
    };
  },
  'list-repeated-param-last-wins': async ({ c }) => {
    const d = helsinkiDay();
    const r = await c.call('GET', `v1/venues/${VENUE}/usages?from=${d}&from=${d}&to=${d}`);
    return { fired: r.status !== 400, saw: brief(r) };
  },
  'list-fixed-offset-dst': async ({ c }) => {
    const day = `${new Date().getUTCFullYear() + 1}-06-15`; // summer time: +03:00
    const s = show({ start: `${day}T00:30:00+03:00` });
    const w = await c.register(usage(s, CARD));
    const l = await listAll(c, day, nextDay(day));
    need(w.status === 201, brief(w));
    return {
      fired: !l.items.some((i) => i.usageId === w.json.usageId),
      saw: `${l.items.length} items on ${day}`,
    };
  },
  'key-lowercased': async ({ c }) => {
    const key = `Key-A-${randomUUID()}`;
    const a = await c.register(usage(show(), CARD), key);
    const b = await c.register(usage(show(), CARD2), key.toLowerCase());
    need(a.status === 201, brief(a));
    return { fired: b.status !== 201, saw: `then ${brief(b)}` };
  },
  'replay-header-stripped': async ({ c }) => {
    const u = usage(show(), CARD);
    const key = randomUUID();
    need((await c.register(u, key)).status === 201, 'first registration');
    const r = await c.register(u, key);
    return {
      fired: r.status !== 200 || r.headers['idempotent-replayed'] !== 'true',
      saw: `${r.status} ${r.headers['idempotent-replayed']}`,
    };
  },
  'replay-current-tally': async ({ c }) => {
    const s = show({ cap: 5 });
    const u = usage(s, CARD);
    const key = randomUUID();
    const a = await c.register(u, key);
    need(a.status === 201 && (await c.register(usage(s, CARD2))).status === 201, brief(a));
    const r = await c.register(u, key);
    return {
      fired: r.json?.showTally?.ticketsGiven !== a.json?.showTally?.ticketsGiven,
      saw: `first ${a.json?.showTally?.ticketsGiven}, replay ${r.json?.showTally?.ticketsGiven}`,
    };
  },
  'key-scope-global': async ({ c, o }) => {
    const key = randomUUID();
    const a = await c.register(usage(show(), CARD), key);
    const b = await o.register(own(show(), CARD2), key);
    need(a.status === 201, brief(a));
    return { fired: b.status !== 201, saw: `other venue ${brief(b)}` };
  },
  'key-missing-generated': async ({ c }) => {
    const r = await c.call('POST', 'v1/usages', { body: usage(show(), CARD) });
    return { fired: r.status !== 400 || r.json?.code !== 'idempotency-key-missing', saw: brief(r) };
  },
  'auth-wrong-token-403': async ({ c }) => {
    const r = await c.tally('x', { tok: 'not-a-token-of-ours' });
    return {
      fired: r.status !== 401 || !r.headers['www-authenticate'],
      saw: `${r.status} ${r.headers['www-authenticate']}`,
    };
  },
  'batch-venue-binding-skipped': async ({ c }) => {
    const r = await c.batch([{ idempotencyKey: randomUUID(), usage: own(show(), CARD) }]);
    const it = r.json?.results?.[0];
    return { fired: it?.ok === true, saw: brief(r) };
  },
  'void-403-leaks-usage': async ({ c, o }) => {
    const s = show({ cap: 5 });
    const w = await c.register(usage(s, CARD));
    need(w.status === 201, brief(w));
    const r = await o.void(w.json?.usageId);
    return {
      fired: r.status !== 403 || r.text.includes(s.id) || r.text.includes(w.json.registeredAt),
      saw: brief(r),
    };
  },
  'void-unknown-403': async ({ c }) => {
    const r = await c.void(randomUUID());
    return { fired: r.status !== 404 || r.json?.code !== 'usage-not-found', saw: brief(r) };
  },
  'void-second-new-voidedAt': async ({ c }) => {
    const w = await c.register(usage(show({ cap: 5 }), CARD));
    const a = await c.void(w.json?.usageId);
    need(a.status === 200, `void ${brief(a)}`);
    await sleep(1100);
    const b = await c.void(w.json?.usageId);
    return {
      fired: b.status !== 200 || Date.parse(a.json?.voidedAt) !== Date.parse(b.json?.voidedAt),
      saw: `${a.json?.voidedAt} then ${b.json?.voidedAt}`,
    };
  },
  'void-window-before-voided': async ({ c }) => {
    const start = Date.now() + 6000;
    const w = await c.register(usage(show({ start: new Date(start).toISOString() }), CARD));
    const a = await c.void(w.json?.usageId);
    await sleep(Math.max(0, start - Date.now()) + 1000);
    const b = await c.void(w.json?.usageId);
    need(w.status === 201 && a.status === 200, `register ${w.status}, void ${brief(a)}`);
    return {
      fired: b.status !== 200 || Date.parse(a.json.voidedAt) !== Date.parse(b.json?.voidedAt),
      saw: `after the start ${brief(b)}`,
    };
  },
  'void-after-show-start': async ({ c }) => {
    const w = await c.register(usage(show({ start: new Date(Date.now() - 60_000).toISOString() }), CARD));
    const r = await c.void(w.json?.usageId);
    need(w.status === 201, brief(w));
    return { fired: r.status !== 422 || r.json?.code !== 'void-window-closed', saw: `void ${brief(r)}` };
  },
  'void-tally-before': async ({ c }) => {
    const w = await c.register(usage(show({ cap: 5 }), CARD));
    need(w.status === 201, brief(w));
    const r = await c.void(w.json?.usageId);
    return { fired: r.json?.showTally?.ticketsGiven !== 0, saw: brief(r) };
  },
  'void-body-unknown-member': async ({ c }) => {
    const w = await c.register(usage(show({ cap: 5 }), CARD));
    need(w.status === 201, brief(w));
    const r = await c.call('POST', `v1/usages/${w.json?.usageId}/void`, { body: { reason: 'wrong card' } });
    return { fired: r.status !== 400, saw: brief(r) };
  },
  'already-used-at-client-time': async ({ c }) => {
    const s = show();
    const a = await c.register(
      usage(s, CARD, { clientTime: new Date(Date.now() - 3 * 3_600_000).toISOString() }),
    );
    const b = await c.register(usage(s, CARD));
    const at = b.json?.reasons?.[0]?.params?.at;
    need(a.status === 201, brief(a));
    return {
      fired: b.json?.code !== 'already-used' || Date.parse(at) !== Date.parse(a.json?.registeredAt),
      saw: `registered ${a.json?.registeredAt}, at ${at}`,
    };
  },
  'already-used-terminal-to-agent': async ({ c, o }) => {
    const s = show();
    const a = await c.register(usage(s, CARD, { terminal: 'Kassa 2' }));
    const b = await o.register(agentSale(s, CARD));
    const params = b.json?.reasons?.[0]?.params;
    need(a.status === 201, brief(a));
    return {
      fired: b.json?.code !== 'already-used' || params?.terminal !== undefined,
      saw: `agent ${brief(b)}`,
    };
  },
  'terminal-non-ascii-digits': async ({ c }) => {
    const r = await c.register(usage(show(), CARD, { terminal: 'Kassa ١٢٣٤' }));
    return { fired: r.status !== 400, saw: brief(r) };
  },
  'plain-ids-zwsp-stripped': async ({ c }) => {
    const s = show();
    const r = await c.register(usage({ ...s, id: `${s.id}\u200bx` }, CARD));
    return { fired: r.status !== 400, saw: brief(r) };
  },
  'snake-case-aliases': async ({ c }) => {
    const { childTickets, ...u } = usage(show(), CARD);
    const r = await c.register({ ...u, child_tickets: childTickets });
    return { fired: r.status !== 400, saw: brief(r) };
  },
  'child-tickets-numeric-string': async ({ c }) => {
    const r = await c.register(usage(show(), CARD, { childTickets: '0' }));
    return { fired: r.status !== 400, saw: brief(r) };
  },
  'problem-as-plain-json': async ({ c }) => {
    const r = await c.call('GET', 'v1/no-such-endpoint');
    return {
      fired: r.status !== 404 || !/^application\/problem\+json/.test(r.headers['content-type'] ?? ''),
      saw: `${r.status} ${r.headers['content-type']}`,
    };
  },
  'head-405': async ({ c }) => {
    const r = await c.call('HEAD', 'v1/health');
    return { fired: r.status !== 200, saw: r.status };
  },
  'refusal-reasons-first-only': async ({ c }) => {
    const r = await c.register(usage(show(), 'A999005380', { childTickets: 5 })); // inactive, 0 minors
    return { fired: r.status !== 422 || !(r.json?.reasons?.length >= 2), saw: brief(r) };
  },
  'already-used-409': async ({ c }) => {
    const s = show();
    need((await c.register(usage(s, CARD))).status === 201, 'first registration');
    const r = await c.register(usage(s, CARD));
    return { fired: r.status !== 422 || r.json?.code !== 'already-used', saw: brief(r) };
  },
  'privacy-card-in-header': async ({ c }) => {
    const r = await c.register(usage(show(), CARD));
    const hit = Object.entries(r.headers).find(([, v]) => v.includes(CARD));
    return { fired: hit !== undefined, saw: hit ? hit[0] : 'no header names it' };
  },
  'payload-too-large-400': async ({ c }) => {
    const raw = JSON.stringify({ ...usage(show(), CARD), pad: 'x'.repeat(1_100_000) });
    const r = await c.call('POST', 'v1/usages', {
      raw,
      key: randomUUID(),
      headers: { 'content-type': 'application/json' },
    });
    return { fired: r.status !== 413, saw: brief(r) };
  },
  'text-plain-parsed-as-json': async ({ c }) => {
    const r = await c.call('POST', 'v1/cards/lookup', {
      raw: JSON.stringify({ cardId: CARD }),
      headers: { 'content-type': 'text/plain' },
    });
    return { fired: r.status !== 415, saw: brief(r) };
  },
  'in-flight-key-not-held': async ({ c }) => {
    const u = usage(show({ cap: 5 }), CARD);
    const key = randomUUID();
    const rs = await Promise.all([c.register(u, key), c.register(u, key)]);
    const legal = (r) =>
      r.status === 201 ||
      r.status === 409 ||
      (r.status === 200 && r.headers['idempotent-replayed'] === 'true');
    return {
      fired: !rs.every(legal) || rs.filter((r) => r.status === 201).length !== 1,
      saw: rs.map(brief).join(' | '),
    };
  },
  'voided-booking-still-covers': async ({ c }) => {
    const s = show({ cap: 1 });
    const a = await c.register(usage(s, CARD));
    const v = await c.void(a.json?.usageId);
    const b = await c.register(usage(s, CARD2));
    need(
      a.status === 201 && v.status === 200 && b.status === 201,
      `book ${a.status}, void ${v.status}, other card ${b.status}`,
    );
    const r = await c.register(usage(s, CARD, { mode: 'collection' }));
    return { fired: r.status !== 422, saw: `collection of the voided booking on a full show: ${brief(r)}` };
  },
  'collection-trusts-booking': async ({ c }) => {
    const r = await c.register(usage(show(), 'A999005380', { mode: 'collection' })); // inactive
    return { fired: r.status !== 422 || r.json?.code !== 'card-inactive', saw: brief(r) };
  },
  'stored-settings-request-cap-wins': async ({ c }) => {
    const s = show({ cap: 1 });
    const a = await c.register(usage(s, CARD));
    const b = await c.register(usage({ ...s, cap: 5 }, CARD2));
    need(a.status === 201, brief(a));
    return { fired: b.status !== 422, saw: `then cap 5 asked: ${brief(b)}` };
  },
  'agent-reverse-naming': async ({ c }) => {
    const r = await c.register(usage(show(), CARD, { forVenueId: OTHER_VENUE }));
    return { fired: r.status !== 403 || r.json?.code !== 'agent-not-authorized', saw: brief(r) };
  },
  'once-per-show-across-venues': async ({ c, o }) => {
    const s = show();
    const a = await o.register(own(s, CARD));
    const b = await c.register(usage(s, CARD));
    need(a.status === 201, `other venue ${brief(a)}`);
    return { fired: b.status !== 201, saw: `ours ${brief(b)}` };
  },
  'usage-id-autoincrement': async ({ c }) => {
    const r = await c.register(usage(show(), CARD));
    return { fired: !UUID.test(r.json?.usageId ?? ''), saw: r.json?.usageId };
  },
};

/** name → oddity(t): true when the awkward server shows its unusual (legal) behaviour. */
const ODD = {
  'awk-one-per-page': async ({ c }) => {
    const s = show({ days: 40 });
    await c.register(usage(s, CARD));
    await c.register(usage(s, CARD2));
    const r = await c.list(VENUE, { from: dayOf(s), to: dayOf(s), limit: '100' });
    return r.json?.items?.length === 1 && !!r.json.nextCursor;
  },
  'awk-empty-first-page': async ({ c }) => {
    const r = await c.list(VENUE, { from: helsinkiDay(), to: helsinkiDay() });
    return r.json?.items?.length === 0 && !!r.json.nextCursor;
  },
  'awk-helsinki-offsets': async ({ c }) =>
    /\+0[23]:00$/.test((await c.register(usage(show(), CARD))).json?.registeredAt ?? ''),
  'awk-extra-headers': async ({ c }) =>
    UUID.test((await c.call('GET', 'v1/health')).headers['x-request-id'] ?? ''),
  'awk-503-first-attempt': async ({ base }) => {
    const r = await fetch(new URL('v1/usages', base), {
      method: 'POST',
      headers: {
        authorization: 'Bearer bench-hilla-token',
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(usage(show(), CARD)),
    });
    return r.status === 503 && r.headers.get('retry-after') === '1';
  },
  'awk-slow-decide': async ({ c }) => {
    const u = usage(show(), CARD);
    const key = randomUUID();
    const rs = await Promise.all([c.register(u, key), c.register(u, key)]);
    return rs.some((r) => r.status === 409 && r.headers['retry-after'] === '1');
  },
  'awk-chunked-slow': async ({ c }) =>
    (await c.call('GET', 'v1/health')).headers['transfer-encoding'] === 'chunked',
  'awk-problem-extensions': async ({ c }) =>
    /^\/errors\//.test((await c.call('GET', 'v1/no-such-endpoint')).json?.instance ?? ''),
  'awk-pretty-json': async ({ c }) => (await c.call('GET', 'v1/health')).text.includes('\n  "'),
  'awk-opaque-cursors': async ({ c }) => {
    const s = show({ days: 41 });
    await c.register(usage(s, CARD));
    await c.register(usage(s, CARD2));
    const r = await c.list(VENUE, { from: dayOf(s), to: dayOf(s), limit: '1' });
    return r.json?.nextCursor?.length === 43;
  },
};

async function runProbe(name, t) {
  try {
    return await Promise.race([
      P[name](t),
      sleep(30_000).then(() => ({ fired: false, setup: true, saw: 'probe timed out' })),
    ]);
  } catch (error) {
    if (error instanceof SetupFailed) return { fired: false, setup: true, saw: error.message };
    return { fired: false, setup: true, saw: `probe threw: ${error?.message ?? error}` };
  }
}

const args = process.argv.slice(2);
const cross = args.includes('--cross');
const names = args.filter((a) => !a.startsWith('--'));
for (const n of names) if (!SERVERS[n]) throw new Error(`no server ${n}`);
const targets = args.includes('--reference')
  ? [reference]
  : (names.length ? names : Object.keys(SERVERS)).map((n) => SERVERS[n]);
const missing = Object.values(SERVERS).filter((s) => (s.kind === 'broken' ? !P[s.name] : !ODD[s.name]));
if (missing.length) throw new Error(`no probe for ${missing.map((s) => s.name).join(', ')}`);

const tally = { broken: [0, 0], awkward: [0, 0], reference: [0, 0] };
const collateral = {};
for (const s of targets) {
  const server = await s.start(0);
  const t = {
    base: server.baseUrl,
    c: client(server.baseUrl, server.tokens.token),
    o: client(server.baseUrl, server.tokens.otherToken),
  };
  try {
    if (s.kind === 'broken') {
      const r = await runProbe(s.name, t);
      tally.broken[1]++;
      if (r.fired) tally.broken[0]++;
      console.log(
        `${r.fired ? 'ok  ' : 'MISS'} ${s.name}: ${r.fired ? 'fault shows' : r.setup ? 'no verdict' : 'fault NOT shown'} — ${r.saw}`,
      );
      if (cross) {
        const others = [];
        for (const n of Object.keys(P)) if (n !== s.name && (await runProbe(n, t)).fired) others.push(n);
        collateral[s.name] = others;
        if (others.length) console.log(`       also fires: ${others.join(', ')}`);
      }
    } else {
      const fired = [];
      for (const n of Object.keys(P)) {
        const r = await runProbe(n, t);
        if (r.fired || r.setup) fired.push(`${n} (${r.fired ? 'fired' : 'no verdict'}: ${r.saw})`);
      }
      const odd = s.kind === 'awkward' ? await ODD[s.name](t).catch(() => false) : true;
      const good = fired.length === 0 && odd;
      tally[s.kind][1]++;
      if (good) tally[s.kind][0]++;
      console.log(
        `${good ? 'ok  ' : 'BAD '} ${s.name}: ${fired.length} of ${Object.keys(P).length} probes fired or failed${s.kind === 'awkward' ? `, oddity ${odd ? 'shown' : 'NOT shown'}` : ''}${fired.length ? `\n       ${fired.join('\n       ')}` : ''}`,
      );
    }
  } finally {
    await server.stop();
  }
}
const line = (k, what) => (tally[k][1] ? `${k}: ${tally[k][0]}/${tally[k][1]} ${what}` : undefined);
console.log(
  [
    line('broken', 'show their fault'),
    line('awkward', 'pass every probe and show their oddity'),
    line('reference', 'fire no probe'),
  ]
    .filter(Boolean)
    .join('; '),
);
if (cross)
  console.log(
    `broken servers whose fault fires another probe too: ${Object.values(collateral).filter((o) => o.length).length}`,
  );
process.exit(
  tally.broken[0] === tally.broken[1] &&
    tally.awkward[0] === tally.awkward[1] &&
    tally.reference[0] === tally.reference[1]
    ? 0
    : 1,
);
