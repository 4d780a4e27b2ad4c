// One direct HTTP exchange per broken server of the fourth batch that shows its fault, without the SDK or the kit.
//   node --import tsx --conditions=source bench/broken-servers/held-out-4/probes.mjs [name…]   each broken server: its
//     probe fires; each awkward server: no probe fires and its oddity is observed
//   … probes.mjs --reference   every probe and observation against the unmodified sandbox: none may fire
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBase } from '../lib/base.mjs';
import { client, show, usage } from '../lib/client.mjs';
import { BASE_OPTIONS, OTHER_VENUE, TOKENS, VENUE, helsinkiDay } from './lib.mjs';

const CARD = 'A045198723'; // active, 2 minors
const [PLAIN, ONE_MINOR] = ['A999005458', 'A999005429']; // 0, 1 minors
const INACTIVE = 'A999005380';
const UNREGISTERED = 'A999000001';
const COMMUNITY = 'Y110029399';
const HAS_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

let day = 0;
/** A show of the probe's own, on a day of its own (so lists of that day hold little else). */
const own = (extra = {}) => show({ days: 40 + (day++ % 200), ...extra });
const dayOf = (s) => helsinkiDay(new Date(s.start));
const agentUsage = (s, card, extra = {}) =>
  usage(s, card, { venueId: OTHER_VENUE, forVenueId: VENUE, channel: 'ticket-agent', ...extra });
const names = (res, card) =>
  Object.entries(res.headers).some(([k, v]) => `${k}: ${v}`.includes(card)) || res.text.includes(card);
const headerNames = (res, card) => Object.values(res.headers).some((v) => String(v).includes(card));

/** Every item of a venue's list for one day, following `nextCursor` (at most 300 pages). */
async function listAll(c, venue, from, to = from, limit = 100) {
  const items = [];
  let cursor;
  for (let i = 0; i < 300; i++) {
    const r = await c.list(venue, { from, to, limit: String(limit), ...(cursor ? { cursor } : {}) });
    if (r.status !== 200) return { status: r.status, items };
    items.push(...r.json.items);
    if (!(cursor = r.json.nextCursor)) break;
  }
  return { status: 200, items };
}
const listed = async (c, s, uid, venue = VENUE, from = dayOf(s), to = from) =>
  (await listAll(c, venue, from, to)).items.find((it) => it.usageId === uid);

async function registered(c, u, key) {
  const r = await c.register(u, key);
  if (r.status !== 201) throw new Error(`set-up: registration answered ${r.status} ${r.text.slice(0, 200)}`);
  return r.json;
}
const batchItem = (u, key = randomUUID()) => ({ idempotencyKey: key, usage: u });

