// A direct probe per server: shows that each broken server really breaks its rule (so a kit miss is a real miss)
// and that each awkward one still keeps the contract on its main path.
// node --import tsx --conditions=source bench/broken-servers/probes.mjs [name…]
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OTHER_VENUE, VENUE } from './lib/base.mjs';
import { CARDS, client, show, usage } from './lib/client.mjs';
import { helsinkiDay } from './lib/define.mjs';

const day = (iso) => helsinkiDay(new Date(iso));
const alreadyUsedParams = async (api, extra = {}) => {
  const s = show();
  await api.register(usage(s, CARDS[0], { terminal: 'Kassa 2', ...extra }));
  const r = await api.register(usage(s, CARDS[0], extra));
  return r.json?.reasons?.find((x) => x.code === 'already-used')?.params ?? {};
};
const listOfDay = async (api, d, limit = 1000) => {
  const items = [];
  let cursor;
  for (let i = 0; i < 50; i++) {
    const r = await api.list(VENUE, { from: d, to: d, limit: String(limit), ...(cursor ? { cursor } : {}) });
    if (r.status !== 200) return { status: r.status, items };
    items.push(...r.json.items);
    if (!(cursor = r.json.nextCursor)) return { status: 200, items, ended: true, pages: i + 1 };
  }
  return { status: 200, items, ended: false, pages: 50 };
};
const threeOnOneDay = async (api) => {
  const s = show({ days: 20 });
  const ids = [];
  for (const c of CARDS.slice(0, 3)) ids.push((await api.register(usage(s, c))).json.usageId);
  return { s, ids, d: day(s.start) };
};

