// A direct probe per held-out server: each broken one really breaks its rule, each awkward one keeps the contract.
// node --import tsx --conditions=source bench/broken-servers/held-out/probes.mjs [name…] [--reference]
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OTHER_VENUE, VENUE } from '../lib/base.mjs';
import { CARDS, client, show, usage } from '../lib/client.mjs';
import { helsinkiDay } from '../lib/define.mjs';
import { startProxy } from '../lib/proxy.mjs';
import { AGENTS } from './lib.mjs';

const day = (iso) => helsinkiDay(new Date(iso));
const sale = (s, cardId) =>
  usage(s, cardId, { venueId: OTHER_VENUE, forVenueId: VENUE, channel: 'ticket-agent' });
const listed = async (api, d) => {
  const items = [];
  let cursor;
  for (let i = 0; i < 50; i++) {
    const r = await api.list(VENUE, { from: d, to: d, limit: '1000', ...(cursor ? { cursor } : {}) });
    if (r.status !== 200) return items;
    items.push(...r.json.items);
    if (!(cursor = r.json.nextCursor)) break;
  }
  return items;
};
const batchOf = (n) =>
  Array.from({ length: n }, () => ({ idempotencyKey: randomUUID(), usage: usage(show(), CARDS[0]) }));
const st = (r) => `${r.status} ${r.json?.code ?? ''}`.trim();

