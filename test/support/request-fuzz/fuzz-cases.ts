/** The request fuzzer's cases: raw HTTP/1.1 requests from known routes and bodies, mutated by a seeded PRNG. */

/** mulberry32: small, fast and deterministic for a seed; `next()` is a float in [0, 1). */
export function createRng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof createRng>;

export type FuzzRequest = {
  readonly bytes: Buffer;
  /** The request as text (latin1), for reports. */
  readonly text: string;
  readonly head: boolean;
  /** True when a server may rightly close without answering (the bytes hold no request at all). */
  readonly mayGoUnanswered: boolean;
};

const METHODS = [
  ...'GET GET GET POST POST POST HEAD OPTIONS PUT DELETE PATCH TRACE CONNECT PROPFIND FOO get'.split(' '),
  ...['G ET', '', 'POST\u0000', 'ПОСТ'],
];

const CARD = 'A045198723';
const SHOW = 'hilla-taikuri-matti';
const LIST = '/v1/venues/teatteri-hilla/usages?from=2020-01-01&to=2040-01-01';
// Routes and broken targets: control and format characters, another venue's list, inherited names, test routes.
const TARGETS = [
  ...`/ /openapi.json /demo-cards /v1/health /v1/cards/${CARD} /v1/cards/A999000001 /v1/cards/ /v1/cards/%41045198723
  /v1/usages /v1/usages/batch /v1/shows/${SHOW}/tally /v1/shows//tally ${LIST} ${LIST}&venueId=kulttuuritalo-kaiku
  /v1/venues/teatteri-hilla/usages?from=x&to=y&cursor=%%%&limit=-1 /__sandbox/reset /__sandbox/keys?key=x
  /__sandbox/usages/count?cardId=A045198723&showId=x //x:99999/ //% http://[ * // /..%2f..%2fetc/passwd /v1/../v1/health
  /v1/health?% /v1/health#frag http://localhost/v1/health https://evil.example/v1/health /v1/cards/%E0%A4%A
  /v1/cards/%00 /%ff%fe /v1/cards/A045198723?x=%zz v1/health /v1/health/ /V1/HEALTH /\u00e4 /v1/shows/%2F/tally
  /v1/venues//usages /v1/shows/hilla%00show/tally /v1/shows/hilla%E2%80%AEshow/tally
  /v1/venues/teatteri-hilla%E2%80%8B/usages?from=2020-01-01&to=2040-01-01 ${LIST.replace('teatteri-hilla', 'kulttuuritalo-kaiku')}
  ${LIST}&constructor=1&__proto__=x /__sandbox/keys?key=fuzz-fixed-key-1 /__sandbox/clock /__sandbox/shows`.split(
    /\s+/,
  ),
  '/v1/cards/' + 'A'.repeat(5000),
];

const ODD_VERSIONS = ['HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9', 'HTTP/1.12', 'http/1.1', 'HTTP/', ''] as const;

/** Names every object inherits: as keys they must be unknown fields like any other. */
const PROTO_NAMES = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf', 'isPrototypeOf'];
/** Control and format characters, a lone surrogate and a line separator: never part of an identifier. */
const HIDDEN = ['\u0000', '\u202e', '\u200b', '\ufeff', '\u2066', '\u0085', '\u0007', '\ud800', '\u2028'];

function validUsage(rng?: Rng): Record<string, unknown> {
  // Acting for another venue: one that named the fuzzer's venue its agent, one that did not, or itself.
  const agent = rng?.chance(0.3)
    ? {
        channel: 'ticket-agent',
        forVenueId: rng.pick(['kulttuuritalo-kaiku', 'lippupiste', 'teatteri-hilla']),
      }
    : {};
  return {
    ...agent,
    venueId: rng?.chance(0.1) ? 'kulttuuritalo-kaiku' : 'teatteri-hilla',
    show: { id: SHOW, name: 'Taikuri Matti', start: '2030-01-01T18:00:00+02:00', kind: 'show' },
    cardId: CARD,
    childTickets: 0,
    channel: 'box-office',
    mode: 'booking',
    clientTime: '2026-11-21T08:00:00Z',
  };
}

