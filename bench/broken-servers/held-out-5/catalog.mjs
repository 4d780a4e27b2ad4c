// Held-out batch 5: every server of the batch in one table (the files in servers/ each export one entry).
// Written blind: from docs/api.md and the sandbox's non-kit sources only (see README.md).
import { createHash, randomUUID } from 'node:crypto';
import { startBase, TOKENS, VENUE, OTHER_VENUE } from '../lib/base.mjs';
import { startProxy, problem, setJson } from '../lib/proxy.mjs';
import { helsinkiDay, helsinkiOffset, walk, pathOf, isProblem } from '../lib/define.mjs';
import { fetchAll } from '../lib/list.mjs';

/** Every server of this batch (and the reference) has teatteri-hilla name kulttuuritalo-kaiku its ticket agent. */
export const AGENTS = { [VENUE]: [OTHER_VENUE] };
const options = { agents: AGENTS };

const proxy = (name, kind, rule, hooks) => ({
  name,
  kind,
  rule,
  start: (port) => startProxy(port, hooks, { name, options }),
});
const patch = (name, rule, patches, kind = 'broken') => ({
  name,
  kind,
  rule,
  start: (port) => startBase({ port, patches, name, options }),
});
/** The unmodified sandbox with this batch's settings (the probes' `--reference`). */
export const reference = {
  name: 'reference',
  kind: 'reference',
  rule: 'the sandbox itself',
  start: (port) => startBase({ port, name: 'reference', options }),
};

// ---- small helpers for hooks -------------------------------------------------------------------------------------
const VENUE_OF = { [TOKENS.token]: VENUE, [TOKENS.secondToken]: VENUE, [TOKENS.otherToken]: OTHER_VENUE };
const tokenOf = (req) => /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? '')?.[1];
const venueOf = (req) => VENUE_OF[tokenOf(req)];
const is = (req, method, re) => req.method === method && re.test(pathOf(req));
const USAGES = /^\/v1\/usages$/;
const BATCH = /^\/v1\/usages\/batch$/;
const LOOKUP = /^\/v1\/cards\/lookup$/;
const TALLY = /^\/v1\/shows\/[^/]+\/tally$/;
const LIST = /^\/v1\/venues\/[^/]+\/usages$/;
const VOID = /^\/v1\/usages\/([^/]+)\/void$/;
const voidId = (req) => decodeURIComponent(VOID.exec(pathOf(req))?.[1] ?? '');
const json = (status, body, headers = {}) => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  json: body,
  jsonChanged: true,
});
const firstReason = (res) => res.json?.reasons?.[0];
const dayShift = (day, n) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** A list page cut out of `items` by a numeric offset cursor (a gateway that pages on its own). */
function page(items, url) {
  const limit = Number(url.searchParams.get('limit') ?? 100);
  const offset = Number(url.searchParams.get('cursor') ?? 0);
  const next = offset + limit;
  return json(200, {
    items: items.slice(offset, next),
    nextCursor: next < items.length ? String(next) : null,
  });
}
/** A gateway-filtered list: the base's list over a wider range, filtered by `keep(item, from, to)`, paged here. */
const regatedList = (widen, keep) => async (req) => {
  if (!is(req, 'GET', LIST)) return;
  const url = new URL(req.path, 'http://x');
  const from = url.searchParams.get('from');
  const to = url.searchParams.get('to');
  const limit = Number(url.searchParams.get('limit') ?? 100);
  const cursor = url.searchParams.get('cursor');
  if (!/^\d{4}-\d\d-\d\d$/.test(from ?? '') || !/^\d{4}-\d\d-\d\d$/.test(to ?? '')) return;
  if (!(limit >= 1 && limit <= 1000) || (cursor !== null && !/^\d+$/.test(cursor))) return;
  const keys = [...url.searchParams.keys()];
  if (keys.some((k, i) => !['from', 'to', 'limit', 'cursor'].includes(k) || keys.indexOf(k) !== i)) return; // the base refuses it
  const [wf, wt] = widen(from, to);
  const all = await fetchAll(req, wf, wt);
  if (all.status) return all;
  return page(
    all.items.filter((i) => keep(i, from, to)),
    url,
  );
};
const inRange = (day, from, to) => day >= from && day <= to;
/** Remembers what passed through: registrations by usage ID and by (owner venue, show, card). */
function memory() {
  const byId = new Map();
  const byCard = new Map();
  return {
    byId,
    byCard,
    note(req, res) {
      const u = req.json;
      if (!u || typeof u !== 'object' || res.status !== 201) return;
      const owner = u.forVenueId ?? u.venueId;
      const rec = { usage: u, result: res.json, owner, venue: venueOf(req) };
      byId.set(res.json.usageId, rec);
      byCard.set(`${owner}\n${u.show?.id}\n${u.cardId}`, rec);
    },
    card: (u) => byCard.get(`${u.forVenueId ?? u.venueId}\n${u.show?.id}\n${u.cardId}`),
  };
}
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