/** Each probe returns [violated: boolean, what was seen]. */
const PROBES = {
  'children-over-minors': async ({ api }) => {
    const r = await api.register(usage(show(), 'A999005458', { childTickets: 2 })); // 0 minors
    return [r.status === 201, `2 children on a card with 0 minors: ${st(r)}`];
  },
  'adult-not-counted': async ({ api }) => {
    const s = show({ cap: 5 });
    await api.register(usage(s, CARDS[0]));
    const t = await api.tally(s.id);
    return [t.json.ticketsGiven !== 1, `tally after one adult ticket: ${t.json.ticketsGiven}`];
  },
  'group-member-unchecked': async ({ api }) => {
    const group = { memberCardIds: ['A999005416'], under16Clients: 0 }; // expired yesterday
    const r = await api.register(usage(show(), 'Y110029399', { group }));
    return [r.status === 201, `expired member card: ${st(r)}`];
  },
  'booking-window-ignored': async ({ api }) => {
    const start = new Date(Date.now() + 60 * 86_400_000).toISOString();
    const s = { id: 'hilla-ensi-ilta', name: 'Ensi-ilta', start, kind: 'show' };
    const r = await api.register(usage(s, CARDS[0]));
    return [r.status === 201, `booking two months ahead of a one-month window: ${st(r)}`];
  },
  'agent-sets-cap': async ({ api, other }) => {
    const s = show({ cap: 1 });
    const r = await other.register(sale(s, CARDS[0]));
    const t = await api.tally(s.id);
    return [r.status === 201 && t.json.cap !== null, `agent sale ${st(r)}; venue's cap now ${t.json.cap}`];
  },
  'agent-counts-own-venue': async ({ api, other }) => {
    const s = show({ cap: 5 });
    await api.register(usage(s, CARDS[1]));
    const r = await other.register(sale(s, CARDS[0]));
    const t = await api.tally(s.id);
    return [
      r.status === 201 && t.json.ticketsGiven !== 2,
      `agent sale ${st(r)}; venue's tally ${t.json.ticketsGiven}/5`,
    ];
  },
  'agent-missing-from-list': async ({ api, other }) => {
    const s = show();
    const r = await other.register(sale(s, CARDS[0]));
    const items = await listed(api, day(s.start));
    const seen = items.some((i) => i.usageId === r.json?.usageId);
    return [r.status === 201 && !seen, `agent sale ${st(r)}; in the venue's list: ${seen}`];
  },
  'second-booking-accepted': async ({ api }) => {
    const s = show();
    await api.register(usage(s, CARDS[0]));
    const r = await api.register(usage(s, CARDS[0]));
    return [r.status === 201, `second booking: ${st(r)}`];
  },
  'already-used-across-venues': async ({ api, other }) => {
    const s = show();
    await other.register(usage(s, CARDS[0], { venueId: OTHER_VENUE }));
    const r = await api.register(usage(s, CARDS[0]));
    return [r.status !== 201, `same card, same show ID at another venue: ${st(r)}`];
  },
  'voided-booking-collectable': async ({ api }) => {
    const s = show({ cap: 5 });
    const b = await api.register(usage(s, CARDS[0]));
    await api.void(b.json.usageId);
    const c = await api.register(usage(s, CARDS[0], { mode: 'collection' }));
    return [
      c.json?.coveredByBooking !== 0,
      `collection after a voided booking: covered ${c.json?.coveredByBooking}`,
    ];
  },
  'request-cap-wins': async ({ api }) => {
    const s = show({ cap: 1 });
    await api.register(usage(s, CARDS[0]));
    const r = await api.register(usage({ ...s, cap: 5 }, CARDS[1]));
    return [r.status === 201, `second usage on a stored cap of 1, asking cap 5: ${st(r)}`];
  },
  'list-any-venue': async ({ api, other }) => {
    const s = show();
    await api.register(usage(s, CARDS[0]));
    const r = await other.list(VENUE, { from: day(s.start), to: day(s.start) });
    return [r.status === 200, `other venue reads our list: ${st(r)}`];
  },
  'void-stale-tally': async ({ api }) => {
    const s = show({ cap: 3 });
    const r = await api.register(usage(s, CARDS[0]));
    const v = await api.void(r.json.usageId);
    return [v.json.showTally.ticketsGiven !== 0, `void's tally ${v.json.showTally.ticketsGiven}`];
  },
  'tally-usages-as-tickets': async ({ api }) => {
    const s = show({ cap: 6 });
    await api.register(usage(s, CARDS[0], { childTickets: 2 }));
    const t = await api.tally(s.id);
    return [t.json.ticketsGiven !== 3, `tally after 1 adult + 2 children: ${t.json.ticketsGiven}`];
  },
  'tally-all-venues': async ({ api, other }) => {
    const s = show({ cap: 5 });
    await other.register(usage(s, CARDS[0], { venueId: OTHER_VENUE }));
    const t = await api.tally(s.id);
    return [
      t.json.ticketsGiven !== 0 || t.json.usages !== 0,
      `our tally of a show ID only the other venue used: ${t.json.ticketsGiven}`,
    ];
  },
  'list-voided-as-registered': async ({ api }) => {
    const s = show();
    const r = await api.register(usage(s, CARDS[0]));
    await api.void(r.json.usageId);
    const i = (await listed(api, day(s.start))).find((x) => x.usageId === r.json.usageId);
    return [i?.state !== 'voided', `voided usage listed as ${i?.state}`];
  },
  'list-limit-clamped': async ({ api }) => {
    const d = helsinkiDay();
    const r = await api.list(VENUE, { from: d, to: d, limit: '5000' });
    return [r.status === 200, `limit=5000: ${st(r)}`];
  },
  'list-unknown-query-ignored': async ({ api }) => {
    const d = helsinkiDay();
    const r = await api.list(VENUE, { from: d, to: d, state: 'voided' });
    return [r.status === 200, `?state=voided: ${st(r)}`];
  },
  'idem-replay-no-header': async ({ api }) => {
    const key = randomUUID();
    const u = usage(show(), CARDS[0]);
    await api.register(u, key);
    const r = await api.register(u, key);
    return [
      r.headers['idempotent-replayed'] !== 'true',
      `replay ${r.status}, header ${r.headers['idempotent-replayed']}`,
    ];
  },
  'idem-key-optional': async ({ api }) => {
    const r = await api.call('POST', 'v1/usages', { body: usage(show(), CARDS[0]) });
    return [r.status !== 400 || r.json?.code !== 'idempotency-key-missing', `no key: ${st(r)}`];
  },
  'idem-replay-current-tally': async ({ api }) => {
    const s = show({ cap: 5 });
    const key = randomUUID();
    const u = usage(s, CARDS[0]);
    const a = await api.register(u, key);
    await api.register(usage(s, CARDS[1]));
    const b = await api.register(u, key);
    const [x, y] = [a.json.showTally.ticketsGiven, b.json.showTally.ticketsGiven];
    return [x !== y, `first answer's tally ${x}, replay's ${y}`];
  },
  'batch-over-100': async ({ api }) => {
    const r = await api.batch(batchOf(101));
    return [r.status === 200, `101 items: ${st(r)}`];
  },
  'batch-empty-ok': async ({ api }) => {
    const r = await api.batch([]);
    return [r.status === 200, `0 items: ${st(r)}`];
  },
  'batch-replayed-false': async ({ api }) => {
    const items = batchOf(2);
    await api.batch(items);
    const r = await api.batch(items);
    return [
      r.json.results.some((x) => x.replayed !== true),
      `again: replayed ${r.json.results.map((x) => x.replayed)}`,
    ];
  },
  'batch-too-large-400': async ({ api }) => {
    const r = await api.batch(batchOf(101));
    return [r.status !== 413 || r.json?.code !== 'batch-too-large', `101 items: ${st(r)}`];
  },
  'auth-401-as-403': async ({ api }) => {
    const r = await api.lookup(CARDS[0], { tok: 'wrong-token' });
    return [r.status !== 401, `wrong token: ${st(r)}`];
  },
  'problem-no-code': async ({ api }) => {
    const r = await api.lookup('A999000001');
    return [r.json?.code !== 'card-not-registered', `unknown card: ${r.status} ${JSON.stringify(r.json)}`];
  },
  'card-id-in-server-timing': async ({ api }) => {
    const r = await api.lookup(CARDS[0]);
    const hit = Object.entries(r.headers).find(([, v]) => v.includes(CARDS[0]));
    return [Boolean(hit), `header holding the card ID: ${hit?.[0]}`];
  },
  'card-id-in-problem-instance': async ({ api }) => {
    const r = await api.lookup('A999000001');
    return [r.text.includes('A999000001'), `unknown card's problem: ${r.text.slice(0, 160)}`];
  },
  'registered-at-no-offset': async ({ api }) => {
    const r = await api.register(usage(show(), CARDS[0]));
    return [!/(Z|[+-]\d\d:\d\d)$/.test(r.json.registeredAt), `registeredAt ${r.json.registeredAt}`];
  },
  'payload-too-large-500': async ({ api }) => {
    const raw = JSON.stringify({ ...usage(show(), CARDS[0]), pad: 'x'.repeat(1_500_000) });
    const r = await api.call('POST', 'v1/usages', {
      raw,
      key: randomUUID(),
      headers: { 'content-type': 'application/json' },
    });
    return [r.status !== 413, `1.5 MB body: ${st(r)}`];
  },
  'health-no-version': async ({ api }) => {
    const r = await api.call('GET', 'v1/health', { tok: null });
    return [typeof r.json?.version !== 'string', `health ${r.text}`];
  },
  'lookup-unknown-member-dropped': async ({ api }) => {
    const r = await api.call('POST', 'v1/cards/lookup', { body: { cardId: CARDS[0], holder: 'x' } });
    return [r.status === 200, `look-up with an unknown member: ${st(r)}`];
  },
  'lookup-valid-until-exclusive': async ({ api }) => {
    const r = await api.lookup('A999005422'); // expires today
    return [r.json.validUntil !== helsinkiDay(), `validUntil ${r.json.validUntil}, today ${helsinkiDay()}`];
  },
  'lookup-community-as-client': async ({ api }) => {
    const r = await api.lookup('Y110029399');
    return [r.json.kind !== 'community', `Y card kind ${r.json.kind}`];
  },
  'channel-unknown-coerced': async ({ api }) => {
    const r = await api.register(usage(show(), CARDS[0], { channel: 'web' }));
    return [r.status !== 400, `channel 'web': ${st(r)}`];
  },
  'course-as-show': async ({ api }) => {
    const start = new Date(Date.now() + 14 * 86_400_000).toISOString();
    const s = { id: 'hilla-keramiikka', name: 'Keramiikkakurssi', start, kind: 'course' };
    const r = await api.register(usage(s, CARDS[0], { childTickets: 1 }));
    return [r.status === 201, `a child on a course: ${st(r)}`];
  },
  'expired-grace-day': async ({ api }) => {
    const r = await api.register(usage(show(), 'A999005416')); // expired yesterday
    return [r.status === 201, `card expired yesterday: ${st(r)}`];
  },
  'collection-window-ignored': async ({ api }) => {
    // Tonight's show (23.30 Helsinki), collection from 30 minutes before: closed until 23.00.
    if (new Date().toLocaleTimeString('en-GB', { timeZone: 'Europe/Helsinki' }) >= '23:00')
      return [false, 'after 23.00 Helsinki: the window is open, cannot probe'];
    const start = new Date(Date.now() + 3_600_000).toISOString();
    const s = { id: 'hilla-tanaan', name: 'Tämän illan esitys', start, kind: 'show' };
    const r = await api.register(usage(s, CARDS[0], { mode: 'collection' }));
    return [r.status === 201, `collection before the window: ${st(r)}`];
  },
  'opens-at-utc': async ({ api }) => {
    const start = new Date(Date.now() + 60 * 86_400_000).toISOString();
    const s = { id: 'hilla-ensi-ilta', name: 'Ensi-ilta', start, kind: 'show' };
    const r = await api.register(usage(s, CARDS[0]));
    const at = r.json?.reasons?.[0]?.params?.opensAt;
    return [!/ 18\.00$/.test(at ?? ''), `opensAt of an 18.00 show a month ahead: ${at}`];
  },
  'cap-exceeded-as-reached': async ({ api }) => {
    const r = await api.register(usage(show({ cap: 2 }), CARDS[0], { childTickets: 2 }));
    return [r.json?.code !== 'cap-exceeded', `3 tickets on an empty cap of 2: ${st(r)}`];
  },
  'head-not-answered': async ({ api }) => {
    const r = await api.call('HEAD', 'v1/health', { tok: null });
    return [r.status !== 200, `HEAD /v1/health: ${r.status}`];
  },
  'method-405-no-allow': async ({ api }) => {
    const r = await api.call('DELETE', 'v1/usages');
    return [r.status === 405 && !r.headers.allow, `DELETE /v1/usages: ${r.status}, Allow ${r.headers.allow}`];
  },
  'void-unknown-403': async ({ api }) => {
    const r = await api.void(randomUUID());
    return [r.status !== 404 || r.json?.code !== 'usage-not-found', `unknown usage: ${st(r)}`];
  },
  'idem-key-case-folded': async ({ api }) => {
    const key = `Key-${randomUUID()}`;
    await api.register(usage(show(), CARDS[0]), key);
    const r = await api.register(usage(show(), CARDS[0]), key.toLowerCase());
    return [r.status !== 201, `another body under the lower-cased key: ${st(r)}`];
  },
  'batch-keys-fresh': async ({ api }) => {
    const items = batchOf(2);
    await api.batch(items);
    const r = await api.batch(items);
    const codes = r.json.results.map((x) => (x.ok ? `replayed=${x.replayed}` : x.problem.code));
    return [r.json.results.some((x) => !x.ok), `the batch again: ${codes}`];
  },
};