const ODD_VALUES: readonly unknown[] = [
  ...[null, true, 0, -1, 1e308, -0, '', ' ', 'x'.repeat(3000), [], {}, [[[]]], '\u0000', '\ud800'],
  ...['A045198723', '2030-02-30T25:61:00Z', 1.5, '1', { $ne: 1 }, ['a', 1]],
];

function mutateJson(rng: Rng, value: unknown, depth = 0): unknown {
  if (typeof value === 'string' && rng.chance(0.2)) {
    const at = rng.int(value.length + 1);
    return value.slice(0, at) + rng.pick(HIDDEN) + value.slice(at);
  }
  if (rng.chance(0.15) || depth > 4) return rng.pick(ODD_VALUES);
  if (Array.isArray(value)) return value.map((v) => mutateJson(rng, v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (rng.chance(0.1)) continue;
      out[rng.chance(0.05) ? `${k}_x` : k] = rng.chance(0.6) ? v : mutateJson(rng, v, depth + 1);
    }
    if (rng.chance(0.1)) out.__proto__extra = rng.pick(ODD_VALUES);
    // An own key named like an inherited member (defined, so that `__proto__` is a key, not the prototype).
    if (rng.chance(0.15))
      Object.defineProperty(out, rng.pick(PROTO_NAMES), { value: 1, enumerable: true, configurable: true });
    return out;
  }
  return value;
}

/** Bodies: empty, deeply nested, random bytes, batches, cut-off JSON, oversized, else a (mutated) usage. */
const BODIES: ((rng: Rng) => string)[] = [
  () => '',
  (rng) => '{"a":'.repeat(rng.chance(0.05) ? 100_000 : 50),
  (rng) => Buffer.from(Array.from({ length: rng.int(400) }, () => rng.int(256))).toString('latin1'),
  (rng) =>
    JSON.stringify({
      items: Array.from({ length: rng.pick([0, 1, 101, 2000]) }, (_, i) => ({
        idempotencyKey: `fuzz-batch-${i}-${rng.int(1e9)}`,
        usage: mutateJson(rng, validUsage(rng)),
      })),
    }),
  (rng) => JSON.stringify(validUsage(rng)).slice(0, rng.int(150)),
  // Over the 1 MB limit now and then: it costs the fuzzer more than the server.
  (rng) => 'x'.repeat(rng.chance(0.1) ? 1_100_000 : 2000),
];
const usageBody = (r: Rng): string =>
  JSON.stringify(r.chance(0.3) ? validUsage(r) : mutateJson(r, validUsage(r)));
const body = (rng: Rng): string => (BODIES[rng.int(10)] ?? usageBody)(rng);

type Header = readonly [string, string];

const FRAMINGS: ((length: number, rng: Rng) => Header[])[] = [
  (n, rng) => [['Content-Length', String(n + rng.pick([1, 100]))]],
  (n, rng) => [
    ['Content-Length', rng.pick(['-1', 'abc', '1e3', '99999999999999999999', ` ${n}`, `${n}, ${n}`])],
  ],
  () => [['Transfer-Encoding', 'chunked']],
  (n) => [
    ['Transfer-Encoding', 'chunked'],
    ['Content-Length', String(n)],
  ],
  (_n, rng) => [['Transfer-Encoding', rng.pick(['gzip', 'chunked, identity', 'identity'])]],
  (n) => [
    ['Content-Length', String(n)],
    ['Content-Length', String(n + 1)],
  ],
  () => [],
];

/** One of the `|`-separated cases of `text`. */
const oneOf = (rng: Rng, text: string): string => rng.pick(text.split('|'));