// ---- broken servers ------------------------------------------------------------------------------------------------
const broken = [
  proxy(
    'health-local-as-z',
    'broken',
    '"`200 Health` — `status`, `version`, the server\'s clock `time`": the gateway formats Helsinki wall-clock time and appends `Z`, so `time` is two or three hours off.',
    {
      response: (req, res) => {
        if (is(req, 'GET', /^\/v1\/health$/) && res.json?.time)
          setJson(res, { ...res.json, time: `${helsinkiOffset(res.json.time).local}Z` });
      },
    },
  ),
  proxy(
    'health-needs-token',
    'broken',
    '"`health()` | `GET /v1/health` (no token)": the gateway\'s auth middleware guards every route, health too.',
    {
      request: (req) => {
        if (/^\/v1\/health$/.test(pathOf(req)) && !tokenOf(req))
          return {
            ...problem(401, 'unauthorized'),
            headers: { 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer' },
          };
      },
    },
  ),
  proxy(
    'lookup-valid-until-utc-shift',
    'broken',
    '"`validUntil` (last valid day, inclusive)": the ORM reads the DATE column as Helsinki midnight and serialises it in UTC, a day early.',
    {
      response: (req, res) => {
        if (is(req, 'POST', LOOKUP) && res.status === 200 && res.json?.validUntil) {
          const d = new Date(`${res.json.validUntil}T00:00:00+02:00`).toISOString().slice(0, 10);
          setJson(res, { ...res.json, validUntil: d });
        }
      },
    },
  ),
  proxy(
    'lookup-status-snake',
    'broken',
    '"`status` (`active`, `inactive`, `use-ban`, `in-transfer`)": the ORM\'s enum names (`use_ban`, `in_transfer`) leak out.',
    {
      response: (req, res) => {
        if (is(req, 'POST', LOOKUP) && typeof res.json?.status === 'string')
          setJson(res, { ...res.json, status: res.json.status.replace(/-/g, '_') });
      },
    },
  ),
  proxy(
    'lookup-unknown-member-dropped',
    'broken',
    '"The look-up body must be exactly `{ cardId }` (an unknown member is refused, naming it)": a DTO mapper keeps `cardId` and drops the rest.',
    {
      request: (req) => {
        if (is(req, 'POST', LOOKUP) && req.json && typeof req.json === 'object' && 'cardId' in req.json)
          setJson(req, { cardId: req.json.cardId });
      },
    },
  ),
  proxy(
    'lookup-unregistered-200-null',
    'broken',
    '"`404` `card-not-registered`: the card is not in Kaikukanta": `findOne()` returns null and the framework answers `200 null`.',
    {
      response: (req, res) => {
        if (is(req, 'POST', LOOKUP) && res.status === 404) return json(200, null);
      },
    },
  ),
  proxy(
    'batch-empty-200',
    'broken',
    '"a batch of 1–100 items (an empty one is `400 invalid-request` …)": an empty batch is answered `200 { results: [] }`.',
    {
      request: (req) => {
        if (is(req, 'POST', BATCH) && Array.isArray(req.json?.items) && req.json.items.length === 0)
          return json(200, { results: [] });
      },
    },
  ),
  proxy(
    'batch-101-split',
    'broken',
    '"Bounds are refused, never clamped or split: … more are `413 batch-too-large`": the gateway splits a long batch into chunks of 100.',
    {
      request: async (req) => {
        const items = req.json?.items;
        if (!is(req, 'POST', BATCH) || !Array.isArray(items) || items.length <= 100) return;
        const results = [];
        for (let at = 0; at < items.length; at += 100) {
          const body = Buffer.from(JSON.stringify({ items: items.slice(at, at + 100) }));
          const r = await req.up({ method: 'POST', path: req.path, headers: req.headers, body });
          if (r.status !== 200) return r;
          results.push(...r.json.results);
        }
        return json(200, { results });
      },
    },
  ),
  proxy(
    'batch-all-or-nothing',
    'broken',
    '"`200 { results: [...] }`, one per item" / "a refused batch item carries the problem, the other items register": one refused item fails the whole batch with its problem.',
    {
      response: (req, res) => {
        const bad = is(req, 'POST', BATCH) && res.status === 200 && res.json?.results?.find((r) => !r.ok);
        if (bad)
          return {
            status: bad.problem.status,
            headers: { 'content-type': 'application/problem+json' },
            json: bad.problem,
            jsonChanged: true,
          };
      },
    },
  ),
  proxy(
    'batch-replayed-always-false',
    'broken',
    '"`{ ok: true, replayed, result }`" with "same key, same body → the first answer again (a result with `Idempotent-Replayed: true` …)": batch items never say they were replayed.',
    {
      response: (req, res) => {
        if (is(req, 'POST', BATCH) && res.status === 200 && Array.isArray(res.json?.results))
          setJson(res, { results: res.json.results.map((r) => (r.ok ? { ...r, replayed: false } : r)) });
      },
    },
  ),
  proxy(
    'batch-duplicate-key-merged',
    'broken',
    '"`200 { results: [...] }`, one per item, in order": the batch is keyed by idempotency key in a map, so an item sent twice is answered once.',
    {
      request: async (req) => {
        const items = req.json?.items;
        if (!is(req, 'POST', BATCH) || !Array.isArray(items)) return;
        const seen = new Set();
        const unique = items.filter((i) => !(seen.has(i?.idempotencyKey) || !seen.add(i?.idempotencyKey)));
        if (unique.length !== items.length) setJson(req, { ...req.json, items: unique });
      },
    },
  ),
  proxy(
    'tally-cap-null-as-zero',
    'broken',
    '"`200 ShowTally` — `cap` (`null` = none)": the NOT NULL DEFAULT 0 column turns "no cap" into 0.',
    {
      response: (req, res) => {
        if (is(req, 'GET', TALLY) && res.status === 200 && res.json?.cap === null)
          setJson(res, { ...res.json, cap: 0 });
      },
    },
  ),
  (() => {
    const cache = new Map();
    return proxy(
      'tally-cdn-cache',
      'broken',
      '"`getShowTally` … `200 ShowTally` — … `ticketsGiven`, `remaining`" (and "The result also says … the show\'s tally after this usage"): a CDN caches the tally for 60 s; writes do not invalidate it.',
      {
        request: (req) => {
          if (!is(req, 'GET', TALLY)) return;
          const hit = cache.get(`${req.headers.authorization}\n${req.path}`);
          if (hit && Date.now() - hit.at < 60_000)
            return { ...hit.res, headers: { ...hit.res.headers, age: '1' } };
        },
        response: (req, res) => {
          if (is(req, 'GET', TALLY) && res.status === 200)
            cache.set(`${req.headers.authorization}\n${req.path}`, { at: Date.now(), res });
        },
      },
    );
  })(),
  proxy(
    'tally-sum-as-string',
    'broken',
    '"`200 ShowTally` — `cap` …, `ticketsGiven`, `remaining`, `usages`" (whole numbers in `openapi.json`): node-postgres returns `SUM()`/`COUNT()` as strings, and they are sent as read.',
    {
      response: (req, res) => {
        if (is(req, 'GET', TALLY) && res.status === 200 && typeof res.json?.ticketsGiven === 'number')
          setJson(res, {
            ...res.json,
            ticketsGiven: String(res.json.ticketsGiven),
            usages: String(res.json.usages),
          });
      },
    },
  ),
  patch(
    'tally-global-show',
    '"`GET /v1/shows/{showId}/tally` reads the show of the token\'s own venue" (show IDs are per venue): the tally is read from whichever venue stored the ID first.',
    [
      {
        file: 'http/api-routes.ts',
        from: "const owner = venue ?? (await ctx.repo.showOwner(id)) ?? '';",
        to: "const owner = (await ctx.repo.showOwner(id)) ?? venue ?? '';",
      },
    ],
  ),
  proxy(
    'list-by-registered-day',
    'broken',
    '"usages whose show starts on a Helsinki calendar day in `[from, to]`": the list filters by the day the usage was registered.',
    {
      request: regatedList(
        () => ['2000-01-01', '2099-12-31'],
        (i, from, to) => inRange(helsinkiDay(new Date(i.registeredAt)), from, to),
      ),
    },
  ),
  proxy(
    'list-to-exclusive',
    'broken',
    '"usages whose show starts on a Helsinki calendar day in `[from, to]`": the ORM builds `day < to`, a half-open interval.',
    {
      response: (req, res) => {
        if (!is(req, 'GET', LIST) || res.status !== 200) return;
        const to = new URL(req.path, 'http://x').searchParams.get('to');
        setJson(res, {
          ...res.json,
          items: res.json.items.filter((i) => helsinkiDay(new Date(i.show.start)) !== to),
        });
      },
    },
  ),
  proxy(
    'list-limit-ignored',
    'broken',
    '"a page holds at most `limit` items": the gateway always asks the backend for pages of 1000.',
    {
      request: (req) => {
        if (!is(req, 'GET', LIST)) return;
        const url = new URL(req.path, 'http://x');
        const limit = Number(url.searchParams.get('limit'));
        if (url.searchParams.getAll('limit').length === 1 && limit >= 1 && limit <= 1000) {
          url.searchParams.set('limit', '1000');
          req.path = url.pathname + url.search;
        }
      },
    },
  ),
  proxy(
    'list-agent-sales-missing',
    'broken',
    '"including ticket-agent sales made _for_ this venue (`forVenueId`)": the list holds only the venue\'s own registrations.',
    {
      response: (req, res) => {
        if (is(req, 'GET', LIST) && res.status === 200)
          setJson(res, { ...res.json, items: res.json.items.filter((i) => i.forVenueId === undefined) });
      },
    },
  ),
  proxy(
    'list-voided-dropped',
    'broken',
    '"The usage list keeps it, with `state: \'voided\'` and `voidedAt`": a soft-delete scope hides voided usages from the list.',
    {
      response: (req, res) => {
        if (is(req, 'GET', LIST) && res.status === 200)
          setJson(res, { ...res.json, items: res.json.items.filter((i) => i.state !== 'voided') });
      },
    },
  ),
  proxy(
    'list-repeated-param-last-wins',
    'broken',
    '"an unknown or repeated query parameter is `400 invalid-request`": the framework\'s query parser keeps the last of a repeated parameter.',
    {
      request: (req) => {
        if (!is(req, 'GET', LIST)) return;
        const url = new URL(req.path, 'http://x');
        const q = new URLSearchParams(Object.fromEntries(url.searchParams));
        req.path = `${url.pathname}?${q}`;
      },
    },
  ),
  proxy(
    'list-fixed-offset-dst',
    'broken',
    '"usages whose show starts on a Helsinki calendar day in `[from, to]`": the day is computed with a fixed `+02:00`, wrong in summer time (EEST, `+03:00`).',
    {
      request: regatedList(
        (from, to) => [dayShift(from, -1), dayShift(to, 1)],
        (i, from, to) =>
          inRange(new Date(Date.parse(i.show.start) + 2 * 3_600_000).toISOString().slice(0, 10), from, to),
      ),
    },
  ),
  proxy(
    'key-lowercased',
    'broken',
    '"an idempotency key … compared exactly: `Key-A` and `key-a` are two keys": a header-normalising middleware lower-cases the value.',
    {
      request: (req) => {
        if (is(req, 'POST', USAGES) && req.headers['idempotency-key'])
          req.headers['idempotency-key'] = req.headers['idempotency-key'].toLowerCase();
      },
    },
  ),
  proxy(
    'replay-header-stripped',
    'broken',
    '"same key, same body → the first answer again (a result with `Idempotent-Replayed: true` …)": the gateway\'s response-header allow-list drops the header.',
    {
      response: (req, res) => {
        delete res.headers['idempotent-replayed'];
      },
    },
  ),
  proxy(
    'replay-current-tally',
    'broken',
    '"same key, same body → the first answer again": the replay is rebuilt from current data, with the tally as it is now.',
    {
      response: async (req, res) => {
        if (!is(req, 'POST', USAGES) || res.headers['idempotent-replayed'] !== 'true') return;
        const t = await req.up({
          method: 'GET',
          path: `/v1/shows/${encodeURIComponent(req.json.show.id)}/tally`,
          headers: { authorization: req.headers.authorization },
        });
        if (t.status === 200)
          setJson(res, { ...res.json, showTally: { ...t.json, updatedAt: res.json.showTally.updatedAt } });
      },
    },
  ),
  (() => {
    const keys = new Map();
    return proxy(
      'key-scope-global',
      'broken',
      '"Keys are scoped to the venue …: the same key sent for another venue is another key — it registers on its own, and neither collides with the first (a `422` would tell the other venue that the key was used)": the key store is global.',
      {
        request: (req) => {
          const key = req.headers['idempotency-key'];
          if (!is(req, 'POST', USAGES) || !key) return;
          const owner = keys.get(key);
          if (owner !== undefined && owner !== venueOf(req)) return problem(422, 'idempotency-key-reused');
          keys.set(key, venueOf(req));
        },
      },
    );
  })(),
  proxy(
    'key-missing-generated',
    'broken',
    '"no key → `400 idempotency-key-missing`": the gateway generates a key when the client sent none.',
    {
      request: (req) => {
        if (is(req, 'POST', USAGES) && !req.headers['idempotency-key'])
          req.headers['idempotency-key'] = randomUUID();
      },
    },
  ),
  proxy(
    'auth-wrong-token-403',
    'broken',
    '"No, a wrong or an expired token is `401 unauthorized` with `WWW-Authenticate`": the gateway answers an unknown token `403 forbidden`.',
    {
      response: (req, res) => {
        if (res.status === 401 && tokenOf(req)) return problem(403, 'forbidden');
      },
    },
  ),
  patch(
    'batch-venue-binding-skipped',
    '"register a usage, a batch item (`venueId`) | B\'s tokens only: … any other is `403 forbidden`": the batch route skips the tenancy check.',
    [
      {
        file: 'http/api-routes.ts',
        from: 'const refusal = mayRegister(ctx, venue, usage);\n    const outcome',
        to: 'const refusal = mayRegister(ctx, undefined, usage);\n    const outcome',
      },
    ],
  ),
  (() => {
    const mem = memory();
    return proxy(
      'void-403-leaks-usage',
      'broken',
      '"The `403` body is a problem with that code and nothing of the usage": the refusal explains whose usage it is.',
      {
        response: (req, res) => {
          if (is(req, 'POST', USAGES)) mem.note(req, res);
          if (is(req, 'POST', VOID) && res.status === 403) {
            const rec = mem.byId.get(voidId(req));
            if (rec)
              setJson(res, {
                ...res.json,
                detail: `Usage of show ${rec.usage.show.id} was registered by ${rec.usage.venueId} at ${rec.result.registeredAt}.`,
              });
          }
        },
      },
    );
  })(),
  proxy(
    'void-unknown-403',
    'broken',
    '"An unknown `usageId` is `404 usage-not-found`": the server answers `403` to hide which IDs exist.',
    {
      response: (req, res) => {
        if (is(req, 'POST', VOID) && res.status === 404) return problem(403, 'forbidden');
      },
    },
  ),
  proxy(
    'void-second-new-voidedAt',
    'broken',
    '"voiding a voided usage answers `200` again with the same `voidedAt`": the server writes `voidedAt = now()` on every void.',
    {
      response: (req, res) => {
        if (is(req, 'POST', VOID) && res.status === 200)
          setJson(res, { ...res.json, voidedAt: new Date().toISOString() });
      },
    },
  ),
  patch(
    'void-window-before-voided',
    '"voiding a voided usage answers `200` again with the same `voidedAt` …, also after the window has closed": the window is checked before "already voided".',
    [
      {
        file: 'usage/register-usage.ts',
        from: 'if (record.voidedAt === undefined && !window.ok) {',
        to: 'if (!window.ok) {',
      },
    ],
  ),
  patch(
    'void-after-show-start',
    '"The window: 15 minutes after the registration …, and never once the show has started, whichever comes first": the server checks only the 15 minutes.',
    [
      {
        file: 'usage/register-usage.ts',
        from: 'checkVoidWindow({ registeredAt, showStart, now,',
        to: "checkVoidWindow({ registeredAt, showStart: '9999-12-31T00:00:00Z', now,",
      },
    ],
  ),
  proxy(
    'void-tally-before',
    'broken',
    '"The void\'s `showTally` is the tally after it": the answer carries the tally read before the void.',
    {
      response: (req, res) => {
        const t = res.json?.showTally;
        if (!is(req, 'POST', VOID) || res.status !== 200 || !t) return;
        const given = t.ticketsGiven + res.json.tickets.total;
        setJson(res, {
          ...res.json,
          showTally: {
            ...t,
            ticketsGiven: given,
            usages: t.usages + 1,
            remaining: t.cap === null ? null : Math.max(0, t.cap - given),
          },
        });
      },
    },
  ),
  proxy(
    'void-body-unknown-member',
    'broken',
    '"every request body … refuses a key it does not know, naming it" (void: "body `{}`"): the void route ignores its body (`{ "reason": … }` accepted).',
    {
      request: (req) => {
        if (is(req, 'POST', VOID) && req.json && typeof req.json === 'object' && !Array.isArray(req.json))
          setJson(req, {});
      },
    },
  ),
  (() => {
    const mem = memory();
    return proxy(
      'already-used-at-client-time',
      'broken',
      "\"`at`, the ISO instant … the card's latest usage for the show was registered: that usage's `registeredAt`, never the asking client's clock\": `at` is the earlier usage's `clientTime`.",
      {
        response: (req, res) => {
          if (!is(req, 'POST', USAGES)) return;
          mem.note(req, res);
          const r = firstReason(res);
          const rec = r?.code === 'already-used' && mem.card(req.json);
          if (rec) {
            r.params.at = rec.usage.clientTime;
            res.jsonChanged = true;
          }
        },
      },
    );
  })(),
  (() => {
    const mem = memory();
    return proxy(
      'already-used-terminal-to-agent',
      'broken',
      '"to a ticket agent (a usage with `forVenueId`), `already-used` gives `at` but no `terminal` of a usage the agent did not register itself": the agent sees the venue\'s counter names.',
      {
        response: (req, res) => {
          if (!is(req, 'POST', USAGES)) return;
          mem.note(req, res);
          const r = firstReason(res);
          const rec = r?.code === 'already-used' && req.json.forVenueId && mem.card(req.json);
          if (rec && rec.usage.terminal && !r.params.terminal) {
            r.params.terminal = rec.usage.terminal;
            res.jsonChanged = true;
          }
        },
      },
    );
  })(),
  proxy(
    'terminal-non-ascii-digits',
    'broken',
    '"`terminal` … with no run of four digits — of any script …; refused as `invalid-request` naming `terminal` otherwise": the validator knows only ASCII `[0-9]`, other digits pass (stored transliterated).',
    {
      request: (req) => {
        const t = req.json?.terminal;
        if (is(req, 'POST', USAGES) && typeof t === 'string' && /[^\P{Nd}0-9]/u.test(t))
          setJson(req, { ...req.json, terminal: t.replace(/[^\P{Nd}0-9]/gu, 'x') });
      },
    },
  ),
  proxy(
    'plain-ids-zwsp-stripped',
    'broken',
    '"a show ID … with no control or format character (… a zero-width space …). It is refused as `bad-format` naming the field": a WAF sanitiser strips format characters instead.',
    {
      request: (req) => {
        const id = req.json?.show?.id;
        if (is(req, 'POST', USAGES) && typeof id === 'string' && /\p{Cf}/u.test(id))
          setJson(req, { ...req.json, show: { ...req.json.show, id: id.replace(/\p{Cf}/gu, '') } });
      },
    },
  ),
  proxy(
    'snake-case-aliases',
    'broken',
    '"Nothing sent is silently dropped: every request body … refuses a key it does not know, naming it": the serializer accepts snake_case aliases (`child_tickets`).',
    {
      request: (req) => {
        const u = req.json;
        if (!is(req, 'POST', USAGES) || !u || typeof u !== 'object') return;
        const camel = Object.fromEntries(
          Object.entries(u).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]),
        );
        if (Object.keys(u).some((k) => k.includes('_'))) setJson(req, camel);
      },
    },
  ),
  proxy(
    'child-tickets-numeric-string',
    'broken',
    '"`400` `invalid-request` | the body … does not match the schema": the validator coerces types (`"childTickets": "2"` read as 2).',
    {
      request: (req) => {
        const n = req.json?.childTickets;
        if (is(req, 'POST', USAGES) && typeof n === 'string' && /^\d+$/.test(n))
          setJson(req, { ...req.json, childTickets: Number(n) });
      },
    },
  ),
  proxy(
    'problem-as-plain-json',
    'broken',
    '"Every error response is RFC 9457 `application/problem+json`": the framework\'s error handler answers `application/json`.',
    {
      response: (req, res) => {
        if (isProblem(res)) res.headers['content-type'] = 'application/json; charset=utf-8';
      },
    },
  ),
  proxy(
    'head-405',
    'broken',
    '"`405` … `Allow` lists the methods (`HEAD` is answered wherever `GET` is)": the gateway routes only the methods it was told, not `HEAD`.',
    {
      request: (req) => {
        if (req.method === 'HEAD')
          return {
            ...problem(405, 'method-not-allowed'),
            headers: { 'content-type': 'application/problem+json', allow: 'GET, OPTIONS' },
          };
      },
    },
  ),
  proxy(
    'refusal-reasons-first-only',
    'broken',
    '"with status 422, `code` = the first reason and `reasons` = every reason with its params": only the first reason is kept.',
    {
      response: (req, res) => {
        if (res.status === 422 && Array.isArray(res.json?.reasons) && res.json.reasons.length > 1)
          setJson(res, { ...res.json, reasons: res.json.reasons.slice(0, 1) });
      },
    },
  ),
  proxy(
    'already-used-409',
    'broken',
    '"Refusals by the operating model use the rules core\'s refusal codes … with status 422": `already-used` is answered `409 Conflict`.',
    {
      response: (req, res) => {
        if (res.status === 422 && res.json?.code === 'already-used')
          return { ...res, status: 409, json: { ...res.json, status: 409 }, jsonChanged: true };
      },
    },
  ),
  proxy(
    'privacy-card-in-header',
    'broken',
    '"No answer of a server — body or header — names a card ID it was sent": a tracing middleware echoes the subject in `X-Trace-Subject`.',
    {
      response: (req, res) => {
        if (is(req, 'POST', USAGES) && typeof req.json?.cardId === 'string')
          res.headers['x-trace-subject'] = `usage card=${req.json.cardId}`;
      },
    },
  ),
  proxy(
    'payload-too-large-400',
    'broken',
    '"a body of at most 1 MB (`413 payload-too-large`)": the JSON parser\'s size error is mapped to `400 invalid-request`.',
    {
      request: (req) => {
        if (req.body.length > 1_048_576) return problem(400, 'invalid-request');
      },
    },
  ),
  proxy(
    'text-plain-parsed-as-json',
    'broken',
    '"`415` `unsupported-media-type` | a body that is not `application/json`": the body parser reads every body as JSON whatever its type (`express.json({ type: \'*/*\' })`).',
    {
      request: (req) => {
        if (req.method === 'POST' && req.body.length && !/json/.test(req.headers['content-type'] ?? ''))
          req.headers['content-type'] = 'application/json';
      },
    },
  ),
  patch(
    'in-flight-key-not-held',
    '"same key while the first request is still being processed → `409 idempotency-key-in-progress`": the key store does not hold a pending key, so a copy sent while the first waits on the registry (300 ms) is decided again.',
    [
      {
        file: 'http/router.ts',
        from: 'if (controls.decideDelayMs > 0) await new Promise((r) => setTimeout(r, controls.decideDelayMs));',
        to: 'await new Promise((r) => setTimeout(r, Math.max(300, controls.decideDelayMs)));',
      },
      {
        file: 'usage/register-usage.ts',
        from: "if (row?.state === 'pending' && nowMs - row.locked_at < PENDING_TIMEOUT_MS)\n      return refused(problems.keyInProgress(), 1);",
        to: '',
      },
    ],
  ),
  patch(
    'voided-booking-still-covers',
    '"A **voided** usage does not count. Nor does a voided booking: its collection counts in full": the query for the card\'s booking reads every usage, voided ones too (it forgot the view of standing usages).',
    [
      {
        file: 'db/repository.ts',
        from: 'FROM registered_usages WHERE card_id = $1 AND report_venue_id = $2 AND show_id = $3`,\n  insertUsage',
        to: 'FROM usages WHERE card_id = $1 AND report_venue_id = $2 AND show_id = $3`,\n  insertUsage',
      },
    ],
  ),
  patch(
    'collection-trusts-booking',
    '"A collection checks the card as a booking does (status, validity, children): the card must be present, and valid, when the ticket is collected": a collection skips the card\'s status and validity.',
    [
      {
        file: 'usage/register-usage.ts',
        from: 'const card = await cardOf(ctx, repo, usage.cardId, helsinkiDay(new Date(usage.show.start)));',
        to: "const found = await cardOf(ctx, repo, usage.cardId, helsinkiDay(new Date(usage.show.start)));\n      const card = found && usage.mode === 'collection' ? { ...found, status: 'active' as const, validUntil: '9999-12-31' } : found;",
      },
    ],
  ),
  patch(
    'stored-settings-request-cap-wins',
    '"the venue\'s stored show settings (they win over `show.cap` in the request; a show first seen in a request is stored with the request\'s settings)": every request overwrites the stored settings.',
    [
      {
        file: 'usage/register-usage.ts',
        from: 'if (!show && owner === usage.venueId) await repo.putShow',
        to: 'if (owner === usage.venueId) await repo.putShow',
      },
    ],
  ),
  patch(
    'agent-reverse-naming',
    '"register for another venue A\'s event (`forVenueId: A`) | B\'s tokens when A has named B its ticket agent; otherwise `403 agent-not-authorized`": the agent relation is treated as symmetric.',
    [
      {
        file: 'http/api-routes.ts',
        from: 'ctx.agents.get(owner)?.has(usage.venueId);',
        to: '(ctx.agents.get(owner)?.has(usage.venueId) || ctx.agents.get(usage.venueId)?.has(owner));',
      },
    ],
  ),
  patch(
    'once-per-show-across-venues',
    '"Show IDs are per venue: … two venues\' `x` are two shows": "already used" looks up the card\'s usages by show ID across venues.',
    [
      {
        file: 'db/repository.ts',
        from: 'report_venue_id = $2 AND show_id = $3 ORDER BY registered_at',
        to: '(report_venue_id = $2 OR 1) AND show_id = $3 ORDER BY registered_at',
      },
    ],
  ),
  (() => {
    const toReal = new Map();
    const toSeq = new Map();
    const number = (v) =>
      walk(v, (k, val, parent) => {
        if (k !== 'usageId' || typeof val !== 'string' || toReal.has(val)) return;
        if (!toSeq.has(val)) {
          toSeq.set(val, String(toSeq.size + 1));
          toReal.set(toSeq.get(val), val);
        }
        parent[k] = toSeq.get(val);
      });
    return proxy(
      'usage-id-autoincrement',
      'broken',
      '"The result (`UsageResult`) has the server\'s `usageId` (a UUID, …)": the ORM\'s auto-increment number is the usage ID.',
      {
        request: (req) => {
          if (!is(req, 'POST', VOID)) return;
          const real = toReal.get(voidId(req));
          if (real) req.path = `/v1/usages/${real}/void`;
        },
        response: (req, res) => {
          if (res.json && typeof res.json === 'object' && !isProblem(res)) {
            number(res.json);
            res.jsonChanged = true;
          }
        },
      },
    );
  })(),
];

