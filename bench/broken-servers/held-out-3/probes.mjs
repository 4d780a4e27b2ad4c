// Shows each fault of the third batch directly, with one exchange (and the set-up it needs), without the kit.
//   node --import tsx --conditions=source bench/broken-servers/held-out-3/probes.mjs [name…]
//     each broken server: its own probe fires; each awkward server: no probe fires (and its oddity is seen)
//   node --import tsx --conditions=source bench/broken-servers/held-out-3/probes.mjs --reference
//     every probe against the unmodified sandbox: none may fire
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OTHER_VENUE, VENUE, startBase } from '../lib/base.mjs';
import { CARDS, client, show, usage } from '../lib/client.mjs';
import { helsinkiDay, helsinkiOffset } from '../lib/define.mjs';
import { AGENTS } from './lib.mjs';

const INACTIVE = 'A999005380';
const UNREGISTERED = 'A999000001';
const COMMUNITY = 'Y110029399';
const hasCard = (res, card) =>
  res.text.includes(card) || Object.values(res.headers).some((v) => String(v).includes(card));
const reg = (c, s, card, extra, key) => c.register(usage(s, card, extra), key);
const dayOf = (s) => helsinkiDay(new Date(s.start));
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const sameInstant = (a, b) => typeof a === 'string' && Date.parse(a) === Date.parse(b);
const said = (res) => `${res.status} ${res.text.slice(0, 160)}`;

/** Walks a venue's list of one day with `limit`, following `nextCursor` (at most 50 pages). */
async function walkList(c, venue, day, limit) {
  const items = [];
  let cursor;
  for (let i = 0; i < 50; i++) {
    const r = await c.list(venue, {
      from: day,
      to: day,
      limit: String(limit),
      ...(cursor ? { cursor } : {}),
    });
    if (r.status !== 200) return { error: r };
    items.push(...r.json.items);
    if (!(cursor = r.json.nextCursor)) break;
  }
  return { items };
}

