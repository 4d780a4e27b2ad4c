// Servers that break one rule of the contract each, for the conformance kit's own tests: a proxy in front of the
// real sandbox rewrites what goes in or comes out, as a server with that fault would answer. Plus correct
// variants (slow), which the kit must not fail.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RuleId } from './rules.js';

export type Exchange = {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown> | undefined;
};
export type Reply = { status: number; headers: Record<string, string>; json: unknown };
type Json = Record<string, unknown>;

/** One fault: rewrite the request (or answer it alone), and/or the answer; `breaks` names the rules it breaks. */
export type Mutant = {
  breaks?: readonly RuleId[];
  request?: (x: Exchange, upstream: Upstream) => Promise<Reply | void> | Reply | void;
  response?: (x: Exchange, reply: Reply, upstream: Upstream) => Promise<void> | void;
};
export type Upstream = (x: Exchange) => Promise<Reply>;

export async function startMutant(target: string, mutant: Mutant): Promise<{ url: string; close(): void }> {
  const upstream: Upstream = async (x) => {
    const res = await fetch(new URL(x.path, target), {
      method: x.method,
      headers: x.headers,
      ...(x.body !== undefined ? { body: JSON.stringify(x.body) } : {}),
    });
    const text = await res.text();
    const headers = Object.fromEntries(
      [...res.headers].filter(([k]) => !/^(content-length|transfer-encoding|connection|keep-alive)$/.test(k)),
    );
    return { status: res.status, headers, json: text ? (JSON.parse(text) as unknown) : undefined };
  };
  const server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString();
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        ([k]) => k !== 'host' && k !== 'content-length' && k !== 'connection',
      ),
    ) as Record<string, string>;
    let body: Json | undefined;
    try {
      body = raw ? (JSON.parse(raw) as Json) : undefined;
    } catch {
      body = undefined;
    }
    const x: Exchange = { method: req.method!, path: req.url!.replace(/^\//, ''), headers, body };
    try {
      // A body that is not JSON goes as it came (the 415 check sends text/plain).
      const reply: Reply =
        ((await mutant.request?.(x, upstream)) as Reply | undefined) ??
        (raw && body === undefined
          ? await fetch(new URL(x.path, target), { method: x.method, headers, body: raw }).then(
              async (r) => ({
                status: r.status,
                headers: Object.fromEntries(r.headers),
                json: (await r.json()) as unknown,
              }),
            )
          : await upstream(x));
      await mutant.response?.(x, reply, upstream);
      delete reply.headers['content-length'];
      res
        .writeHead(reply.status, reply.headers)
        .end(reply.json === undefined ? '' : JSON.stringify(reply.json));
    } catch (error) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end(String(error));
    }
  }
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => server.close(),
  };
}

const isUsage = (x: Exchange) => x.method === 'POST' && x.path === 'v1/usages' && x.body !== undefined;
const isList = (x: Exchange) => x.method === 'GET' && /^v1\/venues\/[^/]+\/usages/.test(x.path);
const result = (reply: Reply) => reply.json as Json & { tickets?: Json; showTally?: Json; reasons?: Json[] };

/** A card's usage recorded for another (active) card: a server that does not check this status. */
const acceptsStatus = (cardId: string, instead: string, mode?: string): Mutant => ({
  breaks: [mode ? 'collection-card-checks' : 'refusal-reasons'],
  request(x) {
    if (isUsage(x) && x.body!.cardId === cardId && (!mode || x.body!.mode === mode))
      x.body = { ...x.body, cardId: instead };
  },
});
const json = (status: number, body: unknown, type = 'application/json'): Reply => ({
  status,
  headers: { 'content-type': type },
  json: body,
});
const problem = (status: number, code: string, extra: Json = {}): Reply =>
  json(status, { type: 'about:blank', title: code, status, code, ...extra }, 'application/problem+json');
const voidOf = (x: Exchange) =>
  x.method === 'POST' ? /^v1\/usages\/([^/]+)\/void$/.exec(x.path)?.[1] : undefined;