/** Headers of a request that is well-formed HTTP: the right Host and framing, values of any meaning. */
function cleanHeaders(rng: Rng, ctx: { hostHeader: string; token: string }, payload: string): Header[] {
  const list: Header[] = [['Host', ctx.hostHeader]];
  if (rng.chance(0.9)) list.push(['Authorization', `Bearer ${rng.chance(0.9) ? ctx.token : 'wrong-token'}`]);
  if (rng.chance(0.9)) list.push(['Content-Type', rng.chance(0.9) ? 'application/json' : 'text/plain']);
  if (rng.chance(0.7))
    list.push(['Idempotency-Key', rng.chance(0.8) ? `fuzz-${rng.int(1e9)}` : `fuzz-fixed-key-${rng.int(3)}`]);
  if (rng.chance(0.1)) list.push(['Origin', rng.pick(['http://localhost:3000', 'https://evil.example'])]);
  list.push(['Content-Length', String(Buffer.byteLength(payload, 'latin1'))]);
  return list;
}

const CONTENT_TYPES =
  'application/json|application/json|application/json; charset=utf-8|text/plain|APPLICATION/JSON|' +
  'application/x-www-form-urlencoded|application/json;;;||multipart/form-data; boundary=x|application/problem+json';

function headers(rng: Rng, ctx: { hostHeader: string; token: string }, payload: string): Header[] {
  const list: Header[] = [];
  const host = rng.chance(0.8)
    ? ctx.hostHeader
    : oneOf(
        rng,
        'evil.example|evil.example:80||[|localhost:99999|127.0.0.1|[::1]|a b|LOCALHOST|localhost.|' +
          'x.localhost|127.1|0x7f.0.0.1|localhost, evil.example',
      );
  if (!rng.chance(0.03)) list.push(['Host', host]);
  if (rng.chance(0.03)) list.push(['Host', 'evil.example']);
  if (rng.chance(0.75)) {
    const odd = `Bearer|Bearer  |Basic eA==|bearer ${ctx.token}|Bearer ${ctx.token} extra|Bearer wrong-token`;
    const long = (): string => (rng.chance(0.15) ? 't'.repeat(9000) : '');
    list.push(['Authorization', rng.chance(0.85) ? `Bearer ${ctx.token}` : oneOf(rng, odd) + long()]);
  }
  if (rng.chance(0.7)) list.push(['Content-Type', oneOf(rng, CONTENT_TYPES)]);
  if (rng.chance(0.5))
    list.push([
      'Idempotency-Key',
      oneOf(
        rng,
        `fuzz-${rng.int(1e9)}|fuzz-fixed-key-${rng.int(3)}||short|${'k'.repeat(300)}|ключ-ключ-ключ|key with spaces ok|` +
          '\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008',
      ),
    ]);
  const origins = ['http://localhost:3000', 'https://evil.example', 'null', '*', 'http://[', ''];
  if (rng.chance(0.2)) list.push(['Origin', rng.pick(origins)]);
  if (rng.chance(0.1)) list.push(['Expect', rng.pick(['100-continue', 'something-else', ''])]);
  if (rng.chance(0.05)) list.push(['Upgrade', 'websocket'], ['Connection', 'Upgrade']);
  if (rng.chance(0.05)) list.push(['X-Big', 'y'.repeat(rng.pick([8000, 20_000, 70_000]))]);
  if (rng.chance(0.05)) for (let i = 0; i < rng.pick([50, 500, 3000]); i++) list.push([`X-H${i}`, 'v']);
  if (rng.chance(0.05)) list.push([rng.pick(['Bad Header', 'X-\u0000', 'X-\u00e4', ':x', '']), 'v']);
  if (rng.chance(0.05)) list.push(['X-Crlf', rng.pick(['a\rb', 'a\nb', 'a\u0000b', 'a\u00ffb'])]);
  if (rng.chance(0.05))
    list.push(['Access-Control-Request-Method', 'POST'], ['Access-Control-Request-Private-Network', 'true']);
  // Framing: correct length (the default), wrong length, chunked (valid or broken), both, or none.
  const length = Buffer.byteLength(payload, 'latin1');
  const framing = FRAMINGS[rng.int(12)] ?? ((n: number): Header[] => [['Content-Length', String(n)]]);
  list.push(...framing(length, rng));
  if (rng.chance(0.2)) list.push(['Connection', rng.pick(['close', 'keep-alive', 'bogus'])]);
  return list.sort(() => (rng.chance(0.1) ? rng.next() - 0.5 : 0));
}