/** Each probe returns [violated: boolean, what was seen]. */
const PROBES = {
  'terminal-not-stored': async ({ api }) => {
    const p = await alreadyUsedParams(api);
    return [p.terminal !== 'Kassa 2', `already-used params ${JSON.stringify(p)}`];
  },
  'list-by-registration-day': async ({ api }) => {
    const s = show({ days: 14 });
    const id = (await api.register(usage(s, CARDS[0]))).json.usageId;
    const { items } = await listOfDay(api, day(s.start));
    return [
      !items.some((i) => i.usageId === id),
      `usage on its show day listed: ${items.some((i) => i.usageId === id)}`,
    ];
  },
  'void-other-venue-404': async ({ api, other }) => {
    const r = await api.register(usage(show(), CARDS[0]));
    const v = await other.void(r.json.usageId);
    return [v.status === 404, `other venue's void: ${v.status} ${v.json?.code}`];
  },
  'void-any-venue': async ({ api, other }) => {
    const r = await api.register(usage(show(), CARDS[0]));
    const v = await other.void(r.json.usageId);
    return [v.status === 200, `other venue's void: ${v.status} ${v.json?.code}`];
  },
  'void-no-window': async ({ api }) => {
    const s = show({ start: new Date(Date.now() - 60_000).toISOString() });
    const r = await api.register(usage(s, CARDS[0]));
    const v = await api.void(r.json?.usageId ?? 'x');
    return [
      r.status === 201 && v.status === 200,
      `register ${r.status}, void of a started show: ${v.status} ${v.json?.code}`,
    ];
  },
  'void-new-voidedAt': async ({ api }) => {
    const r = await api.register(usage(show(), CARDS[0]));
    const a = await api.void(r.json.usageId);
    await new Promise((ok) => setTimeout(ok, 50));
    const b = await api.void(r.json.usageId);
    return [a.json.voidedAt !== b.json.voidedAt, `voidedAt ${a.json.voidedAt} then ${b.json.voidedAt}`];
  },
  'void-keeps-counting': async ({ api }) => {
    const s = show({ cap: 3 });
    const r = await api.register(usage(s, CARDS[0]));
    await api.void(r.json.usageId);
    const t = await api.tally(s.id);
    return [t.json.ticketsGiven !== 0, `tally after the void: ${t.json.ticketsGiven}/${t.json.cap}`];
  },
  'voided-still-already-used': async ({ api }) => {
    const s = show();
    const r = await api.register(usage(s, CARDS[0]));
    await api.void(r.json.usageId);
    const again = await api.register(usage(s, CARDS[0], { childTickets: 1 }));
    return [again.status !== 201, `re-registering the voided card: ${again.status} ${again.json?.code}`];
  },
  'idem-keys-global': async ({ api, other }) => {
    const key = randomUUID();
    await api.register(usage(show(), CARDS[0]), key);
    const o = await other.register({ ...usage(show(), CARDS[1]), venueId: OTHER_VENUE }, key);
    return [o.status !== 201, `the other venue's usage under our key: ${o.status} ${o.json?.code ?? ''}`];
  },
  'idem-hash-partial': async ({ api }) => {
    const key = randomUUID();
    const s = show();
    await api.register(usage(s, CARDS[0]), key);
    const b = await api.register(usage(s, CARDS[0], { childTickets: 1 }), key);
    return [b.status !== 422, `another body under the key: ${b.status} ${b.json?.code ?? ''}`];
  },
  'cap-check-then-write': async ({ api }) => {
    let worst = 0;
    for (let t = 0; t < 3; t++) {
      const s = show({ cap: 3 });
      const rs = await Promise.all(CARDS.map((c) => api.register(usage(s, c))));
      worst = Math.max(worst, rs.filter((r) => r.status === 201).length);
    }
    return [worst > 3, `most accepted on a cap of 3 with ${CARDS.length} parallel clients: ${worst}`];
  },
  'collection-counted-again': async ({ api }) => {
    const s = show({ cap: 2 });
    await api.register(usage(s, CARDS[0]));
    await api.register(usage(s, CARDS[1]));
    const c = await api.register(usage(s, CARDS[0], { mode: 'collection' }));
    return [c.status !== 201, `collecting a booking on a full show: ${c.status} ${c.json?.code ?? ''}`];
  },
  'collection-beyond-booking-free': async ({ api }) => {
    const s = show({ cap: 2 });
    await api.register(usage(s, CARDS[0]));
    await api.register(usage(s, CARDS[1]));
    const c = await api.register(usage(s, CARDS[0], { mode: 'collection', childTickets: 1 }));
    const t = await api.tally(s.id);
    return [
      c.status === 201,
      `collecting booking + 1 child on a full show: ${c.status} ${c.json?.code ?? ''}, tally ${t.json.ticketsGiven}/${t.json.cap}`,
    ];
  },
  'tally-first-venue': async ({ api, other }) => {
    const s = show({ cap: 5 });
    await other.register({ ...usage(s, CARDS[0]), venueId: OTHER_VENUE });
    const t = await api.tally(s.id);
    return [
      t.json.usages !== 0,
      `our tally of a show ID only the other venue used: ${t.json.usages} usages, cap ${t.json.cap}`,
    ];
  },
  'already-used-no-at': async ({ api }) => {
    const p = await alreadyUsedParams(api);
    return [!('at' in p), `already-used params ${JSON.stringify(p)}`];
  },
  'already-used-local-at': async ({ api }) => {
    const p = await alreadyUsedParams(api);
    return [!/(Z|[+-]\d\d:\d\d)$/.test(p.at ?? ''), `already-used at ${p.at}`];
  },
  'list-to-exclusive': async ({ api }) => {
    const { ids, d } = await threeOnOneDay(api);
    const { items } = await listOfDay(api, d);
    return [ids.some((id) => !items.some((i) => i.usageId === id)), `${items.length} listed of 3 on ${d}`];
  },
  'list-newest-first': async ({ api }) => {
    const { ids, d } = await threeOnOneDay(api);
    const { items } = await listOfDay(api, d, 2);
    const order = items.map((i) => i.usageId).filter((id) => ids.includes(id));
    return [
      order.join() !== ids.join(),
      `listed order ${order.map((id) => ids.indexOf(id)).join(',')} (registered 0,1,2)`,
    ];
  },
  'list-page-overlap': async ({ api }) => {
    const { d } = await threeOnOneDay(api);
    const { items } = await listOfDay(api, d, 2);
    const n = new Set(items.map((i) => i.usageId)).size;
    return [n !== items.length, `${items.length} items listed, ${n} distinct`];
  },
  'list-ignores-limit': async ({ api }) => {
    const { d } = await threeOnOneDay(api);
    const r = await api.list(VENUE, { from: d, to: d, limit: '1' });
    return [r.json.items.length > 1, `limit=1 gave ${r.json.items.length} items`];
  },
  'agent-refusal-generic-403': async ({ api }) => {
    const r = await api.register(
      usage(show(), CARDS[0], { channel: 'ticket-agent', forVenueId: OTHER_VENUE }),
    );
    return [r.json?.code !== 'agent-not-authorized', `unnamed agent: ${r.status} ${r.json?.code}`];
  },
  'idem-replay-201': async ({ api }) => {
    const k = randomUUID();
    const u = usage(show(), CARDS[0]);
    await api.register(u, k);
    const r = await api.register(u, k);
    return [
      r.status !== 200 || r.headers['idempotent-replayed'] !== 'true',
      `replay: ${r.status}, Idempotent-Replayed ${r.headers['idempotent-replayed']}`,
    ];
  },
  'idem-reused-409': async ({ api }) => {
    const k = randomUUID();
    const s = show();
    await api.register(usage(s, CARDS[0]), k);
    const r = await api.register(usage(s, CARDS[1]), k);
    return [r.status !== 422, `another body: ${r.status} ${r.json?.code}`];
  },
  'errors-plain-json': async ({ api }) => {
    const r = await api.lookup('A999000001');
    return [
      !/problem\+json/.test(r.headers['content-type']),
      `404 content-type ${r.headers['content-type']}`,
    ];
  },
  'html-404': async ({ api }) => {
    const r = await api.call('GET', 'v1/nothing-here');
    return [r.json?.code !== 'not-found', `unknown path: ${r.status} ${r.headers['content-type']}`];
  },
  'no-www-authenticate': async ({ api }) => {
    const r = await api.lookup(CARDS[0], { tok: '' });
    return [!r.headers['www-authenticate'], `401 WWW-Authenticate: ${r.headers['www-authenticate']}`];
  },
  'health-needs-token': async ({ api }) => {
    const r = await api.call('GET', 'v1/health', { tok: '' });
    return [r.status !== 200, `health without a token: ${r.status}`];
  },
  'other-venue-list-401': async ({ api }) => {
    const r = await api.list(OTHER_VENUE, { from: '2026-01-01', to: '2026-12-31' });
    return [r.status !== 403, `other venue's list: ${r.status} ${r.json?.code}`];
  },
  'card-status-finnish': async ({ api }) => {
    const r = await api.lookup(CARDS[0]);
    return [r.json.status !== 'active', `status ${r.json.status}`];
  },
  'minors-omitted-when-zero': async ({ api }) => {
    const r = await api.lookup('A999005458');
    return [!('minors' in r.json), `record ${JSON.stringify(r.json)}`];
  },
  'lowercase-card-accepted': async ({ api }) => {
    const r = await api.lookup('a045198723');
    return [r.status === 200, `lower-case look-up: ${r.status}`];
  },
  'expiring-today-refused': async ({ api }) => {
    const r = await api.register(usage(show(), 'A999005422'));
    return [r.status !== 201, `card on its last valid day: ${r.status} ${r.json?.code}`];
  },
  'card-id-in-location': async ({ api }) => {
    const r = await api.register(usage(show(), CARDS[0]));
    return [(r.headers.location ?? '').includes(CARDS[0]), `Location: ${r.headers.location}`];
  },
  'card-id-in-refusal': async ({ api }) => {
    const r = await api.register(usage(show(), 'A999005380'));
    return [r.text.includes('A999005380'), `refusal: ${r.json?.detail}`];
  },
  'terminal-unchecked': async ({ api }) => {
    const r = await api.register(usage(show(), CARDS[0], { terminal: 'A045198723' }));
    return [r.status !== 400, `terminal "A045198723": ${r.status} ${r.json?.code ?? ''}`];
  },
  'batch-all-or-nothing': async ({ api }) => {
    const s = show();
    const r = await api.batch([
      { idempotencyKey: randomUUID(), usage: usage(s, CARDS[0]) },
      { idempotencyKey: randomUUID(), usage: usage(s, 'A999005380') },
    ]);
    return [r.status !== 200, `batch with one refused item: ${r.status} ${r.json?.code ?? ''}`];
  },
  'batch-max-50': async ({ api }) => {
    const s = show();
    const items = Array.from({ length: 60 }, () => ({
      idempotencyKey: randomUUID(),
      usage: usage(s, 'A999005380'),
    }));
    const r = await api.batch(items);
    return [r.status !== 200, `60 items: ${r.status} ${r.json?.code ?? ''}`];
  },
  'show-keys-case-folded': async ({ api }) => {
    const r = await api.register(usage({ ...show(), Cap: 1 }, CARDS[0]));
    return [r.status !== 400, `show.Cap: ${r.status} ${r.json?.code ?? ''}`];
  },
  'bad-json-500': async ({ api }) => {
    const r = await api.call('POST', 'v1/cards/lookup', {
      raw: '{"cardId": ',
      headers: { 'content-type': 'application/json' },
    });
    return [r.status >= 500, `malformed JSON: ${r.status}`];
  },
  'rate-limit-html': async ({ baseUrl, tokens }) => {
    const rs = await Promise.all(
      Array.from({ length: 30 }, () =>
        fetch(new URL('v1/cards/lookup', baseUrl), {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens.token}`, 'content-type': 'application/json' },
          body: '{"cardId":"A045198723"}',
        }),
      ),
    );
    const bad = rs.filter(
      (r) => r.status === 429 && !/problem\+json/.test(r.headers.get('content-type')),
    ).length;
    return [bad > 0, `${bad} of 30 quick look-ups: 429 not problem+json`];
  },
  'list-hides-voided': async ({ api }) => {
    const s = show();
    const id = (await api.register(usage(s, CARDS[0]))).json.usageId;
    await api.void(id);
    const { items } = await listOfDay(api, day(s.start));
    return [
      !items.some((i) => i.usageId === id && i.state === 'voided'),
      `voided usage listed: ${items.some((i) => i.usageId === id)}`,
    ];
  },
  'agent-refused-after-write': async ({ api, other }) => {
    const s = show();
    await other.register({ ...usage(s, CARDS[1]), venueId: OTHER_VENUE });
    const r = await api.register(usage(s, CARDS[0], { channel: 'ticket-agent', forVenueId: OTHER_VENUE }));
    const t = await other.tally(s.id);
    return [
      t.json.usages !== 1,
      `unnamed agent: ${r.status} ${r.json?.code}; the other venue's show now holds ${t.json.usages} usages (1 its own)`,
    ];
  },
  'void-window-client-time': async ({ api }) => {
    const r = await api.register(
      usage(show(), CARDS[0], { clientTime: new Date(Date.now() - 3_600_000).toISOString() }),
    );
    const v = await api.void(r.json.usageId);
    return [
      v.status !== 200,
      `void 1 s after registering an outbox usage made an hour ago: ${v.status} ${v.json?.code ?? ''}`,
    ];
  },
  'void-closesAt-utc': async ({ api }) => {
    const s = show({ start: new Date(Date.now() - 60_000).toISOString() });
    const r = await api.register(usage(s, CARDS[0]));
    const v = await api.void(r.json.usageId);
    const closes = v.json?.reasons?.[0]?.params?.closesAt;
    const m = /^(\d+)\.(\d+)\.(\d+) (\d+)\.(\d+)$/.exec(closes ?? '');
    const helsinki = new Intl.DateTimeFormat('fi-FI', {
      timeZone: 'Europe/Helsinki',
      hour: 'numeric',
    }).format(new Date(Date.now() - 60_000));
    return [
      !m || Number(m[4]) !== Number(helsinki.replace(/\D/g, '')),
      `closesAt ${closes} (the show started at Helsinki hour ${helsinki})`,
    ];
  },
  'idem-short-keys': async ({ api }) => {
    const r = await api.register(usage(show(), CARDS[0]), 'abc');
    return [r.status !== 400, `key "abc": ${r.status} ${r.json?.code ?? ''}`];
  },
  'lookup-no-auth': async ({ api }) => {
    const r = await api.lookup(CARDS[0], { tok: 'wrong' });
    return [r.status !== 401, `look-up with a wrong token: ${r.status}`];
  },
  'issues-echo-card': async ({ api }) => {
    const r = await api.lookup('A04519872x');
    return [r.text.includes('A04519872x'), `400 detail: ${r.json?.detail}`];
  },
  'list-start-shifted': async ({ api }) => {
    const s = show({ days: 14 });
    const id = (await api.register(usage(s, CARDS[0]))).json.usageId;
    const { items } = await listOfDay(api, day(s.start));
    const l = items.find((i) => i.usageId === id);
    return [
      !l || Date.parse(l.show.start) !== Date.parse(s.start),
      `sent ${s.start}, listed ${l?.show.start}`,
    ];
  },
  'success-text-plain': async ({ api }) => {
    const r = await api.lookup(CARDS[0]);
    return [
      !/application\/json/.test(r.headers['content-type']),
      `200 content-type ${r.headers['content-type']}`,
    ];
  },
  'accepts-text-plain': async ({ api }) => {
    const r = await api.call('POST', 'v1/cards/lookup', {
      raw: JSON.stringify({ cardId: CARDS[0] }),
      headers: { 'content-type': 'text/plain' },
    });
    return [r.status !== 415, `text/plain look-up: ${r.status}`];
  },
  'method-405-as-404': async ({ api }) => {
    const r = await api.call('GET', 'v1/usages');
    return [r.status !== 405, `GET /v1/usages: ${r.status} ${r.json?.code}`];
  },
  'list-cursor-loop': async ({ api }) => {
    const { d } = await threeOnOneDay(api);
    const { items, ended, pages } = await listOfDay(api, d, 2);
    return [!ended, `${pages} pages followed, ${items.length} items, ended: ${ended}`];
  },
  'unknown-card-422': async ({ api }) => {
    const r = await api.lookup('A999000001');
    return [r.status !== 404, `unregistered card: ${r.status} ${r.json?.code}`];
  },
};

/** The awkward servers: their variation is visible, and the main path keeps the contract. */
async function awkwardProbe({ api, other }) {
  const seen = [];
  const h = await api.call('GET', 'v1/health', { tok: '' });
  if (h.status !== 200 || (!h.json && !h.headers['content-encoding'])) return [true, `health ${h.status}`];
  const s = show({ cap: 2 });
  const u = usage(s, CARDS[0], { terminal: 'Kassa 2' });
  const k = randomUUID();
  const a = await api.register(u, k);
  const b = await api.register(u, k);
  if (
    a.status !== 201 ||
    b.status !== 200 ||
    b.headers['idempotent-replayed'] !== 'true' ||
    a.json.usageId !== b.json.usageId
  )
    return [true, `register ${a.status}, replay ${b.status}`];
  if (Date.parse(a.json.registeredAt) !== Date.parse(b.json.registeredAt))
    return [true, 'replay registeredAt differs'];
  const again = await api.register(usage(s, CARDS[0]));
  if (
    again.json?.code !== 'already-used' ||
    Date.parse(again.json.reasons[0].params.at) !== Date.parse(a.json.registeredAt)
  )
    return [true, `already-used ${JSON.stringify(again.json?.reasons)}`];
  const { items } = await listOfDay(api, day(s.start), 2);
  const listed = items.find((i) => i.usageId === a.json.usageId);
  if (!listed || listed.terminal !== 'Kassa 2') return [true, 'usage not listed with its terminal'];
  const v = await api.void(a.json.usageId);
  const v2 = await api.void(a.json.usageId);
  const ov = await other.void(a.json.usageId);
  if (v.status !== 200 || v.json.voidedAt !== v2.json.voidedAt || ov.status !== 403)
    return [true, `void ${v.status}, again ${v2.status}, other ${ov.status}`];
  const t = await api.tally(s.id);
  if (t.json.ticketsGiven !== 0 || t.json.remaining !== 2) return [true, `tally ${JSON.stringify(t.json)}`];
  const miss = await api.lookup('A999000001');
  if (
    miss.status !== 404 ||
    miss.json?.code !== 'card-not-registered' ||
    !/problem\+json/.test(miss.headers['content-type'])
  )
    return [true, `unregistered ${miss.status}`];
  seen.push(
    `usageId ${a.json.usageId}`,
    `registeredAt ${a.json.registeredAt}`,
    `problem ${JSON.stringify(miss.json).slice(0, 90)}`,
    `headers ${['content-encoding', 'connection', 'x-request-id'].map((k) => `${k}=${a.headers[k] ?? '-'}`).join(' ')}`,
  );
  return [false, seen.join('; ')];
}

const dir = join(import.meta.dirname, 'servers');
const names = process.argv.slice(2);
let bad = 0;
for (const f of readdirSync(dir)
  .filter((x) => x.endsWith('.mjs'))
  .sort()) {
  const s = (await import(pathToFileURL(join(dir, f)).href)).default;
  if (names.length && !names.includes(s.name)) continue;
  const server = await s.start(0);
  try {
    const ctx = {
      name: s.name,
      baseUrl: server.baseUrl,
      tokens: server.tokens,
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
    const ok = s.kind === 'broken' ? violated : !violated;
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
