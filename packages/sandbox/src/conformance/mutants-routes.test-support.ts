// More servers that break one rule each (see mutants.test-support.ts): methods, bounds, exact keys, stored settings,
// course kinds, replays rebuilt from the current state.
import type { Exchange, Mutant } from './mutants.test-support.js';

type Json = Record<string, unknown>;
const isUsage = (x: Exchange) => x.method === 'POST' && x.path === 'v1/usages' && x.body !== undefined;
const isList = (x: Exchange) => x.method === 'GET' && /^v1\/venues\/[^/]+\/usages\?/.test(x.path);
const showsOf = (x: Exchange) =>
  x.method === 'GET' ? /^v1\/venues\/([^/]+)\/shows\?/.exec(x.path)?.[1] : undefined;
/** Each usage of a request, single or batch item, with its show renamed by `rename` (its show kept: undefined). */
function renameShows(x: Exchange, rename: (usage: Json) => string | undefined): void {
  const single = isUsage(x) ? [x.body!] : [];
  const items =
    x.method === 'POST' && x.path === 'v1/usages/batch' ? (x.body?.items as Json[] | undefined) : [];
  for (const usage of [...single, ...(items ?? []).map((i) => i.usage as Json)]) {
    const show = usage.show as Json;
    show.id = rename(usage) ?? show.id;
  }
}
const problem = (status: number, code: string) => ({
  status,
  headers: { 'content-type': 'application/problem+json' },
  json: { type: 'about:blank', title: code, status, code },
});
/** The usage list's query, rewritten param by param. */
function rewriteQuery(x: Exchange, rewrite: (params: URLSearchParams) => URLSearchParams): void {
  const [path, query] = x.path.split('?') as [string, string];
  x.path = `${path}?${rewrite(new URLSearchParams(query)).toString()}`;
}

export function routeMutants(): Record<string, Mutant> {
  const caps = new Map<unknown, unknown>();
  return {
    'JSON with a charset parameter is refused': {
      breaks: ['json-media-type'],
      request: (x) =>
        /;/.test(x.headers['content-type'] ?? '') ? problem(415, 'unsupported-media-type') : undefined,
    },
    'HEAD is refused as a wrong method': {
      breaks: ['methods'],
      request: (x) => (x.method === 'HEAD' ? problem(405, 'method-not-allowed') : undefined),
    },
    'an out-of-range list limit is clamped': {
      breaks: ['bounds'],
      request(x) {
        if (isList(x))
          rewriteQuery(x, (q) => {
            if (q.has('limit')) q.set('limit', String(Math.min(1000, Math.max(1, Number(q.get('limit'))))));
            return q;
          });
      },
    },
    'a body over 1 MB crashes the server': {
      breaks: ['bounds'],
      request: (x) =>
        JSON.stringify(x.body ?? {}).length > 1_000_000 ? problem(500, 'internal-error') : undefined,
    },
    'unknown and repeated query parameters are dropped': {
      breaks: ['unknown-fields'],
      request(x) {
        if (isList(x))
          rewriteQuery(x, (q) => {
            const known = ['from', 'to', 'cursor', 'limit'].filter((k) => q.has(k));
            return new URLSearchParams(known.map((k) => [k, q.get(k)!]));
          });
      },
    },
    'idempotency keys are case-folded': {
      breaks: ['key-exact'],
      request(x) {
        const k = x.headers['idempotency-key'];
        if (k) x.headers['idempotency-key'] = k.toLowerCase();
      },
    },
    "the request's cap wins over the stored one": {
      breaks: ['stored-settings'],
      request(x) {
        if (!isUsage(x)) return;
        const show = x.body!.show as Json;
        if (!caps.has(show.id)) caps.set(show.id, show.cap);
        else if (caps.get(show.id) !== show.cap)
          x.body = { ...x.body, show: { ...show, id: `${show.id as string}-${String(show.cap)}` } };
      },
    },
    'an unknown channel is taken for the box office': {
      breaks: ['bounds'],
      request(x) {
        if (isUsage(x) && x.body!.channel === 'web') x.body = { ...x.body, channel: 'box-office' };
      },
    },
    'a course is decided as a show': {
      breaks: ['refusal-reasons'],
      request(x) {
        const show = x.body?.show as Json | undefined;
        if (isUsage(x) && show?.kind === 'course') x.body = { ...x.body, show: { ...show, kind: 'show' } };
      },
    },
    "a file's rows (batch items) are a show apart from the terminal's": {
      breaks: ['across-routes'],
      request(x) {
        if (x.path === 'v1/usages/batch') renameShows(x, (u) => `${(u.show as Json).id as string}~file`);
      },
    },
    "an agent's sales are counted apart from the box office's": {
      breaks: ['across-routes'],
      request: (x) =>
        renameShows(x, (u) =>
          u.channel === 'ticket-agent' ? `${(u.show as Json).id as string}~agent` : undefined,
        ),
    },
    "the show list answers any venue's token": {
      breaks: ['show-list'],
      request(x) {
        // The sandbox's other venue (the kit's tests name it): its own token reads its list.
        if (showsOf(x) === 'kulttuuritalo-kaiku') x.headers.authorization = 'Bearer kit-token-kaiku';
      },
    },
    'unknown and repeated show-list parameters are dropped': {
      breaks: ['show-list'],
      request(x) {
        if (showsOf(x))
          rewriteQuery(x, (q) => new URLSearchParams({ from: q.get('from')!, to: q.get('to')! }));
      },
    },
    'the show list takes a range of any length': {
      breaks: ['show-list'],
      request(x) {
        const day = (d: string, n = 0) => new Date(Date.parse(d) + n * 86_400_000).toISOString().slice(0, 10);
        if (showsOf(x))
          rewriteQuery(x, (q) => {
            if (Date.parse(q.get('to')!) - Date.parse(q.get('from')!) > 30 * 86_400_000)
              q.set('to', day(q.get('from')!, 30));
            return q;
          });
      },
    },
    'the show list forgets the caps': {
      breaks: ['show-list'],
      response(x, reply) {
        if (showsOf(x) && reply.status === 200)
          for (const s of (reply.json as { items: Json[] }).items) s.cap = null;
      },
    },
    "a replay answers the show's current tally": {
      breaks: ['idempotency-replay'],
      async response(x, reply, upstream) {
        if (reply.headers['idempotent-replayed'] !== 'true') return;
        const id = (x.body?.show as Json).id as string;
        const tally = await upstream({ ...x, method: 'GET', path: `v1/shows/${id}/tally`, body: undefined });
        (reply.json as Json).showTally = tally.json;
      },
    },
  };
}