/** An awkward server keeps the contract on its main path: [violated, seen]. */
async function awkwardProbe({ api, other }) {
  const bad = (what) => [true, what];
  const h = await api.call('GET', 'v1/health', { tok: null });
  if (h.status !== 200 || typeof h.json?.version !== 'string') return bad(`health ${st(h)}`);
  const c = await api.lookup(CARDS[0]);
  if (c.status !== 200 || c.json.id !== CARDS[0] || c.json.minors !== 2) return bad(`look-up ${st(c)}`);
  const s = show({ cap: 4 });
  const key = randomUUID();
  const u = usage(s, CARDS[0], { childTickets: 1 });
  const a = await api.register(u, key);
  const b = await api.register(u, key);
  if (
    a.status !== 201 ||
    b.status !== 200 ||
    b.headers['idempotent-replayed'] !== 'true' ||
    b.json.usageId !== a.json.usageId
  )
    return bad(`register ${st(a)}, replay ${st(b)}`);
  const t = await api.tally(s.id);
  if (t.json.ticketsGiven !== 2 || t.json.remaining !== 2) return bad(`tally ${JSON.stringify(t.json)}`);
  const items = await listed(api, day(s.start));
  if (items.filter((i) => i.usageId === a.json.usageId).length !== 1) return bad('usage not listed once');
  const v = await api.void(a.json.usageId);
  const ov = await other.void(a.json.usageId);
  if (v.status !== 200 || v.json.showTally.ticketsGiven !== 0 || ov.status !== 403)
    return bad(`void ${st(v)}, other venue's ${st(ov)}`);
  const miss = await api.lookup('A999000001');
  const noTok = await api.lookup(CARDS[0], { tok: 'wrong' });
  if (
    miss.json?.code !== 'card-not-registered' ||
    noTok.status !== 401 ||
    !/problem\+json/.test(miss.headers['content-type'])
  )
    return bad(`unknown card ${st(miss)}, wrong token ${st(noTok)}`);
  return [false, `main path kept (list ${items.length} items, void tally 0, 404/401/403 as due)`];
}