/** Each probe returns what it saw when the fault shows, else undefined. */
const PROBES = {
  async 'health-behind-auth'({ c }) {
    const r = await c.call('GET', 'v1/health', { tok: null });
    if (r.status !== 200) return `GET /v1/health without a token: ${said(r)}`;
  },
  async 'lookup-status-label'({ c }) {
    const r = await c.lookup('A045198723');
    if (!['active', 'inactive', 'use-ban', 'in-transfer'].includes(r.json?.status))
      return `status ${r.json?.status}`;
  },
  async 'lookup-valid-until-utc'({ c }) {
    const r = await c.lookup('A999005422'); // seeded to expire today (Helsinki)
    if (r.json?.validUntil !== helsinkiDay()) return `card expiring today: validUntil ${r.json?.validUntil}`;
  },
  async 'lookup-unregistered-placeholder'({ c }) {
    const r = await c.lookup(UNREGISTERED);
    if (r.status !== 404 || r.json?.code !== 'card-not-registered') return `unregistered card: ${said(r)}`;
  },
  async 'lookup-without-token'({ c }) {
    const r = await c.lookup('A045198723', { tok: null });
    if (r.status !== 401) return `look-up without a token: ${r.status}`;
  },
  async 'card-id-in-location-header'({ c }) {
    const r = await reg(c, show(), 'A999005458');
    if (Object.values(r.headers).some((v) => String(v).includes('A999005458')))
      return `a header names the card: ${JSON.stringify(r.headers)}`;
  },
  async 'card-id-in-batch-problem'({ c }) {
    const r = await c.batch([{ idempotencyKey: randomUUID(), usage: usage(show(), INACTIVE) }]);
    if (hasCard(r, INACTIVE)) return `batch answer quotes the card: ${r.text.slice(0, 300)}`;
  },
  async 'tally-names-last-card'({ c }) {
    const s = show({ cap: 5 });
    await reg(c, s, 'A999005458');
    const r = await c.tally(s.id);
    if (hasCard(r, 'A999005458')) return `tally names the card: ${r.text}`;
  },
  async 'unauthorized-echoes-body'({ c }) {
    const r = await c.lookup('A045198723', { tok: 'no-such-token-xyz' });
    if (hasCard(r, 'A045198723')) return `401 quotes the card: ${r.text.slice(0, 300)}`;
  },
  async 'void-forbidden-shows-usage'({ c, o }) {
    const s = show({ cap: 5 });
    const u = await reg(c, s, 'A999005458');
    const r = await o.void(u.json.usageId);
    if (r.status === 403 && (hasCard(r, 'A999005458') || r.text.includes(s.id)))
      return `403 names the usage: ${r.text.slice(0, 300)}`;
  },
  async 'void-owner-unchecked'({ c, o }) {
    const u = await reg(c, show({ cap: 5 }), 'A999005458');
    const r = await o.void(u.json.usageId);
    if (r.status !== 403) return `another venue's void: ${said(r)}`;
  },
  async 'auth-no-www-authenticate'({ c }) {
    const r = await c.lookup('A045198723', { tok: 'no-such-token-xyz' });
    if (r.status !== 401 || !r.headers['www-authenticate'])
      return `wrong token: ${r.status}, WWW-Authenticate ${r.headers['www-authenticate']}`;
  },
  async 'auth-token-prefix'({ c }) {
    const r = await c.lookup('A045198723', { tok: 'bench-hilla-tokenXYZ' });
    if (r.status !== 401) return `token bench-hilla-tokenXYZ: ${r.status}`;
  },
  async 'batch-venue-unbound'({ c }) {
    const r = await c.batch([
      {
        idempotencyKey: randomUUID(),
        usage: { ...usage(show({ cap: 5 }), 'A999005458'), venueId: OTHER_VENUE },
      },
    ]);
    const item = r.json?.results?.[0];
    if (r.status === 200 && (item?.ok || item?.problem?.status !== 403))
      return `item for ${OTHER_VENUE}: ${JSON.stringify(item).slice(0, 200)}`;
  },
  async 'agent-unnamed-in-batch'({ c }) {
    const s = show({ cap: 5 });
    const u = { ...usage(s, 'A999005458'), channel: 'ticket-agent', forVenueId: OTHER_VENUE };
    const r = await c.batch([{ idempotencyKey: randomUUID(), usage: u }]);
    const item = r.json?.results?.[0];
    if (item?.problem?.code !== 'agent-not-authorized')
      return `batch item for a venue that never named us: ${JSON.stringify(item)?.slice(0, 160)}`;
  },
  async 'terminal-digits-accepted'({ c }) {
    const r = await reg(c, show(), 'A999005458', { terminal: 'Kassa 1234' });
    if (r.status !== 400) return `terminal "Kassa 1234": ${r.status}`;
  },
  async 'children-negative-as-zero'({ c }) {
    const r = await reg(c, show(), 'A045198723', { childTickets: -1 });
    if (r.status !== 400) return `childTickets -1: ${r.status}`;
  },
  async 'registered-at-client-clock'({ c }) {
    const clientTime = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const r = await reg(c, show(), 'A999005458', { clientTime });
    if (Math.abs(Date.parse(r.json?.registeredAt) - Date.now()) > 120_000)
      return `clientTime two days ago: registeredAt ${r.json?.registeredAt}`;
  },
  async 'already-used-at-client-time'({ c }) {
    const s = show({ cap: 5 });
    const first = await reg(c, s, 'A999005458');
    const again = await reg(c, s, 'A999005458', {
      clientTime: new Date(Date.now() - 3_600_000).toISOString(),
    });
    const at = again.json?.reasons?.[0]?.params?.at;
    if (again.json?.code !== 'already-used' || !sameInstant(at, first.json.registeredAt))
      return `second usage: ${again.json?.code}, at ${at}; first registeredAt ${first.json?.registeredAt}`;
  },
  async 'already-used-terminal-dropped'({ c, c2 }) {
    const s = show({ cap: 5 });
    await reg(c, s, 'A999005458', { terminal: 'Kassa 2' });
    const again = await reg(c2, s, 'A999005458', { terminal: 'Kassa 3' });
    const terminal = again.json?.reasons?.[0]?.params?.terminal;
    if (again.json?.code !== 'already-used' || terminal !== 'Kassa 2')
      return `own venue's second usage: ${again.json?.code}, terminal ${terminal}`;
  },
  async 'void-used-cache-stale'({ c }) {
    const s = show({ cap: 5 });
    const u = await reg(c, s, 'A999005458');
    await c.void(u.json.usageId);
    const r = await reg(c, s, 'A999005458');
    if (r.status !== 201) return `booking after the first one was voided: ${said(r)}`;
  },
  async 'tally-cache-not-invalidated'({ c }) {
    const s = show({ cap: 5 });
    const u = await reg(c, s, 'A999005458');
    await c.tally(s.id);
    await c.void(u.json.usageId);
    const t = await c.tally(s.id);
    if (t.json?.ticketsGiven !== 0) return `tally after the only usage was voided: ${t.text}`;
  },
  async 'void-after-show-start'({ c }) {
    const s = show({ cap: 5, start: new Date(Date.now() - 60_000).toISOString() });
    const u = await reg(c, s, 'A999005458');
    if (u.status !== 201) return;
    const r = await c.void(u.json.usageId);
    if (r.status !== 422 || r.json?.code !== 'void-window-closed')
      return `void of a started show's usage: ${said(r)}`;
  },
  async 'void-retry-new-timestamp'({ c }) {
    const u = await reg(c, show({ cap: 5 }), 'A999005458');
    const a = await c.void(u.json.usageId);
    await sleep(20);
    const b = await c.void(u.json.usageId);
    if (b.status !== 200 || !sameInstant(b.json?.voidedAt, a.json?.voidedAt))
      return `voidedAt ${a.json?.voidedAt}, then ${b.json?.voidedAt}`;
  },
  async 'collection-extra-free'({ c }) {
    const s = show({ cap: 3 });
    for (const card of ['A045198723', 'A999005458', 'A999005429']) await reg(c, s, card);
    const r = await reg(c, s, 'A045198723', { mode: 'collection', childTickets: 2 });
    if (r.status !== 422) return `full show (3/3), collection with 2 children beyond the booking: ${said(r)}`;
  },
  async 'collection-skips-card-check'({ c }) {
    const r = await reg(c, show({ cap: 5 }), INACTIVE, { mode: 'collection' });
    if (r.json?.code !== 'card-inactive') return `collection with an inactive card: ${said(r)}`;
  },
  async 'cap-race-stale-tally'({ c }) {
    const s = show({ cap: 3 });
    await reg(c, s, CARDS[0]); // stores the show and its cap
    const rs = await Promise.all(CARDS.slice(1).map((card) => reg(c, s, card)));
    const t = await c.tally(s.id);
    const ok = rs.filter((r) => r.status === 201).length + 1;
    if (ok > 3 || t.json?.ticketsGiven > 3)
      return `cap 3, ${CARDS.length} contenders: ${ok} accepted, tally ${t.json?.ticketsGiven}`;
  },
  async 'show-settings-upserted'({ c }) {
    const s = show({ cap: 2 });
    await reg(c, s, 'A999005458');
    await reg(c, { ...s, cap: 9 }, 'A999005429');
    const t = await c.tally(s.id);
    if (t.json?.cap !== 2) return `stored cap 2, a later usage sent 9: tally cap ${t.json?.cap}`;
  },
  async 'collected-twice'({ c }) {
    const s = show({ cap: 5 });
    await reg(c, s, 'A999005458', { mode: 'collection' });
    const r = await reg(c, s, 'A999005458', { mode: 'collection' });
    if (r.json?.code !== 'already-used') return `second collection: ${said(r)}`;
  },
  async 'group-under16-uncounted'({ c }) {
    const s = show({ cap: 10 });
    await reg(c, s, COMMUNITY, { group: { memberCardIds: ['A999005458'], under16Clients: 2 } });
    const t = await c.tally(s.id);
    if (t.json?.ticketsGiven !== 4)
      return `community card + member + 2 under-16 clients: tally ${t.json?.ticketsGiven}`;
  },
  async 'cap-last-place-refused'({ c }) {
    const r = await reg(c, show({ cap: 2 }), 'A045198723', { childTickets: 1 });
    if (r.status !== 201) return `2 tickets on a show of cap 2: ${said(r)}`;
  },
  async 'uncapped-as-zero'({ c }) {
    const s = { ...show(), kind: 'exhibition' };
    await reg(c, s, 'A999005458');
    const t = await c.tally(s.id);
    if (t.json?.cap !== null || t.json?.remaining !== null) return `show without a cap: ${t.text}`;
  },
  async 'batch-all-or-nothing'({ c }) {
    const s = show({ cap: 5 });
    const r = await c.batch([
      { idempotencyKey: randomUUID(), usage: usage(s, 'A999005458') },
      { idempotencyKey: randomUUID(), usage: usage(s, INACTIVE) },
    ]);
    if (r.json?.results?.[0]?.ok !== true)
      return `valid item beside a refused one: ${JSON.stringify(r.json?.results?.[0]).slice(0, 200)}`;
  },
  async 'batch-item-reasons-dropped'({ c }) {
    const r = await c.batch([{ idempotencyKey: randomUUID(), usage: usage(show(), INACTIVE) }]);
    const p = r.json?.results?.[0]?.problem;
    if (p?.reasons?.[0]?.code !== 'card-inactive')
      return `refused item's problem: ${JSON.stringify(p).slice(0, 200)}`;
  },
  async 'batch-multi-status'({ c }) {
    const s = show({ cap: 5 });
    const r = await c.batch([
      { idempotencyKey: randomUUID(), usage: usage(s, 'A999005458') },
      { idempotencyKey: randomUUID(), usage: usage(s, INACTIVE) },
    ]);
    if (r.status !== 200) return `mixed batch: ${r.status}`;
  },
  async 'idem-short-key-accepted'({ c }) {
    const r = await reg(c, show(), 'A999005458', {}, 'k1');
    if (r.status !== 400) return `Idempotency-Key "k1": ${r.status}`;
  },
  async 'idem-replay-201'({ c }) {
    const u = usage(show({ cap: 5 }), 'A999005458');
    const key = randomUUID();
    await c.register(u, key);
    const r = await c.register(u, key);
    if (r.status !== 200 || r.headers['idempotent-replayed'] !== 'true')
      return `replay: ${r.status}, Idempotent-Replayed ${r.headers['idempotent-replayed']}`;
  },
  async 'idem-reused-as-conflict'({ c }) {
    const s = show({ cap: 5 });
    const key = randomUUID();
    await c.register(usage(s, 'A999005458'), key);
    const r = await c.register(usage(s, 'A999005429'), key);
    if (r.status !== 422 || r.json?.code !== 'idempotency-key-reused')
      return `another body under a used key: ${said(r)}`;
  },
  async 'list-to-exclusive'({ c }) {
    const s = show({ days: 15 });
    const u = await reg(c, s, 'A999005458');
    const l = await c.list(VENUE, { from: dayOf(s), to: dayOf(s), limit: '1000' });
    if (!l.json?.items?.some((x) => x.usageId === u.json.usageId))
      return `from = to = the show's day: not listed (${l.status})`;
  },
  async 'list-newest-first'({ c }) {
    const s = show({ days: 16 });
    const a = await reg(c, s, 'A999005458');
    await sleep(5);
    const b = await reg(c, s, 'A999005429');
    const w = await walkList(c, VENUE, dayOf(s), 1000);
    const ids = (w.items ?? []).map((x) => x.usageId);
    if (!(ids.indexOf(a.json.usageId) >= 0 && ids.indexOf(a.json.usageId) < ids.indexOf(b.json.usageId)))
      return `first registered at ${ids.indexOf(a.json.usageId)}, second at ${ids.indexOf(b.json.usageId)}`;
  },
  async 'list-hides-voided'({ c }) {
    const s = show({ days: 17, cap: 5 });
    const u = await reg(c, s, 'A999005458');
    await c.void(u.json.usageId);
    const w = await walkList(c, VENUE, dayOf(s), 1000);
    const x = w.items?.find((i) => i.usageId === u.json.usageId);
    if (x?.state !== 'voided' || !x.voidedAt)
      return `voided usage listed as ${JSON.stringify(x)?.slice(0, 120)}`;
  },
  async 'list-loses-last-item'({ c }) {
    const s = show({ days: 18 });
    for (const card of ['A999005458', 'A999005429', 'A999005461']) await reg(c, s, card);
    const all = await walkList(c, VENUE, dayOf(s), 1000);
    const paged = await walkList(c, VENUE, dayOf(s), all.items.length - 1);
    if (paged.items?.length !== all.items.length)
      return `${all.items.length} usages, ${paged.items?.length} by pages of ${all.items.length - 1}`;
  },
  async 'list-by-registration-day'({ c }) {
    const s = show({ days: 19 });
    const u = await reg(c, s, 'A999005458');
    const today = helsinkiDay();
    const w = await walkList(c, VENUE, today, 1000);
    if (w.items?.some((x) => x.usageId === u.json.usageId))
      return `a show in 19 days listed under today (${today})`;
  },
  async 'unknown-path-html'({ c }) {
    const r = await c.call('GET', 'v1/no-such-route');
    if (!/problem\+json/.test(r.headers['content-type'] ?? '') || r.json?.code !== 'not-found')
      return `unknown path: ${r.status} ${r.headers['content-type']}`;
  },
  async 'refusal-as-400'({ c }) {
    const r = await reg(c, show(), INACTIVE);
    if (r.status !== 422 || r.json?.code !== 'card-inactive') return `inactive card: ${said(r)}`;
  },
  async 'group-extra-field-dropped'({ c }) {
    const r = await reg(c, show(), COMMUNITY, {
      group: { memberCardIds: [], under16Clients: 1, leader: 'x' },
    });
    if (r.status !== 400 || !r.json?.issues?.some((i) => i.path === 'group.leader'))
      return `group.leader: ${said(r)}`;
  },
  async 'unknown-field-no-suggestion'({ c }) {
    const { childTickets, ...u } = usage(show(), 'A999005458');
    const r = await c.register({ ...u, childTicket: childTickets });
    const issue = r.json?.issues?.find((i) => i.path === 'childTicket');
    if (issue?.code !== 'unknown-field' || issue?.suggestion !== 'childTickets')
      return `childTicket: ${said(r)}`;
  },
  async 'show-id-sanitised'({ c }) {
    const r = await reg(c, { ...show(), id: `zw\u200bshow-${randomUUID()}` }, 'A999005458');
    if (r.status !== 400) return `show ID with a zero-width space: ${r.status}`;
  },
  async 'children-minors-plus-one'({ c }) {
    const r = await reg(c, show(), 'A999005429', { childTickets: 2 }); // 1 minor
    if (r.json?.code !== 'too-many-children') return `2 children on a card with 1 minor: ${said(r)}`;
  },
  async 'community-course-accepted'({ c }) {
    const r = await reg(c, { ...show(), kind: 'course' }, COMMUNITY, {
      group: { memberCardIds: [], under16Clients: 1 },
    });
    if (r.json?.code !== 'community-card-on-course') return `community card on a course: ${said(r)}`;
  },
  async 'idem-in-flight-unguarded'({ c }) {
    const u = usage(show({ cap: 5 }), 'A999005458');
    const key = randomUUID();
    const rs = await Promise.all([1, 2, 3, 4].map(() => c.register(u, key)));
    const statuses = rs.map((r) => r.status);
    const created = statuses.filter((x) => x === 201).length;
    const others = rs
      .filter((r) => r.status !== 201)
      .every(
        (r) =>
          (r.status === 200 && r.headers['idempotent-replayed'] === 'true') ||
          r.json?.code === 'idempotency-key-in-progress',
      );
    if (created !== 1 || !others)
      return `4 copies of one key at once: ${rs.map((r) => `${r.status} ${r.json?.code ?? ''}`.trim()).join(', ')}`;
  },
  async 'collection-window-on-bookings'({ c }) {
    const now = helsinkiOffset(new Date().toISOString()).withOffset;
    if (now.slice(11, 13) >= '23') return; // the seeded show's collection window is open: nothing to see
    const start = `${now.slice(0, 10)}T23:30:00${now.slice(-6)}`; // the seeded `hilla-tanaan`, collected from 23.00
    const r = await reg(
      c,
      { id: 'hilla-tanaan', name: 'Tämän illan esitys', start, kind: 'show' },
      'A999005458',
    );
    if (r.status !== 201) return `booking for tonight's show before its collection window: ${said(r)}`;
  },
  async 'batch-stops-at-refusal'({ c }) {
    const s = show({ cap: 5 });
    const r = await c.batch([
      { idempotencyKey: randomUUID(), usage: usage(s, INACTIVE) },
      { idempotencyKey: randomUUID(), usage: usage(s, 'A999005458') },
    ]);
    if (r.json?.results?.length !== 2 || r.json.results[1].ok !== true)
      return `[refused, valid]: ${r.json?.results?.length} results, second ${JSON.stringify(r.json?.results?.[1])?.slice(0, 100)}`;
  },
  async 'lookup-redirects-to-path'({ c }) {
    const r = await c.lookup('A045198723');
    if (r.status !== 200 || hasCard({ text: '', headers: r.headers }, 'A045198723'))
      return `look-up: ${r.status}, Location ${r.headers.location}`;
  },
  async 'card-id-in-dedupe-header'({ c }) {
    const s = show({ cap: 5 });
    for (const card of ['A999005458', INACTIVE]) {
      const r = await reg(c, s, card);
      const h = Object.entries(r.headers).find(([, v]) => String(v).includes(card));
      if (h) return `${r.status} answer, header ${h[0]}: ${h[1]}`;
    }
  },
  async 'void-closes-at-utc'({ c }) {
    const start = new Date(Date.now() - 60_000);
    const u = await reg(c, show({ cap: 5, start: start.toISOString() }), 'A999005458');
    if (u.status !== 201) return;
    const r = await c.void(u.json.usageId);
    const m = /(\d{1,2})\.(\d{2})$/.exec(r.json?.reasons?.[0]?.params?.closesAt ?? '');
    const want = helsinkiOffset(start.toISOString()).local.slice(11, 16).split(':').map(Number);
    const diff = m ? Math.abs(Number(m[1]) * 60 + Number(m[2]) - (want[0] * 60 + want[1])) : Infinity;
    if (!(diff <= 1 || diff >= 1439))
      return `show started at ${want.join('.')} Helsinki time: closesAt ${r.json?.reasons?.[0]?.params?.closesAt}`;
  },
  async 'agent-sees-terminal'({ c, o }) {
    const s = show({ cap: 5 });
    await reg(c, s, 'A999005458', { terminal: 'Kassa 2' });
    const r = await reg(o, s, 'A999005458', {
      venueId: OTHER_VENUE,
      forVenueId: VENUE,
      channel: 'ticket-agent',
    });
    if (r.json?.code !== 'already-used') return; // the venue has not named the other its agent: nothing to see
    const terminal = r.json.reasons?.[0]?.params?.terminal;
    if (terminal !== undefined) return `agent's already-used names the venue's terminal ${terminal}`;
  },
  async 'content-type-sniffed'({ c }) {
    const r = await c.call('POST', 'v1/cards/lookup', {
      raw: JSON.stringify({ cardId: 'A045198723' }),
      headers: { 'content-type': 'text/plain' },
    });
    if (r.status !== 415) return `text/plain look-up: ${r.status}`;
  },
};