const tallyOf = (x: Exchange) =>
  x.method === 'GET' ? /^v1\/shows\/([^/]+)\/tally$/.exec(x.path)?.[1] : undefined;
const cardShow = (x: Exchange) =>
  `${x.body?.cardId as string}|${(x.body?.show as Json | undefined)?.id as string}`;

/** Every mutant by the fault it has; each must fail the kit. */
export function mutants(options: { otherToken: string; active: string }): Record<string, Mutant> {
  const firstAnswers = new Map<string, Reply>();
  const refusedKeys = new Set<string>();
  const voidsSeen = new Map<string, number>();
  const usedBy = new Map<string, string>(); // usageId → card|show
  const stillUsed = new Set<string>(); // card|show voided, yet counted as used
  const booked = new Map<string, number>(); // card|show → tickets booked
  const released = new Map<string, number>(); // show → tickets a fewer collection gave back
  const inFlight = new Set<string>();
  const other = `Bearer ${options.otherToken}`;
  const now = () => new Date().toISOString();
  return {
    'a replay registers again, answering the first result': {
      breaks: ['idempotency-replay'],
      async request(x, upstream) {
        const k = x.headers['idempotency-key'];
        if (!isUsage(x) || !k) return;
        const first = firstAnswers.get(k);
        if (first?.status !== 201) return;
        await upstream({ ...x, headers: { ...x.headers, 'idempotency-key': randomUUID() } });
        return { ...first, status: 200, headers: { ...first.headers, 'idempotent-replayed': 'true' } };
      },
      response(x, reply) {
        const k = x.headers['idempotency-key'];
        if (isUsage(x) && k && !firstAnswers.has(k)) firstAnswers.set(k, structuredClone(reply));
      },
    },
    'children are not counted against the cap': {
      breaks: ['booking-counts'],
      request(x) {
        if (isUsage(x)) x.headers['x-children'] = String(x.body!.childTickets ?? 0);
        if (isUsage(x)) x.body = { ...x.body, childTickets: 0 };
      },
      response(x, reply) {
        const t = result(reply).tickets;
        const n = Number(x.headers['x-children'] ?? 0);
        if (t) Object.assign(t, { children: n, total: (t.total as number) + n });
      },
    },
    'collections are never counted': {
      breaks: ['collection-beyond'],
      async request(x, upstream) {
        if (!isUsage(x) || x.body!.mode !== 'collection') return;
        const show = x.body!.show as Json;
        const tally = await upstream({
          ...x,
          method: 'GET',
          path: `v1/shows/${show.id as string}/tally`,
          body: undefined,
        });
        const children = (x.body!.childTickets as number) ?? 0;
        const tickets = { adult: 1, children, groupMembers: 0, under16Clients: 0, total: 1 + children };
        const json = {
          usageId: randomUUID(),
          registeredAt: new Date().toISOString(),
          tickets,
          showTally: tally.json,
          countedAgainstCap: 1 + children,
          coveredByBooking: 0,
        };
        return { status: 201, headers: { 'content-type': 'application/json' }, json };
      },
    },
    'an expired card is accepted': acceptsStatus('A999005416', options.active),
    'a card under a use ban is accepted': acceptsStatus('A999991234', options.active),
    'a card in transfer is accepted': acceptsStatus('A999005403', options.active),
    'a wrong token is accepted': {
      breaks: ['auth'],
      request(x) {
        if (x.headers.authorization && !/kit-token/.test(x.headers.authorization))
          x.headers.authorization = 'Bearer kit-token';
      },
    },
    'unknown fields are dropped': {
      breaks: ['unknown-fields'],
      request(x) {
        if (!isUsage(x)) return;
        const body = structuredClone(x.body!);
        delete body.childTicket;
        delete (body.show as Json).Cap;
        x.body = body;
      },
    },
    'error texts quote the card ID': {
      breaks: ['privacy'],
      response(x, reply) {
        const card = x.body?.cardId;
        if (reply.status >= 400 && typeof card === 'string' && reply.json)
          result(reply).detail = `Card ${card} was refused.`;
      },
    },
    "the usage list leaks other venues' usages": {
      breaks: ['usage-list'],
      async response(x, reply, upstream) {
        if (!isList(x) || reply.status !== 200) return;
        const path = x.path.replace(/venues\/[^/]+/, 'venues/kulttuuritalo-kaiku');
        const theirs = await upstream({
          ...x,
          path,
          headers: { ...x.headers, authorization: `Bearer ${options.otherToken}` },
        });
        (result(reply).items as Json[]).push(...((theirs.json as { items?: Json[] })?.items ?? []));
      },
    },
    'the usage list skips an item between pages': {
      breaks: ['usage-list'],
      response(x, reply) {
        if (isList(x) && x.path.includes('cursor=') && reply.status === 200)
          (result(reply).items as Json[]).shift();
      },
    },
    'the usage list files shows under the UTC day': {
      breaks: ['usage-list'],
      async request(x, upstream) {
        if (!isList(x)) return;
        const url = new URL(x.path, 'http://x/');
        const [from, to] = [url.searchParams.get('from')!, url.searchParams.get('to')!];
        const shift = (d: string, n: number) =>
          new Date(Date.parse(`${d}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
        url.searchParams.set('from', shift(from, -1));
        url.searchParams.set('to', shift(to, 1));
        const reply = await upstream({ ...x, path: `${url.pathname.slice(1)}${url.search}` });
        const items = (result(reply).items as { show: { start: string } }[] | undefined) ?? [];
        const utc = (s: string) => new Date(s).toISOString().slice(0, 10);
        result(reply).items = items.filter((i) => utc(i.show.start) >= from && utc(i.show.start) <= to);
        return reply;
      },
    },
    'batch results come out of order': {
      breaks: ['batch'],
      response(x, reply) {
        if (x.path === 'v1/usages/batch' && reply.status === 200) (result(reply).results as Json[]).reverse();
      },
    },
    'a refusal is not stored under its key': {
      breaks: ['idempotency-refusal'],
      async request(x, upstream) {
        const k = x.headers['idempotency-key'];
        if (!isUsage(x) || !k) return;
        const reply = await upstream(
          refusedKeys.has(k) ? { ...x, headers: { ...x.headers, 'idempotency-key': randomUUID() } } : x,
        );
        if (reply.status === 422) refusedKeys.add(k);
        return reply;
      },
    },
    'a venue acts for another through forVenueId': {
      breaks: ['agent-unnamed'],
      request(x) {
        // `forVenueId` taken as permission: the usage is registered for that venue, as if with its token.
        const owner = x.body?.forVenueId;
        if (!isUsage(x) || owner !== 'kulttuuritalo-kaiku') return;
        x.headers.authorization = `Bearer ${options.otherToken}`;
        x.body = { ...x.body, venueId: owner };
      },
    },
    'keys belong to the token, not the venue': {
      breaks: ['key-scope'],
      request(x) {
        const k = x.headers['idempotency-key'];
        if (k) x.headers['idempotency-key'] = `${(x.headers.authorization ?? '').slice(-6)}${k}`.slice(-255);
      },
    },
    'a lowercase "bearer" scheme is no token': {
      breaks: ['auth'],
      request: (x) =>
        /^bearer /.test(x.headers.authorization ?? '') ? problem(401, 'unauthorized') : undefined,
    },
    'a show without a cap has 0 remaining': {
      breaks: ['remaining'],
      response(x, reply) {
        const tally = tallyOf(x) ? (reply.json as Json | undefined) : undefined;
        if (tally?.cap === null) tally.remaining = 0;
      },
    },
    'an agent may not void its own sale': {
      breaks: ['void-owner'],
      request: (x) =>
        voidOf(x) && x.headers.authorization === other ? problem(403, 'forbidden') : undefined,
    },
    'a void is answered but ignored': {
      breaks: ['void-gives-back'],
      request(x) {
        const id = /^v1\/usages\/([^/]+)\/void$/.exec(x.path)?.[1];
        if (x.method !== 'POST' || !id) return;
        const tally = {
          showId: 's',
          cap: null,
          ticketsGiven: 0,
          remaining: null,
          usages: 0,
          updatedAt: now(),
        };
        const tickets = { adult: 1, children: 0, groupMembers: 0, under16Clients: 0, total: 1 };
        const json = {
          usageId: decodeURIComponent(id),
          state: 'voided',
          voidedAt: now(),
          tickets,
          showTally: tally,
        };
        return { status: 200, headers: { 'content-type': 'application/json' }, json };
      },
    },
    'a void gives the tickets back twice': {
      breaks: ['void-gives-back'],
      async response(x, reply, upstream) {
        // Each void answer registers nothing back: the second void of the same usage frees another usage's ticket.
        if (x.method !== 'POST' || !/\/void$/.test(x.path) || reply.status !== 200) return;
        const seen = (voidsSeen.get(x.path) ?? 0) + 1;
        voidsSeen.set(x.path, seen);
        if (seen < 2) return;
        type Item = { usageId: string; state?: string; show: { id: string } };
        const items: Item[] = [];
        // Every page: the sandbox holds the usages of every run of this file.
        for (let cursor: string | null = ''; cursor !== null;) {
          const path = `v1/venues/teatteri-hilla/usages?from=2000-01-01&to=2100-01-01&limit=1000`;
          const list = await upstream({
            ...x,
            method: 'GET',
            path: cursor ? `${path}&cursor=${encodeURIComponent(cursor)}` : path,
            body: undefined,
          });
          const page = list.json as { items?: Item[]; nextCursor?: string | null };
          items.push(...(page.items ?? []));
          cursor = page.nextCursor ?? null;
        }
        const voided = items.find((u) => x.path === `v1/usages/${u.usageId}/void`);
        const others = items.filter((u) => u.state !== 'voided' && u.show.id === voided?.show.id);
        const other = others[0];
        if (other) await upstream({ ...x, path: `v1/usages/${other.usageId}/void` });
      },
    },
    '`remaining` is one off': {
      breaks: ['remaining'],
      response(_x, reply) {
        const r = result(reply);
        for (const t of [r, r.showTally as Json | undefined])
          if (t && typeof t.remaining === 'number' && t.cap !== null) t.remaining += 1;
      },
    },
    'the cap is checked apart from the write (a race)': {
      breaks: ['cap-race'],
      async request(x, upstream) {
        const show = x.body?.show as Json | undefined;
        if (!isUsage(x) || typeof show?.cap !== 'number') return;
        const free = `${show.id as string}-free`;
        const tally = await upstream({
          ...x,
          method: 'GET',
          path: `v1/shows/${free}/tally`,
          body: undefined,
        });
        const given = tally.status === 200 ? ((tally.json as Json).ticketsGiven as number) : 0;
        await new Promise((r) => setTimeout(r, 10));
        if (given + 1 + ((x.body!.childTickets as number) ?? 0) > show.cap) {
          const reasons = [{ code: 'cap-reached', params: { cap: show.cap, given } }];
          const json = {
            type: 'about:blank',
            title: 'Cap reached',
            status: 422,
            code: 'cap-reached',
            reasons,
          };
          return { status: 422, headers: { 'content-type': 'application/problem+json' }, json };
        }
        x.body = { ...x.body, show: { ...show, id: free, cap: undefined } };
      },
    },
    // A gateway that authenticates the routes it knows of, not the void or the tally added later.
    'voids need no token': {
      breaks: ['auth'],
      request: (x) => void (/\/void$/.test(x.path) && (x.headers['authorization'] ??= 'Bearer kit-token')),
    },
    'the tally needs no token (a public, cached read)': {
      breaks: ['auth'],
      request: (x) => void (/\/tally$/.test(x.path) && (x.headers['authorization'] ??= 'Bearer kit-token')),
    },
    'health needs a token': {
      breaks: ['health'],
      request: (x) => (x.path === 'v1/health' ? problem(401, 'unauthorized') : undefined),
    },
    'an unknown card is a plain 404 not-found': {
      breaks: ['lookup'],
      response(x, reply) {
        if (x.path === 'v1/cards/lookup' && reply.status === 404) result(reply).code = 'not-found';
      },
    },
    'errors are application/json': {
      breaks: ['problem-json'],
      response(_x, reply) {
        if (reply.status >= 400) reply.headers['content-type'] = 'application/json';
      },
    },
    'the usage list drops `state`': {
      breaks: ['usage-state'],
      response(x, reply) {
        if (isList(x) && reply.status === 200)
          for (const item of result(reply).items as Json[]) {
            delete item.state;
            delete item.voidedAt;
          }
      },
    },
    'a void after the show started is done': {
      breaks: ['void-window'],
      async response(x, reply, upstream) {
        const id = voidOf(x);
        if (!id || result(reply).code !== 'void-window-closed') return;
        const tally = await upstream({ ...x, method: 'GET', path: 'v1/shows/x/tally', body: undefined });
        const tickets = { adult: 1, children: 0, groupMembers: 0, under16Clients: 0, total: 1 };
        const done = { usageId: decodeURIComponent(id), state: 'voided', voidedAt: now(), tickets };
        Object.assign(reply, json(200, { ...done, showTally: tally.json }));
      },
    },
    'a void again answers a new voidedAt': {
      breaks: ['void-idempotent'],
      response(x, reply) {
        if (voidOf(x) && reply.status === 200) result(reply).voidedAt = now();
      },
    },
    "another venue's void is done": {
      breaks: ['void-owner'],
      request(x) {
        if (voidOf(x) && x.headers.authorization === other) x.headers.authorization = 'Bearer kit-token';
      },
    },
    'a voided usage still counts as used': {
      breaks: ['void-not-used'],
      request: (x) =>
        isUsage(x) && stillUsed.has(cardShow(x))
          ? problem(422, 'already-used', { reasons: [{ code: 'already-used', params: { at: now() } }] })
          : undefined,
      response(x, reply) {
        const id = voidOf(x);
        if (isUsage(x) && reply.status === 201) usedBy.set(result(reply).usageId as string, cardShow(x));
        if (id && reply.status === 200) stillUsed.add(usedBy.get(decodeURIComponent(id)) ?? '');
      },
    },
    'a collection as booked is counted again (so it says)': {
      breaks: ['collection-covered'],
      response(x, reply) {
        const r = result(reply);
        if (isUsage(x) && reply.status === 201 && (r.coveredByBooking as number) > 0)
          Object.assign(r, {
            countedAgainstCap: (r.countedAgainstCap as number) + (r.coveredByBooking as number),
            coveredByBooking: 0,
          });
      },
    },
    'a collection of fewer gives tickets back': {
      breaks: ['collection-fewer'],
      response(x, reply) {
        const show = tallyOf(x);
        const back = show ? (released.get(decodeURIComponent(show)) ?? 0) : 0;
        if (show && back > 0 && reply.status === 200) {
          const r = result(reply);
          Object.assign(r, { ticketsGiven: (r.ticketsGiven as number) - back });
          if (r.cap !== null) r.remaining = (r.remaining as number) + back;
        }
        if (!isUsage(x) || reply.status !== 201) return;
        const total = (result(reply).tickets as Json).total as number;
        if (x.body!.mode === 'booking') booked.set(cardShow(x), total);
        const fewer = (booked.get(cardShow(x)) ?? total) - total;
        const id = (x.body!.show as Json).id as string;
        if (x.body!.mode === 'collection' && fewer > 0) released.set(id, (released.get(id) ?? 0) + fewer);
      },
    },
    'an expired card is collected': acceptsStatus('A999005416', options.active, 'collection'),
    'a card is used twice for a show': {
      breaks: ['once-per-show'],
      async response(x, reply, upstream) {
        if (!isUsage(x) || result(reply).code !== 'already-used') return;
        const show = { ...(x.body!.show as Json), id: `${(x.body!.show as Json).id as string}-again` };
        Object.assign(reply, await upstream({ ...x, body: { ...x.body, show } }));
      },
    },
    'already-used says the clock and no terminal': {
      breaks: ['already-used-params'],
      response(_x, reply) {
        for (const r of result(reply)?.reasons ?? [])
          if (r.code === 'already-used') r.params = { at: new Date().toISOString().slice(0, 19) };
      },
    },
    "another venue's show is read by its ID": {
      breaks: ['show-per-venue'],
      async response(x, reply, upstream) {
        if (!tallyOf(x) || result(reply).usages !== 0) return;
        const theirs = await upstream({ ...x, headers: { ...x.headers, authorization: other } });
        if (theirs.status === 200) reply.json = theirs.json;
      },
    },
    'a usage for another venue is registered with its token': {
      breaks: ['venue-binding'],
      request(x) {
        if (isUsage(x) && x.body!.venueId === 'kulttuuritalo-kaiku' && !x.body!.forVenueId)
          x.headers.authorization = other;
      },
    },
    "a named agent's sale counts for the agent": {
      breaks: ['agent-named'],
      request(x) {
        if (isUsage(x) && x.body!.forVenueId === 'teatteri-hilla')
          x.body = { ...x.body, forVenueId: undefined, channel: 'box-office' };
      },
    },
    'copies in flight register each': {
      breaks: ['in-flight'],
      async request(x, upstream) {
        const k = x.headers['idempotency-key'];
        if (!isUsage(x) || !k) return;
        if (inFlight.has(k))
          return upstream({ ...x, headers: { ...x.headers, 'idempotency-key': randomUUID() } });
        inFlight.add(k);
        await new Promise((r) => setTimeout(r, 30));
        return upstream(x).finally(() => inFlight.delete(k));
      },
    },
    'invisible characters are stripped from IDs': {
      breaks: ['plain-ids'],
      request(x) {
        // eslint-disable-next-line no-control-regex -- the fault is stripping them
        const strip = (v: unknown) => (typeof v === 'string' ? v.replace(/[\u0000\u200b\u202e\t]/g, '') : v);
        if (!isUsage(x)) return;
        const show = { ...(x.body!.show as Json), id: strip((x.body!.show as Json).id) };
        x.body = { ...x.body, venueId: strip(x.body!.venueId), cardId: strip(x.body!.cardId), show };
        if (x.headers['idempotency-key'])
          x.headers['idempotency-key'] = strip(x.headers['idempotency-key']) as string;
      },
    },
    'a card ID in a header': {
      breaks: ['privacy'],
      response(x, reply) {
        if (typeof x.body?.cardId === 'string') reply.headers['x-card'] = x.body.cardId;
      },
    },
    'refusal reasons come without their params': {
      breaks: ['refusal-reasons'],
      response(_x, reply) {
        for (const r of result(reply)?.reasons ?? []) delete r.params;
      },
    },
  };
}

/** A correct server that answers each request `ms` later. */
export const slow = (ms: number): Mutant => ({
  response: () => new Promise((r) => setTimeout(r, ms)),
});

/** A correct server that writes a time it sent before in Helsinki time the next time: the same instant. */
export function otherOffsets(): Mutant {
  const sent = new Set<string>();
  const walk = (value: unknown): void => {
    if (!value || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value as Json)) {
      if (!k.endsWith('At') || typeof v !== 'string' || !v.endsWith('Z')) walk(v);
      else if (!sent.has(v)) sent.add(v);
      else (value as Json)[k] = new Date(Date.parse(v) + 7_200_000).toISOString().replace('Z', '+02:00');
    }
  };
  return { response: (_x, reply) => walk(reply.json) };
}