const dir = join(import.meta.dirname, 'servers');
// `--reference`: every broken server's probe against the unaltered sandbox (agents named), where none may fire.
const reference = process.argv.includes('--reference');
const names = process.argv.slice(2).filter((a) => a !== '--reference');
let bad = 0;
for (const f of readdirSync(dir)
  .filter((x) => x.endsWith('.mjs'))
  .sort()) {
  const s = (await import(pathToFileURL(join(dir, f)).href)).default;
  if (names.length && !names.includes(s.name)) continue;
  const server = await (reference ? startProxy(0, {}, { name: 'reference', options: AGENTS }) : s.start(0));
  try {
    const ctx = {
      api: client(server.baseUrl, server.tokens.token),
      other: client(server.baseUrl, server.tokens.otherToken),
    };
    const probe = s.kind === 'broken' ? PROBES[s.name] : awkwardProbe;
    if (!probe) {
      console.log(`${s.name}: NO PROBE`);
      bad++;
      continue;
    }
    const [violated, seen] = await probe(ctx);
    const ok = s.kind === 'broken' && !reference ? violated : !violated;
    if (!ok) bad++;
    console.log(`${ok ? 'ok  ' : 'BAD '} ${s.kind.padEnd(8)} ${s.name}: ${seen}`);
  } catch (error) {
    bad++;
    console.log(`BAD  ${s.kind.padEnd(8)} ${s.name}: ${error.stack}`);
  } finally {
    await server.stop();
  }
}
process.exit(bad ? 1 : 0);