/** What each awkward server does out of the ordinary, seen (so a pass is not a server that changed nothing). */
const ODDITIES = {
  'awk-bearer-any-case': async ({ c }) =>
    (await c.lookup('A045198723', { headers: { authorization: 'bearer bench-hilla-token' }, tok: null }))
      .status === 200,
  'awk-gzip': async ({ c }) =>
    (await c.call('GET', 'v1/health', { tok: null, headers: { 'accept-encoding': 'gzip' } })).headers[
      'content-encoding'
    ] === 'gzip',
  'awk-problem-extensions': async ({ c }) => Boolean((await c.lookup(UNREGISTERED)).json?.traceId),
  'awk-503-sometimes': async ({ baseUrl }) => {
    for (let i = 0; i < 7; i++)
      if (
        (
          await fetch(new URL('v1/cards/lookup', baseUrl), {
            method: 'POST',
            headers: { authorization: 'Bearer x' },
          })
        ).status === 503
      )
        return true;
    return false;
  },
  'awk-short-pages': async ({ c }) => {
    const s = show({ days: 21 });
    for (const card of ['A999005458', 'A999005429', 'A999005461', 'A045198723']) await reg(c, s, card);
    const r = await c.list(VENUE, { from: dayOf(s), to: dayOf(s), limit: '10' });
    return r.json?.items?.length === 3 && Boolean(r.json.nextCursor);
  },
  'awk-helsinki-offsets': async ({ c }) =>
    /[+-]0[23]:00$/.test((await c.call('GET', 'v1/health', { tok: null })).json?.time),
  'awk-chunked-answers': async ({ c }) =>
    (await c.call('GET', 'v1/health', { tok: null })).headers['transfer-encoding'] === 'chunked',
  'awk-list-without-keys': async ({ c }) => {
    const s = show({ days: 22 });
    await reg(c, s, 'A999005458');
    const r = await c.list(VENUE, { from: dayOf(s), to: dayOf(s), limit: '10' });
    return r.json?.items?.length > 0 && r.json.items.every((x) => !('idempotencyKey' in x));
  },
  'awk-lookup-no-renewed-at': async ({ c }) => {
    const r = await c.lookup('A045198723');
    return r.status === 200 && !('renewedAt' in r.json);
  },
};