function chunked(rng: Rng, payload: string): string {
  if (rng.chance(0.2))
    return rng.pick([
      'zz\r\nabc\r\n0\r\n\r\n',
      '5\r\nab\r\n0\r\n\r\n',
      '3;ext=' + 'e'.repeat(20_000) + '\r\nabc\r\n0\r\n\r\n',
      'ffffffffffffffffff\r\n',
      '0\r\n',
    ]);
  const parts: string[] = [];
  for (let i = 0; i < payload.length; i += 700) parts.push(payload.slice(i, i + 700));
  return (
    parts.map((p) => `${Buffer.byteLength(p, 'latin1').toString(16)}\r\n${p}\r\n`).join('') + '0\r\n\r\n'
  );
}

/** One generated request. */
export function generateRequest(rng: Rng, ctx: { hostHeader: string; token: string }): FuzzRequest {
  if (rng.chance(0.03)) {
    const junk = rng.pick([
      '\r\n\r\n',
      'GET\r\n\r\n',
      '\u0016\u0003\u0001\u0000\u00a5\u0001',
      'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
      Buffer.from(Array.from({ length: 200 }, () => rng.int(256))).toString('latin1'),
      'GET / HTTP/1.1\r\nHost: localhost\r\n',
    ]);
    // Blank lines before a request are ignored (RFC 9112 §2.2): with nothing after them, closing is the answer.
    return { bytes: Buffer.from(junk, 'latin1'), text: junk, head: false, mayGoUnanswered: !junk.trim() };
  }
  // Half the requests are well-formed HTTP (they reach the routes with odd meanings); half break the protocol too.
  const hostile = rng.chance(0.5);
  const method =
    !hostile || rng.chance(0.5)
      ? rng.pick(['GET', 'POST', 'POST', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'] as const)
      : rng.pick(METHODS);
  let target: string = rng.pick(TARGETS);
  if (rng.chance(0.1)) {
    const at = rng.int(target.length + 1);
    const inserts = ['/', '//', '%', '%2', '%25', '..', '?', '#', '%00', ';', '@'];
    const insert = rng.pick(hostile ? [...inserts, ' ', '\t', '\u00e9'] : inserts);
    target = target.slice(0, at) + insert + target.slice(at);
  }
  const version = !hostile || rng.chance(0.8) ? 'HTTP/1.1' : rng.pick(ODD_VERSIONS);
  const payload =
    method === 'GET' || method === 'HEAD' ? (hostile && rng.chance(0.2) ? body(rng) : '') : body(rng);
  const hs = hostile ? headers(rng, ctx, payload) : cleanHeaders(rng, ctx, payload);
  const isChunked = hs.some(([k, v]) => k === 'Transfer-Encoding' && v.startsWith('chunked'));
  const eol = rng.chance(0.03) ? '\n' : '\r\n';
  const line = version === '' ? `${method} ${target}` : `${method} ${target} ${version}`;
  const text = `${line}${eol}${hs.map(([k, v]) => `${k}: ${v}`).join(eol)}${hs.length ? eol : ''}${eol}${isChunked ? chunked(rng, payload) : payload}`;
  const bytes = Buffer.from(text, rng.chance(0.9) ? 'latin1' : 'utf8');
  return { bytes, text, head: method === 'HEAD', mayGoUnanswered: false };
}