/** Each probe: `(ctx) => ({ fired, saw })`; `ctx` has `c` (the kit's venue), `o` (its agent venue) and `url`. */
const PROBES = {
  // — privacy —
  'brk-batch-detail-cardid': async ({ c }) => {
    const r = await c.batch([batchItem(usage(own(), UNREGISTERED))]);
    return { fired: r.text.includes(UNREGISTERED), saw: r.text.slice(0, 160) };
  },
  'brk-etag-cardid': async ({ c }) => {
    const r = await c.register(usage(own(), CARD));
    return { fired: headerNames(r, CARD), saw: JSON.stringify(r.headers) };
  },
  'brk-void-content-location': async ({ c }) => {
    const u = await registered(c, usage(own(), CARD));
    const r = await c.void(u.usageId);
    return { fired: names(r, CARD), saw: JSON.stringify(r.headers) };
  },
  'brk-problem-instance-cardid': async ({ c }) => {
    const r = await c.register(usage(own(), INACTIVE));
    return { fired: names(r, INACTIVE), saw: r.text.slice(0, 200) };
  },
  // — instants with offsets —
  'brk-batch-already-used-local': async ({ c }) => {
    const s = own();
    await c.batch([batchItem(usage(s, CARD))]);
    const r = await c.batch([batchItem(usage(s, CARD))]);
    const at = r.json?.results?.[0]?.problem?.reasons?.[0]?.params?.at;
    return { fired: typeof at !== 'string' || !HAS_OFFSET.test(at), saw: at };
  },
  'brk-list-voidedat-sql': async ({ c }) => {
    const s = own();
    const u = await registered(c, usage(s, CARD));
    await c.void(u.usageId);
    const it = await listed(c, s, u.usageId);
    return { fired: !HAS_OFFSET.test(it?.voidedAt ?? ''), saw: it?.voidedAt };
  },
  'brk-tally-updatedat-wallclock': async ({ c }) => {
    const r = await c.tally(own().id);
    const off = Math.abs(Date.parse(r.json?.updatedAt) - Date.parse(r.headers.date));
    return { fired: !(off < 30 * 60_000), saw: `${r.json?.updatedAt} vs Date ${r.headers.date}` };
  },
  // — the usage list —
  'brk-list-to-exclusive': async ({ c }) => {
    const s = own();
    const u = await registered(c, usage(s, CARD));
    return { fired: !(await listed(c, s, u.usageId)), saw: `from=to=${dayOf(s)}` };
  },
  'brk-list-registration-day': async ({ c }) => {
    const s = own();
    const u = await registered(c, usage(s, CARD));
    const today = helsinkiDay();
    return { fired: !!(await listed(c, s, u.usageId, VENUE, today)), saw: `listed under ${today}` };
  },
  'brk-list-agent-sales-in-agent-list': async ({ o }) => {
    const s = own();
    const u = await registered(o, agentUsage(s, CARD));
    return { fired: !!(await listed(o, s, u.usageId, OTHER_VENUE)), saw: "the sale in the agent's own list" };
  },
  'brk-list-newest-first': async ({ c }) => {
    const s = own();
    const a = await registered(c, usage(s, CARD));
    const b = await registered(c, usage(s, PLAIN));
    const ids = (await listAll(c, VENUE, dayOf(s))).items.map((it) => it.usageId);
    return {
      fired: !(ids.indexOf(a.usageId) >= 0 && ids.indexOf(a.usageId) < ids.indexOf(b.usageId)),
      saw: ids.length,
    };
  },
  'brk-list-cursor-skips': async ({ c }) => {
    const s = own();
    const ids = [];
    for (const card of [CARD, PLAIN, ONE_MINOR]) ids.push((await registered(c, usage(s, card))).usageId);
    const got = (await listAll(c, VENUE, dayOf(s), dayOf(s), 1)).items.map((it) => it.usageId);
    return {
      fired: !ids.every((id) => got.includes(id)),
      saw: `${got.filter((g) => ids.includes(g)).length}/3 by pages of 1`,
    };
  },
  'brk-list-drops-agent-sales': async ({ c, o }) => {
    const s = own();
    const u = await registered(o, agentUsage(s, CARD));
    return { fired: !(await listed(c, s, u.usageId)), saw: "agent sale in the venue's list?" };
  },
  // — caches and tallies —
  'brk-tally-cache-void': async ({ c }) => {
    const s = own({ cap: 10 });
    const u = await registered(c, usage(s, CARD));
    await c.tally(s.id);
    await c.void(u.usageId);
    const r = await c.tally(s.id);
    return { fired: r.json?.ticketsGiven !== 0, saw: r.json?.ticketsGiven };
  },
  'brk-void-tally-before': async ({ c }) => {
    const u = await registered(c, usage(own({ cap: 10 }), CARD));
    const r = await c.void(u.usageId);
    return { fired: r.json?.showTally?.ticketsGiven !== 0, saw: r.json?.showTally?.ticketsGiven };
  },
  'brk-tally-usages-counts-voided': async ({ c }) => {
    const s = own({ cap: 10 });
    const u = await registered(c, usage(s, CARD));
    await c.void(u.usageId);
    const r = await c.tally(s.id);
    return { fired: r.json?.usages !== 0, saw: r.json?.usages };
  },
  'brk-uncapped-zero': async ({ c }) => {
    const s = own();
    await registered(c, usage(s, CARD));
    const r = await c.tally(s.id);
    return {
      fired: r.json?.cap !== null || r.json?.remaining !== null,
      saw: `${r.json?.cap}/${r.json?.remaining}`,
    };
  },
  // — idempotency —
  'brk-replay-cache-by-key': async ({ c, o }) => {
    const key = randomUUID();
    await registered(c, usage(own(), CARD), key);
    const r = await o.register(usage(own(), CARD, { venueId: OTHER_VENUE }), key);
    return { fired: r.status !== 201, saw: r.status };
  },
  'brk-key-truncated': async ({ c }) => {
    const s = own();
    const stem = `probe-${randomUUID()}-${'k'.repeat(40)}`.slice(0, 64);
    await registered(c, usage(s, CARD), `${stem}${'a'.repeat(30)}`);
    const r = await c.register(usage(s, PLAIN), `${stem}${'b'.repeat(30)}`);
    return { fired: r.status !== 201, saw: `${r.status} ${r.json?.code ?? ''}` };
  },
  'brk-batch-key-reuse': async ({ c }) => {
    const s = own();
    const key = randomUUID();
    await c.batch([batchItem(usage(s, CARD), key)]);
    const r = await c.batch([batchItem(usage(s, PLAIN), key)]);
    const item = r.json?.results?.[0];
    return {
      fired: item?.problem?.code !== 'idempotency-key-reused',
      saw: JSON.stringify(item)?.slice(0, 120),
    };
  },
  'brk-batch-short-key': async ({ c }) => {
    const r = await c.batch([batchItem(usage(own(), CARD), 'abcdefg')]);
    return { fired: r.json?.results?.[0]?.ok === true, saw: r.status };
  },
  // — authentication —
  'brk-token-prefix': async ({ c }) => {
    const r = await c.lookup(CARD, { tok: `${TOKENS.token}-revoked` });
    return { fired: r.status !== 401, saw: r.status };
  },
  'brk-basic-auth': async ({ c }) => {
    const basic = `Basic ${Buffer.from(`:${TOKENS.token}`).toString('base64')}`;
    const r = await c.lookup(CARD, { tok: '', headers: { authorization: basic } });
    return { fired: r.status !== 401, saw: r.status };
  },
  // — venues and agents —
  'brk-batch-venue-unchecked': async ({ c }) => {
    const r = await c.batch([batchItem(usage(own(), CARD, { venueId: OTHER_VENUE }))]);
    return {
      fired: r.json?.results?.[0]?.ok !== false,
      saw: JSON.stringify(r.json?.results?.[0])?.slice(0, 120),
    };
  },
  'brk-agent-sets-cap': async ({ c, o }) => {
    const s = own({ cap: 1 });
    await registered(o, agentUsage(s, CARD));
    const r = await c.tally(s.id);
    return { fired: r.json?.cap !== null, saw: r.json?.cap };
  },
  'brk-agent-sees-terminal': async ({ c, o }) => {
    const s = own();
    await registered(c, usage(s, CARD, { terminal: 'Kassa 2' }));
    const r = await o.register(agentUsage(s, CARD));
    return {
      fired: r.json?.reasons?.[0]?.params?.terminal !== undefined,
      saw: r.json?.reasons?.[0]?.params?.terminal,
    };
  },
  'brk-owner-voids-agent-usage': async ({ c, o }) => {
    const u = await registered(o, agentUsage(own(), CARD));
    const r = await c.void(u.usageId);
    return { fired: r.status !== 403, saw: r.status };
  },
  'brk-void-403-leaks': async ({ c, o }) => {
    const s = own();
    const u = await registered(c, usage(s, CARD));
    const r = await o.void(u.usageId);
    return {
      fired: r.status !== 403 || r.text.includes(s.id) || r.text.includes(VENUE),
      saw: r.text.slice(0, 160),
    };
  },
  // — voids —
  'brk-voided-still-used': async ({ c }) => {
    const s = own();
    const u = await registered(c, usage(s, CARD));
    await c.void(u.usageId);
    const r = await c.register(usage(s, CARD));
    return { fired: r.status !== 201, saw: `${r.status} ${r.json?.code ?? ''}` };
  },
  'brk-void-body-ignored': async ({ c }) => {
    const u = await registered(c, usage(own(), CARD));
    const r = await c.call('POST', `v1/usages/${u.usageId}/void`, { body: { reason: 'wrong card' } });
    return { fired: r.status !== 400, saw: r.status };
  },
  'brk-void-start-minute': async ({ c }) => {
    if (Date.now() % 60_000 > 50_000)
      await new Promise((ok) => setTimeout(ok, 61_000 - (Date.now() % 60_000)));
    const u = await registered(c, usage(own({ start: new Date(Date.now() + 1500).toISOString() }), CARD));
    await new Promise((ok) => setTimeout(ok, 2500));
    const r = await c.void(u.usageId);
    return { fired: r.status !== 422, saw: `${r.status} ${r.json?.code}` };
  },
  'brk-403-reveals-venue': async ({ c }) => {
    const d = dayOf(own());
    const r = await c.list('no-such-venue-anywhere', { from: d, to: d });
    return { fired: r.status !== 403 || r.json?.code !== 'forbidden', saw: `${r.status} ${r.json?.code}` };
  },
  'brk-batch-refusal-not-kept': async ({ c }) => {
    const s = own({ cap: 1 });
    const first = await registered(c, usage(s, CARD));
    const items = [batchItem(usage(s, PLAIN))];
    const before = await c.batch(items);
    await c.void(first.usageId);
    const r = await c.batch(items);
    const code = (x) => x.json?.results?.[0]?.problem?.code;
    return {
      fired: code(before) !== 'cap-reached' || code(r) !== 'cap-reached',
      saw: `${code(before)} then ${code(r) ?? r.json?.results?.[0]?.ok}`,
    };
  },
  // — bookings and collections —
  'brk-voided-booking-collectable': async ({ c }) => {
    const s = own({ cap: 10 });
    const b = await registered(c, usage(s, CARD));
    await c.void(b.usageId);
    const r = await c.register(usage(s, CARD, { mode: 'collection' }));
    return {
      fired: r.json?.coveredByBooking !== 0 || r.json?.countedAgainstCap !== 1,
      saw: r.text.slice(0, 120),
    };
  },
  'brk-collection-beyond-free': async ({ c }) => {
    const s = own({ cap: 1 });
    await registered(c, usage(s, CARD));
    const r = await c.register(usage(s, CARD, { mode: 'collection', childTickets: 2 }));
    return { fired: r.status !== 422, saw: `${r.status} ${r.json?.code ?? ''}` };
  },
  'brk-collection-fewer-releases': async ({ c }) => {
    const s = own({ cap: 6 });
    await registered(c, usage(s, CARD, { childTickets: 2 }));
    await registered(c, usage(s, CARD, { mode: 'collection' }));
    const r = await c.tally(s.id);
    return { fired: r.json?.ticketsGiven !== 3, saw: r.json?.ticketsGiven };
  },
  'brk-collection-no-card-check': async ({ c }) => {
    const r = await c.register(usage(own(), INACTIVE, { mode: 'collection' }));
    return { fired: r.status !== 422, saw: `${r.status} ${r.json?.code ?? ''}` };
  },
  'brk-under16-not-counted': async ({ c }) => {
    const r = await c.register(
      usage(own({ cap: 10 }), COMMUNITY, { group: { memberCardIds: [PLAIN], under16Clients: 2 } }),
    );
    return {
      fired: r.json?.showTally?.ticketsGiven !== 4,
      saw: `${r.status} ${r.json?.showTally?.ticketsGiven}`,
    };
  },
  // — children, schema, bounds and media types —
  'brk-batch-children-clamped': async ({ c }) => {
    const r = await c.batch([batchItem(usage(own(), PLAIN, { childTickets: 2 }))]);
    return {
      fired: r.json?.results?.[0]?.ok !== false,
      saw: JSON.stringify(r.json?.results?.[0])?.slice(0, 120),
    };
  },
  'brk-children-null': async ({ c }) => {
    const r = await c.register(usage(own(), CARD, { childTickets: null }));
    return { fired: r.status !== 400, saw: r.status };
  },
  'brk-renewedat-empty': async ({ c }) => {
    const r = await c.lookup(PLAIN);
    return { fired: r.json?.renewedAt !== undefined, saw: JSON.stringify(r.json?.renewedAt) };
  },
  'brk-json-charset-415': async ({ c }) => {
    const r = await c.call('POST', 'v1/cards/lookup', {
      raw: JSON.stringify({ cardId: CARD }),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    return { fired: r.status !== 200, saw: r.status };
  },
  'brk-batch-unknown-stripped': async ({ c }) => {
    const r = await c.batch([batchItem({ ...usage(own(), CARD), childTicket: 0 })]);
    return { fired: r.json?.results?.[0]?.ok === true, saw: r.status };
  },
  'brk-show-id-casefold': async ({ c }) => {
    const s = own();
    s.id = `Probe-Case-${randomUUID()}`;
    await registered(c, usage(s, CARD));
    const r = await c.register(usage({ ...s, id: s.id.toLowerCase() }, CARD));
    return { fired: r.status !== 201, saw: `${r.status} ${r.json?.code ?? ''}` };
  },
  'brk-terminal-fullwidth': async ({ c }) => {
    const r = await c.register(usage(own(), CARD, { terminal: 'Ａ０４５１９８７２３' }));
    return { fired: r.status !== 400, saw: r.status };
  },
  'brk-409-no-retry-after': async ({ c }) => {
    const u = usage(own(), CARD);
    const key = randomUUID();
    const rs = await Promise.all([0, 1, 2].map(() => c.register(u, key)));
    const bare = rs.filter((r) => r.status === 409 && !r.headers['retry-after']);
    return { fired: bare.length > 0, saw: rs.map((r) => r.status).join(',') };
  },
};

/** Each awkward server's oddity, observed directly (and not seen on the reference). */
const OBSERVE = {
  'awk-field-order': async ({ c }) => Object.keys((await c.lookup(CARD)).json)[0] !== 'id',
  'awk-small-pages': async ({ c }) => {
    const s = own();
    for (const card of [CARD, PLAIN, ONE_MINOR]) await registered(c, usage(s, card));
    const r = await c.list(VENUE, { from: dayOf(s), to: dayOf(s), limit: '10' });
    return r.json.items.length < 3 && r.json.nextCursor !== null;
  },
  'awk-empty-last-page': async ({ c }) => {
    const s = own();
    await registered(c, usage(s, CARD));
    const all = (await listAll(c, VENUE, dayOf(s))).items.length;
    const r = await c.list(VENUE, { from: dayOf(s), to: dayOf(s), limit: String(all) });
    const next = await c.list(VENUE, {
      from: dayOf(s),
      to: dayOf(s),
      limit: String(all),
      cursor: r.json.nextCursor ?? '',
    });
    return r.json.nextCursor !== null && next.json?.items?.length === 0 && next.json.nextCursor === null;
  },
  'awk-connection-close': async ({ c }) =>
    (await c.call('GET', 'v1/health', { tok: '' })).headers.connection === 'close',
  'awk-extra-headers': async ({ c }) => !!(await c.lookup(CARD)).headers['x-request-id'],
  'awk-helsinki-offsets': async ({ c }) => {
    const r = await c.register(usage(own(), CARD));
    return /[+-]0[23]:00$/.test(r.json.registeredAt) && /[+-]0[23]:00$/.test(r.json.showTally.updatedAt);
  },
  'awk-chunked': async ({ c }) => {
    const r = await c.lookup(CARD);
    return r.headers['transfer-encoding'] === 'chunked' && r.headers['content-length'] === undefined;
  },
  'awk-problem-extras': async ({ c }) => typeof (await c.lookup(UNREGISTERED)).json?.traceId === 'string',
  'awk-opaque-cursor': async ({ c }) => {
    const s = own();
    for (const card of [CARD, PLAIN]) await registered(c, usage(s, card));
    const cursor = (await c.list(VENUE, { from: dayOf(s), to: dayOf(s), limit: '1' })).json.nextCursor;
    return !!cursor && !Buffer.from(cursor, 'base64url').toString('utf8').startsWith('seq:');
  },
};

const withTimeout = (p, ms = 60_000) =>
  Promise.race([
    p,
    new Promise((_, no) => setTimeout(() => no(new Error(`no answer in ${ms} ms`)), ms).unref()),
  ]);

async function run(name, fn, ctx) {
  try {
    return await withTimeout(fn(ctx));
  } catch (error) {
    return { error: String(error?.message ?? error) };
  }
}

const ctxOf = (url) => ({ url, c: client(url, TOKENS.token), o: client(url, TOKENS.otherToken) });

const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('-'));
let bad = 0;
if (args.includes('--reference')) {
  const base = await startBase({ name: 'held-out-4-reference', options: BASE_OPTIONS });
  const ctx = ctxOf(base.baseUrl);
  let fired = 0;
  for (const [name, fn] of Object.entries(PROBES)) {
    const r = await run(name, fn, ctx);
    if (r.fired || r.error) {
      fired++;
      console.log(`REFERENCE ${r.error ? 'ERROR' : 'FIRED'} ${name}: ${r.error ?? r.saw}`);
    }
  }
  let seen = 0;
  for (const [name, fn] of Object.entries(OBSERVE)) {
    const r = await run(name, fn, ctx);
    if (r !== false) {
      seen++;
      console.log(`REFERENCE shows the oddity of ${name}: ${JSON.stringify(r)}`);
    }
  }
  await base.stop();
  console.log(
    `--reference fires ${fired}/${Object.keys(PROBES).length}; awkward oddities seen ${seen}/${Object.keys(OBSERVE).length}`,
  );
  process.exit(fired + seen > 0 ? 1 : 0);
}

const dir = join(import.meta.dirname, 'servers');
const servers = [];
for (const f of readdirSync(dir)
  .filter((f) => f.endsWith('.mjs'))
  .sort()) {
  const s = (await import(pathToFileURL(join(dir, f)).href)).default;
  if (only.length === 0 || only.includes(s.name)) servers.push(s);
}
const tally = { broken: [0, 0], awkward: [0, 0] };
for (const s of servers) {
  const server = await s.start(0);
  const ctx = ctxOf(server.baseUrl);
  try {
    if (s.kind === 'broken') {
      tally.broken[1]++;
      const probe = PROBES[s.name];
      const r = probe ? await run(s.name, probe, ctx) : { error: 'no probe' };
      if (r.fired) tally.broken[0]++;
      else bad++;
      console.log(`${r.fired ? 'fires ' : 'SILENT'} ${s.name}: ${r.error ?? r.saw}`);
    } else {
      tally.awkward[1]++;
      const fired = [];
      for (const [name, fn] of Object.entries(PROBES)) {
        const r = await run(name, fn, ctx);
        if (r.fired || r.error) fired.push(`${name} (${r.error ?? r.saw})`);
      }
      const seen = OBSERVE[s.name] ? await run(s.name, OBSERVE[s.name], ctx) : { error: 'no observation' };
      const ok = fired.length === 0 && seen === true;
      if (ok) tally.awkward[0]++;
      else bad++;
      console.log(
        `${ok ? 'passes' : 'WRONG '} ${s.name}: oddity ${seen === true ? 'seen' : `NOT seen ${JSON.stringify(seen)}`}${fired.length ? `; fired ${fired.join(', ')}` : ''}`,
      );
    }
  } finally {
    await server.stop();
  }
}
console.log(
  `${tally.broken[0]}/${tally.broken[1]} broken probes fire, ${tally.awkward[0]}/${tally.awkward[1]} awkward pass`,
);
process.exit(bad ? 1 : 0);