async function runProbes(server, names) {
  const t = {
    baseUrl: server.baseUrl,
    c: client(server.baseUrl, server.tokens.token),
    c2: client(server.baseUrl, server.tokens.secondToken),
    o: client(server.baseUrl, server.tokens.otherToken),
  };
  const fired = {};
  for (const name of names) {
    try {
      const seen = await PROBES[name](t);
      if (seen) fired[name] = seen;
    } catch (error) {
      fired[name] = `probe threw: ${error?.message ?? error}`;
    }
  }
  return { fired, t };
}

const args = process.argv.slice(2);
const all = Object.keys(PROBES);
let bad = 0;
if (args.includes('--reference')) {
  // The unmodified sandbox, plain and with the kit's venue naming the other its ticket agent (as some servers do).
  for (const [label, options] of [
    ['plain', {}],
    ['agents', AGENTS],
  ]) {
    const base = await startBase({ name: `held-out-3-reference-${label}`, options });
    try {
      const { fired } = await runProbes(base, all);
      for (const [n, s] of Object.entries(fired)) console.log(`FIRED on the sandbox (${label}): ${n}: ${s}`);
      bad += Object.keys(fired).length;
      console.log(
        `reference (${label}): ${all.length - Object.keys(fired).length}/${all.length} probes silent on the unmodified sandbox`,
      );
    } finally {
      await base.stop();
    }
  }
} else {
  const dir = join(import.meta.dirname, 'servers');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.mjs'))
    .sort();
  let port = 40100 + Math.floor(Math.random() * 400);
  const tally = { broken: [0, 0], awkward: [0, 0] };
  for (const f of files) {
    const s = (await import(pathToFileURL(join(dir, f)).href)).default;
    if (args.length && !args.includes(s.name)) continue;
    if (s.kind === 'broken' && !PROBES[s.name]) throw new Error(`no probe for ${s.name}`);
    const server = await s.start(port++);
    try {
      const { fired, t } = await runProbes(server, s.kind === 'broken' ? [s.name] : all);
      let ok;
      let line;
      if (s.kind === 'broken') {
        ok = Boolean(fired[s.name]);
        line = ok ? `fires: ${fired[s.name]}` : 'DID NOT FIRE';
      } else {
        const odd = await ODDITIES[s.name]?.(t);
        ok = Object.keys(fired).length === 0 && odd === true;
        line = ok
          ? `${all.length} probes silent, oddity seen`
          : `FIRED ${Object.entries(fired)
              .map(([n, x]) => `${n}: ${x}`)
              .join('; ')}${odd ? '' : ' / ODDITY NOT SEEN'}`;
      }
      tally[s.kind][0] += ok ? 1 : 0;
      tally[s.kind][1] += 1;
      if (!ok) bad++;
      console.log(`${ok ? 'ok ' : 'BAD'} ${s.kind.padEnd(8)} ${s.name.padEnd(34)} ${line.slice(0, 260)}`);
    } finally {
      await server.stop();
    }
  }
  console.log(
    `\nbroken: ${tally.broken[0]}/${tally.broken[1]} probes fire; awkward: ${tally.awkward[0]}/${tally.awkward[1]} pass every probe`,
  );
}
process.exit(bad ? 1 : 0);