// ---- awkward servers (legal) ---------------------------------------------------------------------------------------
const awkward = [
  proxy(
    'awk-one-per-page',
    'awkward',
    '"a page holds at most `limit` items (fewer is legal: follow `nextCursor`)": the backend pages one item at a time.',
    {
      request: (req) => {
        if (!is(req, 'GET', LIST)) return;
        const url = new URL(req.path, 'http://x');
        if (
          url.searchParams.getAll('limit').length <= 1 &&
          /^\d+$/.test(url.searchParams.get('limit') ?? '1') &&
          Number(url.searchParams.get('limit') ?? 1) >= 1 &&
          Number(url.searchParams.get('limit') ?? 1) <= 1000
        ) {
          url.searchParams.set('limit', '1');
          req.path = url.pathname + url.search;
        }
      },
    },
  ),
  proxy(
    'awk-empty-first-page',
    'awkward',
    '"fewer is legal: follow `nextCursor`": the first page of every list is empty (a search index warming up), with a cursor to the rest.',
    {
      request: (req) => {
        if (!is(req, 'GET', LIST)) return;
        const url = new URL(req.path, 'http://x');
        const cursor = url.searchParams.get('cursor');
        if (cursor === 'warm-up') {
          url.searchParams.delete('cursor');
          req.path = url.pathname + url.search;
          return;
        }
        if (cursor === null) req.warmUp = true;
      },
      response: (req, res) => {
        if (req.warmUp && res.status === 200) setJson(res, { items: [], nextCursor: 'warm-up' });
      },
    },
  ),
  proxy(
    'awk-helsinki-offsets',
    'awkward',
    'Instants are "ISO instants with an offset" and compared as instants: every server time (`registeredAt`, `voidedAt`, `updatedAt`, `time`, `at`) is written in Helsinki time with its offset.',
    {
      response: (req, res) => {
        if (!res.json || typeof res.json !== 'object') return;
        walk(res.json, (k, v, parent) => {
          if (
            ['registeredAt', 'voidedAt', 'updatedAt', 'time', 'at'].includes(k) &&
            typeof v === 'string' &&
            ISO_INSTANT.test(v)
          )
            parent[k] = helsinkiOffset(v).withOffset;
        });
        res.jsonChanged = true;
      },
    },
  ),
  proxy(
    'awk-extra-headers',
    'awkward',
    'Headers the contract does not name are free: request IDs, timing, HSTS, rate-limit counters, Vary, ETag (none names a card ID).',
    {
      response: (req, res) => {
        Object.assign(res.headers, {
          'x-request-id': randomUUID(),
          'server-timing': 'db;dur=1.2, app;dur=3.4',
          'strict-transport-security': 'max-age=63072000',
          'x-content-type-options': 'nosniff',
          vary: 'Accept-Encoding, Authorization',
          'x-ratelimit-limit': '600',
          'x-ratelimit-remaining': '599',
          etag: `W/"${createHash('sha1')
            .update(res.body ?? '')
            .digest('hex')
            .slice(0, 16)}"`,
          via: '1.1 gateway.example',
        });
      },
    },
  ),
  (() => {
    const seen = new Set();
    return proxy(
      'awk-503-first-attempt',
      'awkward',
      '"`5xx` `internal-error`, `unavailable` | try again later (… `Retry-After`)": the first attempt of every registration meets a `503` with `Retry-After: 1` before reaching the backend (nothing processed; the key stays free).',
      {
        request: (req) => {
          const key = is(req, 'POST', USAGES)
            ? req.headers['idempotency-key']
            : is(req, 'POST', BATCH)
              ? req.json?.items?.[0]?.idempotencyKey
              : undefined;
          if (!key || seen.has(`${req.path}\n${key}`)) return;
          seen.add(`${req.path}\n${key}`);
          return {
            ...problem(503, 'unavailable'),
            headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
          };
        },
      },
    );
  })(),
  patch(
    'awk-slow-decide',
    '"same key while the first request is still being processed → `409 idempotency-key-in-progress`": every registration waits 300 ms on the registry between claiming its key and deciding, so copies in flight meet `409` with `Retry-After: 1`.',
    [
      {
        file: 'http/router.ts',
        from: 'if (controls.decideDelayMs > 0) await new Promise((r) => setTimeout(r, controls.decideDelayMs));',
        to: 'await new Promise((r) => setTimeout(r, Math.max(300, controls.decideDelayMs)));',
      },
    ],
    'awkward',
  ),
  proxy(
    'awk-chunked-slow',
    'awkward',
    'HTTP framing is free: every answer is sent with chunked transfer coding in pieces, 20 ms apart.',
    { response: (req, res) => Object.assign(res, { chunks: 4 }) },
  ),
  proxy(
    'awk-problem-extensions',
    'awkward',
    '"`code` is stable; `title`/`detail` are for people and may change": problems carry Finnish titles and details, an `instance` and a `traceId` (no card ID).',
    {
      response: (req, res) => {
        if (!isProblem(res) || !res.json) return;
        setJson(res, {
          ...res.json,
          title: `Virhe: ${res.json.code}`,
          detail: 'Pyyntöä ei voitu käsitellä. Katso koodi.',
          instance: `/errors/${randomUUID()}`,
          traceId: randomUUID().replace(/-/g, ''),
        });
      },
    },
  ),
  proxy(
    'awk-pretty-json',
    'awkward',
    'JSON is JSON: every body is pretty-printed with two spaces and a trailing newline, the media type written `; charset=UTF-8`.',
    {
      response: (req, res) => {
        if (res.json === undefined) return;
        const type = isProblem(res) ? 'application/problem+json' : 'application/json';
        res.headers['content-type'] = `${type}; charset=UTF-8`;
        res.body = Buffer.from(`${JSON.stringify(res.json, null, 2)}\n`);
        res.json = undefined;
      },
    },
  ),
  (() => {
    const cursors = new Map();
    return proxy(
      'awk-opaque-cursors',
      'awkward',
      '"`{ items, nextCursor }`": cursors are the gateway\'s own opaque 43-character tokens, kept in its memory.',
      {
        request: (req) => {
          if (!is(req, 'GET', LIST)) return;
          const url = new URL(req.path, 'http://x');
          const real = cursors.get(url.searchParams.get('cursor'));
          if (real) {
            url.searchParams.set('cursor', real);
            req.path = url.pathname + url.search;
          }
        },
        response: (req, res) => {
          if (!is(req, 'GET', LIST) || res.status !== 200 || !res.json?.nextCursor) return;
          const token = createHash('sha256').update(randomUUID()).digest('base64url');
          cursors.set(token, res.json.nextCursor);
          setJson(res, { ...res.json, nextCursor: token });
        },
      },
    );
  })(),
];

export const SERVERS = Object.fromEntries([...broken, ...awkward].map((s) => [s.name, s]));
